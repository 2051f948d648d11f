using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Behaviour of event sub-processes (Camunda 8): while a scope (process or sub-process) is active, the start events
/// of its event sub-processes wait on the scope's execution (timer job, message or signal subscription; errors and
/// escalations are looked up when thrown). An interrupting start cancels everything else in the scope and its other
/// event sub-processes; a non-interrupting one runs beside the scope's tokens. The scope ends when its last token,
/// event sub-processes included, has ended.
/// </summary>
internal sealed partial class CommandContext
{
    /// <summary>The process or sub-process an execution stands for as a scope; null for any other execution.</summary>
    private static IFlowElementScope? ScopeElement(InstanceRuntime runtime, ExecutionEntity execution) => execution.Kind switch
    {
        ExecutionKind.ProcessInstance => runtime.Process,
        ExecutionKind.Token when runtime.Node(execution) is SubProcess subProcess => subProcess,
        _ => null,
    };

    private static StartEvent EventSubProcessStart(SubProcess eventSubProcess) =>
        eventSubProcess.FlowNodes.OfType<StartEvent>().FirstOrDefault()
        ?? throw new IncidentException(IncidentTypes.UnsupportedElement, eventSubProcess.Id!, $"Der Ereignis-Teilprozess '{eventSubProcess.Id}' hat kein Startereignis.");

    /// <summary>Opens the waits of the event sub-processes of a scope that was just entered.</summary>
    public void SubscribeEventSubProcesses(InstanceRuntime runtime, ExecutionEntity scope, IFlowElementScope element)
    {
        foreach (var eventSubProcess in element.EventSubProcesses())
        {
            var start = EventSubProcessStart(eventSubProcess);
            switch (start.AllEventDefinitions.FirstOrDefault())
            {
                case TimerEventDefinition timer:
                    CreateTimerJob(runtime, scope, start, timer);
                    break;
                case MessageEventDefinition message:
                    var (name, key) = MessageSubscriptionKey(runtime, scope, start, message.Message);
                    AddSubscription(runtime, scope, start, EventSubscriptionKind.Message, name, key);
                    break;
                case SignalEventDefinition signal:
                    AddSubscription(runtime, scope, start, EventSubscriptionKind.Signal, SignalName(start, signal), null);
                    break;
                case ErrorEventDefinition or EscalationEventDefinition:
                    break;
                case ConditionalEventDefinition:
                    SubscribeCondition(runtime, scope, start);
                    break;
                case CompensateEventDefinition:
                    // Not a wait: the completed scope leaves a compensation subscription (CommandContext.Compensation.cs).
                    break;
                default:
                    throw new IncidentException(IncidentTypes.UnsupportedElement, start.Id!, $"Die Prozess-Engine kann diese Art von Startereignis eines Ereignis-Teilprozesses ({start.Id}) nicht ausführen.");
            }
        }
    }

    /// <summary>The event sub-process of the scope execution whose start event is the given element; null if none.</summary>
    private static SubProcess? EventSubProcessOf(InstanceRuntime runtime, ExecutionEntity scope, string startElementId) =>
        ScopeElement(runtime, scope)?.EventSubProcesses()
            .FirstOrDefault(e => e.FlowNodes.OfType<StartEvent>().Any(s => s.Id == startElementId));

    /// <summary>
    /// The start event of an event sub-process of the scope that catches an error or escalation code: the one with
    /// this code, else one without code (catch-all); null if the scope has none.
    /// </summary>
    private static StartEvent? FindEventSubProcessStart<TDefinition>(InstanceRuntime runtime, ExecutionEntity scope, Func<TDefinition, string?> codeOf, string? code)
        where TDefinition : EventDefinition
    {
        if (ScopeElement(runtime, scope) is not { } element)
        {
            return null;
        }

        StartEvent? catchAll = null;
        foreach (var eventSubProcess in element.EventSubProcesses())
        {
            var start = EventSubProcessStart(eventSubProcess);
            if (start.GetEventDefinition<TDefinition>() is not { } definition)
            {
                continue;
            }

            var startCode = codeOf(definition);
            if (startCode is null)
            {
                catchAll ??= start;
            }
            else if (startCode == code)
            {
                return start;
            }
        }

        return catchAll;
    }

    /// <summary>
    /// Starts the event sub-process of <paramref name="start"/> in the scope execution. When the start interrupts, the
    /// scope's tokens (and running event sub-processes) are cancelled and its other event sub-processes stop waiting.
    /// </summary>
    private void TriggerEventSubProcess(InstanceRuntime runtime, ExecutionEntity scope, StartEvent start, IEnumerable<KeyValuePair<string, FeelValue>> variables)
    {
        var element = ScopeElement(runtime, scope)!;
        var eventSubProcess = element.EventSubProcesses().First(e => e.FlowNodes.Contains(start));
        if (start.IsInterrupting)
        {
            var starts = element.EventSubProcesses().SelectMany(e => e.FlowNodes.OfType<StartEvent>()).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var job in runtime.Jobs.Where(j => j.ExecutionId == scope.Id && starts.Contains(j.ElementId)).ToList())
            {
                runtime.Jobs.Remove(job);
                Db.Jobs.Remove(job);
            }

            foreach (var subscription in runtime.Subscriptions.Where(s => s.ExecutionId == scope.Id && starts.Contains(s.ElementId)).ToList())
            {
                runtime.Subscriptions.Remove(subscription);
                Db.EventSubscriptions.Remove(subscription);
            }

            CancelContents(runtime, scope);
        }

        var token = NewToken(runtime, scope, eventSubProcess.Id!);
        Propagate(runtime, scope, variables);
        Schedule(new EnterElementOperation(runtime, token));
    }

    /// <summary>An event sub-process was entered: a token starts at its start event.</summary>
    private void StartEventSubProcess(InstanceRuntime runtime, ExecutionEntity execution, SubProcess eventSubProcess)
    {
        var start = EventSubProcessStart(eventSubProcess);
        execution.IsWaiting = true;
        SubscribeEventSubProcesses(runtime, execution, eventSubProcess);
        var token = NewToken(runtime, execution, start.Id!);
        Schedule(new EnterElementOperation(runtime, token));
    }
}
