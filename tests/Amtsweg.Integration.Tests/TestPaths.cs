namespace Amtsweg.Integration.Tests;

/// <summary>Finds the shared test material next to the repository (<c>../shared</c>), which is never copied.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepositoryRoot => Root.Value;

    public static string XDatenfelder => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "standards", "xdatenfelder"));

    public static string Message(string folder, string file) => Path.Combine(XDatenfelder, folder, file);

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
