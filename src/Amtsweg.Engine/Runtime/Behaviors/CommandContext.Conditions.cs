using System.Text.RegularExpressions;
using Amtsweg.Bpmn;
using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Conditional events (intermediate catch, boundary, event sub-process start), with Camunda 8's semantics (8.9,
/// "Conditionals"): while the event is active it holds a subscription of kind
/// <see cref="EventSubscriptionKind.Conditional"/>. Its FEEL condition is evaluated when its scope is entered (an
/// intermediate catch event whose condition already holds passes at once; a boundary event or event sub-process whose
/// condition already holds fires as soon as its activity or scope is active) and again whenever a variable changes in
/// the subscription's scope or above: by any command (task completion, message, job result, retry with variables,
/// instance start) and by scripts and input/output mappings within it. The conditions are evaluated when the command's
/// tokens have come to rest, top-down (outer scopes first, so an interrupting outer event cancels the inner ones before
/// they are evaluated), each subscription once per round.
/// <para>
/// The event fires when its condition changes from false to true (BPMN 2.0: "the condition must become false and then
/// true again before the event can be triggered again"); a non-interrupting boundary event or event sub-process start
/// keeps its subscription and fires again on the next change from false to true. The last result is kept in the
/// subscription's <see cref="EventSubscriptionEntity.CorrelationKey"/> (<c>true</c>/<c>false</c>; null before the first
/// evaluation).
/// </para>
/// <para>
/// A condition that yields null (its variables are not set yet) counts as false, as in Camunda 7 where an unknown
/// variable makes the condition false; any other result that is not a boolean, and a FEEL error, is an incident at the
/// event. Filters: Camunda 8's <c>zeebe:conditionalFilter variableEvents="create, update"</c> and Camunda 7's
/// <c>camunda:variableEvents</c> restrict which kinds of change re-evaluate the condition (<c>delete</c> never matches:
/// the engine has no operation that deletes a variable of a running scope); Camunda 7's <c>camunda:variableName</c>
/// (comma-separated) names the variables whose changes count; without it, as in Camunda 8, only changes of the variables
/// the condition names count (see <see cref="Mentions"/>).
/// </para>
/// </summary>
internal sealed partial class CommandContext
{
    private readonly List<VariableChange> _variableChanges = [];

    /// <summary>A variable written in a scope (execution) during this command.</summary>
    private sealed record VariableChange(InstanceRuntime Runtime, Guid ScopeId, string Name, bool Created);

    /// <summary>Remembers a variable change for the conditional events that can see it.</summary>
    private void NoteVariableChange(InstanceRuntime runtime, ExecutionEntity scope, string name, bool created) =>
        _variableChanges.Add(new VariableChange(runtime, scope.Id, name, created));

    /// <summary>An intermediate conditional catch event: passes at once when its condition holds, otherwise waits for it.</summary>
    private void WaitForCondition(InstanceRuntime runtime, ExecutionEntity execution, IntermediateCatchEvent catchEvent)
    {
        if (EvaluateConditionalEvent(runtime, execution, catchEvent))
        {
            Leave(runtime, execution);
            return;
        }

        AddSubscription(runtime, execution, catchEvent, EventSubscriptionKind.Conditional, catchEvent.Id!, bool.FalseString.ToLowerInvariant());
        execution.IsWaiting = true;
    }

    /// <summary>
    /// A conditional boundary event or event sub-process start: subscribes without evaluating; the first evaluation
    /// happens when the command's tokens have come to rest (its activity or scope is then active).
    /// </summary>
    private void SubscribeCondition(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node) =>
        AddSubscription(runtime, execution, node, EventSubscriptionKind.Conditional, node.Id!, null);

    /// <summary>
    /// Evaluates the conditional subscriptions that are new or can see a variable changed since the last round, and
    /// fires those whose condition turned true. Returns true when one fired (the agenda has work again).
    /// </summary>
    private bool TriggerConditionalEvents()
    {
        var fired = false;
        var changes = _variableChanges.ToList();
        _variableChanges.Clear();
        foreach (var runtime in _instances.Values.ToList())
        {
            if (runtime.Entity.State != ProcessInstanceState.Active || !runtime.Subscriptions.Exists(s => s.Kind == EventSubscriptionKind.Conditional))
            {
                continue;
            }

            var instanceChanges = changes.Where(c => ReferenceEquals(c.Runtime, runtime)).ToList();
            var candidates = runtime.Subscriptions
                .Where(s => s.Kind == EventSubscriptionKind.Conditional && s.ExecutionId is { } id && runtime.Find(id) is { } execution
                    && (s.CorrelationKey is null || instanceChanges.Exists(c => Sees(runtime, execution, c) && Matches(runtime, s, c))))
                .Select(s => (Subscription: s, Depth: Depth(runtime, runtime.Find(s.ExecutionId!.Value)!)))
                .OrderBy(c => c.Depth)
                .Select(c => c.Subscription)
                .ToList();
            foreach (var subscription in candidates)
            {
                // An interrupting event fired before may have closed this subscription or ended its execution.
                if (!runtime.Subscriptions.Contains(subscription) || runtime.Find(subscription.ExecutionId!.Value) is not { } execution)
                {
                    continue;
                }

                var node = runtime.Model.FindElement<FlowNode>(subscription.ElementId)!;
                var before = subscription.CorrelationKey;
                bool holds;
                try
                {
                    holds = EvaluateConditionalEvent(runtime, execution, node);
                }
                catch (IncidentException incident) when (incident.ProcessInstanceId is null)
                {
                    throw new IncidentException(incident.Type, incident.ElementId, incident.Message, runtime.Id);
                }

                subscription.CorrelationKey = holds ? "true" : "false";
                if (holds && before != "true")
                {
                    History(runtime, HistoryEventTypes.ConditionMet, execution, node.Id, ElementType(node));
                    Trigger(runtime, execution, subscription.ElementId, []);
                    fired = true;
                }
            }
        }

        return fired;
    }

    /// <summary>True when a variable written in the change's scope is visible at the execution (the scope is the execution or one of its ancestors).</summary>
    private static bool Sees(InstanceRuntime runtime, ExecutionEntity execution, VariableChange change)
    {
        for (var current = execution; current is not null; current = runtime.Parent(current))
        {
            if (current.Id == change.ScopeId)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(InstanceRuntime runtime, EventSubscriptionEntity subscription, VariableChange change)
    {
        var definition = ConditionalDefinition(runtime.Model.FindElement<FlowNode>(subscription.ElementId)!);
        if (definition is null)
        {
            return false;
        }

        var names = definition.GetAttribute(BpmnNamespaces.Camunda7 + "variableName");
        if (string.IsNullOrWhiteSpace(names) ? !Mentions(definition.Condition?.Text ?? string.Empty, change.Name) : !List(names).Contains(change.Name, StringComparer.Ordinal))
        {
            return false;
        }

        var events = definition.ExtensionElements.FirstOrDefault(e => e.Name == BpmnNamespaces.Zeebe + "conditionalFilter")?.GetAttribute("variableEvents")
            ?? definition.GetAttribute(BpmnNamespaces.Camunda7 + "variableEvents");
        return string.IsNullOrWhiteSpace(events) || List(events).Contains(change.Created ? "create" : "update", StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// True when the condition names the variable (as a whole word): Camunda 8 re-evaluates a condition only when a
    /// variable it refers to changes (a nested access <c>x.y</c> depends on <c>x</c>). A name that occurs only inside a
    /// string literal counts too, which costs an evaluation but cannot make the event fire on its own.
    /// </summary>
    private static bool Mentions(string condition, string name) =>
        Regex.IsMatch(condition, $@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(name)}(?![\p{{L}}\p{{N}}_])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static IEnumerable<string> List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Depth(InstanceRuntime runtime, ExecutionEntity execution)
    {
        var depth = 0;
        for (var current = runtime.Parent(execution); current is not null; current = runtime.Parent(current))
        {
            depth++;
        }

        return depth;
    }

    /// <summary>The conditional event definition of a catch, boundary or start event, or null.</summary>
    internal static ConditionalEventDefinition? ConditionalDefinition(FlowNode node) =>
        node is BpmnEvent evt ? evt.GetEventDefinition<ConditionalEventDefinition>() : null;

    /// <summary>
    /// Evaluates the condition of a conditional event in the scope of an execution: true or false; null counts as false
    /// (variables not set yet); anything else is an incident at the event.
    /// </summary>
    private bool EvaluateConditionalEvent(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node) =>
        EvaluateCondition(ConditionalDefinition(node), Scope(runtime, execution), node.Id!);

    /// <summary>Evaluates a conditional event's condition against a scope (see <see cref="EvaluateConditionalEvent"/>).</summary>
    public bool EvaluateCondition(ConditionalEventDefinition? definition, FeelScope scope, string elementId)
    {
        var condition = definition?.Condition?.Expression
            ?? throw new IncidentException(IncidentTypes.ExpressionFailed, elementId, $"Das bedingte Ereignis '{elementId}' hat keine Bedingung.");
        if (!condition.IsFeel)
        {
            return Expressions.EvaluateCondition(condition, scope, elementId);
        }

        var value = Expressions.EvaluateFeel(condition.Text, scope, elementId);
        return value switch
        {
            FeelBoolean boolean => boolean.Value,
            _ when value.IsNull => false,
            _ => throw new IncidentException(
                IncidentTypes.ExpressionFailed,
                elementId,
                $"Die Bedingung '{condition.Text}' des bedingten Ereignisses '{elementId}' muss wahr oder falsch ergeben, ergab aber {value.ToFeelString()}."),
        };
    }
}
