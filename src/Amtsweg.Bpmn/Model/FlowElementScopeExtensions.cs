namespace Amtsweg.Bpmn.Model;

/// <summary>Queries an executor needs on a scope (process or sub-process).</summary>
public static class FlowElementScopeExtensions
{
    /// <summary>The start events directly in the scope (not those of event sub-processes).</summary>
    public static IEnumerable<StartEvent> StartEvents(this IFlowElementScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.FlowNodes.OfType<StartEvent>();
    }

    /// <summary>The start event without event definition, where a plain start (or entering a sub-process) begins; null if there is none.</summary>
    public static StartEvent? NoneStartEvent(this IFlowElementScope scope) => scope.StartEvents().FirstOrDefault(e => e.IsNone);

    /// <summary>The event sub-processes directly in the scope; their start events are active while the scope is.</summary>
    public static IEnumerable<SubProcess> EventSubProcesses(this IFlowElementScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.FlowNodes.OfType<SubProcess>().Where(s => s.TriggeredByEvent);
    }

    /// <summary>The link catch event with the given link name in the scope, the target of a link throw; null if there is none.</summary>
    public static IntermediateCatchEvent? FindLinkCatch(this IFlowElementScope scope, string linkName)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.FlowNodes.OfType<IntermediateCatchEvent>()
            .FirstOrDefault(e => e.GetEventDefinition<LinkEventDefinition>()?.Name == linkName);
    }
}
