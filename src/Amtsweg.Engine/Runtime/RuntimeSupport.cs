using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Validation;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// What the runtime can execute, checked at deployment: a model with a construct the engine has no behaviour for is
/// refused with the element named (BPMN101), instead of being accepted and then ignored or failing when a token
/// reaches it. Keep it in step with the dispatch in <c>Runtime/Behaviors</c>: a construct that gets a behaviour leaves
/// this list.
/// </summary>
internal static class RuntimeSupport
{
    public static IEnumerable<BpmnProblem> Problems(BpmnDefinitions model) =>
        model.Processes.Where(p => p.IsExecutable != false).SelectMany(p => Problems(p, p));

    private static IEnumerable<BpmnProblem> Problems(BpmnProcess process, IFlowElementScope scope)
    {
        foreach (var node in scope.FlowNodes)
        {
            if (Unsupported(process, scope, node) is { } what)
            {
                yield return new BpmnProblem(
                    BpmnProblemCodes.UnsupportedElement,
                    BpmnProblemSeverity.Error,
                    node.Id,
                    node.Line,
                    node.Column,
                    $"Das Element '{node.Id}' ist {what.German}; das führt die Prozess-Engine nicht aus.",
                    $"The element '{node.Id}' is {what.English}, which the process engine does not execute.");
            }

            if (node is IFlowElementScope inner)
            {
                foreach (var problem in Problems(process, inner))
                {
                    yield return problem;
                }
            }
        }
    }

    private static (string German, string English)? Unsupported(BpmnProcess process, IFlowElementScope scope, FlowNode node)
    {
        if (node is Activity { IsForCompensation: true })
        {
            return ("eine Kompensationsaktivität", "a compensation activity");
        }

        if (node is SubProcess { TriggeredByEvent: false } subProcess and not Transaction and not AdHocSubProcess && subProcess.NoneStartEvent() is null)
        {
            return ("ein Teilprozess ohne einfaches Startereignis", "a sub-process without a none start event");
        }

        if (node is SubProcess { TriggeredByEvent: true } eventSubProcess && eventSubProcess.StartEvents().Count() != 1)
        {
            return ("ein Ereignis-Teilprozess ohne genau ein Startereignis", "an event sub-process without exactly one start event");
        }

        if (node is EventBasedGateway gateway
            && gateway.Outgoing.Any(f => f.Target is not IntermediateCatchEvent { AllEventDefinitions: [TimerEventDefinition or MessageEventDefinition or SignalEventDefinition] }))
        {
            return ("ein ereignisbasiertes Gateway, das nicht nur zu Zeit-, Nachrichten- oder Signalereignissen führt", "an event-based gateway that does not lead only to timer, message or signal events");
        }

        if (node is not BpmnEvent evt)
        {
            return null;
        }

        if (evt.AllEventDefinitions.Length > 1)
        {
            return ("ein Ereignis mit mehreren Ereignisdefinitionen", "an event with several event definitions");
        }

        var definition = evt.AllEventDefinitions.FirstOrDefault();
        switch (definition)
        {
            case CompensateEventDefinition:
                return ("ein Kompensationsereignis", "a compensation event");
            case ConditionalEventDefinition:
                return ("ein bedingtes Ereignis", "a conditional event");
            case LinkEventDefinition:
                return ("ein Link-Ereignis", "a link event");
            case CancelEventDefinition:
                return ("ein Abbruchereignis", "a cancel event");
        }

        if (evt is StartEvent { IsInterrupting: false } && definition is ErrorEventDefinition)
        {
            return ("ein nicht unterbrechendes Fehler-Startereignis", "a non-interrupting error start event");
        }

        return evt switch
        {
            StartEvent when scope is SubProcess { TriggeredByEvent: true } => definition is TimerEventDefinition or MessageEventDefinition or SignalEventDefinition or ErrorEventDefinition or EscalationEventDefinition
                ? null
                : ("ein Startereignis eines Ereignis-Teilprozesses ohne Zeit-, Nachrichten-, Signal-, Fehler- oder Eskalationsauslöser", "an event sub-process start event without a timer, message, signal, error or escalation trigger"),
            StartEvent when ReferenceEquals(scope, process) => definition is null or TimerEventDefinition or MessageEventDefinition or SignalEventDefinition
                ? null
                : ("ein Startereignis dieser Art auf Prozessebene", "a start event of this kind at process level"),
            StartEvent => definition is null ? null : ("ein Startereignis mit Auslöser in einem Teilprozess", "a start event with a trigger inside a sub-process"),
            IntermediateCatchEvent => definition is TimerEventDefinition or MessageEventDefinition or SignalEventDefinition
                ? null
                : ("ein eintretendes Zwischenereignis dieser Art", "an intermediate catch event of this kind"),
            IntermediateThrowEvent => definition is null or SignalEventDefinition or EscalationEventDefinition or MessageEventDefinition
                ? null
                : ("ein auslösendes Zwischenereignis dieser Art", "an intermediate throw event of this kind"),
            EndEvent => definition is null or TerminateEventDefinition or ErrorEventDefinition or EscalationEventDefinition or SignalEventDefinition or MessageEventDefinition
                ? null
                : ("ein Endereignis dieser Art", "an end event of this kind"),
            BoundaryEvent => definition is TimerEventDefinition or MessageEventDefinition or SignalEventDefinition or ErrorEventDefinition or EscalationEventDefinition
                ? null
                : ("ein angeheftetes Ereignis dieser Art", "a boundary event of this kind"),
            _ => null,
        };
    }
}
