using System.Runtime.CompilerServices;
using Amtsweg.Decisions.Compilation;
using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Feel;

namespace Amtsweg.Decisions;

/// <summary>
/// Entry point for evaluating DMN. Typical use: <c>var model = DmnEngine.Compile(DmnParser.ParseFile(path));</c>
/// once, then <c>model.Evaluate("Fee", inputs)</c> per request.
/// </summary>
public static class DmnEngine
{
    private static readonly ConditionalWeakTable<DmnDefinitions, DmnModel> Cache = [];

    /// <summary>Compiles a model: resolves imports among <paramref name="importable"/>, builds types, parses all FEEL once.</summary>
    /// <param name="definitions">The main model.</param>
    /// <param name="importable">Models that the main model (or its imports) may import, matched by namespace.</param>
    /// <param name="options">Evaluation settings; <see cref="DmnEngineOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="DmnModelException">An import is missing, an id is used twice, or the model is structurally invalid.</exception>
    public static DmnModel Compile(DmnDefinitions definitions, IEnumerable<DmnDefinitions>? importable = null, DmnEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return new DmnModel(ModelCompiler.Compile(definitions, importable ?? []), options ?? DmnEngineOptions.Default);
    }

    /// <summary>
    /// Evaluates a decision (by id or name) of a model without imports. The compiled model is cached for the lifetime
    /// of <paramref name="definitions"/>, so repeated calls parse FEEL only once.
    /// </summary>
    /// <exception cref="ArgumentException">There is no such decision.</exception>
    public static DecisionResult Evaluate(DmnDefinitions definitions, string decisionIdOrName, IEnumerable<KeyValuePair<string, FeelValue>> inputs)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var model = Cache.GetValue(definitions, static d => Compile(d));
        return model.Evaluate(decisionIdOrName, DmnInputs.From(inputs));
    }
}
