using Amtsweg.Decisions.Compilation;
using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Feel;

namespace Amtsweg.Decisions;

/// <summary>
/// A compiled DMN model (with the models it imports): every FEEL expression parsed once, ready to evaluate many
/// times. Immutable and safe to use from several threads; create it with <see cref="DmnEngine.Compile"/>.
/// </summary>
public sealed class DmnModel
{
    private readonly ModelCompiler _compiler;
    private readonly DmnEngineOptions _options;

    internal DmnModel(ModelCompiler compiler, DmnEngineOptions options)
    {
        _compiler = compiler;
        _options = options;
    }

    /// <summary>The main model.</summary>
    public DmnDefinitions Definitions => _compiler.Main.Definitions;

    /// <summary>Problems found while compiling (FEEL syntax errors, unknown types, unsupported function kinds).</summary>
    public IReadOnlyList<DmnMessage> CompileMessages => _compiler.Messages;

    /// <summary>Evaluates a decision of the main model (by id or name) with inputs given by name.</summary>
    /// <exception cref="ArgumentException">There is no such decision.</exception>
    public DecisionResult Evaluate(string decisionIdOrName, IEnumerable<KeyValuePair<string, FeelValue>> inputs) =>
        Evaluate(decisionIdOrName, DmnInputs.From(inputs));

    /// <summary>
    /// Evaluates a decision (by id or name) of the main model, or of the imported model with the given namespace,
    /// together with everything it requires.
    /// </summary>
    /// <exception cref="ArgumentException">There is no such decision.</exception>
    public DecisionResult Evaluate(string decisionIdOrName, DmnInputs? inputs = null, string? modelNamespace = null)
    {
        var decision = Find(decisionIdOrName, modelNamespace, ElementKind.Decision);
        var run = new EvaluationRun(inputs ?? DmnInputs.Empty, _options);
        var value = DrgEvaluator.Decision(decision, run);
        return new DecisionResult(decision.Id, decision.Name, value, [.. run.Decisions], [.. run.Messages]);
    }

    /// <summary>Evaluates every decision of the main model, in document order.</summary>
    public IReadOnlyList<DecisionResult> EvaluateAll(DmnInputs? inputs = null) =>
        Definitions.Decisions.Select(d => Evaluate(d.Id, inputs)).ToList();

    /// <summary>
    /// Invokes a decision service (by id or name): its input decisions and input data are taken from the inputs by
    /// name (missing ones are null); the value is the output decision's value, or a context of them.
    /// </summary>
    /// <exception cref="ArgumentException">There is no such decision service.</exception>
    public DecisionResult EvaluateDecisionService(string serviceIdOrName, DmnInputs? inputs = null, string? modelNamespace = null)
    {
        var service = Find(serviceIdOrName, modelNamespace, ElementKind.DecisionService);
        var given = inputs ?? DmnInputs.Empty;
        var run = new EvaluationRun(given, _options);
        var arguments = service.ServiceInputs
            .Select(p => given.TryGet(p.Unit.Namespace, p.Name, p.Unit.IsMain, out var v) ? v : FeelValue.Null)
            .ToList();
        var value = DrgEvaluator.InvokeService(service, arguments, run);
        return new DecisionResult(service.Id, service.Name, value, [.. run.Decisions], [.. run.Messages]);
    }

    /// <summary>Invokes a business knowledge model (by id or name) with arguments by parameter name.</summary>
    /// <exception cref="ArgumentException">There is no such business knowledge model.</exception>
    public DecisionResult InvokeBusinessKnowledgeModel(string idOrName, IEnumerable<KeyValuePair<string, FeelValue>> arguments, string? modelNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var bkm = Find(idOrName, modelNamespace, ElementKind.BusinessKnowledgeModel);
        var run = new EvaluationRun(DmnInputs.Empty, _options);
        var byName = arguments.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var values = bkm.Parameters.Select(p => byName.GetValueOrDefault(p.Name) ?? FeelValue.Null).ToList();
        var result = DrgEvaluator.Function(bkm, run).Invoke(values, _options.FeelOptions);
        run.AddDiagnostics(result, bkm.Id, bkm.Element.Location);
        return new DecisionResult(bkm.Id, bkm.Name, result.Value, [.. run.Decisions], [.. run.Messages]);
    }

    private ElementInfo Find(string idOrName, string? modelNamespace, ElementKind kind)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        var unit = modelNamespace is null
            ? _compiler.Main
            : _compiler.Units.FirstOrDefault(u => u.Namespace == modelNamespace)
              ?? throw new ArgumentException($"No model with namespace '{modelNamespace}' is part of this compiled model.", nameof(modelNamespace));
        var candidates = unit.Elements.Values.Where(e => e.Kind == kind).ToList();
        return candidates.FirstOrDefault(e => e.Id == idOrName)
            ?? candidates.FirstOrDefault(e => e.Name == idOrName)
            ?? throw new ArgumentException($"The model '{unit.Definitions.Name}' has no {Describe(kind)} '{idOrName}'.", nameof(idOrName));
    }

    private static string Describe(ElementKind kind) => kind switch
    {
        ElementKind.Decision => "decision",
        ElementKind.DecisionService => "decision service",
        ElementKind.BusinessKnowledgeModel => "business knowledge model",
        ElementKind.InputData => "input data",
        _ => "element",
    };
}
