using Amtsweg.Decisions.Compilation;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Evaluation;

/// <summary>
/// Evaluates the decision requirements graph on demand: a decision first evaluates what it requires (depth first,
/// so in dependency order), each element once per run; knowledge models and decision services become FEEL functions.
/// </summary>
internal static class DrgEvaluator
{
    public static FeelValue Value(ElementInfo element, EvaluationRun run) => element.Kind switch
    {
        ElementKind.InputData => Input(element, run),
        ElementKind.Decision => Decision(element, run),
        ElementKind.BusinessKnowledgeModel or ElementKind.DecisionService => Function(element, run),
        _ => FeelValue.Null,
    };

    public static FeelValue Decision(ElementInfo decision, EvaluationRun run)
    {
        if (run.Values.TryGetValue(decision, out var known))
        {
            return known;
        }

        var element = decision.Element;
        if (run.Inputs.TryGet(decision.Unit.Namespace, decision.Name, decision.Unit.IsMain, out var given))
        {
            var supplied = TypeCheck.Conform(given, decision.Type, DmnSubject.Decision(decision.Name), run, decision.Id, element.Location);
            run.Values[decision] = supplied;
            return supplied;
        }

        if (!run.InProgress.Add(decision))
        {
            run.Error(DmnTexts.DecisionRequiresItself(decision.Name), decision.Id, element.Location);
            return FeelValue.Null;
        }

        run.BeginDecision();
        FeelValue value;
        try
        {
            var scope = ScopeFor(decision, run);
            value = decision.Body is null ? FeelValue.Null : decision.Body.Evaluate(scope, run);
            value = TypeCheck.Conform(value, decision.Type, DmnSubject.Decision(decision.Name), run, decision.Id, element.Location);
        }
        finally
        {
            run.InProgress.Remove(decision);
        }

        var rules = run.EndDecision();
        run.Values[decision] = value;
        run.Decisions.Add(new EvaluatedDecision(decision.Id, decision.Name, decision.Unit.Namespace, value, rules));
        return value;
    }

    private static FeelValue Input(ElementInfo input, EvaluationRun run)
    {
        if (run.Values.TryGetValue(input, out var known))
        {
            return known;
        }

        run.Inputs.TryGet(input.Unit.Namespace, input.Name, input.Unit.IsMain, out var given);
        var value = TypeCheck.Conform(given, input.Type, DmnSubject.Input(input.Name), run, input.Id, input.Element.Location);
        run.Values[input] = value;
        return value;
    }

    /// <summary>The variables an element's logic sees: its requirements and knowledge, imported ones under their import prefix.</summary>
    public static FeelScope ScopeFor(ElementInfo owner, EvaluationRun run)
    {
        var scope = new FeelScope(owner.Unit.IsMain ? run.InputScope : null);
        var prefixed = new Dictionary<string, List<KeyValuePair<string, FeelValue>>>(StringComparer.Ordinal);

        void Bind(ElementInfo element, FeelValue value)
        {
            var prefix = owner.Unit.PrefixFor(element.Unit);
            if (string.IsNullOrEmpty(prefix))
            {
                scope.Set(element.Name, value);
                return;
            }

            if (!prefixed.TryGetValue(prefix, out var entries))
            {
                prefixed[prefix] = entries = [];
            }

            entries.RemoveAll(e => e.Key == element.Name);
            entries.Add(new KeyValuePair<string, FeelValue>(element.Name, value));
        }

        foreach (var requirement in owner.Requirements)
        {
            Bind(requirement, Value(requirement, run));
        }

        foreach (var knowledge in owner.Knowledge)
        {
            Bind(knowledge, Function(knowledge, run));
        }

        if (owner.Kind == ElementKind.BusinessKnowledgeModel)
        {
            Bind(owner, Function(owner, run));
        }

        foreach (var (prefix, entries) in prefixed)
        {
            scope.Set(prefix, FeelContext.Create(entries));
        }

        return scope;
    }

    /// <summary>The FEEL function of a business knowledge model or decision service, made once per run.</summary>
    public static FeelFunction Function(ElementInfo element, EvaluationRun run)
    {
        if (run.Functions.TryGetValue(element, out var existing))
        {
            return existing;
        }

        var function = element.Kind == ElementKind.DecisionService
            ? FeelFunction.Create(
                element.Name,
                element.ServiceInputs.Select(i => new FeelParameter(i.Name, i.Type)).ToList(),
                (_, arguments) => InvokeService(element, arguments, run),
                element.ResultType)
            : FeelFunction.Create(element.Name, element.Parameters, (_, arguments) => InvokeBkm(element, arguments, run), element.ResultType);
        run.Functions[element] = function;
        return function;
    }

    public static FeelValue InvokeBkm(ElementInfo bkm, IReadOnlyList<FeelValue> arguments, EvaluationRun run)
    {
        if (bkm.Body is null)
        {
            run.Error(bkm.FunctionKind == Model.Expressions.FunctionKind.Feel ? DmnTexts.BkmHasNoLogic(bkm.Name) : DmnTexts.BkmKindNotSupported(bkm.Name, bkm.FunctionKind.ToString()), bkm.Id, bkm.Element.Location);
            return FeelValue.Null;
        }

        if (!run.Enter(bkm.Name, bkm.Id, bkm.Element.Location))
        {
            return FeelValue.Null;
        }

        try
        {
            var scope = new FeelScope(ScopeFor(bkm, run));
            for (var i = 0; i < bkm.Parameters.Count; i++)
            {
                scope.Set(bkm.Parameters[i].Name, i < arguments.Count ? arguments[i] : FeelValue.Null);
            }

            var value = bkm.Body.Evaluate(scope, run);
            return TypeCheck.Conform(value, bkm.ResultType, DmnSubject.ResultOf(bkm.Name), run, bkm.Id, bkm.Element.Location);
        }
        finally
        {
            run.Exit();
        }
    }

    /// <summary>Calls a decision service: its parameters replace its input decisions and input data; it returns its output decisions.</summary>
    public static FeelValue InvokeService(ElementInfo service, IReadOnlyList<FeelValue> arguments, EvaluationRun run)
    {
        if (!run.Enter(service.Name, service.Id, service.Element.Location))
        {
            return FeelValue.Null;
        }

        try
        {
            var inputs = new DmnInputs();
            for (var i = 0; i < service.ServiceInputs.Count; i++)
            {
                var parameter = service.ServiceInputs[i];
                inputs.Set(parameter.Unit.Namespace, parameter.Name, i < arguments.Count ? arguments[i] : FeelValue.Null);
            }

            var child = run.CreateChild(inputs);
            var outputs = service.ServiceOutputs.Select(o => new KeyValuePair<string, FeelValue>(o.Name, Decision(o, child))).ToList();
            var value = outputs.Count == 1 ? outputs[0].Value : FeelContext.Create(outputs);
            return TypeCheck.Conform(value, service.ResultType, DmnSubject.DecisionService(service.Name), run, service.Id, service.Element.Location);
        }
        finally
        {
            run.Exit();
        }
    }
}
