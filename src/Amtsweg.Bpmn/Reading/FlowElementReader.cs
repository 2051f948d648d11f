using System.Xml.Linq;
using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Reading;

/// <summary>Reads the attributes and typed children of flow elements (activities, gateways, events, flows, data).</summary>
internal static class FlowElementReader
{
    private static readonly XNamespace Bpmn = BpmnNamespaces.Model;

    public static void Populate(FlowElement element, XElement source, List<BpmnElement> children)
    {
        switch (element)
        {
            case SequenceFlow flow:
                flow.SourceRef = ModelBuilder.Reference(source, "sourceRef");
                flow.TargetRef = ModelBuilder.Reference(source, "targetRef");
                flow.ConditionExpression = ModelBuilder.Expression(source, "conditionExpression");
                flow.IsImmediate = ModelBuilder.OptionalBool(source, "isImmediate");
                break;
            case Activity activity:
                PopulateActivity(activity, source, children);
                break;
            case Gateway gateway:
                PopulateGateway(gateway, source);
                break;
            case BpmnEvent bpmnEvent:
                PopulateEvent(bpmnEvent, source, children);
                break;
            case DataObject dataObject:
                dataObject.IsCollection = ModelBuilder.Bool(source, "isCollection", false);
                dataObject.ItemSubjectRef = ModelBuilder.Attr(source, "itemSubjectRef");
                break;
            case DataObjectReference reference:
                reference.DataObjectRef = ModelBuilder.Attr(source, "dataObjectRef");
                break;
            case DataStoreReference reference:
                reference.DataStoreRef = ModelBuilder.Attr(source, "dataStoreRef");
                break;
            default:
                throw new InvalidOperationException($"Flow element type {element.GetType().Name} has no reader.");
        }
    }

    private static void PopulateActivity(Activity activity, XElement source, List<BpmnElement> children)
    {
        activity.IsForCompensation = ModelBuilder.Bool(source, "isForCompensation", false);
        activity.StartQuantity = ModelBuilder.Int(source, "startQuantity") ?? 1;
        activity.CompletionQuantity = ModelBuilder.Int(source, "completionQuantity") ?? 1;
        activity.DefaultRef = ModelBuilder.Attr(source, "default");
        activity.LoopCharacteristics = children.OfType<LoopCharacteristics>().FirstOrDefault();
        activity.DataInputAssociations = [.. children.OfType<DataAssociation>().Where(a => a.IsInput)];
        activity.DataOutputAssociations = [.. children.OfType<DataAssociation>().Where(a => !a.IsInput)];
        switch (activity)
        {
            case BpmnTask task:
                PopulateTask(task, source);
                break;
            case CallActivity call:
                call.CalledElement = ModelBuilder.Attr(source, "calledElement");
                break;
            case SubProcess subProcess:
                subProcess.TriggeredByEvent = ModelBuilder.Bool(source, "triggeredByEvent", false);
                subProcess.FlowElements = [.. children.OfType<FlowElement>()];
                subProcess.FlowNodes = [.. children.OfType<FlowNode>()];
                subProcess.SequenceFlows = [.. children.OfType<SequenceFlow>()];
                subProcess.Artifacts = [.. children.OfType<Artifact>()];
                subProcess.LaneSets = [.. children.OfType<LaneSet>()];
                ModelBuilder.SetScope(subProcess, subProcess.FlowElements);
                if (subProcess is Transaction transaction)
                {
                    transaction.Method = ModelBuilder.Attr(source, "method") ?? "##Compensate";
                }
                else if (subProcess is AdHocSubProcess adHoc)
                {
                    adHoc.Ordering = ModelBuilder.Attr(source, "ordering") ?? "Parallel";
                    adHoc.CancelRemainingInstances = ModelBuilder.Bool(source, "cancelRemainingInstances", true);
                    adHoc.CompletionCondition = ModelBuilder.Expression(source, "completionCondition");
                }

                break;
            default:
                throw new InvalidOperationException($"Activity type {activity.GetType().Name} has no reader.");
        }
    }

    private static void PopulateTask(BpmnTask task, XElement source)
    {
        task.Implementation = ModelBuilder.Attr(source, "implementation");
        switch (task)
        {
            case ServiceTask service:
                service.OperationRef = ModelBuilder.Attr(source, "operationRef");
                break;
            case SendTask send:
                send.MessageRef = ModelBuilder.Attr(source, "messageRef");
                send.OperationRef = ModelBuilder.Attr(source, "operationRef");
                break;
            case ReceiveTask receive:
                receive.MessageRef = ModelBuilder.Attr(source, "messageRef");
                receive.OperationRef = ModelBuilder.Attr(source, "operationRef");
                receive.Instantiate = ModelBuilder.Bool(source, "instantiate", false);
                break;
            case ScriptTask script:
                script.ScriptFormat = ModelBuilder.Attr(source, "scriptFormat");
                script.Script = source.Element(Bpmn + "script")?.Value;
                break;
            default:
                break;
        }
    }

    private static void PopulateGateway(Gateway gateway, XElement source)
    {
        gateway.GatewayDirection = ModelBuilder.Attr(source, "gatewayDirection") ?? "Unspecified";
        gateway.DefaultRef = ModelBuilder.Attr(source, "default");
        switch (gateway)
        {
            case EventBasedGateway eventBased:
                eventBased.Instantiate = ModelBuilder.Bool(source, "instantiate", false);
                eventBased.EventGatewayType = ModelBuilder.Attr(source, "eventGatewayType") ?? "Exclusive";
                break;
            case ComplexGateway complex:
                complex.ActivationCondition = ModelBuilder.Expression(source, "activationCondition");
                break;
            default:
                break;
        }
    }

    private static void PopulateEvent(BpmnEvent bpmnEvent, XElement source, List<BpmnElement> children)
    {
        bpmnEvent.EventDefinitions = [.. children.OfType<EventDefinition>()];
        bpmnEvent.EventDefinitionRefs = [.. source.Elements(Bpmn + "eventDefinitionRef").Select(e => e.Value.Trim())];
        bpmnEvent.DataInputAssociations = [.. children.OfType<DataAssociation>().Where(a => a.IsInput)];
        bpmnEvent.DataOutputAssociations = [.. children.OfType<DataAssociation>().Where(a => !a.IsInput)];
        if (bpmnEvent is CatchEvent catchEvent)
        {
            catchEvent.ParallelMultiple = ModelBuilder.Bool(source, "parallelMultiple", false);
        }

        switch (bpmnEvent)
        {
            case StartEvent start:
                start.IsInterrupting = ModelBuilder.Bool(source, "isInterrupting", true);
                break;
            case BoundaryEvent boundary:
                boundary.AttachedToRef = ModelBuilder.Reference(source, "attachedToRef");
                boundary.CancelActivity = ModelBuilder.Bool(source, "cancelActivity", true);
                break;
            default:
                break;
        }
    }
}
