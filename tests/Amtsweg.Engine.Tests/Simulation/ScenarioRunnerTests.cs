using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Amtsweg.Engine.Simulation;
using Amtsweg.Engine.Simulation.Scenarios;
using Amtsweg.Engine.Tests.Support;

namespace Amtsweg.Engine.Tests.Simulation;

public sealed class ScenarioRunnerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_Passes_WhenApplicationIsResubmittedAndFristRunsOut()
    {
        var result = await ScenarioRunner.RunAsync(Diagram(), Scenario(
            [
                new SimulationTaskCompletion("pruefen", "sachbearbeitung", Values(new JsonObject { ["vollstaendig"] = false })),
                new SimulationMessageDelivery("unterlagen-nachgereicht", "32.10-0042/2026", Values(new JsonObject { ["nachgereichtAm"] = "2026-03-04" })),
                new SimulationTaskCompletion("pruefen", null, Values(new JsonObject { ["vollstaendig"] = true })),
                new SimulationClockAdvance(TimeSpan.FromDays(20)),
            ],
            Expected(ScenarioEndState.Completed) with
            {
                EndEvents = ["genehmigt"],
                Passed = ["eingang", "pruefen", "nachgereicht", "pruefen", "gebuehr", "frist", "genehmigt"],
                Variables = new Dictionary<string, JsonNode?> { ["gebuehr"] = 50.0, ["vollstaendig"] = true, ["nachgereichtAm"] = "2026-03-04" },
            }));

        Assert.Empty(result.Findings);
        Assert.True(result.Passed);
        Assert.Equal(4, result.Run.ActionsApplied);
        Assert.Equal(Start.AddDays(14), result.Run.Trace.Single(s => s is { ElementId: "frist", Transition: "completed" }).Time);
        Assert.Equal(Start.AddDays(20), result.Run.EndTime);
        Assert.Equal(["f1", "f2", "f5", "f6", "f2", "f3", "f4", "f7"], result.Run.FlowsTaken);
        var firstCheck = result.Run.Trace.First(s => s is { ElementId: "pruefen", Transition: "completed" });
        Assert.False(firstCheck.VariablesAfter["vollstaendig"]!.GetValue<bool>());
        Assert.False(firstCheck.VariablesAfter.ContainsKey("gebuehr"));
        Assert.Equal(50, result.Run.Trace.Last(s => s is { ElementId: "gebuehr", Transition: "completed" }).VariablesAfter["gebuehr"]!.GetValue<int>());
    }

    [Fact]
    public async Task RunAsync_ReportsGermanFinding_WhenInstanceWaitsInsteadOfEnding()
    {
        var result = await ScenarioRunner.RunAsync(Diagram(), Scenario(
            [new SimulationTaskCompletion("pruefen", null, Values(new JsonObject { ["vollstaendig"] = true }))],
            Expected(ScenarioEndState.Completed) with { EndEvents = ["genehmigt"] }));

        Assert.False(result.Passed);
        Assert.Equal(["Erwartet: Ende 'Antrag genehmigt', tatsächlich: wartet bei 'Widerspruchsfrist abgelaufen'."], result.Findings);
    }

    [Fact]
    public async Task RunAsync_StopsAtStep_WhenTaskIsNotOpen()
    {
        var result = await ScenarioRunner.RunAsync(Diagram(), Scenario(
            [
                new SimulationTaskCompletion("pruefen", null, Values(new JsonObject { ["vollstaendig"] = false })),
                new SimulationTaskCompletion("pruefen", null, Values(new JsonObject { ["vollstaendig"] = true })),
            ],
            Expected(ScenarioEndState.Waiting) with { WaitingAt = ["nachgereicht"] }));

        Assert.Equal(1, result.Run.ActionsApplied);
        Assert.Equal(new SimulationActionProblem(1, "Schritt 2: Die Aufgabe 'Unterlagen prüfen' ist nicht offen."), result.Run.ActionProblem);
        Assert.Equal(["Schritt 2: Die Aufgabe 'Unterlagen prüfen' ist nicht offen."], result.Findings);
        Assert.Equal(["nachgereicht"], result.Run.WaitingAt);
    }

    [Fact]
    public async Task RunAsync_RefusesCompletion_WhenRoleIsNotCandidateGroup()
    {
        var result = await ScenarioRunner.RunAsync(Diagram(), Scenario(
            [new SimulationTaskCompletion("pruefen", "leitung", Values(new JsonObject { ["vollstaendig"] = true }))],
            Expected(ScenarioEndState.Waiting) with { WaitingAt = ["pruefen"] }));

        Assert.Equal(0, result.Run.ActionsApplied);
        Assert.Equal(["Schritt 1: Die Rolle 'leitung' darf die Aufgabe 'Unterlagen prüfen' nicht erledigen (zugelassen: sachbearbeitung)."], result.Findings);
        Assert.Equal(["pruefen"], result.Run.WaitingAt);
    }

    [Fact]
    public async Task Bug_FourEyesStepWasRefusedInEveryScenario_PassesWhenOtherRoleCompletesIt()
    {
        var steps = (string approver) => new SimulationAction[]
        {
            new SimulationTaskCompletion("entwerfen", "sachbearbeitung", Values(new JsonObject { ["tenor"] = "Abgelehnt" })),
            new SimulationTaskCompletion("zeichnen", approver, Values(new JsonObject { ["freigegeben"] = true })),
        };

        var byLeitung = await ScenarioRunner.RunAsync(Diagram(), Scenario(steps("leitung"), Expected(ScenarioEndState.Completed) with { Passed = ["entwerfen", "zeichnen"] }));
        var byDrafter = await ScenarioRunner.RunAsync(Diagram(), Scenario(steps("sachbearbeitung"), Expected(ScenarioEndState.Completed)));

        Assert.Empty(byLeitung.Findings);
        Assert.False(byDrafter.Passed);
        Assert.Contains(byDrafter.Findings, f => f.Contains("Vier-Augen-Prinzip", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bug_StepCompletedFirstOpenTaskOfElement_CompletesInnerInstanceOfferedToStepsRole()
    {
        // Three inner instances wait at the same element, each offered to another group; every step names its group.
        var result = await ScenarioRunner.RunAsync(Diagram(), Scenario(
            [
                new SimulationTaskCompletion("stellungnahme", "gewerbe", Values(new JsonObject { ["antwort"] = "Ausschank bis 22 Uhr" })),
                new SimulationTaskCompletion("stellungnahme", "strassenverkehr", Values(new JsonObject { ["antwort"] = "Sperrung nach Plan" })),
                new SimulationTaskCompletion("stellungnahme", "feuerwehr", Values(new JsonObject { ["antwort"] = "Rettungswege frei" })),
            ],
            Expected(ScenarioEndState.Completed) with
            {
                EndEvents = ["fertig"],
                Variables = new Dictionary<string, JsonNode?>
                {
                    ["antworten"] = new JsonArray("strassenverkehr: Sperrung nach Plan", "feuerwehr: Rettungswege frei", "gewerbe: Ausschank bis 22 Uhr"),
                },
            }));

        Assert.Empty(result.Findings);
        Assert.Equal(3, result.Run.ActionsApplied);
    }

    [Fact]
    public async Task RunAsync_ReportsMessage_WhenNobodyWaitsForItsKey()
    {
        var result = await ScenarioRunner.RunAsync(Diagram(), Scenario(
            [
                new SimulationTaskCompletion("pruefen", null, Values(new JsonObject { ["vollstaendig"] = false })),
                new SimulationMessageDelivery("unterlagen-nachgereicht", "99.99-0001/2026", null),
            ],
            Expected(ScenarioEndState.Waiting) with { WaitingAt = ["nachgereicht"] }));

        Assert.Equal(["Schritt 2: Niemand wartet auf die Nachricht 'unterlagen-nachgereicht' mit dem Schlüssel '99.99-0001/2026'."], result.Findings);
    }

    [Fact]
    public async Task RunAsync_ReportsPathAndVariableFindings_WhenTheyDiffer()
    {
        var result = await ScenarioRunner.RunAsync(Diagram(), Scenario(
            [
                new SimulationTaskCompletion("pruefen", null, Values(new JsonObject { ["vollstaendig"] = true })),
                new SimulationClockAdvance(TimeSpan.FromDays(14)),
            ],
            Expected(ScenarioEndState.Completed) with
            {
                Passed = ["nachgereicht"],
                NotPassed = ["gebuehr"],
                Variables = new Dictionary<string, JsonNode?> { ["gebuehr"] = 80, ["bescheid"] = "erstellt" },
            }));

        Assert.Equal(
            [
                "Erwartet: 'Unterlagen nachgereicht' wird durchlaufen, tatsächlich: nicht durchlaufen.",
                "Erwartet: 'Gebühr buchen' wird nicht durchlaufen, tatsächlich: durchlaufen.",
                "Erwartet: Variable 'gebuehr' = 80, tatsächlich: 50.",
                "Erwartet: Variable 'bescheid' = \"erstellt\", tatsächlich: nicht gesetzt.",
            ],
            result.Findings);
    }

    [Fact]
    public async Task ExpectationOf_GivesExpectationTheSameRunPasses()
    {
        var first = await ScenarioRunner.RunAsync(Diagram(), Scenario(
            [
                new SimulationTaskCompletion("pruefen", null, Values(new JsonObject { ["vollstaendig"] = false })),
                new SimulationMessageDelivery("unterlagen-nachgereicht", "32.10-0042/2026", null),
            ],
            Expected(ScenarioEndState.Incident)));
        var expectation = ScenarioRunner.ExpectationOf(first.Run);

        var second = await ScenarioRunner.RunAsync(Diagram(), first.Scenario with { Expected = expectation });

        Assert.False(first.Passed);
        Assert.Equal(ScenarioEndState.Waiting, expectation.State);
        Assert.Equal(["pruefen"], expectation.WaitingAt);
        Assert.Equal(["eingang", "pruefen", "vollstaendigGw", "nachgereicht", "pruefen"], expectation.Passed);
        Assert.Empty(second.Findings);
    }

    [Fact]
    public async Task RunAsync_ChecksDeadlines_OfTimersThatWait()
    {
        var steps = new SimulationAction[]
        {
            new SimulationTaskCompletion("pruefen", null, Values(new JsonObject { ["vollstaendig"] = true })),
            new SimulationClockAdvance(TimeSpan.FromDays(3)),
        };
        var waiting = Expected(ScenarioEndState.Waiting) with { WaitingAt = ["frist"] };

        var relative = await ScenarioRunner.RunAsync(Diagram(), Scenario(steps, waiting with { Deadlines = [new ScenarioDeadline("frist", TimeSpan.FromDays(14), null)] }));
        var absolute = await ScenarioRunner.RunAsync(Diagram(), Scenario(steps, waiting with { Deadlines = [new ScenarioDeadline("frist", null, Start.AddDays(14))] }));
        var other = await ScenarioRunner.RunAsync(Diagram(), Scenario(steps, waiting with { Deadlines = [new ScenarioDeadline("frist", TimeSpan.FromDays(17), null)] }));
        var none = await ScenarioRunner.RunAsync(Diagram(), Scenario(steps, waiting with { Deadlines = [new ScenarioDeadline("pruefen", null, Start.AddDays(1))] }));

        Assert.Equal([new SimulationTimer("frist", Start.AddDays(14))], relative.Run.Timers);
        Assert.Empty(relative.Findings);
        Assert.Empty(absolute.Findings);
        Assert.Equal(["Erwartet: Frist bei 'Widerspruchsfrist abgelaufen' fällig am 2026-03-19T08:00:00Z, tatsächlich: fällig am 2026-03-16T08:00:00Z."], other.Findings);
        Assert.Equal(["Erwartet: Frist bei 'Unterlagen prüfen' fällig am 2026-03-03T08:00:00Z, tatsächlich: keine Frist wartet dort."], none.Findings);
    }

    [Theory]
    [InlineData("1", "1.0", true)]
    [InlineData("{\"a\": [1, \"x\"], \"b\": null}", "{\"b\": null, \"a\": [1.00, \"x\"]}", true)]
    [InlineData("\"1\"", "1", false)]
    [InlineData("[1, 2]", "[2, 1]", false)]
    public void JsonEquals_ComparesNumbersByValueAndMembersInAnyOrder(string left, string right, bool equal) =>
        Assert.Equal(equal, ScenarioRunner.JsonEquals(JsonNode.Parse(left), JsonNode.Parse(right)));

    [Fact]
    public void Compare_ChecksEachExpectedLetter_AgainstTheLettersWrittenFromItsTemplate()
    {
        var run = new SimulationResult(SimulationOutcome.Completed, null, [], [], new Dictionary<string, JsonNode?>(), null, null, Start);
        var written = new List<WrittenLetter>
        {
            new("bescheid", "gebuehrenbescheid", "Gebührenbescheid", "Gebührenbescheid – 32.10-0042/2026", "Guten Tag,\nwir setzen eine Gebühr von\n50,00   Euro fest."),
            new("erinnerung", "erinnerung", "Erinnerung", "Erinnerung", "Bitte zahlen Sie."),
        };
        IReadOnlyList<string> Findings(params ScenarioLetter[] letters) =>
            ScenarioRunner.Compare(Expected(ScenarioEndState.Completed) with { Letters = letters }, run, new Dictionary<string, string>(), Start, written);

        Assert.Empty(Findings(new ScenarioLetter("gebuehrenbescheid", ["32.10-0042/2026", "Gebühr von 50,00 Euro fest"]), new ScenarioLetter("erinnerung", [])));
        Assert.Equal(["Erwartet: Brief 'Gebührenbescheid' enthält „80,00 Euro“, tatsächlich: nicht enthalten."], Findings(new ScenarioLetter("gebuehrenbescheid", ["80,00 Euro"])));
        Assert.Equal(["Erwartet: Brief aus der Vorlage 'ablehnung', tatsächlich: nicht geschrieben."], Findings(new ScenarioLetter("ablehnung", [])));
        Assert.Equal(
            ["Erwartet: Brief aus der Vorlage 'erinnerung' zum 2. Mal, tatsächlich: nur 1-mal geschrieben."],
            Findings(new ScenarioLetter("erinnerung", []), new ScenarioLetter("erinnerung", [])));
        Assert.Equal(
            ["Erwartet: Brief aus der Vorlage 'erinnerung', tatsächlich: nicht prüfbar, weil hier keine Briefvorlagen vorliegen."],
            ScenarioRunner.Compare(Expected(ScenarioEndState.Completed) with { Letters = [new ScenarioLetter("erinnerung", [])] }, run, new Dictionary<string, string>(), Start, letters: null));
    }

    private static Scenario Scenario(IReadOnlyList<SimulationAction> steps, ScenarioExpectation expected) => new(
        "Testfall",
        null,
        null,
        Start,
        new Dictionary<string, JsonNode?> { ["aktenzeichen"] = "32.10-0042/2026" },
        new Dictionary<string, IReadOnlyDictionary<string, JsonNode?>> { ["gebuehr"] = new Dictionary<string, JsonNode?> { ["gebuehr"] = 50 } },
        steps,
        expected);

    private static ScenarioExpectation Expected(ScenarioEndState state) =>
        new(state, [], null, [], [], new Dictionary<string, JsonNode?>());

    private static Dictionary<string, object?> Values(JsonObject values) =>
        ScenarioReader.ToEngine(values.ToDictionary(p => p.Key, p => p.Value));

    private static string Diagram([CallerMemberName] string test = "") =>
        File.ReadAllText(Diagrams.Path(typeof(ScenarioRunnerTests), test));
}
