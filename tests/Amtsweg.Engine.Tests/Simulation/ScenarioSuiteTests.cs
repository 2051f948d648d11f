using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Amtsweg.Engine.Simulation;
using Amtsweg.Engine.Simulation.Scenarios;
using Amtsweg.Engine.Tests.Support;

namespace Amtsweg.Engine.Tests.Simulation;

public sealed class ScenarioSuiteTests
{
    [Fact]
    public async Task RunAsync_CountsPassedScenarios_AndWordsOneLineEach()
    {
        var approved = Scenario("Antrag vollständig", true, ScenarioEndState.Completed, ["genehmigt"]);
        var wrong = Scenario("Antrag unvollständig", false, ScenarioEndState.Completed, ["genehmigt"]);

        var suite = await ScenarioSuite.RunAsync(Diagram(), [approved, wrong]);

        Assert.Equal(1, suite.PassedCount);
        Assert.False(suite.AllPassed);
        Assert.Equal(
            [
                "bestanden  Antrag vollständig",
                "nicht bestanden  Antrag unvollständig: Erwartet: Ende 'Antrag genehmigt', tatsächlich: wartet bei 'Unterlagen nachgereicht'.",
                "scenarios passed 1 of 2",
            ],
            ScenarioSuite.Lines(suite));
    }

    [Fact]
    public void AllPassed_IsFalse_WhenThereIsNoScenario() =>
        Assert.False(new ScenarioSuiteResult([]).AllPassed);

    private static Scenario Scenario(string name, bool complete, ScenarioEndState state, IReadOnlyList<string> endEvents) => new(
        name,
        null,
        null,
        null,
        new Dictionary<string, JsonNode?> { ["aktenzeichen"] = "32.10-0042/2026" },
        new Dictionary<string, IReadOnlyDictionary<string, JsonNode?>>(),
        [
            new SimulationTaskCompletion("pruefen", null, new Dictionary<string, object?> { ["vollstaendig"] = JsonValue.Create(complete) }),
            new SimulationClockAdvance(TimeSpan.FromDays(14)),
        ],
        new ScenarioExpectation(state, endEvents, null, [], [], new Dictionary<string, JsonNode?>()));

    private static string Diagram([CallerMemberName] string test = "") =>
        File.ReadAllText(Diagrams.Path(typeof(ScenarioSuiteTests), test));
}
