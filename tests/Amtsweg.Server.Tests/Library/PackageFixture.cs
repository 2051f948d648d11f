using System.Text.Json.Nodes;
using Amtsweg.Data.Tenancy;
using Amtsweg.Library.Packages;
using Amtsweg.Server.Features.Library;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Library;

/// <summary>
/// A copy of the Library tests' small valid package <c>gueltig</c> (<c>hundesteuer-test</c>: process
/// <c>hundeanmeldung</c> with the user task <c>pruefen</c>, the fee <c>=parameter.steuerErsterHund * anzahlHunde</c>, the
/// decision <c>stufe</c>, the letter <c>steuerbescheid</c> and a timer <c>=parameter.widerspruchsfrist</c>) in its own
/// folder, for a test to change and install.
/// </summary>
internal sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "amtsweg-installation-" + Guid.NewGuid().ToString("N"));
        var source = System.IO.Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Library.Tests", "Packages", "gueltig");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Path { get; }

    /// <summary>Replaces text in a file; fails when the text is not there.</summary>
    public void Replace(string relative, string old, string replacement)
    {
        var file = System.IO.Path.Combine(Path, relative);
        var text = File.ReadAllText(file);
        Assert.Contains(old, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(old, replacement, StringComparison.Ordinal));
    }

    /// <summary>Changes the manifest as JSON.</summary>
    public void Manifest(Action<JsonObject> change)
    {
        var file = System.IO.Path.Combine(Path, PackageLayout.Manifest);
        var manifest = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        change(manifest);
        File.WriteAllText(file, manifest.ToJsonString());
    }

    /// <summary>The folder as the zip a shipped package is kept as.</summary>
    public async Task<byte[]> ZipAsync() => PackageInstaller.Zip(await PackageReader.ReadFolderAsync(Path));

    /// <summary>Installs the folder (unsigned, as shipped) into the municipality.</summary>
    public async Task<PackageInstallResult> InstallAsync(AmtswegFactory factory, Municipality municipality, IReadOnlyDictionary<string, JsonNode?>? parameters = null)
    {
        var archive = await ZipAsync();
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<PackageInstaller>()
            .InstallAsync(archive, LibraryPackageOrigin.Mitgeliefert, parameters ?? new Dictionary<string, JsonNode?>(), "gestalterin", allowUnsigned: true, CancellationToken.None);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
