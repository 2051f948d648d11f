namespace Amtsweg.Decisions.Tck;

/// <summary>The outcome of one TCK test case.</summary>
/// <param name="Key">A stable key: folder of the suite relative to the run root, suite file name and case id (<c>compliance-level-2/0001-input-data-string/0001-input-data-string-test-01.xml#001</c>).</param>
/// <param name="Suite">The suite file path relative to the run root.</param>
/// <param name="CaseId">The case id.</param>
/// <param name="Passed">Whether every result node matched.</param>
/// <param name="Expected">The expected values, rendered.</param>
/// <param name="Actual">The actual values, rendered.</param>
/// <param name="Error">Why the case failed or could not run, or <see langword="null"/>.</param>
public sealed record TckCaseResult(string Key, string Suite, string CaseId, bool Passed, string Expected, string Actual, string? Error);

/// <summary>All case results of a TCK run with totals.</summary>
/// <param name="Root">The folder that was run.</param>
/// <param name="Cases">The case results, ordered by key.</param>
public sealed record TckReport(string Root, IReadOnlyList<TckCaseResult> Cases)
{
    /// <summary>Number of passing cases.</summary>
    public int Passed => Cases.Count(c => c.Passed);

    /// <summary>Number of cases.</summary>
    public int Total => Cases.Count;

    /// <summary>Passed and total per top-level folder (e.g. per compliance level).</summary>
    public IReadOnlyDictionary<string, (int Passed, int Total)> ByGroup =>
        Cases.GroupBy(c => c.Key.Split('/')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Count(c => c.Passed), g.Count()), StringComparer.Ordinal);
}
