using System.Globalization;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Zeebe;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>Behaviour of multi-instance bodies and their inner instances.</summary>
internal sealed partial class CommandContext
{
    private void StartMultiInstance(InstanceRuntime runtime, ExecutionEntity body, Activity activity, MultiInstanceLoopCharacteristics loop)
    {
        body.Kind = ExecutionKind.MultiInstanceBody;
        SubscribeBoundaryEvents(runtime, body, activity);
        var zeebe = loop.Zeebe.LoopCharacteristics ?? activity.Zeebe.LoopCharacteristics;
        var scope = Scope(runtime, body);
        IReadOnlyList<FeelValue> items;
        if (zeebe?.InputCollection is { } collection)
        {
            var value = Expressions.Evaluate(collection, scope, activity.Id!);
            items = value is FeelList list ? list.Items
                : throw new IncidentException(IncidentTypes.ExpressionFailed, activity.Id!, $"Die Eingabesammlung '{collection.Raw}' von '{activity.Id}' muss eine Liste sein, war aber {value.ToFeelString()}.");
        }
        else if (loop.LoopCardinality is { } cardinality)
        {
            var value = Expressions.Evaluate(cardinality.Expression, scope, activity.Id!);
            items = int.TryParse(Text(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 0
                ? [.. Enumerable.Range(1, count).Select(i => (FeelValue)i)]
                : throw new IncidentException(IncidentTypes.ExpressionFailed, activity.Id!, $"Die Anzahl der Durchläufe von '{activity.Id}' muss eine ganze Zahl sein, war aber {value.ToFeelString()}.");
        }
        else
        {
            throw new IncidentException(IncidentTypes.UnsupportedElement, activity.Id!, $"Die Mehrfachaktivität '{activity.Id}' hat weder eine Eingabesammlung noch eine Anzahl der Durchläufe.");
        }

        var state = new MultiInstanceState([.. items], new FeelValue[items.Count], 0, 0);
        if (items.Count == 0)
        {
            FinishMultiInstance(runtime, body, activity, state);
            return;
        }

        body.IsWaiting = true;
        var first = loop.IsSequential ? 1 : items.Count;
        for (var i = 0; i < first; i++)
        {
            StartInnerInstance(runtime, body, activity, zeebe, state, i);
        }

        state = state with { Started = first };
        body.LoopState = state.ToJson();
    }

    private void StartInnerInstance(InstanceRuntime runtime, ExecutionEntity body, Activity activity, ZeebeLoopCharacteristics? zeebe, MultiInstanceState state, int index)
    {
        var inner = NewToken(runtime, body, activity.Id!);
        inner.LoopCounter = index + 1;
        var locals = new List<KeyValuePair<string, FeelValue>> { new("loopCounter", index + 1) };
        if (!string.IsNullOrEmpty(zeebe?.InputElement))
        {
            locals.Add(new(zeebe.InputElement, state.Items[index]));
        }

        // As Camunda 8 does: the variable the output element reads is created local to each inner instance
        // (null), so that a result set inside one instance lands there and parallel instances cannot
        // overwrite each other's value before it is collected.
        if (OutputElementVariable(zeebe?.OutputElement) is { } output && output != zeebe?.InputElement)
        {
            locals.Add(new(output, FeelValue.Null));
        }

        SetLocal(runtime, inner, locals);
        Schedule(new EnterElementOperation(runtime, inner));
    }

    /// <summary>
    /// The variable an output element expression reads when it is just a variable or a path into one
    /// (<c>=result</c>, <c>=result.betrag</c>); null for any other expression, whose variables stay where they are.
    /// </summary>
    private static string? OutputElementVariable(BpmnExpression? outputElement)
    {
        if (outputElement is not { IsFeel: true })
        {
            return null;
        }

        var parts = outputElement.Text.Split('.');
        return parts.All(IsPlainName) ? parts[0] : null;

        static bool IsPlainName(string part) =>
            part is not ("null" or "true" or "false") && part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_') && part.All(c => char.IsLetterOrDigit(c) || c == '_');
    }

    private void CollectMultiInstanceOutput(InstanceRuntime runtime, ExecutionEntity inner, Activity activity)
    {
        var loop = (MultiInstanceLoopCharacteristics)activity.LoopCharacteristics!;
        var zeebe = loop.Zeebe.LoopCharacteristics ?? activity.Zeebe.LoopCharacteristics;
        if (zeebe?.OutputElement is not { } outputElement)
        {
            return;
        }

        var body = runtime.Parent(inner)!;
        var state = MultiInstanceState.FromJson(body.LoopState!);
        state.Outputs[inner.LoopCounter - 1] = Expressions.Evaluate(outputElement, Scope(runtime, inner), activity.Id!);
        body.LoopState = state.ToJson();
    }

    private void CompleteInnerInstance(InstanceRuntime runtime, ExecutionEntity inner, Activity activity)
    {
        var loop = (MultiInstanceLoopCharacteristics)activity.LoopCharacteristics!;
        var zeebe = loop.Zeebe.LoopCharacteristics ?? activity.Zeebe.LoopCharacteristics;
        var body = runtime.Parent(inner)!;
        RemoveExecution(runtime, inner);
        var state = MultiInstanceState.FromJson(body.LoopState!);
        state = state with { Completed = state.Completed + 1 };
        body.LoopState = state.ToJson();
        var active = runtime.Children(body).Count();

        if (loop.CompletionCondition is { } condition)
        {
            var scope = new FeelScope(Scope(runtime, body))
                .Set("numberOfInstances", state.Items.Length)
                .Set("numberOfCompletedInstances", state.Completed)
                .Set("numberOfActiveInstances", active)
                .Set("numberOfTerminatedInstances", state.Started - state.Completed - active)
                .Set("nrOfInstances", state.Items.Length)
                .Set("nrOfCompletedInstances", state.Completed)
                .Set("nrOfActiveInstances", active);
            if (Expressions.EvaluateCondition(condition.Expression, scope, activity.Id!))
            {
                foreach (var remaining in runtime.Children(body).ToList())
                {
                    Cancel(runtime, remaining);
                }

                FinishMultiInstance(runtime, body, activity, state);
                return;
            }
        }

        if (loop.IsSequential && state.Started < state.Items.Length)
        {
            StartInnerInstance(runtime, body, activity, zeebe, state, state.Started);
            body.LoopState = (state with { Started = state.Started + 1 }).ToJson();
            return;
        }

        if (active == 0)
        {
            FinishMultiInstance(runtime, body, activity, state);
        }
    }

    private void FinishMultiInstance(InstanceRuntime runtime, ExecutionEntity body, Activity activity, MultiInstanceState state)
    {
        var loop = (MultiInstanceLoopCharacteristics)activity.LoopCharacteristics!;
        var zeebe = loop.Zeebe.LoopCharacteristics ?? activity.Zeebe.LoopCharacteristics;
        if (!string.IsNullOrEmpty(zeebe?.OutputCollection))
        {
            Propagate(runtime, runtime.Parent(body)!, [new(zeebe.OutputCollection, FeelList.Create(state.Outputs.Select(v => v ?? FeelValue.Null)))]);
        }

        Schedule(new LeaveElementOperation(runtime, body));
    }


    /// <summary>Bookkeeping of a multi-instance body, kept as JSON on the body execution.</summary>
    private sealed record MultiInstanceState(FeelValue[] Items, FeelValue?[] Outputs, int Started, int Completed)
    {
        public string ToJson() => new JsonObject
        {
            ["items"] = new JsonArray([.. Items.Select(FeelConvert.ToJson)]),
            ["outputs"] = new JsonArray([.. Outputs.Select(o => o is null ? null : FeelConvert.ToJson(o))]),
            ["started"] = Started,
            ["completed"] = Completed,
        }.ToJsonString();

        public static MultiInstanceState FromJson(string json)
        {
            var node = JsonNode.Parse(json)!.AsObject();
            var items = node["items"]!.AsArray().Select(FeelConvert.FromJson).ToArray();
            var outputs = node["outputs"]!.AsArray().Select(o => (FeelValue?)FeelConvert.FromJson(o)).ToArray();
            return new MultiInstanceState(items, outputs, node["started"]!.GetValue<int>(), node["completed"]!.GetValue<int>());
        }
    }
}
