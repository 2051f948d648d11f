using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using Amtsweg.Bpmn.Diagram;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Xml;
using Amtsweg.Bpmn.Zeebe;

namespace Amtsweg.Bpmn.Reading;

/// <summary>
/// First pass of reading: turns the XML tree into typed elements and verbatim content, and reads each
/// element's own attributes. References between elements are resolved afterwards by <see cref="ReferenceResolver"/>,
/// so they may point forwards or backwards.
/// </summary>
internal sealed class ModelBuilder
{
    private static readonly XNamespace Bpmn = BpmnNamespaces.Model;
    private readonly List<string> _duplicateIds = [];

    public Dictionary<string, BpmnElement> ElementsById { get; } = new(StringComparer.Ordinal);

    public BpmnDefinitions Build(XElement root)
    {
        var definitions = new BpmnDefinitions();
        Fill(definitions, root, parent: null);
        definitions.DuplicateIds = [.. _duplicateIds.Distinct(StringComparer.Ordinal)];
        return definitions;
    }

    // Recursion depth follows the XML nesting, which SafeXml bounds (256 levels by default).
    private void Fill(BpmnElement element, XElement source, BpmnElement? parent)
    {
        var (line, column) = XmlConversion.Position(source);
        element.ElementName = source.Name;
        element.Id = Attr(source, "id");
        element.Name = Attr(source, "name");
        element.Line = line;
        element.Column = column;
        element.Parent = parent;
        element.Attributes = XmlConversion.Attributes(source);
        if (element.Id is { Length: > 0 } id && !ElementsById.TryAdd(id, element))
        {
            _duplicateIds.Add(id);
        }

        var content = ImmutableArray.CreateBuilder<BpmnContent>();
        var children = new List<BpmnElement>();
        ImmutableArray<BpmnDocumentation>.Builder? documentation = null;
        ImmutableArray<XmlElementData>.Builder? extensions = null;
        foreach (var node in source.Nodes())
        {
            if (node is XElement child)
            {
                if (child.Name == Bpmn + "documentation")
                {
                    documentation ??= ImmutableArray.CreateBuilder<BpmnDocumentation>();
                    documentation.Add(new BpmnDocumentation(child.Value, Attr(child, "textFormat") ?? "text/plain"));
                }
                else if (child.Name == Bpmn + "extensionElements" || child.Name == BpmnNamespaces.DiagramInterchange + "extension")
                {
                    extensions ??= ImmutableArray.CreateBuilder<XmlElementData>();
                    extensions.AddRange(child.Elements().Select(XmlConversion.ToData));
                }
                else if (ElementFactory.Create(child, element) is { } typed)
                {
                    Fill(typed, child, element);
                    content.Add(new BpmnContent(typed));
                    children.Add(typed);
                    continue;
                }
            }

            if (XmlConversion.ToData(node) is { } raw)
            {
                content.Add(new BpmnContent(raw));
            }
        }

        element.Content = content.DrainToImmutable();
        element.Documentation = documentation?.ToImmutable() ?? [];
        element.ExtensionElements = extensions?.ToImmutable() ?? [];
        element.Zeebe = ZeebeExtensionReader.Read(element.ExtensionElements);
        Populate(element, source, children);
    }

    private static void Populate(BpmnElement element, XElement source, List<BpmnElement> children)
    {
        switch (element)
        {
            case BpmnDefinitions definitions:
                definitions.TargetNamespace = Attr(source, "targetNamespace");
                definitions.Exporter = Attr(source, "exporter");
                definitions.ExporterVersion = Attr(source, "exporterVersion");
                definitions.ExpressionLanguage = Attr(source, "expressionLanguage");
                definitions.RootElements = [.. children.OfType<BpmnRootElement>()];
                definitions.Processes = [.. children.OfType<BpmnProcess>()];
                definitions.Collaborations = [.. children.OfType<Collaboration>()];
                definitions.Messages = [.. children.OfType<Message>()];
                definitions.Errors = [.. children.OfType<Error>()];
                definitions.Escalations = [.. children.OfType<Escalation>()];
                definitions.Signals = [.. children.OfType<Signal>()];
                definitions.ItemDefinitions = [.. children.OfType<ItemDefinition>()];
                definitions.DataStores = [.. children.OfType<DataStore>()];
                definitions.Diagrams = [.. children.OfType<BpmnDiagram>()];
                break;
            case BpmnProcess process:
                process.IsExecutable = OptionalBool(source, "isExecutable");
                process.ProcessType = Attr(source, "processType") ?? "None";
                process.IsClosed = Bool(source, "isClosed", false);
                process.FlowElements = [.. children.OfType<FlowElement>()];
                process.FlowNodes = [.. children.OfType<FlowNode>()];
                process.SequenceFlows = [.. children.OfType<SequenceFlow>()];
                process.Artifacts = [.. children.OfType<Artifact>()];
                process.LaneSets = [.. children.OfType<LaneSet>()];
                SetScope(process, process.FlowElements);
                break;
            case Collaboration collaboration:
                collaboration.IsClosed = Bool(source, "isClosed", false);
                collaboration.Participants = [.. children.OfType<Participant>()];
                collaboration.MessageFlows = [.. children.OfType<MessageFlow>()];
                collaboration.Artifacts = [.. children.OfType<Artifact>()];
                break;
            case Participant participant:
                participant.ProcessRef = Attr(source, "processRef");
                break;
            case MessageFlow messageFlow:
                messageFlow.SourceRef = Reference(source, "sourceRef");
                messageFlow.TargetRef = Reference(source, "targetRef");
                messageFlow.MessageRef = Attr(source, "messageRef");
                break;
            case LaneSet laneSet:
                laneSet.Lanes = [.. children.OfType<Lane>()];
                break;
            case Lane lane:
                lane.FlowNodeRefs = [.. source.Elements(Bpmn + "flowNodeRef").Select(e => e.Value.Trim())];
                lane.ChildLaneSet = children.OfType<LaneSet>().FirstOrDefault();
                lane.PartitionElementRef = Attr(source, "partitionElementRef");
                break;
            case Message message:
                message.ItemRef = Attr(source, "itemRef");
                break;
            case Error error:
                error.ErrorCode = Attr(source, "errorCode");
                error.StructureRef = Attr(source, "structureRef");
                break;
            case Escalation escalation:
                escalation.EscalationCode = Attr(source, "escalationCode");
                escalation.StructureRef = Attr(source, "structureRef");
                break;
            case Signal signal:
                signal.StructureRef = Attr(source, "structureRef");
                break;
            case ItemDefinition itemDefinition:
                itemDefinition.ItemKind = Attr(source, "itemKind") ?? "Information";
                itemDefinition.StructureRef = Attr(source, "structureRef");
                itemDefinition.IsCollection = Bool(source, "isCollection", false);
                break;
            case DataStore dataStore:
                dataStore.Capacity = Int(source, "capacity");
                dataStore.IsUnlimited = Bool(source, "isUnlimited", true);
                dataStore.ItemSubjectRef = Attr(source, "itemSubjectRef");
                break;
            case EventDefinition eventDefinition:
                PopulateEventDefinition(eventDefinition, source);
                break;
            case FlowElement flowElement:
                FlowElementReader.Populate(flowElement, source, children);
                break;
            case DataAssociation association:
                association.SourceRefs = [.. source.Elements(Bpmn + "sourceRef").Select(e => e.Value.Trim())];
                association.TargetRef = source.Element(Bpmn + "targetRef")?.Value.Trim();
                association.Transformation = Expression(source, "transformation");
                break;
            case StandardLoopCharacteristics standardLoop:
                standardLoop.TestBefore = Bool(source, "testBefore", false);
                standardLoop.LoopMaximum = Int(source, "loopMaximum");
                standardLoop.LoopCondition = Expression(source, "loopCondition");
                break;
            case MultiInstanceLoopCharacteristics multiInstance:
                multiInstance.IsSequential = Bool(source, "isSequential", false);
                multiInstance.Behavior = Attr(source, "behavior") ?? "All";
                multiInstance.LoopCardinality = Expression(source, "loopCardinality");
                multiInstance.CompletionCondition = Expression(source, "completionCondition");
                multiInstance.LoopDataInputRef = source.Element(Bpmn + "loopDataInputRef")?.Value.Trim();
                multiInstance.LoopDataOutputRef = source.Element(Bpmn + "loopDataOutputRef")?.Value.Trim();
                break;
            case TextAnnotation annotation:
                annotation.Text = source.Element(Bpmn + "text")?.Value;
                annotation.TextFormat = Attr(source, "textFormat") ?? "text/plain";
                break;
            case Association association:
                association.SourceRef = Reference(source, "sourceRef");
                association.TargetRef = Reference(source, "targetRef");
                association.AssociationDirection = Attr(source, "associationDirection") ?? "None";
                break;
            case Group group:
                group.CategoryValueRef = Attr(source, "categoryValueRef");
                break;
            default:
                DiagramReader.Populate(element, source, children);
                break;
        }
    }

    private static void PopulateEventDefinition(EventDefinition definition, XElement source)
    {
        switch (definition)
        {
            case MessageEventDefinition message:
                message.MessageRef = Attr(source, "messageRef");
                message.OperationRef = source.Element(Bpmn + "operationRef")?.Value.Trim();
                break;
            case TimerEventDefinition timer:
                timer.TimeDate = Expression(source, "timeDate");
                timer.TimeCycle = Expression(source, "timeCycle");
                timer.TimeDuration = Expression(source, "timeDuration");
                break;
            case ErrorEventDefinition error:
                error.ErrorRef = Attr(source, "errorRef");
                break;
            case EscalationEventDefinition escalation:
                escalation.EscalationRef = Attr(source, "escalationRef");
                break;
            case SignalEventDefinition signal:
                signal.SignalRef = Attr(source, "signalRef");
                break;
            case ConditionalEventDefinition conditional:
                conditional.Condition = Expression(source, "condition");
                break;
            case LinkEventDefinition link:
                link.Sources = [.. source.Elements(Bpmn + "source").Select(e => e.Value.Trim())];
                link.Target = source.Element(Bpmn + "target")?.Value.Trim();
                break;
            case CompensateEventDefinition compensate:
                compensate.ActivityRef = Attr(source, "activityRef");
                compensate.WaitForCompletion = Bool(source, "waitForCompletion", true);
                break;
            case CancelEventDefinition or TerminateEventDefinition:
                break;
            default:
                throw new InvalidOperationException($"Event definition type {definition.GetType().Name} has no reader.");
        }
    }

    internal static void SetScope(IFlowElementScope scope, ImmutableArray<FlowElement> flowElements)
    {
        foreach (var flowElement in flowElements)
        {
            flowElement.Scope = scope;
        }
    }

    internal static string? Attr(XElement element, string name) => element.Attribute(name)?.Value;

    /// <summary>
    /// A reference held in an attribute, as the schema defines; some tools write it as a child element instead,
    /// which is accepted too. Empty when absent.
    /// </summary>
    internal static string Reference(XElement element, string name) =>
        Attr(element, name) ?? element.Element(Bpmn + name)?.Value.Trim() ?? string.Empty;

    internal static bool Bool(XElement element, string name, bool defaultValue) =>
        OptionalBool(element, name) ?? defaultValue;

    internal static bool? OptionalBool(XElement element, string name) => Attr(element, name)?.Trim() switch
    {
        null => null,
        "true" or "1" or "True" or "TRUE" => true,
        "false" or "0" or "False" or "FALSE" => false,
        _ => null,
    };

    internal static int? Int(XElement element, string name) =>
        int.TryParse(Attr(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    internal static double? Double(XElement element, string name) =>
        double.TryParse(Attr(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Reads the first BPMN child of the given name as an expression.</summary>
    internal static BpmnFormalExpression? Expression(XElement parent, string localName)
    {
        var element = parent.Element(Bpmn + localName);
        if (element is null)
        {
            return null;
        }

        var (line, column) = XmlConversion.Position(element);
        var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value));
        return new BpmnFormalExpression(text, Attr(element, "language"), element.Attribute(BpmnNamespaces.Xsi + "type")?.Value, Attr(element, "id"), line, column);
    }
}
