using System.Text.RegularExpressions;

namespace Amtsweg.Engine.Tests.Documentation;

/// <summary>
/// docs/bpmn-constructs.md is the evidence process designers and auditors rely on: a test it names that was renamed
/// or removed would leave a construct without evidence while the page still claims it.
/// </summary>
public sealed partial class BpmnConstructsDocumentationTests
{
    [Fact]
    public void EveryNamedTest_ExistsInTestSources()
    {
        var root = RepositoryRoot();
        var page = File.ReadAllText(Path.Combine(root, "docs", "bpmn-constructs.md"));
        var sources = Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f)))
            .Select(File.ReadAllText)
            .ToList();

        var named = TestName().Matches(page).Select(m => (Class: m.Groups["class"].Value, Method: m.Groups["method"].Value)).Distinct().ToList();

        Assert.NotEmpty(named);
        var missing = named
            .Where(n => !sources.Any(source => DeclaresClass(source, n.Class) && (source.Contains($"Task {n.Method}(", StringComparison.Ordinal) || source.Contains($"void {n.Method}(", StringComparison.Ordinal))))
            .Select(n => $"{n.Class}.{n.Method}")
            .ToList();
        Assert.Empty(missing);
    }

    private static bool DeclaresClass(string source, string className) =>
        source.Contains($"class {className}\n", StringComparison.Ordinal)
        || source.Contains($"class {className}\r", StringComparison.Ordinal)
        || source.Contains($"class {className} ", StringComparison.Ordinal)
        || source.Contains($"class {className}(", StringComparison.Ordinal);

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Amtsweg.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Amtsweg.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"`(?<class>[A-Z]\w*Tests)\.(?<method>\w+)`")]
    private static partial Regex TestName();
}
