namespace Amtsweg.Testing;

/// <summary>Paths of the repository and of the shared material next to it.</summary>
public static class TestPaths
{
    /// <summary>The repository root: the folder that holds <c>Amtsweg.slnx</c>.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary><c>../shared</c> next to the repository (read-only conformance suites and standards).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>Where tests keep artifacts (screenshots, reports): <c>artifacts/test-results</c>.</summary>
    public static string Artifacts
    {
        get
        {
            var path = Path.Combine(RepositoryRoot, "artifacts", "test-results");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Amtsweg.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Amtsweg.slnx not found above " + AppContext.BaseDirectory);
    }
}
