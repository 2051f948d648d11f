using System.Text.Json.Nodes;
using Amtsweg.Engine.Simulation;
using Amtsweg.Engine.Simulation.Scenarios;

namespace Amtsweg.Engine.Tests.Simulation;

public sealed class ScenarioReaderTests
{
    private const string Full = """
        {
          "format": "amtsweg-scenario/1",
          "name": "Unterlagen nachgereicht",
          "description": "Der Antrag ist erst beim zweiten Mal vollständig.",
          "processId": "antrag",
          "startTime": "2026-03-02T08:00:00Z",
          "startVariables": { "aktenzeichen": "32.10-0042/2026", "betrag": 120.5 },
          "serviceTaskOutputs": { "gebuehr": { "gebuehr": 50 } },
          "steps": [
            { "completeTask": "pruefen", "role": "sachbearbeitung", "values": { "vollstaendig": false } },
            { "message": "unterlagen-nachgereicht", "correlationKey": "32.10-0042/2026", "variables": { "nachgereichtAm": "2026-03-04" } },
            { "completeTask": "pruefen", "values": { "vollstaendig": true } },
            { "advanceClock": "P14DT2H" }
          ],
          "expected": {
            "state": "completed",
            "endEvents": ["genehmigt"],
            "passed": ["pruefen", "nachgereicht", "gebuehr"],
            "notPassed": ["abgelehnt"],
            "variables": { "gebuehr": 50 },
            "deadlines": [
              { "element": "frist", "after": "P14D" },
              { "element": "erinnerung", "due": "2026-03-20T08:00:00Z" }
            ],
            "letters": [
              { "template": "bescheid", "contains": ["Gebühr: 50,00 Euro", "Rechtsbehelfsbelehrung"] },
              { "template": "bescheid", "contains": [] }
            ]
          }
        }
        """;

    [Fact]
    public void Read_ReadsEveryPart_WhenScenarioIsComplete()
    {
        var scenario = ScenarioReader.Read(Full);

        Assert.Equal(("Unterlagen nachgereicht", "antrag"), (scenario.Name, scenario.ProcessId));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), scenario.StartTime);
        Assert.Equal(120.5m, scenario.StartVariables["betrag"]!.GetValue<decimal>());
        Assert.Equal(50, scenario.ServiceTaskOutputs["gebuehr"]["gebuehr"]!.GetValue<int>());
        Assert.Equal(4, scenario.Steps.Count);
        var first = Assert.IsType<SimulationTaskCompletion>(scenario.Steps[0]);
        Assert.Equal(("pruefen", "sachbearbeitung"), (first.ElementId, first.Role));
        Assert.False(((JsonNode)first.Variables!["vollstaendig"]!).GetValue<bool>());
        Assert.Equal(new SimulationMessageDelivery("unterlagen-nachgereicht", "32.10-0042/2026", null) with { Variables = null }, ((SimulationMessageDelivery)scenario.Steps[1]) with { Variables = null });
        Assert.Equal(new SimulationClockAdvance(new TimeSpan(14, 2, 0, 0)), scenario.Steps[3]);
        Assert.Equal(ScenarioEndState.Completed, scenario.Expected.State);
        Assert.Equal(["genehmigt"], scenario.Expected.EndEvents);
        Assert.Null(scenario.Expected.WaitingAt);
        Assert.Equal(["pruefen", "nachgereicht", "gebuehr"], scenario.Expected.Passed);
        Assert.Equal([new ScenarioDeadline("frist", TimeSpan.FromDays(14), null), new ScenarioDeadline("erinnerung", null, new DateTimeOffset(2026, 3, 20, 8, 0, 0, TimeSpan.Zero))], scenario.Expected.Deadlines);
        Assert.Equal(["abgelehnt"], scenario.Expected.NotPassed);
        Assert.Equal(["bescheid", "bescheid"], scenario.Expected.Letters.Select(l => l.Template));
        Assert.Equal(["Gebühr: 50,00 Euro", "Rechtsbehelfsbelehrung"], scenario.Expected.Letters[0].Contains);
        Assert.Empty(scenario.Expected.Letters[1].Contains);
    }

    [Fact]
    public void Write_GivesTextThatReadsBackTheSame()
    {
        var scenario = ScenarioReader.Read(Full);

        var text = ScenarioReader.Write(scenario);
        var again = ScenarioReader.Read(text);

        Assert.Contains("\"name\": \"Unterlagen nachgereicht\"", text, StringComparison.Ordinal);
        Assert.Contains("\"advanceClock\": \"P14DT2H\"", text, StringComparison.Ordinal);
        Assert.Equal(ScenarioReader.Write(again), text);
        Assert.True(ScenarioRunner.JsonEquals(JsonNode.Parse(Full), JsonNode.Parse(text)));
    }

    [Theory]
    [InlineData("{ \"name\": ", "", "Die Datei ist kein gültiges JSON")]
    [InlineData("[]", "", "Erwartet wird ein JSON-Objekt")]
    [InlineData("{ \"name\": \"x\", \"expected\": { \"state\": \"completed\" } }", "format", "Die Angabe \"format\": \"amtsweg-scenario/1\" fehlt.")]
    [InlineData("{ \"format\": \"amtsweg-scenario/2\", \"name\": \"x\", \"expected\": { \"state\": \"completed\" } }", "format", "Das Format 'amtsweg-scenario/2' ist unbekannt")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"expected\": { \"state\": \"completed\" } }", "name", "Die Angabe fehlt oder ist leer.")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"startVars\": {}, \"expected\": { \"state\": \"completed\" } }", "", "Die Angabe \"startVars\" ist unbekannt")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"startVariables\": { \"mein betrag\": 1 }, \"expected\": { \"state\": \"completed\" } }", "startVariables", "Der Variablenname 'mein betrag' ist nicht erlaubt")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"startTime\": \"2026-03-02\", \"expected\": { \"state\": \"completed\" } }", "startTime", "ist kein Zeitpunkt mit Zeitzone")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"steps\": [ { \"advanceClock\": \"zwei Tage\" } ], \"expected\": { \"state\": \"completed\" } }", "steps[0].advanceClock", "'zwei Tage' ist keine positive Dauer")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"steps\": [ { \"advanceClock\": \"P1M\" } ], \"expected\": { \"state\": \"completed\" } }", "steps[0].advanceClock", "'P1M' ist keine positive Dauer")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"steps\": [ { \"completeTask\": \"a\", \"message\": \"m\" } ], \"expected\": { \"state\": \"completed\" } }", "steps[0]", "genau eine der Angaben")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"steps\": [ { \"completeTask\": \"pr üfen\" } ], \"expected\": { \"state\": \"completed\" } }", "steps[0].completeTask", "'pr üfen' ist keine Element-ID")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"steps\": [ { \"completeTask\": \"a\", \"values\": [1] } ], \"expected\": { \"state\": \"completed\" } }", "steps[0].values", "Erwartet wird ein JSON-Objekt")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\" }", "expected", "Das erwartete Ergebnis fehlt.")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"fertig\" } }", "expected.state", "'fertig' ist kein Endzustand")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"waiting\", \"waitingAt\": [3] } }", "expected.waitingAt[0]", "Erwartet wird eine Element-ID als Text.")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"waiting\", \"deadlines\": {} } }", "expected.deadlines", "Die Fristen müssen eine Liste sein.")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"waiting\", \"deadlines\": [ { \"after\": \"P1D\" } ] } }", "expected.deadlines[0].element", "Die Angabe fehlt oder ist leer.")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"waiting\", \"deadlines\": [ { \"element\": \"f\", \"after\": \"P1D\", \"due\": \"2026-03-20T08:00:00Z\" } ] } }", "expected.deadlines[0]", "genau eine der Angaben \"after\"")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"waiting\", \"deadlines\": [ { \"element\": \"f\" } ] } }", "expected.deadlines[0]", "genau eine der Angaben \"after\"")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"waiting\", \"deadlines\": [ { \"element\": \"f\", \"after\": \"P1M\" } ] } }", "expected.deadlines[0].after", "'P1M' ist keine positive Dauer")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"waiting\", \"deadlines\": [ { \"element\": \"f\", \"due\": \"2026-03-20\" } ] } }", "expected.deadlines[0].due", "ist kein Zeitpunkt mit Zeitzone")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"waiting\", \"deadlines\": [ { \"element\": \"f\", \"after\": \"P1D\", \"am\": 1 } ] } }", "expected.deadlines[0]", "Die Angabe \"am\" ist unbekannt")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"completed\", \"letters\": {} } }", "expected.letters", "Die Briefe müssen eine Liste sein.")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"completed\", \"letters\": [ { \"contains\": [\"a\"] } ] } }", "expected.letters[0].template", "Die Angabe fehlt oder ist leer.")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"completed\", \"letters\": [ { \"template\": \"b\", \"contains\": \"a\" } ] } }", "expected.letters[0].contains", "Die Schlüsselsätze müssen eine Liste von Texten sein.")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"completed\", \"letters\": [ { \"template\": \"b\", \"contains\": [\"a\", \" \"] } ] } }", "expected.letters[0].contains[1]", "Erwartet wird ein nicht leerer Text.")]
    [InlineData("{ \"format\": \"amtsweg-scenario/1\", \"name\": \"x\", \"expected\": { \"state\": \"completed\", \"letters\": [ { \"template\": \"b\", \"enthaelt\": [] } ] } }", "expected.letters[0]", "Die Angabe \"enthaelt\" ist unbekannt")]
    public void Read_ThrowsGermanErrorNamingThePlace_WhenScenarioIsInvalid(string json, string path, string message)
    {
        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioReader.Read(json));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"state\": \"completed\", \"endEvent\": [\"ende\"] }", "expected", "Die Angabe \"endEvent\" ist unbekannt")]
    [InlineData("{ \"state\": \"fertig\" }", "expected.state", "'fertig' ist kein Endzustand")]
    [InlineData("{ \"state\": \"completed\", \"variables\": { \"mein betrag\": 1 } }", "expected.variables", "Der Variablenname 'mein betrag' ist nicht erlaubt")]
    [InlineData("{ \"state\": ", "expected", "Das ist kein gültiges JSON (Zeile 1")]
    [InlineData("[]", "expected", "Erwartet wird ein JSON-Objekt")]
    public void ReadExpectation_ThrowsGermanErrorNamingThePlace_WhenExpectedPartIsInvalid(string json, string path, string message)
    {
        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioReader.ReadExpectation(json));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteExpectation_GivesTheExpectedPartOfWrite_ThatReadsBackTheSame()
    {
        var scenario = ScenarioReader.Read(Full);

        var text = ScenarioReader.WriteExpectation(scenario.Expected);
        var read = ScenarioReader.ReadExpectation(text);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ScenarioReader.Write(scenario))!["expected"], JsonNode.Parse(text)));
        Assert.Equal(scenario.Expected.EndEvents, read.EndEvents);
        Assert.Equal(scenario.Expected.Passed, read.Passed);
        Assert.Equal(scenario.Expected.NotPassed, read.NotPassed);
        Assert.Equal(50, read.Variables["gebuehr"]!.GetValue<int>());
    }

    [Fact]
    public void Read_Throws_WhenFileIsLargerThanLimit() =>
        Assert.Throws<ScenarioFormatException>(() => ScenarioReader.Read(new string(' ', ScenarioReader.MaxLength + 1)));

    [Theory]
    [InlineData("betrag", true)]
    [InlineData("_intern", true)]
    [InlineData("gebühr2", true)]
    [InlineData("2betrag", false)]
    [InlineData("mein-betrag", false)]
    [InlineData("", false)]
    public void IsAllowedVariableName_AllowsLettersDigitsAndUnderscore(string name, bool allowed) =>
        Assert.Equal(allowed, ScenarioReader.IsAllowedVariableName(name));
}
