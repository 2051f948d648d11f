using System.Collections.Immutable;
using System.Xml.Linq;
using Amtsweg.Bpmn.Diagram;
using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Reading;

/// <summary>Reads the BPMN diagram interchange: diagrams, planes, shapes, edges and labels.</summary>
internal static class DiagramReader
{
    private static readonly XNamespace Dc = BpmnNamespaces.DiagramCommon;
    private static readonly XNamespace Di = BpmnNamespaces.DiagramInterchange;

    public static void Populate(BpmnElement element, XElement source, List<BpmnElement> children)
    {
        switch (element)
        {
            case BpmnDiagram diagram:
                diagram.Resolution = ModelBuilder.Double(source, "resolution");
                diagram.Plane = children.OfType<BpmnPlane>().FirstOrDefault();
                break;
            case BpmnPlane plane:
                plane.BpmnElementRef = ModelBuilder.Attr(source, "bpmnElement");
                plane.DiagramElements = [.. children.OfType<DiagramElement>()];
                break;
            case BpmnShape shape:
                PopulateDiagramElement(shape, source, children);
                shape.Bounds = Bounds(source);
                shape.IsHorizontal = ModelBuilder.OptionalBool(source, "isHorizontal");
                shape.IsExpanded = ModelBuilder.OptionalBool(source, "isExpanded");
                shape.IsMarkerVisible = ModelBuilder.OptionalBool(source, "isMarkerVisible");
                break;
            case BpmnEdge edge:
                PopulateDiagramElement(edge, source, children);
                edge.Waypoints = Waypoints(source);
                edge.SourceElementRef = ModelBuilder.Attr(source, "sourceElement");
                edge.TargetElementRef = ModelBuilder.Attr(source, "targetElement");
                break;
            case BpmnLabel label:
                label.Bounds = Bounds(source);
                label.LabelStyleRef = ModelBuilder.Attr(source, "labelStyle");
                break;
            default:
                throw new InvalidOperationException($"Element type {element.GetType().Name} has no reader.");
        }
    }

    private static void PopulateDiagramElement(DiagramElement element, XElement source, List<BpmnElement> children)
    {
        element.BpmnElementRef = ModelBuilder.Attr(source, "bpmnElement");
        element.Label = children.OfType<BpmnLabel>().FirstOrDefault();
    }

    private static DiagramBounds? Bounds(XElement source)
    {
        var bounds = source.Element(Dc + "Bounds");
        return bounds is null
            ? null
            : new DiagramBounds(
                ModelBuilder.Double(bounds, "x") ?? 0,
                ModelBuilder.Double(bounds, "y") ?? 0,
                ModelBuilder.Double(bounds, "width") ?? 0,
                ModelBuilder.Double(bounds, "height") ?? 0);
    }

    private static ImmutableArray<DiagramPoint> Waypoints(XElement source) =>
        [.. source.Elements(Di + "waypoint").Select(p => new DiagramPoint(ModelBuilder.Double(p, "x") ?? 0, ModelBuilder.Double(p, "y") ?? 0))];
}
