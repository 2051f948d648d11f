namespace Amtsweg.Engine.Simulation.Scenarios;

/// <summary>The outcome of running several scenarios of one process.</summary>
/// <param name="Results">One result per scenario, in the order given.</param>
public sealed record ScenarioSuiteResult(IReadOnlyList<ScenarioResult> Results)
{
    /// <summary>How many scenarios passed.</summary>
    public int PassedCount => Results.Count(r => r.Passed);

    /// <summary>True when every scenario passed (and there was at least one).</summary>
    public bool AllPassed => Results.Count > 0 && PassedCount == Results.Count;
}

/// <summary>
/// Runs all scenarios of a process and words the result the same way wherever scenarios are run: the designer's
/// studio (<c>/prozesse/testen</c>), <c>amtsweg bpmn test</c> and the process library's <c>package test</c>. One line per
/// scenario (<c>bestanden  Name</c> or <c>nicht bestanden  Name: Befund</c>), last the line CI reads
/// (<c>scenarios passed N of M</c>).
/// </summary>
public static class ScenarioSuite
{
    /// <summary>The word for a scenario that passed.</summary>
    public const string PassedWord = "bestanden";

    /// <summary>The word for a scenario that did not pass.</summary>
    public const string FailedWord = "nicht bestanden";

    /// <summary>
    /// Runs every scenario against the same BPMN file (each on its own throwaway engine), in order; each with a new
    /// letter writer from <paramref name="letters"/> when given (<see cref="ScenarioRunner.RunAsync"/>).
    /// </summary>
    public static async Task<ScenarioSuiteResult> RunAsync(string bpmnXml, IEnumerable<Scenario> scenarios, IReadOnlyList<DeploymentResource>? resources = null, Func<IScenarioLetterWriter>? letters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bpmnXml);
        ArgumentNullException.ThrowIfNull(scenarios);
        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios)
        {
            results.Add(await ScenarioRunner.RunAsync(bpmnXml, scenario, resources, letters?.Invoke(), cancellationToken).ConfigureAwait(false));
        }

        return new ScenarioSuiteResult(results);
    }

    /// <summary>The line of one scenario: <c>bestanden  Name</c> or <c>nicht bestanden  Name: Befund; Befund</c>.</summary>
    public static string Line(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Passed
            ? $"{PassedWord}  {result.Scenario.Name}"
            : $"{FailedWord}  {result.Scenario.Name}: {string.Join(" ", result.Findings)}";
    }

    /// <summary>The last line, as CI reads it: <c>scenarios passed N of M</c>.</summary>
    public static string Summary(ScenarioSuiteResult suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        return $"scenarios passed {suite.PassedCount} of {suite.Results.Count}";
    }

    /// <summary>Every line of the suite: one per scenario, then <see cref="Summary"/>.</summary>
    public static IReadOnlyList<string> Lines(ScenarioSuiteResult suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        return [.. suite.Results.Select(Line), Summary(suite)];
    }
}
