using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Ad-hoc sub-processes with Camunda 8 semantics (8.7/8.8, <c>zeebe:adHoc</c>): when the sub-process is entered, its
/// <c>activeElementsCollection</c> (a FEEL list of element ids) names the inner elements that start; more can be
/// activated later through the API (Camunda's "activate ad-hoc sub-process activities"). Only inner elements without
/// incoming sequence flows can be activated; an element with outgoing flows runs its flow on. Each time a path inside
/// ends, the <c>completionCondition</c> is evaluated: when it holds and <c>cancelRemainingInstances</c> is set (the
/// default), what still runs inside is cancelled and the sub-process completes; otherwise it completes once nothing
/// runs inside any more and the condition holds (or there is none). Until then it stays active, also when nothing
/// was activated, so that elements can still be activated through the API.
/// Each activation is a scope of its own (<see cref="ExecutionKind.AdHocInnerInstance"/>, Camunda 8.8's inner instance)
/// holding the activation's variables while its path runs; it ends when the last token of its path has ended.
/// With <c>outputCollection</c> and <c>outputElement</c>, the collection is a local variable of the sub-process (an
/// empty list on entry); each time an activation ends, <c>outputElement</c> is evaluated in its scope and appended;
/// when the sub-process completes, the collection is propagated to the scope around it.
/// </summary>
internal sealed partial class CommandContext
{
    private void StartAdHocSubProcess(InstanceRuntime runtime, ExecutionEntity execution, AdHocSubProcess adHoc)
    {
        execution.IsWaiting = true;

        // Camunda 8 creates the collection before the input mappings, so that a mapping may preset it; ours have run
        // already, so a local of that name is kept.
        if (adHoc.Zeebe.AdHoc?.OutputCollection is { Length: > 0 } collection
            && !runtime.Variables.Exists(v => v.ExecutionId == execution.Id && v.Name == collection))
        {
            SetLocal(runtime, execution, [new(collection, FeelList.Create([]))]);
        }

        SubscribeEventSubProcesses(runtime, execution, adHoc);
        if (adHoc.Zeebe.AdHoc?.ActiveElementsCollection is not { } expression)
        {
            return;
        }

        var value = Expressions.Evaluate(expression, Scope(runtime, execution), adHoc.Id!);
        if (value is not FeelList { Items: var items } || items.Any(i => i is not FeelString))
        {
            throw new IncidentException(
                IncidentTypes.ExpressionFailed,
                adHoc.Id!,
                $"Der Ausdruck activeElementsCollection '{expression.Raw}' des Ad-hoc-Teilprozesses '{adHoc.Id}' muss eine Liste von Element-IDs (Texten) ergeben, ergab aber „{value.ToFeelString()}“.");
        }

        var elements = items.Cast<FeelString>()
            .Select(id => AdHocActivatable(adHoc, id.Value)
                ?? throw new IncidentException(IncidentTypes.ExpressionFailed, adHoc.Id!, NotActivatable(adHoc, id.Value)))
            .ToList();
        foreach (var element in elements)
        {
            ActivateAdHocElement(runtime, execution, element, []);
        }
    }

    /// <summary>
    /// Activates inner elements of an active ad-hoc sub-process (the API's activation): each gets an activation with the
    /// given variables as its locals, then the agenda runs. Unknown or non-activatable ids are refused before anything changes.
    /// </summary>
    public void ActivateAdHocElements(InstanceRuntime runtime, ExecutionEntity execution, IReadOnlyList<AdHocActivity> elements)
    {
        if (runtime.Node(execution) is not AdHocSubProcess adHoc || execution.Kind != ExecutionKind.Token)
        {
            throw new EngineObjectNotFoundException($"Element instance {execution.Id} is not an active ad-hoc sub-process.");
        }

        var activations = elements
            .Select(e => (Node: AdHocActivatable(adHoc, e.ElementId) ?? throw new InvalidEngineStateException(NotActivatable(adHoc, e.ElementId)), e.Variables))
            .ToList();
        foreach (var (node, variables) in activations)
        {
            ActivateAdHocElement(runtime, execution, node, FromInput(variables));
        }

        RunAgenda();
    }

    /// <summary>
    /// Starts one activation: a scope of its own under the sub-process (Camunda 8.8's inner instance) that holds the given
    /// variables for the whole path of the element, and a token at the element in it.
    /// </summary>
    private void ActivateAdHocElement(InstanceRuntime runtime, ExecutionEntity execution, FlowNode element, IEnumerable<KeyValuePair<string, FeelValue>> variables)
    {
        var activation = NewToken(runtime, execution, execution.ElementId, ExecutionKind.AdHocInnerInstance);
        var locals = variables.ToList();

        // As for a multi-instance body: the variable the output element reads is created local to the activation
        // (null), so that a result set on its path lands there and activations running side by side cannot overwrite
        // each other's value before it is collected.
        if (runtime.Node(execution) is AdHocSubProcess { Zeebe.AdHoc: { OutputCollection.Length: > 0, OutputElement: var outputElement } }
            && OutputElementVariable(outputElement) is { } output
            && !locals.Exists(l => l.Key == output))
        {
            locals.Add(new(output, FeelValue.Null));
        }

        SetLocal(runtime, activation, locals);
        Schedule(new EnterElementOperation(runtime, NewToken(runtime, activation, element.Id!)));
    }

    /// <summary>
    /// An activation whose path has ended: its <c>outputElement</c> is evaluated in its scope and appended to the
    /// sub-process's collection, then the activation ends with its variables and the completion condition is asked.
    /// </summary>
    private void CompleteAdHocActivation(InstanceRuntime runtime, ExecutionEntity activation)
    {
        var scope = runtime.Parent(activation)!;
        if (runtime.Node(scope) is AdHocSubProcess { Zeebe.AdHoc: { OutputCollection: { Length: > 0 } collection, OutputElement: { } outputElement } } adHoc)
        {
            FeelValue value;
            try
            {
                value = Expressions.Evaluate(outputElement, Scope(runtime, activation), adHoc.Id!);
            }
            catch (IncidentException failed)
            {
                throw new IncidentException(
                    IncidentTypes.ExpressionFailed,
                    adHoc.Id!,
                    $"Das Ergebnis (outputElement) einer Aktivierung für die Sammlung '{collection}' des Ad-hoc-Teilprozesses '{adHoc.Id}' lässt sich nicht bilden: {failed.Message}");
            }

            var current = Locals(runtime, scope).GetValueOrDefault(collection);
            if (current is not FeelList { Items: var items })
            {
                throw new IncidentException(
                    IncidentTypes.ExpressionFailed,
                    adHoc.Id!,
                    $"Die Sammlung '{collection}' des Ad-hoc-Teilprozesses '{adHoc.Id}' ist keine Liste mehr (sie ist {current?.ToFeelString() ?? "nicht vorhanden"}); das Ergebnis einer Aktivierung lässt sich nicht anhängen.");
            }

            SetLocal(runtime, scope, [new(collection, FeelList.Create([.. items, value]))]);
        }

        EndExecution(runtime, activation);
    }

    /// <summary>When an ad-hoc sub-process completes, its collection goes to the scope around it (before the output mappings, as in Camunda 8).</summary>
    private void PropagateAdHocOutputCollection(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node)
    {
        if (node is not AdHocSubProcess { Zeebe.AdHoc.OutputCollection: { Length: > 0 } collection }
            || execution.Kind != ExecutionKind.Token
            || runtime.Parent(execution) is not { } parent
            || !Locals(runtime, execution).TryGetValue(collection, out var value))
        {
            return;
        }

        Propagate(runtime, parent, [new(collection, value)]);
    }

    /// <summary>
    /// Called when an execution inside a scope has ended (an activation, or an event sub-process). Returns false when the
    /// scope is no ad-hoc sub-process; otherwise decides, by the completion condition, whether the sub-process completes.
    /// </summary>
    private bool EndAdHocPath(InstanceRuntime runtime, ExecutionEntity scope, ExecutionEntity ended)
    {
        if (scope.Kind != ExecutionKind.Token || runtime.Node(scope) is not AdHocSubProcess adHoc)
        {
            return false;
        }

        // An interrupting event sub-process ends its scope as in any sub-process; the completion condition is not asked.
        if (runtime.Model.FindElement<FlowNode>(ended.ElementId) is SubProcess { TriggeredByEvent: true } eventSubProcess
            && eventSubProcess.FlowNodes.OfType<StartEvent>().Any(s => s.IsInterrupting))
        {
            return false;
        }

        bool? fulfilled = adHoc.CompletionCondition is { } condition
            ? Expressions.EvaluateCondition(condition.Expression, Scope(runtime, scope), adHoc.Id!)
            : null;
        if (fulfilled == true && adHoc.CancelRemainingInstances)
        {
            CancelContents(runtime, scope);
            Schedule(new LeaveElementOperation(runtime, scope));
            return true;
        }

        if (fulfilled != false && !runtime.Children(scope).Any())
        {
            Schedule(new LeaveElementOperation(runtime, scope));
            return true;
        }

        RecheckInclusiveJoins(runtime, scope);
        return true;
    }

    /// <summary>An inner element of the ad-hoc sub-process that can be activated: no incoming flow, no event sub-process, no boundary, start or end event.</summary>
    internal static FlowNode? AdHocActivatable(AdHocSubProcess adHoc, string elementId) =>
        adHoc.FlowNodes.FirstOrDefault(n => n.Id == elementId
            && n.Incoming.IsEmpty
            && n is not (BoundaryEvent or StartEvent or EndEvent or SubProcess { TriggeredByEvent: true }));

    private static string NotActivatable(AdHocSubProcess adHoc, string elementId) =>
        $"'{elementId}' ist kein Element des Ad-hoc-Teilprozesses '{adHoc.Id}', das sich aktivieren lässt (nur Elemente darin ohne eingehenden Sequenzfluss).";
}
