using Amtsweg.Decisions.Tck;
using Xunit.Abstractions;

namespace Amtsweg.Decisions.Tests.Tck;

/// <summary>
/// Every case of the DMN TCK as one test. A case listed in <c>expected-to-pass.txt</c> must pass; any other case is
/// reported but does not fail, so the suite stays green while coverage grows. The list only ever grows.
/// </summary>
public class TckConformanceTests(ITestOutputHelper output)
{
    private static readonly Lazy<TckReport> Report = new(() => TckRunner.Run(TestPaths.TckFolder));

    private static readonly Lazy<HashSet<string>> ExpectedToPass = new(() =>
        File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Decisions.Tests", "Tck", "expected-to-pass.txt"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal));

    public static TheoryData<string> CaseKeys()
    {
        var data = new TheoryData<string>();
        foreach (var suitePath in Directory.EnumerateFiles(TestPaths.TckFolder, "*-test-*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(TestPaths.TckFolder, suitePath).Replace('\\', '/');
            foreach (var testCase in TckSuiteReader.ReadFile(suitePath).Cases)
            {
                data.Add(relative + "#" + testCase.Id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseKeys))]
    public void TckCase_Passes_WhenExpectedToPass(string key)
    {
        var result = Report.Value.Cases.FirstOrDefault(c => c.Key == key);

        Assert.NotNull(result);
        if (!result.Passed)
        {
            var detail = $"{key}: expected {result.Expected}; actual {result.Actual}; {result.Error}";
            if (ExpectedToPass.Value.Contains(key))
            {
                Assert.Fail("Regression: " + detail);
            }

            output.WriteLine("Not yet passing (not in expected-to-pass.txt): " + detail);
        }
    }

    [Fact]
    public void ExpectedToPassList_NamesOnlyExistingCases()
    {
        var keys = Report.Value.Cases.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);

        var stale = ExpectedToPass.Value.Where(k => !keys.Contains(k)).ToList();

        Assert.True(stale.Count == 0, "Unknown case keys: " + string.Join(", ", stale));
    }

    [Fact]
    public void ComplianceLevel2_PassesCompletely()
    {
        var level2 = Report.Value.Cases.Where(c => c.Key.StartsWith("compliance-level-2/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(level2);
        Assert.All(level2, c => Assert.True(c.Passed, $"{c.Key}: expected {c.Expected}; actual {c.Actual}; {c.Error}"));
    }

    [Fact]
    public void TckReport_PrintsPassFigures()
    {
        var report = Report.Value;
        foreach (var (group, (passed, total)) in report.ByGroup)
        {
            output.WriteLine($"{group}: {passed} of {total}");
        }

        output.WriteLine($"all: {report.Passed} of {report.Total}");
        foreach (var failed in report.Cases.Where(c => !c.Passed))
        {
            output.WriteLine($"FAILED {failed.Key}: expected {failed.Expected}; actual {failed.Actual}; {failed.Error}");
        }
        Assert.True(report.Passed >= ExpectedToPass.Value.Count, "Fewer cases pass than the expected-to-pass list names.");
    }
}
