using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Link events (BPMN 2.0, Camunda 8): an intermediate link throw event moves the token to the intermediate link catch
/// event with the same name in the same (sub-)process, like an invisible sequence flow. A throw without its catch is
/// refused at deployment (<see cref="RuntimeSupport"/>); a cycle of links without a wait state ends in the step-limit
/// incident like any other endless loop.
/// </summary>
internal sealed partial class CommandContext
{
    /// <summary>The link's name: the <c>name</c> attribute of the definition, else the event's name.</summary>
    public static string? LinkName(BpmnEvent evt, LinkEventDefinition link) => link.GetAttribute("name") ?? evt.Name;

    /// <summary>The catch events in <paramref name="scope"/> a throw with <paramref name="name"/> may jump to.</summary>
    public static IEnumerable<IntermediateCatchEvent> LinkCatches(IFlowElementScope scope, string? name) =>
        scope.FlowNodes.OfType<IntermediateCatchEvent>()
            .Where(c => c.AllEventDefinitions is [LinkEventDefinition catchLink] && name is not null && LinkName(c, catchLink) == name);

    private void ThrowLink(InstanceRuntime runtime, ExecutionEntity execution, IntermediateThrowEvent throwEvent, LinkEventDefinition link)
    {
        var name = LinkName(throwEvent, link);
        var parent = runtime.Parent(execution)!;
        IFlowElementScope scope = parent.Kind == ExecutionKind.ProcessInstance ? runtime.Process : (IFlowElementScope)runtime.RequiredNode(parent);
        var target = LinkCatches(scope, name).FirstOrDefault()
            ?? throw new IncidentException(IncidentTypes.UnsupportedElement, throwEvent.Id!, $"Zum Link-Ereignis '{throwEvent.Id}' gibt es kein fangendes Link-Ereignis „{name}“ im selben Prozess.");
        History(runtime, HistoryEventTypes.ElementCompleted, execution, throwEvent);
        execution.ElementId = target.Id!;
        execution.ArrivedVia = null;
        execution.EnteredAt = Now;
        execution.IsWaiting = false;
        Schedule(new EnterElementOperation(runtime, execution));
    }
}
