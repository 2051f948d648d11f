using System.Collections.Immutable;
using Amtsweg.Bpmn.Diagram;
using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Reading;

/// <summary>
/// Second pass of reading: resolves id references to objects once every element exists, and derives the
/// graph an executor walks (incoming and outgoing flows, attached boundary events, lanes of a node).
/// Incoming and outgoing come from the flows' <c>sourceRef</c>/<c>targetRef</c>; the optional
/// <c>incoming</c>/<c>outgoing</c> children are redundant and only kept for writing.
/// </summary>
internal static class ReferenceResolver
{
    public static void Resolve(BpmnDefinitions definitions, Dictionary<string, BpmnElement> elementsById)
    {
        definitions.ElementsById = elementsById;
        var incoming = new Dictionary<FlowNode, ImmutableArray<SequenceFlow>.Builder>();
        var outgoing = new Dictionary<FlowNode, ImmutableArray<SequenceFlow>.Builder>();
        var boundaries = new Dictionary<Activity, ImmutableArray<BoundaryEvent>.Builder>();
        var lanes = new Dictionary<FlowNode, ImmutableArray<Lane>.Builder>();

        foreach (var element in definitions.DescendantsAndSelf())
        {
            switch (element)
            {
                case SequenceFlow flow:
                    flow.Source = definitions.FindElement<FlowNode>(flow.SourceRef);
                    flow.Target = definitions.FindElement<FlowNode>(flow.TargetRef);
                    if (flow.Source is not null)
                    {
                        Add(outgoing, flow.Source, flow);
                    }

                    if (flow.Target is not null)
                    {
                        Add(incoming, flow.Target, flow);
                    }

                    break;
                case Activity activity:
                    activity.Default = definitions.FindElement<SequenceFlow>(activity.DefaultRef);
                    ResolveTask(definitions, activity);
                    break;
                case Gateway gateway:
                    gateway.Default = definitions.FindElement<SequenceFlow>(gateway.DefaultRef);
                    break;
                case BpmnEvent bpmnEvent:
                    ResolveEvent(definitions, bpmnEvent, boundaries);
                    break;
                case EventDefinition eventDefinition:
                    ResolveEventDefinition(definitions, eventDefinition);
                    break;
                case DataObjectReference reference:
                    reference.DataObject = definitions.FindElement<DataObject>(reference.DataObjectRef);
                    break;
                case DataStoreReference reference:
                    reference.DataStore = definitions.FindElement<DataStore>(reference.DataStoreRef);
                    break;
                case DataAssociation association:
                    association.Sources = [.. association.SourceRefs.Select(definitions.FindElement).OfType<BpmnElement>()];
                    association.Target = definitions.FindElement(association.TargetRef);
                    break;
                case Association association:
                    association.Source = definitions.FindElement(association.SourceRef);
                    association.Target = definitions.FindElement(association.TargetRef);
                    break;
                case Participant participant:
                    participant.Process = definitions.FindElement<BpmnProcess>(participant.ProcessRef);
                    break;
                case MessageFlow messageFlow:
                    messageFlow.Source = definitions.FindElement(messageFlow.SourceRef);
                    messageFlow.Target = definitions.FindElement(messageFlow.TargetRef);
                    messageFlow.Message = definitions.FindElement<Message>(messageFlow.MessageRef);
                    break;
                case Lane lane:
                    lane.FlowNodes = [.. lane.FlowNodeRefs.Select(definitions.FindElement<FlowNode>).OfType<FlowNode>()];
                    foreach (var node in lane.FlowNodes)
                    {
                        Add(lanes, node, lane);
                    }

                    break;
                case BpmnPlane plane:
                    plane.BpmnElement = definitions.FindElement(plane.BpmnElementRef);
                    break;
                case DiagramElement diagramElement:
                    diagramElement.BpmnElement = definitions.FindElement(diagramElement.BpmnElementRef);
                    break;
                default:
                    break;
            }
        }

        foreach (var (node, flows) in incoming)
        {
            node.Incoming = flows.ToImmutable();
        }

        foreach (var (node, flows) in outgoing)
        {
            node.Outgoing = flows.ToImmutable();
        }

        foreach (var (activity, events) in boundaries)
        {
            activity.BoundaryEvents = events.ToImmutable();
        }

        foreach (var (node, nodeLanes) in lanes)
        {
            node.Lanes = nodeLanes.ToImmutable();
        }
    }

    private static void ResolveTask(BpmnDefinitions definitions, Activity activity)
    {
        switch (activity)
        {
            case SendTask send:
                send.Message = definitions.FindElement<Message>(send.MessageRef);
                break;
            case ReceiveTask receive:
                receive.Message = definitions.FindElement<Message>(receive.MessageRef);
                break;
            default:
                break;
        }
    }

    private static void ResolveEvent(BpmnDefinitions definitions, BpmnEvent bpmnEvent, Dictionary<Activity, ImmutableArray<BoundaryEvent>.Builder> boundaries)
    {
        var referenced = bpmnEvent.EventDefinitionRefs
            .Select(definitions.FindElement<EventDefinition>)
            .OfType<EventDefinition>()
            .Where(d => !bpmnEvent.EventDefinitions.Contains(d));
        bpmnEvent.AllEventDefinitions = [.. bpmnEvent.EventDefinitions, .. referenced];
        if (bpmnEvent is BoundaryEvent boundary)
        {
            boundary.AttachedTo = definitions.FindElement<Activity>(boundary.AttachedToRef);
            if (boundary.AttachedTo is not null)
            {
                Add(boundaries, boundary.AttachedTo, boundary);
            }
        }
    }

    private static void ResolveEventDefinition(BpmnDefinitions definitions, EventDefinition eventDefinition)
    {
        switch (eventDefinition)
        {
            case MessageEventDefinition message:
                message.Message = definitions.FindElement<Message>(message.MessageRef);
                break;
            case ErrorEventDefinition error:
                error.Error = definitions.FindElement<Error>(error.ErrorRef);
                break;
            case EscalationEventDefinition escalation:
                escalation.Escalation = definitions.FindElement<Escalation>(escalation.EscalationRef);
                break;
            case SignalEventDefinition signal:
                signal.Signal = definitions.FindElement<Signal>(signal.SignalRef);
                break;
            case CompensateEventDefinition compensate:
                compensate.Activity = definitions.FindElement<Activity>(compensate.ActivityRef);
                break;
            default:
                break;
        }
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, ImmutableArray<TValue>.Builder> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = ImmutableArray.CreateBuilder<TValue>();
            map[key] = list;
        }

        list.Add(value);
    }
}
