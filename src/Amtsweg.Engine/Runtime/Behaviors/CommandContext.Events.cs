using System.Globalization;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Zeebe;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>Behaviour of events: end, throw and catch events, triggers of waiting executions, errors, escalations and signals.</summary>
internal sealed partial class CommandContext
{
    private void ExecuteEndEvent(InstanceRuntime runtime, ExecutionEntity execution, EndEvent end)
    {
        switch (end.AllEventDefinitions.FirstOrDefault())
        {
            case null:
                Leave(runtime, execution);
                break;
            case TerminateEventDefinition:
                History(runtime, HistoryEventTypes.ElementCompleted, execution, end);
                var scope = runtime.Parent(execution)!;
                RemoveExecution(runtime, execution);
                foreach (var sibling in runtime.Children(scope).ToList())
                {
                    Cancel(runtime, sibling);
                }

                Schedule(new PropagateToParentOperation(runtime, scope));
                break;
            case ErrorEventDefinition error:
                History(runtime, HistoryEventTypes.ElementCompleted, execution, end, detail: error.Error?.ErrorCode);
                ThrowError(runtime, execution, error.Error?.ErrorCode, $"Error end event '{end.Id}'", includeThrower: false);
                break;
            case EscalationEventDefinition escalation:
                if (!ThrowEscalation(runtime, execution, escalation.Escalation?.EscalationCode))
                {
                    Leave(runtime, execution);
                }

                break;
            case SignalEventDefinition signal:
                BroadcastSignal(runtime, SignalName(end, signal));
                Leave(runtime, execution);
                break;
            case MessageEventDefinition when end.Zeebe.TaskDefinition is { } definition:
                StartServiceTask(runtime, execution, end, definition);
                break;
            default:
                throw new IncidentException(IncidentTypes.UnsupportedElement, end.Id!, $"Die Prozess-Engine kann diese Art von Endereignis ({end.Id}) nicht ausführen; ein Nachrichten-Endereignis braucht einen Job-Typ.");
        }
    }

    private void ExecuteThrowEvent(InstanceRuntime runtime, ExecutionEntity execution, IntermediateThrowEvent throwEvent)
    {
        switch (throwEvent.AllEventDefinitions.FirstOrDefault())
        {
            case null:
                Leave(runtime, execution);
                break;
            case SignalEventDefinition signal:
                BroadcastSignal(runtime, SignalName(throwEvent, signal));
                Leave(runtime, execution);
                break;
            case LinkEventDefinition link:
                ThrowLink(runtime, execution, throwEvent, link);
                break;
            case EscalationEventDefinition escalation:
                if (!ThrowEscalation(runtime, execution, escalation.Escalation?.EscalationCode))
                {
                    Leave(runtime, execution);
                }

                break;
            case MessageEventDefinition when throwEvent.Zeebe.TaskDefinition is { } definition:
                StartServiceTask(runtime, execution, throwEvent, definition);
                break;
            default:
                throw new IncidentException(IncidentTypes.UnsupportedElement, throwEvent.Id!, $"Die Prozess-Engine kann diese Art von auslösendem Zwischenereignis ({throwEvent.Id}) nicht ausführen.");
        }
    }

    private void ExecuteCatchEvent(InstanceRuntime runtime, ExecutionEntity execution, IntermediateCatchEvent catchEvent)
    {
        switch (catchEvent.AllEventDefinitions.FirstOrDefault())
        {
            case LinkEventDefinition:
                Leave(runtime, execution);
                break;
            case TimerEventDefinition timer:
                CreateTimerJob(runtime, execution, catchEvent, timer);
                execution.IsWaiting = true;
                break;
            case MessageEventDefinition message:
                Subscribe(runtime, execution, catchEvent, message.Message);
                break;
            case SignalEventDefinition signal:
                SubscribeSignal(runtime, execution, catchEvent, SignalName(catchEvent, signal));
                break;
            case ConditionalEventDefinition:
                WaitForCondition(runtime, execution, catchEvent);
                break;
            default:
                throw new IncidentException(IncidentTypes.UnsupportedElement, catchEvent.Id!, $"Die Prozess-Engine kann diese Art von eintretendem Zwischenereignis ({catchEvent.Id}) nicht ausführen.");
        }
    }

    private static string SignalName(FlowNode node, SignalEventDefinition signal) =>
        signal.Signal?.Name ?? signal.Signal?.Id ?? signal.SignalRef
        ?? throw new IncidentException(IncidentTypes.UnsupportedElement, node.Id!, $"Das Signalereignis '{node.Id}' nennt kein Signal.");

    /// <summary>
    /// An event arrived for a waiting execution (message, signal or timer): at the catching element itself, at an
    /// event-based gateway in front of it, or at a boundary event of the execution's activity.
    /// </summary>
    public void Trigger(InstanceRuntime runtime, ExecutionEntity execution, string elementId, IEnumerable<KeyValuePair<string, FeelValue>> variables)
    {
        if (EventSubProcessOf(runtime, execution, elementId) is { } eventSubProcess)
        {
            TriggerEventSubProcess(runtime, execution, EventSubProcessStart(eventSubProcess), variables);
            return;
        }

        var node = runtime.RequiredNode(execution);
        if (node.Id == elementId)
        {
            // Only the element's own wait: its boundary events go when it is left, and stay for the next iteration of a standard loop.
            RemoveWaits(runtime, execution, node.Id);
            execution.IsWaiting = false;
            SetResultVariables(runtime, execution, node, variables);
            Leave(runtime, execution);
            return;
        }

        var target = runtime.Model.FindElement<FlowNode>(elementId)
            ?? throw new InvalidOperationException($"The element '{elementId}' does not exist in process '{runtime.Process.Id}'.");
        if (node is EventBasedGateway gateway)
        {
            var flow = gateway.Outgoing.First(f => ReferenceEquals(f.Target, target));
            RemoveWaits(runtime, execution);
            execution.IsWaiting = false;
            History(runtime, HistoryEventTypes.ElementCompleted, execution, gateway);
            History(runtime, HistoryEventTypes.SequenceFlowTaken, execution, flow.Id, "sequenceFlow");
            execution.ElementId = target.Id!;
            execution.ArrivedVia = flow.Id;
            execution.EnteredAt = Now;
            History(runtime, HistoryEventTypes.ElementEntered, execution, target);
            SetResultVariables(runtime, execution, target, variables);
            Leave(runtime, execution);
            return;
        }

        if (target is BoundaryEvent boundary && boundary.AttachedTo?.Id == node.Id)
        {
            if (boundary.CancelActivity)
            {
                Interrupt(runtime, execution, boundary);
                Propagate(runtime, execution, variables);
            }
            else
            {
                var token = NewToken(runtime, runtime.Parent(execution)!, boundary.Id!);
                Propagate(runtime, token, variables);
                Schedule(new EnterElementOperation(runtime, token));
            }

            return;
        }

        throw new InvalidOperationException($"The execution at '{node.Id}' does not wait for '{elementId}'.");
    }

    /// <summary>Cancels what runs inside an activity's execution and moves the execution to an interrupting boundary event.</summary>
    private void Interrupt(InstanceRuntime runtime, ExecutionEntity execution, BoundaryEvent boundary)
    {
        CancelContents(runtime, execution);
        var node = runtime.RequiredNode(execution);
        History(runtime, HistoryEventTypes.ElementCanceled, execution, node.Id, execution.Kind == ExecutionKind.MultiInstanceBody ? MultiInstanceBodyType : ElementType(node));
        RemoveLocals(runtime, execution);
        RemoveWaits(runtime, execution);
        execution.Kind = ExecutionKind.Token;
        execution.LoopState = null;
        execution.LoopCounter = 0;
        execution.IsWaiting = false;
        execution.ElementId = boundary.Id!;
        execution.ArrivedVia = null;
        execution.EnteredAt = Now;
        Schedule(new EnterElementOperation(runtime, execution));
    }

    // ---- errors, escalations, signals ----
    public void ThrowError(InstanceRuntime runtime, ExecutionEntity thrower, string? code, string message, bool includeThrower)
    {
        var current = includeThrower ? thrower : runtime.Parent(thrower);
        var instance = runtime;
        while (true)
        {
            for (; current is not null; current = instance.Parent(current))
            {
                if (FindEventSubProcessStart<ErrorEventDefinition>(instance, current, d => d.Error?.ErrorCode, code) is { } handler)
                {
                    TriggerEventSubProcess(instance, current, handler, []);
                    return;
                }

                if (current.Kind is ExecutionKind.ProcessInstance or ExecutionKind.AdHocInnerInstance || instance.IsInnerInstance(current) || instance.Node(current) is not Activity activity)
                {
                    continue;
                }

                var boundary = FindBoundary<ErrorEventDefinition>(activity, d => d.Error?.ErrorCode, code);
                if (boundary is not null)
                {
                    Interrupt(instance, current, boundary);
                    return;
                }
            }

            if (instance.Entity is { ParentProcessInstanceId: { } parentId, ParentExecutionId: { } parentExecutionId })
            {
                var parent = LoadInstance(parentId);
                CancelInstance(instance);
                instance = parent;
                current = parent.Find(parentExecutionId);
                continue;
            }

            throw new IncidentException(IncidentTypes.UnhandledError, thrower.ElementId, $"Der BPMN-Fehler '{code}' ({message}) wird von keinem angehefteten Fehlerereignis abgefangen.", runtime.Id);
        }
    }

    /// <summary>Throws an escalation; returns true when an interrupting boundary event caught it (the thrower is gone).</summary>
    private bool ThrowEscalation(InstanceRuntime runtime, ExecutionEntity thrower, string? code)
    {
        for (var current = runtime.Parent(thrower); current is not null; current = runtime.Parent(current))
        {
            if (FindEventSubProcessStart<EscalationEventDefinition>(runtime, current, d => d.Escalation?.EscalationCode, code) is { } handler)
            {
                if (handler.IsInterrupting)
                {
                    History(runtime, HistoryEventTypes.ElementCompleted, thrower, runtime.RequiredNode(thrower), detail: code);
                }

                TriggerEventSubProcess(runtime, current, handler, []);
                return handler.IsInterrupting;
            }

            if (current.Kind is ExecutionKind.ProcessInstance or ExecutionKind.AdHocInnerInstance || runtime.IsInnerInstance(current) || runtime.Node(current) is not Activity activity)
            {
                continue;
            }

            var boundary = FindBoundary<EscalationEventDefinition>(activity, d => d.Escalation?.EscalationCode, code);
            if (boundary is null)
            {
                continue;
            }

            if (boundary.CancelActivity)
            {
                History(runtime, HistoryEventTypes.ElementCompleted, thrower, runtime.RequiredNode(thrower), detail: code);
                Interrupt(runtime, current, boundary);
                return true;
            }

            var token = NewToken(runtime, runtime.Parent(current)!, boundary.Id!);
            Schedule(new EnterElementOperation(runtime, token));
            return false;
        }

        return false;
    }

    private static BoundaryEvent? FindBoundary<TDefinition>(Activity activity, Func<TDefinition, string?> codeOf, string? code)
        where TDefinition : EventDefinition
    {
        BoundaryEvent? catchAll = null;
        foreach (var boundary in activity.BoundaryEvents)
        {
            if (boundary.GetEventDefinition<TDefinition>() is not { } definition)
            {
                continue;
            }

            var boundaryCode = codeOf(definition);
            if (boundaryCode is null)
            {
                catchAll ??= boundary;
            }
            else if (boundaryCode == code)
            {
                return boundary;
            }
        }

        return catchAll;
    }

    private void BroadcastSignal(InstanceRuntime runtime, string signalName) =>
        QueueSignalBroadcast(runtime.Entity.TenantId, runtime.Definition.Id, signalName, []);
}
