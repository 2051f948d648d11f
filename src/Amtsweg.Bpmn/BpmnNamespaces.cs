using System.Xml.Linq;

namespace Amtsweg.Bpmn;

/// <summary>The XML namespaces of BPMN 2.0, its diagram interchange and the Camunda 8 (Zeebe) dialect.</summary>
public static class BpmnNamespaces
{
    /// <summary>BPMN 2.0 semantic model.</summary>
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>BPMN diagram interchange (BPMNDiagram, BPMNShape, ...).</summary>
    public static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";

    /// <summary>OMG diagram commons (Bounds, Point).</summary>
    public static readonly XNamespace DiagramCommon = "http://www.omg.org/spec/DD/20100524/DC";

    /// <summary>OMG diagram interchange (waypoint, extension).</summary>
    public static readonly XNamespace DiagramInterchange = "http://www.omg.org/spec/DD/20100524/DI";

    /// <summary>XML Schema instance (xsi:type).</summary>
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Camunda 8 (Zeebe) extension elements.</summary>
    public static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";

    /// <summary>Camunda 7 extension attributes (<c>camunda:asyncBefore</c>, <c>camunda:formKey</c>), read where Amtsweg runs them.</summary>
    public static readonly XNamespace Camunda7 = "http://camunda.org/schema/1.0/bpmn";
}
