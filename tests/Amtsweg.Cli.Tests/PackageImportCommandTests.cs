using System.IO.Compression;
using System.Text.Json.Nodes;
using Amtsweg.Engine;
using Amtsweg.Testing;

namespace Amtsweg.Cli.Tests;

/// <summary><c>amtsweg package import</c> (issue 14): a signed package installed into a municipality, or refused with the reasons.</summary>
public sealed class PackageImportCommandTests
{
    private const string Ags = "09999999";

    [Fact]
    public async Task Import_InstallsTheSignedPackage_RefusesTheSameVersionAgain_AndUpdatesToANewerOne()
    {
        using var data = new CliDataFolder();
        await data.CreateTenantAsync(Ags, "Musterstadt");
        var package = CopyFixture(data);
        var keyFile = data.File("musterstadt.key");
        var publicKey = Lines((await data.RunAsync("package", "keygen", "--out", keyFile)).Output).Single();
        var first = await PackAsync(data, package, keyFile, "erste.amtsweg-paket");

        var installed = await data.RunAsync("package", "import", first, "--tenant", Ags, "--parameter", "steuerErsterHund=120");
        var twice = await data.RunAsync("package", "import", first, "--tenant", Ags);
        SetVersion(package, "1.1.0");
        var updated = await data.RunAsync("package", "import", await PackAsync(data, package, keyFile, "zweite.amtsweg-paket"), "--tenant", Ags);

        Assert.True(installed.ExitCode == 0, installed.Output + installed.Error);
        Assert.Equal(
            ["Herausgeber: Musterstadt (AGS 09999999)", "Paket: hundesteuer-test 1.0.0 – Hundesteuer: Anmeldung (Testpaket)", $"Schlüssel: {Amtsweg.Library.Signing.PackageKey.Fingerprint(publicKey)}", "installiert: hundesteuer-test 1.0.0"],
            Lines(installed.Output));
        Assert.Matches("^Schlüssel: SHA256:([0-9a-f]{4} ){15}[0-9a-f]{4}$", Lines(installed.Output)[2]);
        Assert.Equal(1, twice.ExitCode);
        Assert.Equal("Das Paket „Hundesteuer: Anmeldung (Testpaket)“ (hundesteuer-test) ist in Version 1.0.0 schon installiert. Es wurde nichts geändert.", Lines(twice.Output)[^1]);
        Assert.True(updated.ExitCode == 0, updated.Output + updated.Error);
        Assert.Equal(["aktualisiert von Version 1.0.0", "installiert: hundesteuer-test 1.1.0"], Lines(updated.Output)[^2..]);

        // The value given at the first import is kept by the update and reaches every new instance.
        var started = await data.EngineAsync(Ags, async engine =>
        {
            Assert.Equal([1, 2], (await engine.ListProcessDefinitionsAsync()).Select(d => d.Version).Order());
            return await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "hundeanmeldung" });
        });
        Assert.Equal("""{"steuerErsterHund":120,"widerspruchsfrist":"P14D"}""", started.Variables["parameter"]!.ToJsonString());
    }

    [Fact]
    public async Task Import_Refuses_UnknownAgs_InvalidPackage_TamperedArchive_WrongParameterType_AndAFolderWithoutUnsigned()
    {
        using var data = new CliDataFolder();
        await data.CreateTenantAsync(Ags, "Musterstadt");
        var package = CopyFixture(data);
        var keyFile = data.File("musterstadt.key");
        await data.RunAsync("package", "keygen", "--out", keyFile);
        var archive = await PackAsync(data, package, keyFile, "paket.amtsweg-paket");
        var tampered = data.File("verändert.amtsweg-paket");
        File.Copy(archive, tampered);
        using (var zip = ZipFile.Open(tampered, ZipArchiveMode.Update))
        {
            zip.CreateEntry("doku/nachtrag.md");
        }

        var invalid = CopyFixture(data, "ungueltig");
        var model = Path.Combine(invalid, "prozesse", "anmeldung.bpmn");
        File.WriteAllText(model, File.ReadAllText(model).Replace("=parameter.steuerErsterHund", "=parameter.steuerJeHund", StringComparison.Ordinal));

        var unknownAgs = await data.RunAsync("package", "import", archive, "--tenant", "09999998");
        var notValid = await data.RunAsync("package", "import", invalid, "--tenant", Ags, "--unsigned");
        var changed = await data.RunAsync("package", "import", tampered, "--tenant", Ags);
        var wrongType = await data.RunAsync("package", "import", archive, "--tenant", Ags, "--parameter", "steuerErsterHund=viel");
        var unknownParameter = await data.RunAsync("package", "import", archive, "--tenant", Ags, "--parameter", "steuerJeHund=100");
        var folder = await data.RunAsync("package", "import", package, "--tenant", Ags);
        var missing = await data.RunAsync("package", "import", data.File("gibt-es-nicht.amtsweg-paket"), "--tenant", Ags);

        Assert.Equal(1, unknownAgs.ExitCode);
        Assert.Contains("Eine Gemeinde mit dem AGS 09999998 gibt es nicht.", unknownAgs.Error, StringComparison.Ordinal);
        Assert.Equal(1, notValid.ExitCode);
        Assert.Contains("Das Paket ist nicht gültig (1 Probleme):", notValid.Output, StringComparison.Ordinal);
        Assert.Equal("prozesse/anmeldung.bpmn: pruefen: Der Parameter 'steuerJeHund' (parameter.steuerJeHund) ist im Manifest nicht erklärt.", Lines(notValid.Output)[^1]);
        Assert.Equal(1, changed.ExitCode);
        Assert.Equal(["doku/nachtrag.md: Die Datei ist nicht signiert (nach dem Signieren hinzugefügt).", "signature invalid"], Lines(changed.Output));
        Assert.Equal(1, wrongType.ExitCode);
        Assert.Equal("Der Parameter „steuerErsterHund“ (Steuer je Hund (Euro/Jahr)) hat den Wert „viel“: Erwartet wird eine Zahl.", Lines(wrongType.Output)[^1]);
        Assert.Equal(1, unknownParameter.ExitCode);
        Assert.Equal("Den Parameter „steuerJeHund“ gibt es im Paket „hundesteuer-test“ nicht. Das Paket kennt: steuerErsterHund, widerspruchsfrist.", Lines(unknownParameter.Output)[^1]);
        Assert.Equal(2, folder.ExitCode);
        Assert.Contains("installiert wird er nur mit --unsigned", folder.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Empty(await data.EngineAsync(Ags, engine => engine.ListProcessDefinitionsAsync()));
    }

    [Theory]
    [InlineData("package", "import")]
    public async Task Help_IsGerman(params string[] command)
    {
        var run = await CliProcess.RunArgumentsAsync([.. command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Beschreibung:", run.Output, StringComparison.Ordinal);
        Assert.Contains("--parameter", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", run.Output, StringComparison.Ordinal);
    }

    private static async Task<string> PackAsync(CliDataFolder data, string package, string keyFile, string name)
    {
        var archive = data.File(name);
        var pack = await data.RunAsync("package", "pack", package, "--key", keyFile, "--out", archive);
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        return archive;
    }

    private static void SetVersion(string package, string version)
    {
        var file = Path.Combine(package, "amtsweg-package.json");
        var manifest = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        manifest["version"] = version;
        File.WriteAllText(file, manifest.ToJsonString());
    }

    private static string CopyFixture(CliDataFolder data, string name = "paket")
    {
        var target = data.File(name);
        Copy(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Library.Tests", "Packages", "gueltig"), target);
        return target;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
