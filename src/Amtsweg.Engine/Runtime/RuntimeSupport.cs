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

    private static IEnumerable<FlowNode> AllNodes(IFlowElementScope scope) =>
        scope.FlowNodes.SelectMany(n => n is IFlowElementScope inner ? AllNodes(inner).Prepend(n) : [n]);

    private static (string German, string English)? Unsupported(BpmnProcess process, IFlowElementScope scope, FlowNode node)
    {
        if (node is Activity { IsForCompensation: true } handler && !AllNodes(process).OfType<BoundaryEvent>().Any(b => b.GetEventDefinition<CompensateEventDefinition>() is not null && CommandContext.CompensationHandler(process, b) == handler))
        {
            return ("eine Kompensationsaktivität, der kein Kompensationsereignis zugeordnet ist", "a compensation activity no compensation boundary event is associated with");
        }

        if (node.GetAttribute(Bpmn.BpmnNamespaces.Camunda7 + "jobPriority") is not null && CommandContext.JobPriority(node) is null)
        {
            return ("ein Element, dessen camunda:jobPriority keine ganze Zahl ist", "an element whose camunda:jobPriority is not an integer");
        }

        if (TaskHeaders.Of(node).TryGetValue(CommandContext.RetryBackoffHeader, out var backoff) && CommandContext.ParseBackoff(backoff) is null)
        {
            return ($"ein Element, dessen Aufgaben-Header retryBackoff „{backoff}“ keine Dauer nach ISO 8601 ist (z. B. PT30S oder PT5M)", $"an element whose task header retryBackoff '{backoff}' is not an ISO 8601 duration (e.g. PT30S or PT5M)");
        }

        if (node is Activity { LoopCharacteristics: MultiInstanceLoopCharacteristics loop }
            && (loop.GetAttribute(Bpmn.BpmnNamespaces.Camunda7 + "asyncBefore") is "true" || loop.GetAttribute(Bpmn.BpmnNamespaces.Camunda7 + "asyncAfter") is "true"))
        {
            return ("eine Mehrfachinstanz mit asynchroner Fortsetzung an jeder einzelnen Instanz (camunda:asyncBefore/asyncAfter an multiInstanceLoopCharacteristics; setzen Sie es an die Aktivität selbst)", "a multi-instance activity with an async continuation around each inner instance (camunda:asyncBefore/asyncAfter on multiInstanceLoopCharacteristics; set it on the activity itself)");
        }

        if (node is SubProcess { TriggeredByEvent: false } subProcess and not Transaction and not AdHocSubProcess && subProcess.NoneStartEvent() is null)
        {
            return ("ein Teilprozess ohne einfaches Startereignis", "a sub-process without a none start event");
        }

        if (AdHocUnsupported(scope, node) is { } adHoc)
        {
            return adHoc;
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
            return ("ein Mehrfachereignis (mehrere Ereignisdefinitionen an einem Ereignis, auch „parallel mehrfach“), das Camunda 8 nicht unterstützt", "a multiple event (several event definitions on one event, also parallel multiple), which Camunda 8 does not support");
        }

        var definition = evt.AllEventDefinitions.FirstOrDefault();

        // The validator accepts cron because Camunda 8 does; the engine schedules only ISO 8601 repeating intervals, so
        // a cron cycle written into the model is refused here rather than failing when the timer is reached.
        if (definition is TimerEventDefinition { TimeCycle.Expression: { IsFeel: false, Text: var cycle } } && TimerExpressionSyntax.IsCron(cycle))
        {
            return ($"ein Zeitereignis mit dem Cron-Ausdruck „{cycle}“ als Zyklus; die Prozess-Engine versteht nur Wiederholungsintervalle nach ISO 8601 (z. B. R/P1D oder R/2027-01-04T09:00:00+01:00/P1W)", $"a timer event with the cron expression '{cycle}' as its cycle; the process engine understands only ISO 8601 repeating intervals (e.g. R/P1D or R/2027-01-04T09:00:00+01:00/P1W)");
        }

        switch (definition)
        {
            case CompensateEventDefinition when evt is StartEvent:
                return CompensationStartUnsupported(scope);
            case CompensateEventDefinition when evt is BoundaryEvent boundary && CommandContext.CompensationHandler(process, boundary) is null:
                return ("ein Kompensationsereignis ohne zugeordnete Kompensationsaktivität", "a compensation boundary event without an associated compensation activity");
            case CompensateEventDefinition when evt is BoundaryEvent or IntermediateThrowEvent or EndEvent:
                return null;
            case CompensateEventDefinition:
                return ("ein Kompensationsereignis dieser Art", "a compensation event of this kind");
            case ConditionalEventDefinition conditional when string.IsNullOrWhiteSpace(conditional.Condition?.Text):
                return ("ein bedingtes Ereignis ohne Bedingung", "a conditional event without a condition");
            case LinkEventDefinition link when evt is IntermediateThrowEvent:
                return CommandContext.LinkCatches(scope, CommandContext.LinkName(evt, link)).Count() == 1
                    ? null
                    : ("ein Link-Ereignis, zu dem es im selben (Teil-)Prozess nicht genau ein fangendes Link-Ereignis mit seinem Namen gibt", "a link throw event without exactly one link catch event of its name in the same (sub-)process");
            case LinkEventDefinition link when evt is IntermediateCatchEvent:
                return CommandContext.LinkCatches(scope, CommandContext.LinkName(evt, link)).Count() == 1
                    ? null
                    : ("ein fangendes Link-Ereignis ohne eindeutigen Namen im selben (Teil-)Prozess", "a link catch event without a unique name in its (sub-)process");
            case LinkEventDefinition:
                return ("ein Link-Ereignis an einer Stelle, an der BPMN keines erlaubt (nur als Zwischenereignis)", "a link event where BPMN allows none (only intermediate events)");
            case CancelEventDefinition:
                return ("ein Abbruchereignis", "a cancel event");
        }

        if (evt is StartEvent { IsInterrupting: false } && definition is ErrorEventDefinition)
        {
            return ("ein nicht unterbrechendes Fehler-Startereignis", "a non-interrupting error start event");
        }

        return evt switch
        {
            StartEvent when scope is SubProcess { TriggeredByEvent: true } => definition is TimerEventDefinition or MessageEventDefinition or SignalEventDefinition or ErrorEventDefinition or EscalationEventDefinition or ConditionalEventDefinition
                ? null
                : ("ein Startereignis eines Ereignis-Teilprozesses ohne Zeit-, Nachrichten-, Signal-, Fehler-, Eskalations- oder bedingten Auslöser", "an event sub-process start event without a timer, message, signal, error, escalation or conditional trigger"),
            StartEvent when ReferenceEquals(scope, process) => definition is null or TimerEventDefinition or MessageEventDefinition or SignalEventDefinition or ConditionalEventDefinition
                ? null
                : ("ein Startereignis dieser Art auf Prozessebene", "a start event of this kind at process level"),
            StartEvent => definition is null ? null : ("ein Startereignis mit Auslöser in einem Teilprozess", "a start event with a trigger inside a sub-process"),
            IntermediateCatchEvent => definition is TimerEventDefinition or MessageEventDefinition or SignalEventDefinition or ConditionalEventDefinition
                ? null
                : ("ein eintretendes Zwischenereignis dieser Art", "an intermediate catch event of this kind"),
            IntermediateThrowEvent => definition is null or SignalEventDefinition or EscalationEventDefinition or MessageEventDefinition
                ? null
                : ("ein auslösendes Zwischenereignis dieser Art", "an intermediate throw event of this kind"),
            EndEvent => definition is null or TerminateEventDefinition or ErrorEventDefinition or EscalationEventDefinition or SignalEventDefinition or MessageEventDefinition
                ? null
                : ("ein Endereignis dieser Art", "an end event of this kind"),
            BoundaryEvent => definition is TimerEventDefinition or MessageEventDefinition or SignalEventDefinition or ErrorEventDefinition or EscalationEventDefinition or ConditionalEventDefinition
                ? null
                : ("ein angeheftetes Ereignis dieser Art", "a boundary event of this kind"),
            _ => null,
        };
    }

    /// <summary>What Camunda 8 does not allow in an ad-hoc sub-process, or what its engine does not run there.</summary>
    private static (string German, string English)? AdHocUnsupported(IFlowElementScope scope, FlowNode node) => (scope, node) switch
    {
        (_, AdHocSubProcess { Ordering: not "Parallel" }) => ("ein Ad-hoc-Teilprozess mit sequenzieller Reihenfolge (ordering=\"Sequential\"), die Camunda 8 nicht unterstützt", "an ad-hoc sub-process with sequential ordering, which Camunda 8 does not support"),
        (_, AdHocSubProcess { Zeebe.TaskDefinition: not null }) => ("ein Ad-hoc-Teilprozess mit Job-Worker-Implementierung (zeebe:taskDefinition, z. B. ein KI-Agent), die die Prozess-Engine nicht ausführt", "an ad-hoc sub-process implemented by a job worker (zeebe:taskDefinition, e.g. an AI agent), which the process engine does not execute"),
        (_, AdHocSubProcess { Zeebe.AdHoc: { OutputCollection: null, OutputElement: not null } or { OutputCollection: not null, OutputElement: null } }) => ("ein Ad-hoc-Teilprozess mit nur einem von outputCollection und outputElement (zeebe:adHoc); eine Ergebnissammlung braucht beide", "an ad-hoc sub-process with only one of outputCollection and outputElement (zeebe:adHoc); a result collection needs both"),
        (_, AdHocSubProcess adHoc) when !adHoc.FlowNodes.OfType<Activity>().Any() => ("ein Ad-hoc-Teilprozess ohne Aktivität", "an ad-hoc sub-process without an activity"),
        (AdHocSubProcess, StartEvent or EndEvent) => ("ein Start- oder Endereignis in einem Ad-hoc-Teilprozess, wo Camunda 8 keines erlaubt", "a start or end event inside an ad-hoc sub-process, where Camunda 8 allows none"),
        (AdHocSubProcess, IntermediateCatchEvent { Outgoing.IsEmpty: true }) => ("ein eintretendes Zwischenereignis ohne ausgehenden Sequenzfluss in einem Ad-hoc-Teilprozess", "an intermediate catch event without an outgoing sequence flow inside an ad-hoc sub-process"),
        _ => null,
    };

    /// <summary>
    /// A compensation start event runs (BPMN 2.0, Camunda 7; Camunda 8 has none) as the start of the one compensation
    /// event sub-process of an embedded sub-process that has no compensation boundary event of its own.
    /// </summary>
    private static (string German, string English)? CompensationStartUnsupported(IFlowElementScope scope)
    {
        if (scope is not SubProcess { TriggeredByEvent: true, Scope: SubProcess { TriggeredByEvent: false } host } || host is Transaction)
        {
            return ("ein Kompensations-Startereignis, das nicht einen Ereignis-Teilprozess in einem eingebetteten Teilprozess startet (nur dort führt die Prozess-Engine Kompensations-Ereignis-Teilprozesse aus)", "a compensation start event that does not start an event sub-process inside an embedded sub-process (the only place the process engine runs compensation event sub-processes)");
        }

        if (host.BoundaryEvents.Any(b => b.GetEventDefinition<CompensateEventDefinition>() is not null))
        {
            return ($"ein Kompensations-Startereignis in einem Teilprozess ('{host.Id}'), der auch ein angeheftetes Kompensationsereignis hat; es darf nur eines von beiden geben", $"a compensation start event in a sub-process ('{host.Id}') that also has a compensation boundary event; only one of them is allowed");
        }

        return host.EventSubProcesses().Count(e => e.FlowNodes.OfType<StartEvent>().Any(s => s.GetEventDefinition<CompensateEventDefinition>() is not null)) > 1
            ? ($"eines von mehreren Kompensations-Startereignissen im Teilprozess '{host.Id}'; es darf nur einen Kompensations-Ereignis-Teilprozess geben", $"one of several compensation start events in the sub-process '{host.Id}'; only one compensation event sub-process is allowed")
            : null;
    }
}
