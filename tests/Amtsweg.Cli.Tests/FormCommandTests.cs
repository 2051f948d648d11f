namespace Amtsweg.Cli.Tests;

/// <summary><c>amtsweg form render</c> and <c>amtsweg form validate</c>: the server's forms for designers and scripts.</summary>
public sealed class FormCommandTests
{
    private const string Form = """
        {
          "type": "default",
          "components": [
            { "type": "textfield", "key": "name", "label": "Name", "validate": { "required": true } },
            { "type": "number", "key": "alter", "label": "Alter", "validate": { "min": 0, "max": 130 } },
            { "type": "select", "key": "amt", "label": "Amt", "values": [ { "label": "Bürgeramt", "value": "buergeramt" } ] }
          ]
        }
        """;

    [Theory]
    [InlineData("render")]
    [InlineData("validate")]
    public async Task Help_NamesOnlyTheFormsOwnDataOption(string command)
    {
        var run = await CliProcess.RunArgumentsAsync("form", command, "--help");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Single(run.Output.Split('\n'), line => line.TrimStart().StartsWith("--data", StringComparison.Ordinal));
        Assert.DoesNotContain("Datenordner", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PrintsHtmlWithValues_AndExitsZero()
    {
        using var data = new CliDataFolder();
        var file = data.File("antrag.form");
        await File.WriteAllTextAsync(file, Form);

        var run = await CliProcess.RunArgumentsAsync("form", "render", file, "--data", """{ "name": "<script>x</script>" }""");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("<div class=\"amtsweg-form\">", run.Output, StringComparison.Ordinal);
        Assert.Contains("<label class=\"form-label\" for=\"field-name\">Name <span class=\"form-required\">(Pflichtfeld)</span></label>", run.Output, StringComparison.Ordinal);
        Assert.Contains("value=\"&lt;script&gt;x&lt;/script&gt;\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("Bürgeramt", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PrintsGermanErrorAndExitsTwo_WhenComponentTypeIsUnknown()
    {
        using var data = new CliDataFolder();
        var file = data.File("kaputt.form");
        await File.WriteAllTextAsync(file, """{ "components": [ { "type": "slider", "key": "x", "label": "Regler" } ] }""");

        var run = await CliProcess.RunArgumentsAsync("form", "render", file);

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        Assert.Equal("Fehler: Das Formular kaputt.form kann nicht verwendet werden. Komponente Nr. 1 (Typ 'slider', Beschriftung 'Regler'): Den Komponententyp 'slider' kennt Amtsweg nicht.", run.Error.Trim());
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task Render_ExitsTwo_WhenFileIsMissingOrNotJson()
    {
        using var data = new CliDataFolder();
        var broken = data.File("kein-json.form");
        await File.WriteAllTextAsync(broken, "{ components: ");

        var missing = await CliProcess.RunArgumentsAsync("form", "render", data.File("fehlt.form"));
        var notJson = await CliProcess.RunArgumentsAsync("form", "render", broken);

        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("Fehler: Die Datei ", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, notJson.ExitCode);
        Assert.Contains("Das Formular ist kein gültiges JSON", notJson.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_PrintsEachFieldErrorAndExitsTwo_WhenInvalid()
    {
        using var data = new CliDataFolder();
        var file = data.File("antrag.form");
        await File.WriteAllTextAsync(file, Form);

        var run = await CliProcess.RunArgumentsAsync("form", "validate", file, "--data", """{ "alter": 200, "amt": "bauamt" }""");

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        Assert.Equal(
            ["name: Bitte füllen Sie dieses Pflichtfeld aus.", "alter: Die Zahl darf höchstens 130 sein.", "amt: Bitte wählen Sie einen der angebotenen Werte."],
            run.Output.Trim().Split('\n'));
    }

    [Fact]
    public async Task Validate_PrintsCleanedDataAndExitsZero_WhenValid()
    {
        using var data = new CliDataFolder();
        var file = data.File("antrag.form");
        await File.WriteAllTextAsync(file, Form);

        var run = await CliProcess.RunArgumentsAsync("form", "validate", file, "--data", """{ "name": "Müller", "alter": "42", "status": "genehmigt" }""");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var cleaned = System.Text.Json.Nodes.JsonNode.Parse(run.Output)!.AsObject();
        Assert.Equal(("Müller", 42m, false), (cleaned["name"]!.GetValue<string>(), cleaned["alter"]!.GetValue<decimal>(), cleaned.ContainsKey("status")));
    }

    [Fact]
    public async Task Validate_ExitsTwo_WhenDataIsNotAJsonObject()
    {
        using var data = new CliDataFolder();
        var file = data.File("antrag.form");
        await File.WriteAllTextAsync(file, Form);

        var run = await CliProcess.RunArgumentsAsync("form", "validate", file, "--data", "[1]");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("Fehler: --data muss ein JSON-Objekt sein", run.Error, StringComparison.Ordinal);
    }
}
