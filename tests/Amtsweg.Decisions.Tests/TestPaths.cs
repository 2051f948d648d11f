namespace Amtsweg.Decisions.Tests;

/// <summary>Locates the repository root (the folder with Amtsweg.slnx) and the shared TCK folder.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepositoryRoot => Root.Value;

    public static string TckFolder => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "conformance", "dmn-tck"));

    public static string ModelsFolder => Path.Combine(RepositoryRoot, "tests", "Amtsweg.Decisions.Tests", "Models");

    private static string FindRoot()
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
}
