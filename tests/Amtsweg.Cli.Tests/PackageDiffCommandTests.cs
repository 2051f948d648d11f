using System.IO.Compression;
using static Amtsweg.Cli.Tests.PackageCommandTests;

namespace Amtsweg.Cli.Tests;

/// <summary>
/// <c>amtsweg package diff &lt;alt&gt; &lt;neu&gt;</c> as a user runs it: the changes grouped by file, the last line, exit
/// code 0, and 2 for input that cannot be read; folders, zips and signed archives alike.
/// </summary>
public sealed class PackageDiffCommandTests
{
    [Fact]
    public async Task Diff_PrintsChangesByFileAndTheirCount_ExitCode0()
    {
        using var data = new CliDataFolder();
        var old = CopyFixture(data, "alt");
        var current = CopyFixture(data, "neu");
        Replace(Path.Combine(current, "amtsweg-package.json"), "\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"");
        Replace(Path.Combine(current, "prozesse", "anmeldung.bpmn"), "candidateGroups=\"sachbearbeitung\"", "candidateGroups=\"buergerbuero\"");
        Replace(Path.Combine(current, "briefe", "steuerbescheid.txt"), "im Jahr fest.", "im Kalenderjahr fest.");

        var run = await data.RunAsync("package", "diff", old, current);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(
            [
                "amtsweg-package.json",
                "Version von ‚1.0.0‘ zu ‚1.1.0‘ geändert",
                "briefe/steuerbescheid.txt: geändert",
                "@@ -5,4 +5,4 @@",
                "Gruß: Mit freundlichen Grüßen",
                "Feld: steuer | Steuer im Jahr | Text | Pflicht | Betrag in Euro.",
                "---",
                "- für Ihren Hund setzen wir die Hundesteuer auf {{steuer}} Euro im Jahr fest.",
                "+ für Ihren Hund setzen wir die Hundesteuer auf {{steuer}} Euro im Kalenderjahr fest.",
                "prozesse/anmeldung.bpmn: geändert",
                "Aufgabe ‚Anmeldung prüfen‘: Bearbeitergruppe von ‚sachbearbeitung‘ zu ‚buergerbuero‘ geändert",
                "3 Änderungen",
            ],
            Lines(run.Output));
    }

    [Fact]
    public async Task Diff_ComparesASignedArchiveWithAZip_AndSaysKeineAenderungen_WhenTheContentIsEqual()
    {
        using var data = new CliDataFolder();
        var package = CopyFixture(data);
        var keygen = await data.RunAsync("package", "keygen", "--out", data.File("musterstadt.key"));
        Assert.Equal(0, keygen.ExitCode);
        var archive = data.File("hundesteuer.amtsweg-paket");
        var pack = await data.RunAsync("package", "pack", package, "--key", data.File("musterstadt.key"), "--out", archive);
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        var zip = data.File("paket.zip");
        ZipFile.CreateFromDirectory(package, zip);

        var equal = await data.RunAsync("package", "diff", archive, zip);
        File.Delete(Path.Combine(package, "doku", "so-laeuft-der-vorgang.md"));
        var removed = await data.RunAsync("package", "diff", archive, package);

        Assert.True(equal.ExitCode == 0, equal.Output + equal.Error);
        Assert.Equal(["keine Änderungen"], Lines(equal.Output));
        Assert.True(removed.ExitCode == 0, removed.Output + removed.Error);
        Assert.Equal(["doku/so-laeuft-der-vorgang.md: entfernt", "1 Änderung"], Lines(removed.Output));
    }

    [Fact]
    public async Task Diff_ExitCode2_WhenAnInputIsMissingOrItsManifestIsInvalid()
    {
        using var data = new CliDataFolder();
        var old = CopyFixture(data, "alt");
        var broken = CopyFixture(data, "kaputt");
        Replace(Path.Combine(broken, "amtsweg-package.json"), "\"version\": \"1.0.0\"", "\"version\": \"eins\"");

        var missing = await data.RunAsync("package", "diff", old, data.File("gibt-es-nicht"));
        var invalid = await data.RunAsync("package", "diff", old, broken);

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(string.Empty, missing.Output);
        Assert.Contains("Den Ordner oder die Datei gibt es nicht.", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Equal(string.Empty, invalid.Output);
        Assert.Contains("amtsweg-package.json: version: 'eins' ist keine Version", invalid.Error, StringComparison.Ordinal);
    }

    private static void Replace(string file, string old, string replacement)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(old, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(old, replacement, StringComparison.Ordinal));
    }
}
