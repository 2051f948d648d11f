using Amtsweg.Engine;
using Amtsweg.Engine.Simulation.Scenarios;

namespace Amtsweg.Library.Packages;

/// <summary>What <see cref="PackageTester"/> did: the validation, and the scenarios' results when the package was valid.</summary>
/// <param name="Validation">The validation, which runs first.</param>
/// <param name="Suite">The scenarios' results, or null when the package was not valid and nothing ran.</param>
public sealed record PackageTestResult(PackageValidation Validation, ScenarioSuiteResult? Suite)
{
    /// <summary>True when the package is valid and every scenario passed.</summary>
    public bool Passed => Validation.IsValid && Suite is { AllPassed: true };

    /// <summary>The problems (and <c>N problems</c>) of an invalid package, else one line per scenario and <c>scenarios passed N of M</c>.</summary>
    public IReadOnlyList<string> Lines() => Suite is null ? Validation.Lines() : ScenarioSuite.Lines(Suite);
}

/// <summary>
/// Runs a package's scenarios (<c>amtsweg package test</c>): validates first, then runs every scenario of
/// <c>szenarien/</c> with <see cref="ScenarioSuite"/> against its model, with all the package's other models, forms and
/// decisions deployed beside it, its letters written from its own letter templates (<see cref="ScenarioLetters"/>), and the start variable <c>parameter</c> = the parameter defaults merged with the
/// scenario's own <c>parameter</c> start variable (<see cref="PackageValidator.StartVariables"/>).
/// </summary>
public static class PackageTester
{
    /// <summary>Reads a folder or archive, validates it and runs its scenarios.</summary>
    /// <exception cref="PackageReadException">The package cannot be read at all.</exception>
    public static async Task<PackageTestResult> TestAsync(string path, CancellationToken cancellationToken = default) =>
        await TestAsync(await PackageReader.ReadAsync(path, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Validates a package's files and runs its scenarios.</summary>
    public static async Task<PackageTestResult> TestAsync(PackageFiles files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var validation = await PackageValidator.ValidateAsync(files, cancellationToken).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return new PackageTestResult(validation, null);
        }

        var manifest = validation.Manifest!;
        var texts = PackageValidator.Texts(files, []);
        var models = PackageValidator.Models(texts);
        var beside = texts.Where(t => IsResource(t.Key)).Select(t => new DeploymentResource(t.Key, t.Value)).ToList();
        var letters = PackageValidator.Letters(texts);
        var results = new List<ScenarioResult>();
        foreach (var file in validation.Scenarios)
        {
            var model = PackageValidator.ModelOf(file.Scenario, models, out _)!;
            var scenario = file.Scenario with { StartVariables = PackageValidator.StartVariables(file.Scenario, manifest) };
            var resources = beside.Where(r => r.Name != model).ToList();
            var suite = await ScenarioSuite.RunAsync(texts[model], [scenario], resources, () => new ScenarioLetters(letters), cancellationToken).ConfigureAwait(false);
            results.AddRange(suite.Results);
        }

        return new PackageTestResult(validation, new ScenarioSuiteResult(results));
    }

    private static bool IsResource(string path) =>
        (path.StartsWith("prozesse/", StringComparison.Ordinal) && path.EndsWith(".bpmn", StringComparison.Ordinal))
        || (path.StartsWith("formulare/", StringComparison.Ordinal) && path.EndsWith(".form", StringComparison.Ordinal))
        || (path.StartsWith("entscheidungen/", StringComparison.Ordinal) && path.EndsWith(".dmn", StringComparison.Ordinal));
}
