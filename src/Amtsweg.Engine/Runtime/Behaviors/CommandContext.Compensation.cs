using System.Globalization;
using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Compensation with Camunda 8 semantics: an activity with a compensation boundary event leaves a compensation
/// subscription in its scope each time it completes (once per completed inner instance of a multi-instance
/// activity, for a completed embedded sub-process also when only its inner activities have handlers); a compensation
/// throw or end event invokes the handlers of the completed activities of its scope (all, or those of its
/// <c>activityRef</c>, with what completed inside them) and, with <c>waitForCompletion</c> (the default), waits until
/// they are done. Handlers run in the throw event's scope and see its variables as they are then (Camunda 8 keeps no
/// snapshot).
/// Activities that are still active or were cancelled left no subscription, so they are not compensated.
/// <para>
/// The compensation event sub-process (an event sub-process with a compensation start event inside an embedded
/// sub-process) follows BPMN 2.0 and Camunda 7, because Camunda 8 does not run it: when the completed sub-process is
/// compensated, the event sub-process runs instead of the handlers of its inner activities, with the sub-process's
/// local variables as they were when it completed (a snapshot kept with its compensation subscription); a compensation
/// throw inside it compensates the sub-process's completed inner activities.
/// </para>
/// </summary>
internal sealed partial class CommandContext
{
    /// <summary>
    /// Called when an activity completes, before its waits are removed: records its compensation subscription in the
    /// enclosing scope when it has a compensation boundary event, or when it is a scope (embedded sub-process) whose
    /// completed inner activities left subscriptions. These move under the sub-process's subscription, so that
    /// compensating the sub-process (all of the scope, or by <c>activityRef</c>) compensates them too, as in Camunda 8.
    /// </summary>
    private void RecordCompensation(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node)
    {
        if (runtime.Parent(execution) is not { } scope)
        {
            return;
        }

        if (scope.Kind == ExecutionKind.MultiInstanceBody)
        {
            // Each completed inner instance is compensated on its own, from the scope around the multi-instance activity.
            scope = runtime.Parent(scope) ?? scope;
        }

        scope = OutsideAdHocActivation(runtime, scope);

        if (node is SubProcess eventSubProcess && IsCompensationEventSubProcess(eventSubProcess))
        {
            // What it did not compensate stays uncompensated (its waits go with it); it is not itself compensable.
            return;
        }

        var boundary = node is Activity activity ? CompensationBoundary(activity) : null;
        var compensationStart = node is SubProcess subProcess ? CompensationEventSubProcessStart(subProcess) : null;
        var inner = CompensationSubscriptions(runtime, execution.Id).ToList();
        if (boundary is null && compensationStart is null && inner.Count == 0)
        {
            return;
        }

        var subscription = new EventSubscriptionEntity
        {
            Id = NewId(),
            TenantId = runtime.Entity.TenantId,
            Kind = EventSubscriptionKind.Compensation,
            EventName = boundary?.Id ?? compensationStart?.Id ?? string.Empty,

            // The completion order (the instance's sequence), which compensation subscriptions need instead of a
            // correlation key: handlers are started in reverse order of completion.
            CorrelationKey = runtime.NextSequence().ToString("D19", CultureInfo.InvariantCulture),
            ProcessDefinitionId = runtime.Definition.Id,
            ProcessInstanceId = runtime.Id,
            ExecutionId = scope.Id,
            ElementId = node.Id!,
            CreatedAt = Now,
        };
        runtime.Subscriptions.Add(subscription);
        Db.EventSubscriptions.Add(subscription);

        // The sub-process's token lives on after it completes, so the inner subscriptions hang under its subscription.
        foreach (var nested in inner)
        {
            nested.ExecutionId = subscription.Id;
        }

        if (compensationStart is not null)
        {
            KeepVariableSnapshot(runtime, execution, subscription);
        }
    }

    /// <summary>Copies the locals of a completing sub-process to its compensation subscription, for its compensation event sub-process.</summary>
    private void KeepVariableSnapshot(InstanceRuntime runtime, ExecutionEntity execution, EventSubscriptionEntity subscription)
    {
        foreach (var local in runtime.Variables.Where(v => v.ExecutionId == execution.Id).ToList())
        {
            var copy = new VariableEntity
            {
                Id = NewId(),
                TenantId = local.TenantId,
                ProcessInstanceId = local.ProcessInstanceId,
                ExecutionId = subscription.Id,
                Name = local.Name,
                Json = local.Json,
            };
            runtime.Variables.Add(copy);
            Db.Variables.Add(copy);
        }
    }

    /// <summary>
    /// An ad-hoc activation ends with its path, so what completed in it is recorded for, and compensated from, the ad-hoc
    /// sub-process around it.
    /// </summary>
    private static ExecutionEntity OutsideAdHocActivation(InstanceRuntime runtime, ExecutionEntity scope) =>
        scope.Kind == ExecutionKind.AdHocInnerInstance ? runtime.Parent(scope)! : scope;

    /// <summary>A compensation intermediate throw event or end event: invokes the handlers of the completed activities of its scope.</summary>
    private void ThrowCompensation(InstanceRuntime runtime, ExecutionEntity execution, CompensateEventDefinition definition)
    {
        var scope = OutsideAdHocActivation(runtime, runtime.Parent(execution)!);
        var subscriptions = CompensationSubscriptions(runtime, scope.Id).ToList();
        if (runtime.Node(scope) is SubProcess { TriggeredByEvent: true } eventSubProcess && !IsCompensationEventSubProcess(eventSubProcess) && runtime.Parent(scope) is { } enclosing)
        {
            // Inside an event sub-process the throw also compensates what completed in the scope around it (Camunda 8).
            subscriptions.AddRange(CompensationSubscriptions(runtime, enclosing.Id));
        }

        subscriptions = [.. subscriptions.Where(s => definition.ActivityRef is null || s.ElementId == definition.ActivityRef)];

        // Waiting handlers are children of the throw event: when the last one ends, the event completes.
        var handlerParent = definition.WaitForCompletion ? execution : scope;
        var started = 0;
        foreach (var subscription in subscriptions)
        {
            started += Compensate(runtime, execution, handlerParent, subscription);
        }

        if (definition.WaitForCompletion && started > 0)
        {
            execution.IsWaiting = true;
            return;
        }

        Leave(runtime, execution);
    }

    /// <summary>Compensates one completed activity: starts its handler, then compensates what completed inside it. Returns the number of handlers started.</summary>
    private int Compensate(InstanceRuntime runtime, ExecutionEntity throwEvent, ExecutionEntity handlerParent, EventSubscriptionEntity subscription)
    {
        runtime.Subscriptions.Remove(subscription);
        Db.EventSubscriptions.Remove(subscription);
        if (subscription.EventName.Length > 0
            && runtime.Model.FindElement<FlowNode>(subscription.EventName) is StartEvent { Scope: SubProcess { TriggeredByEvent: true } eventSubProcess })
        {
            return StartCompensationEventSubProcess(runtime, throwEvent, handlerParent, subscription, eventSubProcess);
        }

        var started = 0;
        Activity? handler = null;
        if (subscription.EventName.Length > 0)
        {
            var boundary = runtime.Model.FindElement<BoundaryEvent>(subscription.EventName);
            handler = (boundary is null ? null : CompensationHandler(runtime.Process, boundary))
                ?? throw new IncidentException(IncidentTypes.UnsupportedElement, subscription.ElementId, $"Für '{subscription.ElementId}' ist keine Kompensationsaktivität zugeordnet.");
        }

        History(runtime, HistoryEventTypes.ActivityCompensated, throwEvent, subscription.ElementId, "compensation", detail: handler?.Id);
        if (handler is not null)
        {
            var token = NewToken(runtime, handlerParent, handler.Id!);
            Schedule(new EnterElementOperation(runtime, token));
            started++;
        }

        foreach (var nested in CompensationSubscriptions(runtime, subscription.Id).ToList())
        {
            started += Compensate(runtime, throwEvent, handlerParent, nested);
        }

        return started;
    }

    /// <summary>
    /// Compensates a completed sub-process through its compensation event sub-process (BPMN 2.0, Camunda 7): the event
    /// sub-process starts where a handler would, with the snapshot of the sub-process's variables as its locals, and
    /// holds the subscriptions of the sub-process's completed inner activities, so that a compensation throw inside it
    /// reaches them. Returns 1 (one handler started).
    /// </summary>
    private int StartCompensationEventSubProcess(InstanceRuntime runtime, ExecutionEntity throwEvent, ExecutionEntity handlerParent, EventSubscriptionEntity subscription, SubProcess eventSubProcess)
    {
        History(runtime, HistoryEventTypes.ActivityCompensated, throwEvent, subscription.ElementId, "compensation", detail: eventSubProcess.Id);
        var token = NewToken(runtime, handlerParent, eventSubProcess.Id!);
        foreach (var variable in runtime.Variables.Where(v => v.ExecutionId == subscription.Id))
        {
            variable.ExecutionId = token.Id;
        }

        foreach (var nested in CompensationSubscriptions(runtime, subscription.Id).ToList())
        {
            nested.ExecutionId = token.Id;
        }

        Schedule(new EnterElementOperation(runtime, token));
        return 1;
    }

    /// <summary>The compensation start event of a sub-process's compensation event sub-process, or null.</summary>
    internal static StartEvent? CompensationEventSubProcessStart(SubProcess subProcess) =>
        subProcess.TriggeredByEvent
            ? null
            : subProcess.EventSubProcesses().Where(IsCompensationEventSubProcess).SelectMany(e => e.FlowNodes.OfType<StartEvent>()).FirstOrDefault();

    private static bool IsCompensationEventSubProcess(SubProcess subProcess) =>
        subProcess.TriggeredByEvent && subProcess.FlowNodes.OfType<StartEvent>().Any(s => s.GetEventDefinition<CompensateEventDefinition>() is not null);

    /// <summary>Removes the subscriptions of what completed inside a sub-process whose compensation subscription goes, and its variable snapshot.</summary>
    private void RemoveNestedCompensation(InstanceRuntime runtime, EventSubscriptionEntity subscription)
    {
        if (subscription.Kind != EventSubscriptionKind.Compensation)
        {
            return;
        }

        foreach (var variable in runtime.Variables.Where(v => v.ExecutionId == subscription.Id).ToList())
        {
            runtime.Variables.Remove(variable);
            Db.Variables.Remove(variable);
        }

        foreach (var nested in CompensationSubscriptions(runtime, subscription.Id).ToList())
        {
            runtime.Subscriptions.Remove(nested);
            Db.EventSubscriptions.Remove(nested);
            RemoveNestedCompensation(runtime, nested);
        }
    }

    /// <summary>The compensation subscriptions held by a scope execution or a sub-process's subscription, the last completed first.</summary>
    private static IEnumerable<EventSubscriptionEntity> CompensationSubscriptions(InstanceRuntime runtime, Guid holderId) =>
        runtime.Subscriptions
            .Where(s => s.Kind == EventSubscriptionKind.Compensation && s.ExecutionId == holderId)
            .OrderByDescending(s => s.CorrelationKey, StringComparer.Ordinal);

    private static BoundaryEvent? CompensationBoundary(Activity activity) =>
        activity.BoundaryEvents.FirstOrDefault(b => b.GetEventDefinition<CompensateEventDefinition>() is not null);

    /// <summary>The compensation handler a compensation boundary event is associated with, or null.</summary>
    internal static Activity? CompensationHandler(IFlowElementScope process, BoundaryEvent boundary) =>
        Associations(process)
            .Select(a => ReferenceEquals(a.Source, boundary) ? a.Target : ReferenceEquals(a.Target, boundary) ? a.Source : null)
            .OfType<Activity>()
            .FirstOrDefault(a => a.IsForCompensation);

    private static IEnumerable<Association> Associations(IFlowElementScope scope) =>
        scope.Artifacts.OfType<Association>().Concat(scope.FlowNodes.OfType<IFlowElementScope>().SelectMany(Associations));
}
