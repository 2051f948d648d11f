using System.IO.Compression;
using Amtsweg.Testing;

namespace Amtsweg.Cli.Tests;

/// <summary>
/// <c>amtsweg package validate|test|keygen|pack|verify</c> as a user runs them: the last line, the exit code (0 well,
/// 1 problems, 2 unreadable input) and German help. The package is the Library tests' fixture <c>Packages/gueltig</c>.
/// </summary>
public sealed class PackageCommandTests
{
    [Fact]
    public async Task Validate_PrintsValid_ExitCode0()
    {
        using var data = new CliDataFolder();
        var package = CopyFixture(data);

        var run = await data.RunAsync("package", "validate", package);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(["valid"], Lines(run.Output));
    }

    [Fact]
    public async Task Validate_PrintsProblemLinesAndCount_ExitCode1()
    {
        using var data = new CliDataFolder();
        var package = CopyFixture(data);
        File.Delete(Path.Combine(package, "doku", "so-laeuft-der-vorgang.md"));
        Directory.CreateDirectory(Path.Combine(package, "prozess"));
        File.WriteAllText(Path.Combine(package, "prozess", "alt.bpmn"), "<x/>");

        var run = await data.RunAsync("package", "validate", package);

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        var lines = Lines(run.Output);
        Assert.Equal("2 problems", lines[^1]);
        Assert.Contains("doku/so-laeuft-der-vorgang.md: Die Dokumentation „So läuft der Vorgang“ fehlt.", lines);
        Assert.Contains(lines, l => l.StartsWith("prozess/alt.bpmn: Die Datei liegt außerhalb des festen Aufbaus.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_ExitCode2_WhenPackageIsMissingOrAZipBomb()
    {
        using var data = new CliDataFolder();
        var bomb = data.File("bombe.zip");
        using (var zip = ZipFile.Open(bomb, ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("doku/bombe.md", CompressionLevel.SmallestSize).Open();
            stream.Write(new byte[4 * 1024 * 1024]);
        }

        var missing = await data.RunAsync("package", "validate", data.File("gibt-es-nicht"));
        var bombed = await data.RunAsync("package", "validate", bomb);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("Den Ordner oder die Datei gibt es nicht.", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, bombed.ExitCode);
        Assert.Equal(string.Empty, bombed.Output);
        Assert.Contains("Fehler: ", bombed.Error, StringComparison.Ordinal);
        Assert.Contains("Zip-Bombe", bombed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_PrintsScenarioLinesAndSummary_ExitCode0()
    {
        using var data = new CliDataFolder();
        var package = CopyFixture(data);

        var run = await data.RunAsync("package", "test", package);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(["bestanden  Ein Hund zum Standardsatz", "bestanden  Zwei Hunde zum Satz der Gemeinde", "scenarios passed 2 of 2"], Lines(run.Output));
    }

    [Fact]
    public async Task Test_ExitCode1_WhenAScenarioFails()
    {
        using var data = new CliDataFolder();
        var package = CopyFixture(data);
        var scenario = Path.Combine(package, "szenarien", "1-standardsteuer.json");
        File.WriteAllText(scenario, File.ReadAllText(scenario).Replace("\"steuer\": 90", "\"steuer\": 95", StringComparison.Ordinal));

        var run = await data.RunAsync("package", "test", package);

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        Assert.Equal("nicht bestanden  Ein Hund zum Standardsatz: Erwartet: Variable 'steuer' = 95, tatsächlich: 90.", Lines(run.Output)[0]);
        Assert.Equal("scenarios passed 1 of 2", Lines(run.Output)[^1]);
    }

    [Fact]
    public async Task KeygenPackVerify_SignAndCheckThePackage()
    {
        using var data = new CliDataFolder();
        var package = CopyFixture(data);
        var keyFile = data.File("musterstadt.key");
        var archive = data.File("hundesteuer-test-1.0.0.amtsweg-paket");

        var keygen = await data.RunAsync("package", "keygen", "--out", keyFile);
        var publicKey = Lines(keygen.Output).Single();
        var pack = await data.RunAsync("package", "pack", package, "--key", keyFile, "--out", archive);
        var verify = await data.RunAsync("package", "verify", archive, "--publisher-key", publicKey);

        Assert.True(keygen.ExitCode == 0, keygen.Error);
        Assert.Equal(32, Convert.FromBase64String(publicKey).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        Assert.StartsWith($"signiert: {archive} (hundesteuer-test 1.0.0", Lines(pack.Output)[^1], StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.Equal(["Herausgeber: Musterstadt (AGS 09999999)", "Paket: hundesteuer-test 1.0.0", $"Schlüssel: {publicKey}", "signature valid"], Lines(verify.Output));
    }

    [Fact]
    public async Task Verify_ExitCode1_WhenForeignKeyOrTampered_AndExitCode2_WhenUnreadable()
    {
        using var data = new CliDataFolder();
        var package = CopyFixture(data);
        var keyFile = data.File("fremd.key");
        var archive = data.File("paket.amtsweg-paket");
        var publisher = Lines((await data.RunAsync("package", "keygen", "--out", data.File("musterstadt.key"))).Output).Single();
        await data.RunAsync("package", "keygen", "--out", keyFile);
        var pack = await data.RunAsync("package", "pack", package, "--key", keyFile, "--out", archive);
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);

        var foreign = await data.RunAsync("package", "verify", archive, "--publisher-key", publisher);
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Update))
        {
            zip.CreateEntry("doku/nachtrag.md");
        }

        var tampered = await data.RunAsync("package", "verify", archive);
        var unreadable = await data.RunAsync("package", "verify", data.File("gibt-es-nicht.amtsweg-paket"));

        Assert.Equal(1, foreign.ExitCode);
        Assert.StartsWith("Das Paket ist mit einem fremden Schlüssel signiert", Lines(foreign.Output)[0], StringComparison.Ordinal);
        Assert.Equal("signature invalid", Lines(foreign.Output)[^1]);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Equal(["doku/nachtrag.md: Die Datei ist nicht signiert (nach dem Signieren hinzugefügt).", "signature invalid"], Lines(tampered.Output));
        Assert.Equal(2, unreadable.ExitCode);
    }

    [Fact]
    public async Task Pack_ExitCode1AndNoArchive_WhenPackageIsInvalid_AndKeygenNeverOverwrites()
    {
        using var data = new CliDataFolder();
        var package = CopyFixture(data);
        File.Delete(Path.Combine(package, "doku", "so-laeuft-der-vorgang.md"));
        var keyFile = data.File("musterstadt.key");
        await data.RunAsync("package", "keygen", "--out", keyFile);
        var before = File.ReadAllText(keyFile);

        var pack = await data.RunAsync("package", "pack", package, "--key", keyFile, "--out", data.File("x.amtsweg-paket"));
        var again = await data.RunAsync("package", "keygen", "--out", keyFile);

        Assert.Equal(1, pack.ExitCode);
        Assert.Equal("1 problems", Lines(pack.Output)[^1]);
        Assert.Contains("Ein ungültiges Paket wird nicht signiert.", pack.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(data.File("x.amtsweg-paket")));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("ein Schlüssel wird nie überschrieben", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(keyFile));
    }

    [Theory]
    [InlineData("package")]
    [InlineData("package", "validate")]
    [InlineData("package", "pack")]
    [InlineData("package", "verify")]
    [InlineData("package", "diff")]
    public async Task Help_IsGerman(params string[] command)
    {
        var run = await CliProcess.RunArgumentsAsync([.. command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Beschreibung:", run.Output, StringComparison.Ordinal);
        Assert.Contains("Aufruf:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Options:", run.Output, StringComparison.Ordinal);
    }

    /// <summary>A copy of the fixture package in the data folder, under <paramref name="name"/>.</summary>
    internal static string CopyFixture(CliDataFolder data, string name = "paket")
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

    internal static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
