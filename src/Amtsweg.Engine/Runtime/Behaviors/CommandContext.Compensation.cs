using System.Globalization;
using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Compensation with Camunda 8 semantics: an activity with a compensation boundary event leaves a compensation
/// subscription in its scope each time it completes (once per completed inner instance of a multi-instance
/// activity); a compensation throw or end event invokes the handlers of the completed activities of its scope (all,
/// or those of its <c>activityRef</c>) and, with <c>waitForCompletion</c> (the default), waits until they are done.
/// Activities that are still active or were cancelled left no subscription, so they are not compensated.
/// </summary>
internal sealed partial class CommandContext
{
    /// <summary>
    /// Called when an activity completes, before its waits are removed: records its compensation subscription in the
    /// enclosing scope, and moves the subscriptions of a completed embedded sub-process's inner activities to that
    /// scope, so that a throw there compensates them (unless the sub-process has a handler of its own, which then
    /// replaces them).
    /// </summary>
    private void RecordCompensation(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node)
    {
        if (runtime.Parent(execution) is not { } scope)
        {
            return;
        }

        if (scope.Kind == ExecutionKind.MultiInstanceBody)
        {
            scope = runtime.Parent(scope) ?? scope;
        }

        var boundary = node is Activity activity ? CompensationBoundary(activity) : null;
        foreach (var inner in runtime.Subscriptions.Where(s => s.Kind == EventSubscriptionKind.Compensation && s.ExecutionId == execution.Id).ToList())
        {
            if (boundary is null)
            {
                inner.ExecutionId = scope.Id;
            }
            else
            {
                runtime.Subscriptions.Remove(inner);
                Db.EventSubscriptions.Remove(inner);
            }
        }

        if (boundary is not null)
        {
            // The completion order (the instance's sequence) is kept in the correlation key, which compensation
            // subscriptions do not otherwise use; handlers are started in reverse order of completion.
            AddSubscription(runtime, scope, node, EventSubscriptionKind.Compensation, boundary.Id!, runtime.NextSequence().ToString("D19", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A compensation intermediate throw event or end event: invokes the handlers of the completed activities of its scope.</summary>
    private void ThrowCompensation(InstanceRuntime runtime, ExecutionEntity execution, CompensateEventDefinition definition)
    {
        var scope = runtime.Parent(execution)!;
        var subscriptions = runtime.Subscriptions
            .Where(s => s.Kind == EventSubscriptionKind.Compensation && s.ExecutionId == scope.Id
                && (definition.ActivityRef is null || s.ElementId == definition.ActivityRef))
            .OrderByDescending(s => s.CorrelationKey, StringComparer.Ordinal)
            .ToList();
        foreach (var subscription in subscriptions)
        {
            runtime.Subscriptions.Remove(subscription);
            Db.EventSubscriptions.Remove(subscription);
            var boundary = runtime.Model.FindElement<BoundaryEvent>(subscription.EventName);
            var handler = (boundary is null ? null : CompensationHandler(runtime.Process, boundary))
                ?? throw new IncidentException(IncidentTypes.UnsupportedElement, subscription.ElementId, $"Für '{subscription.ElementId}' ist keine Kompensationsaktivität zugeordnet.");

            History(runtime, HistoryEventTypes.ActivityCompensated, execution, subscription.ElementId, "compensation", detail: handler.Id);

            // Waiting handlers are children of the throw event: when the last one ends, the event completes.
            var token = NewToken(runtime, definition.WaitForCompletion ? execution : scope, handler.Id!);
            Schedule(new EnterElementOperation(runtime, token));
        }

        if (definition.WaitForCompletion && subscriptions.Count > 0)
        {
            execution.IsWaiting = true;
            return;
        }

        Leave(runtime, execution);
    }

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
