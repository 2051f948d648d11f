using System.Text.Json.Nodes;
using Amtsweg.Testing;

namespace Amtsweg.Library.Tests;

/// <summary>
/// A copy of a fixture package of <c>Packages/</c> in its own temporary folder, for a test to change one thing in it.
/// The fixture <c>gueltig</c> is a small valid package: one model, a form, a decision, a letter, documentation, two scenarios.
/// </summary>
internal sealed class TestPackage : IDisposable
{
    public TestPackage(string fixture = "gueltig")
        : this(new DirectoryInfo(System.IO.Path.Combine(Fixtures, fixture)))
    {
    }

    private TestPackage(DirectoryInfo source)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "amtsweg-paket-" + Guid.NewGuid().ToString("N"));
        Copy(source.FullName, Path);
    }

    /// <summary>A copy of one of the real packages in <c>library/</c>.</summary>
    public static TestPackage OfLibrary(string name) => new(new DirectoryInfo(System.IO.Path.Combine(TestPaths.RepositoryRoot, "library", name)));

    /// <summary>The fixture packages in the source tree.</summary>
    public static string Fixtures => System.IO.Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Library.Tests", "Packages");

    public string Path { get; }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public string Read(string relative) => System.IO.File.ReadAllText(File(relative));

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(File(relative))!);
        System.IO.File.WriteAllText(File(relative), text);
    }

    public void Delete(string relative) => System.IO.File.Delete(File(relative));

    /// <summary>The package's files as <c>PackageReader</c> reads them.</summary>
    public Task<Amtsweg.Library.Packages.PackageFiles> ReadAsync() => Amtsweg.Library.Packages.PackageReader.ReadFolderAsync(Path);

    /// <summary>Replaces text in a file; fails when the text is not there (a test that changes nothing proves nothing).</summary>
    public void Replace(string relative, string old, string replacement)
    {
        var text = Read(relative);
        Assert.Contains(old, text, StringComparison.Ordinal);
        Write(relative, text.Replace(old, replacement, StringComparison.Ordinal));
    }

    /// <summary>Changes the manifest as JSON.</summary>
    public void Manifest(Action<JsonObject> change)
    {
        var manifest = JsonNode.Parse(Read("amtsweg-package.json"))!.AsObject();
        change(manifest);
        Write("amtsweg-package.json", manifest.ToJsonString());
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            Copy(folder, System.IO.Path.Combine(to, System.IO.Path.GetFileName(folder)));
        }
    }
}
