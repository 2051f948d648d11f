using System.Xml.Linq;
using Amtsweg.Bpmn.Diagram;
using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Reading;

/// <summary>
/// Decides which XML elements become typed model elements, by name and by the typed parent they are in.
/// Everything else is kept verbatim.
/// </summary>
internal static class ElementFactory
{
    // The heads of the BPMN schema's substitution groups. XML Schema allows writing e.g. <flowElement xsi:type="tTask">
    // instead of <task>; some EMF-based tools do.
    private static readonly HashSet<string> SubstitutionHeads =
        ["rootElement", "flowElement", "artifact", "eventDefinition", "loopCharacteristics"];

    public static BpmnElement? Create(XElement element, BpmnElement parent)
    {
        var name = element.Name;
        if (name.Namespace == BpmnNamespaces.Model)
        {
            return CreateSemantic(EffectiveLocalName(element), parent);
        }

        if (name.Namespace == BpmnNamespaces.BpmnDi)
        {
            return (name.LocalName, parent) switch
            {
                ("BPMNDiagram", BpmnDefinitions) => new BpmnDiagram(),
                ("BPMNPlane", BpmnDiagram) => new BpmnPlane(),
                ("BPMNShape", BpmnPlane) => new BpmnShape(),
                ("BPMNEdge", BpmnPlane) => new BpmnEdge(),
                ("BPMNLabel", DiagramElement) => new BpmnLabel(),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>The element's local name, or for a substitution-group head the type named by xsi:type (<c>tTask</c> gives <c>task</c>).</summary>
    private static string EffectiveLocalName(XElement element)
    {
        var localName = element.Name.LocalName;
        if (!SubstitutionHeads.Contains(localName) || element.Attribute(BpmnNamespaces.Xsi + "type")?.Value is not { } type)
        {
            return localName;
        }

        var typeName = BpmnReferences.LocalPart(type);
        return typeName.Length > 1 && typeName[0] == 't' && char.IsUpper(typeName[1])
            ? char.ToLowerInvariant(typeName[1]) + typeName[2..]
            : localName;
    }

    private static BpmnElement? CreateSemantic(string localName, BpmnElement parent) => parent switch
    {
        BpmnDefinitions => CreateRootElement(localName),
        IFlowElementScope => CreateFlowElement(localName) ?? CreateScopeChild(localName) ?? (parent is Activity ? CreateActivityChild(localName) : null),
        BpmnEvent => (BpmnElement?)CreateEventDefinition(localName) ?? CreateDataAssociation(localName),
        Activity => CreateActivityChild(localName),
        Collaboration => localName switch
        {
            "participant" => new Participant(),
            "messageFlow" => new MessageFlow(),
            _ => CreateArtifact(localName),
        },
        LaneSet when localName == "lane" => new Lane(),
        Lane when localName == "childLaneSet" => new LaneSet(),
        _ => null,
    };

    private static BpmnElement? CreateRootElement(string localName) => localName switch
    {
        "process" => new BpmnProcess(),
        "collaboration" => new Collaboration(),
        "message" => new Message(),
        "error" => new Error(),
        "escalation" => new Escalation(),
        "signal" => new Signal(),
        "itemDefinition" => new ItemDefinition(),
        "dataStore" => new DataStore(),
        _ => CreateEventDefinition(localName),
    };

    private static BpmnElement? CreateScopeChild(string localName) => localName switch
    {
        "laneSet" => new LaneSet(),
        _ => CreateArtifact(localName),
    };

    private static BpmnElement? CreateArtifact(string localName) => localName switch
    {
        "textAnnotation" => new TextAnnotation(),
        "association" => new Association(),
        "group" => new Group(),
        _ => null,
    };

    private static BpmnElement? CreateActivityChild(string localName) => localName switch
    {
        "standardLoopCharacteristics" => new StandardLoopCharacteristics(),
        "multiInstanceLoopCharacteristics" => new MultiInstanceLoopCharacteristics(),
        _ => CreateDataAssociation(localName),
    };

    private static DataAssociation? CreateDataAssociation(string localName) => localName switch
    {
        "dataInputAssociation" => new DataAssociation { IsInput = true },
        "dataOutputAssociation" => new DataAssociation { IsInput = false },
        _ => null,
    };

    private static FlowElement? CreateFlowElement(string localName) => localName switch
    {
        "task" => new BpmnTask(),
        "userTask" => new UserTask(),
        "manualTask" => new ManualTask(),
        "serviceTask" => new ServiceTask(),
        "sendTask" => new SendTask(),
        "receiveTask" => new ReceiveTask(),
        "scriptTask" => new ScriptTask(),
        "businessRuleTask" => new BusinessRuleTask(),
        "callActivity" => new CallActivity(),
        "subProcess" => new SubProcess(),
        "transaction" => new Transaction(),
        "adHocSubProcess" => new AdHocSubProcess(),
        "exclusiveGateway" => new ExclusiveGateway(),
        "inclusiveGateway" => new InclusiveGateway(),
        "parallelGateway" => new ParallelGateway(),
        "eventBasedGateway" => new EventBasedGateway(),
        "complexGateway" => new ComplexGateway(),
        "startEvent" => new StartEvent(),
        "endEvent" => new EndEvent(),
        "intermediateCatchEvent" => new IntermediateCatchEvent(),
        "intermediateThrowEvent" => new IntermediateThrowEvent(),
        "boundaryEvent" => new BoundaryEvent(),
        "sequenceFlow" => new SequenceFlow(),
        "dataObject" => new DataObject(),
        "dataObjectReference" => new DataObjectReference(),
        "dataStoreReference" => new DataStoreReference(),
        _ => null,
    };

    private static EventDefinition? CreateEventDefinition(string localName) => localName switch
    {
        "messageEventDefinition" => new MessageEventDefinition(),
        "timerEventDefinition" => new TimerEventDefinition(),
        "errorEventDefinition" => new ErrorEventDefinition(),
        "escalationEventDefinition" => new EscalationEventDefinition(),
        "signalEventDefinition" => new SignalEventDefinition(),
        "conditionalEventDefinition" => new ConditionalEventDefinition(),
        "linkEventDefinition" => new LinkEventDefinition(),
        "compensateEventDefinition" => new CompensateEventDefinition(),
        "cancelEventDefinition" => new CancelEventDefinition(),
        "terminateEventDefinition" => new TerminateEventDefinition(),
        _ => null,
    };
}
