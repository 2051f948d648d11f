using System.Globalization;
using Amtsweg.Decisions.Evaluation;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Tck;

/// <summary>
/// Runs DMN TCK test suites: finds every <c>*-test-*.xml</c> below a folder, compiles the models of the suite's folder
/// (the suite's model as main, the others as importable), evaluates every case and compares the results the way
/// the TCK does (see <see cref="TckValueComparer"/>).
/// </summary>
public static class TckRunner
{
    /// <summary>Runs every suite below <paramref name="root"/>.</summary>
    /// <param name="root">A TCK folder (e.g. <c>dmn-tck</c> or one compliance level or one test folder).</param>
    /// <param name="options">Engine settings; the defaults when <see langword="null"/>.</param>
    public static TckReport Run(string root, DmnEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var fullRoot = Path.GetFullPath(root);
        var suites = Directory.EnumerateFiles(fullRoot, "*-test-*.xml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
        // Suites are independent (each compiles its own models), so they run in parallel.
        var results = suites
            .AsParallel()
            .SelectMany(suitePath => RunSuite(fullRoot, suitePath, options))
            .ToList();

        return new TckReport(fullRoot, results.OrderBy(r => r.Key, StringComparer.Ordinal).ToList());
    }

    /// <summary>Runs one suite file; <paramref name="root"/> is the folder the case keys are relative to.</summary>
    public static IReadOnlyList<TckCaseResult> RunSuite(string root, string suitePath, DmnEngineOptions? options = null)
    {
        var relative = Path.GetRelativePath(root, suitePath).Replace('\\', '/');
        TckSuite suite;
        try
        {
            suite = TckSuiteReader.ReadFile(suitePath);
        }
        catch (FormatException ex)
        {
            return [new TckCaseResult(relative + "#*", relative, "*", false, "", "", ex.Message)];
        }

        DmnModel model;
        try
        {
            model = LoadModel(suitePath, suite, options);
        }
        catch (Exception ex) when (ex is DmnModelException or IOException or InvalidOperationException)
        {
            return suite.Cases.Select(c => new TckCaseResult(relative + "#" + c.Id, relative, c.Id, false, "", "", "Model: " + ex.Message)).ToList();
        }

        return suite.Cases.Select(c => RunCase(model, relative, c)).ToList();
    }

    private static DmnModel LoadModel(string suitePath, TckSuite suite, DmnEngineOptions? options)
    {
        var folder = Path.GetDirectoryName(suitePath)!;
        var models = LoadFolder(folder);
        var main = suite.ModelName is { } name
            ? models.FirstOrDefault(m => string.Equals(Path.GetFileName(m.SourcePath), name, StringComparison.Ordinal))
            : models.Count == 1 ? models[0] : null;
        if (main is null)
        {
            throw new InvalidOperationException($"The model '{suite.ModelName}' of {Path.GetFileName(suitePath)} is not in its folder.");
        }

        return DmnEngine.Compile(main, models, options);
    }

    private static List<Model.DmnDefinitions> LoadFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*.dmn").Order(StringComparer.Ordinal).Select(f => DmnParser.ParseFile(f)).ToList();

    private static TckCaseResult RunCase(DmnModel model, string suite, TckCase testCase)
    {
        var key = suite + "#" + testCase.Id;
        try
        {
            var inputs = new DmnInputs();
            foreach (var input in testCase.Inputs)
            {
                inputs.Set(input.Namespace, input.Name, TckValueConverter.ToFeel(input.Value));
            }

            var expected = new List<string>();
            var actual = new List<string>();
            var errors = new List<string>();
            var passed = true;
            DecisionResult? serviceResult = null;
            foreach (var result in testCase.Results)
            {
                var expectedValue = result.Expected is null ? FeelValue.Null : TckValueConverter.ToFeel(result.Expected);
                FeelValue actualValue;
                IReadOnlyList<DmnMessage> messages;
                switch (testCase.Type)
                {
                    case TckCaseType.DecisionService:
                        serviceResult ??= model.EvaluateDecisionService(testCase.InvocableName ?? result.Name, inputs);
                        actualValue = ServiceOutput(model, serviceResult, result.Name);
                        messages = serviceResult.Messages;
                        break;
                    case TckCaseType.Bkm:
                        var bkm = model.InvokeBusinessKnowledgeModel(testCase.InvocableName ?? result.Name, inputs.Unqualified);
                        actualValue = bkm.Value;
                        messages = bkm.Messages;
                        break;
                    default:
                        var decision = model.Evaluate(result.Name, inputs, result.Namespace);
                        actualValue = decision.Value;
                        messages = decision.Messages;
                        break;
                }

                var ok = TckValueComparer.Matches(expectedValue, actualValue);
                passed &= ok;
                expected.Add($"{result.Name} = {expectedValue}");
                actual.Add($"{result.Name} = {actualValue}");
                if (!ok)
                {
                    errors.AddRange(messages.Select(m => m.ToString()));
                }
            }

            return new TckCaseResult(key, suite, testCase.Id, passed, string.Join("; ", expected), string.Join("; ", actual), errors.Count == 0 ? null : string.Join(" | ", errors.Distinct().Take(5)));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or DmnModelException)
        {
            return new TckCaseResult(key, suite, testCase.Id, false, "", "", ex.Message);
        }
    }

    /// <summary>A decision service returns the value of its single output decision, or a context of all of them.</summary>
    private static FeelValue ServiceOutput(DmnModel model, DecisionResult result, string name)
    {
        if (result.Name == name || result.Value is not FeelContext context)
        {
            return result.Value;
        }

        var service = model.Definitions.DecisionServices.FirstOrDefault(s => s.Id == result.Id);
        return service is { OutputDecisions.Count: > 1 } && context.TryGetValue(name, out var entry) ? entry : result.Value;
    }

    internal static string Format(int passed, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{passed} of {total} ({(total == 0 ? 0 : 100.0 * passed / total):F1} %)");
}
