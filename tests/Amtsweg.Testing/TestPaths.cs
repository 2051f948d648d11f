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

    /// <summary>
    /// The built <c>amtsweg.dll</c> of <c>src/Amtsweg.Cli</c>: of the configuration the tests were built in (Debug,
    /// Release or another), else the most recently built one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The CLI is not built.</exception>
    public static string Cli
    {
        get
        {
            var bin = Path.Combine(RepositoryRoot, "src", "Amtsweg.Cli", "bin");
            var own = Path.Combine(bin, Configuration, TargetFramework, "amtsweg.dll");
            if (File.Exists(own))
            {
                return own;
            }

            var built = Directory.Exists(bin)
                ? Directory.GetFiles(bin, "amtsweg.dll", SearchOption.AllDirectories).Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == TargetFramework)
                : [];
            return built.OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                ?? throw new InvalidOperationException($"{own} is missing: build the solution first (any configuration).");
        }
    }

    /// <summary>The build configuration of the running test assembly: the folder above its target framework folder.</summary>
    private static string Configuration => Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory))) ?? "Debug";

    private static string TargetFramework => Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));

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
