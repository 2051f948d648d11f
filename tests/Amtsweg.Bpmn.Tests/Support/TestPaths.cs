namespace Amtsweg.Bpmn.Tests.Support;

/// <summary>Locates the repository and the shared conformance files without copying them.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string MiwgRoot => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "conformance", "bpmn-miwg"));

    public static string MiwgReference => Path.Combine(MiwgRoot, "Reference");

    public static IEnumerable<string> AllMiwgFiles() =>
        Directory.EnumerateFiles(MiwgRoot, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static IEnumerable<string> ReferenceFiles() =>
        Directory.EnumerateFiles(MiwgReference, "*.bpmn").Order(StringComparer.Ordinal);

    /// <summary>The diagram of one test: Diagrams/&lt;TestClass&gt;.&lt;TestMethod&gt;.bpmn, copied to the output folder.</summary>
    public static string Diagram(string testClass, string testMethod) =>
        Path.Combine(AppContext.BaseDirectory, "Diagrams", $"{testClass}.{testMethod}.bpmn");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Amtsweg.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Amtsweg.slnx.");
    }
}
