using System.Text.Json.Nodes;
using Amtsweg.Forms.Schema;
using Amtsweg.Testing;

namespace Amtsweg.Cli.Tests;

/// <summary><c>amtsweg form import-fim</c>: a form from a FIM data schema (the shared XDatenfelder test material).</summary>
public sealed class FormImportFimCommandTests
{
    private static string Message(string folder, string file) => Path.Combine(TestPaths.Shared, "standards", "xdatenfelder", folder, file);

    [Fact]
    public async Task ImportFim_WritesFormAndPrintsNotes_AndExitsZero()
    {
        using var data = new CliDataFolder();
        var output = data.File("person.form");

        var run = await CliProcess.RunArgumentsAsync("form", "import-fim", Message("xdf2-messages", "simple.xml"), "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Formular „T1234“ aus „Test“ (XDatenfelder 2.0): 1 Felder, 1 Gruppen", run.Output, StringComparison.Ordinal);
        Assert.Contains("Hinweis: Das Datenschema T1234 „Test“: Die Regel R60000037 „MindestEineAngabe“ wird nicht übernommen", run.Output, StringComparison.Ordinal);
        var form = FormSchemaReader.Read(await File.ReadAllTextAsync(output));
        Assert.Equal("T1234", form.Id);
        var field = JsonNode.Parse(await File.ReadAllTextAsync(output))!["components"]![0]!["components"]!.AsArray().Single(c => (string?)c!["key"] == "familienname")!;
        Assert.Equal("F60000227", (string?)field["properties"]!["fim:id"]);
    }

    [Fact]
    public async Task ImportFim_WithoutOut_PrintsTheFormAndNotesToStandardError()
    {
        var run = await CliProcess.RunArgumentsAsync("form", "import-fim", Message("xdf3-messages", "simple.xml"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("G60000000088", FormSchemaReader.Read(run.Output).Id);
        Assert.Contains("Hinweis: Die Datenfeldgruppe G60000000086 „Anschrift Inland Straßenanschrift“ ist optional", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFim_PrintsGermanErrorWritesNothingAndExitsTwo_WhenMessageIsBroken()
    {
        using var data = new CliDataFolder();
        var output = data.File("kaputt.form");

        var run = await CliProcess.RunArgumentsAsync("form", "import-fim", Message("xdf3-messages", "invalid-freigabestatus.xml"), "--out", output);

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        Assert.StartsWith("Fehler: invalid-freigabestatus.xml kann nicht importiert werden. Die Datenfeldgruppe G123 „Anschrift Inland“: Der Status <freigabestatus>", run.Error.Trim(), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task ImportFim_Help_IsGerman()
    {
        var run = await CliProcess.RunArgumentsAsync("form", "import-fim", "--help");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Erzeugt aus einem FIM-Datenschema (XDatenfelder) ein Formular", run.Output, StringComparison.Ordinal);
        Assert.Contains("--out", run.Output, StringComparison.Ordinal);
    }
}
