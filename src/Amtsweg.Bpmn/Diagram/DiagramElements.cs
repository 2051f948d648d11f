using System.Collections.Immutable;
using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Diagram;

/// <summary>A <c>BPMNDiagram</c>: one drawing of the model.</summary>
public sealed class BpmnDiagram : BpmnElement
{
    internal BpmnDiagram()
    {
    }

    /// <summary>The <c>resolution</c> attribute, or null.</summary>
    public double? Resolution { get; internal set; }

    /// <summary>The plane with the shapes and edges, or null.</summary>
    public BpmnPlane? Plane { get; internal set; }
}

/// <summary>A <c>BPMNPlane</c>: the drawing surface of a process, collaboration or expanded sub-process.</summary>
public sealed class BpmnPlane : BpmnElement
{
    internal BpmnPlane()
    {
    }

    /// <summary>The <c>bpmnElement</c> attribute as written, or null.</summary>
    public string? BpmnElementRef { get; internal set; }

    /// <summary>The resolved model element, or null.</summary>
    public BpmnElement? BpmnElement { get; internal set; }

    /// <summary>Shapes and edges in drawing order.</summary>
    public ImmutableArray<DiagramElement> DiagramElements { get; internal set; } = [];

    /// <summary>The shapes of the plane.</summary>
    public IEnumerable<BpmnShape> Shapes => DiagramElements.OfType<BpmnShape>();

    /// <summary>The edges of the plane.</summary>
    public IEnumerable<BpmnEdge> Edges => DiagramElements.OfType<BpmnEdge>();
}

/// <summary>A shape or an edge that draws one model element.</summary>
public abstract class DiagramElement : BpmnElement
{
    private protected DiagramElement()
    {
    }

    /// <summary>The <c>bpmnElement</c> attribute as written, or null.</summary>
    public string? BpmnElementRef { get; internal set; }

    /// <summary>The resolved model element, or null.</summary>
    public BpmnElement? BpmnElement { get; internal set; }

    /// <summary>The label, or null.</summary>
    public BpmnLabel? Label { get; internal set; }
}

/// <summary>A <c>BPMNShape</c>.</summary>
public sealed class BpmnShape : DiagramElement
{
    internal BpmnShape()
    {
    }

    /// <summary>The <c>dc:Bounds</c>; null only in an invalid file.</summary>
    public DiagramBounds? Bounds { get; internal set; }

    /// <summary>The <c>isHorizontal</c> attribute (pools and lanes), or null.</summary>
    public bool? IsHorizontal { get; internal set; }

    /// <summary>The <c>isExpanded</c> attribute (sub-processes), or null.</summary>
    public bool? IsExpanded { get; internal set; }

    /// <summary>The <c>isMarkerVisible</c> attribute (exclusive gateways), or null.</summary>
    public bool? IsMarkerVisible { get; internal set; }
}

/// <summary>A <c>BPMNEdge</c>.</summary>
public sealed class BpmnEdge : DiagramElement
{
    internal BpmnEdge()
    {
    }

    /// <summary>The <c>di:waypoint</c> children.</summary>
    public ImmutableArray<DiagramPoint> Waypoints { get; internal set; } = [];

    /// <summary>The <c>sourceElement</c> attribute, or null.</summary>
    public string? SourceElementRef { get; internal set; }

    /// <summary>The <c>targetElement</c> attribute, or null.</summary>
    public string? TargetElementRef { get; internal set; }
}

/// <summary>A <c>BPMNLabel</c>.</summary>
public sealed class BpmnLabel : BpmnElement
{
    internal BpmnLabel()
    {
    }

    /// <summary>The <c>dc:Bounds</c>, or null.</summary>
    public DiagramBounds? Bounds { get; internal set; }

    /// <summary>The <c>labelStyle</c> attribute, or null.</summary>
    public string? LabelStyleRef { get; internal set; }
}

/// <summary>A rectangle in diagram coordinates.</summary>
public readonly record struct DiagramBounds(double X, double Y, double Width, double Height);

/// <summary>A point in diagram coordinates.</summary>
public readonly record struct DiagramPoint(double X, double Y);
