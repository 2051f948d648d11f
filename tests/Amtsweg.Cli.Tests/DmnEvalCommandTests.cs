namespace Amtsweg.Cli.Tests;

/// <summary><c>amtsweg dmn eval</c>: messages about the model come in German.</summary>
public sealed class DmnEvalCommandTests
{
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="Gebühr" namespace="urn:gebuehr">
          <decision id="gebuehr" name="Gebühr">
            <decisionTable id="table">
              <input id="i1" label="Betrag"><inputExpression id="ie1" typeRef="number"><text>betrag</text></inputExpression></input>
              <output id="o1" name="gebuehr" typeRef="number" />
              <rule id="r1"><inputEntry id="u1"><text>&gt; 100</text></inputEntry><outputEntry id="l1"><text>50</text></outputEntry></rule>
              <rule id="r2"><inputEntry id="u2"><text>&gt; 10</text></inputEntry><outputEntry id="l2"><text>20</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """;

    // Issue 10: the German CLI printed "Error: Hit policy UNIQUE violated: rules 1, 2 match. [table] (line 5, column 6)".
    [Fact]
    public async Task Bug_Eval_PrintedEnglishMessage_WhenUniqueHitPolicyIsViolated()
    {
        using var data = new CliDataFolder();
        var file = data.File("gebuehr.dmn");
        await File.WriteAllTextAsync(file, Model);

        var run = await data.RunAsync("dmn", "eval", file, "--decision", "gebuehr", "--input", """{"betrag": 150}""");

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        Assert.Contains("Fehler: Trefferrichtlinie UNIQUE verletzt: die Regeln 1, 2 treffen zu. [table] (Zeile ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("violated", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_PrintsGermanError_WhenDecisionIsUnknown()
    {
        using var data = new CliDataFolder();
        var file = data.File("gebuehr.dmn");
        await File.WriteAllTextAsync(file, Model);

        var run = await data.RunAsync("dmn", "eval", file, "--decision", "fehlt");

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        Assert.Equal("Fehler: Die Datei enthält keine Entscheidung 'fehlt'.", run.Error.Trim());
    }

    [Fact]
    public async Task Eval_PrintsGermanError_WhenHitPolicyIsUnknown()
    {
        using var data = new CliDataFolder();
        var file = data.File("gebuehr.dmn");
        await File.WriteAllTextAsync(file, Model.Replace("<decisionTable id=\"table\">", "<decisionTable id=\"table\" hitPolicy=\"RANDOM\">", StringComparison.Ordinal));

        var run = await data.RunAsync("dmn", "eval", file, "--decision", "gebuehr");

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        Assert.StartsWith("Fehler: Unbekannte Trefferrichtlinie 'RANDOM'. (Element 'table', Zeile ", run.Error.Trim(), StringComparison.Ordinal);
    }
}
