using System.Runtime.CompilerServices;
using Amtsweg.Engine.Simulation;
using Amtsweg.Engine.Tests.Support;

namespace Amtsweg.Engine.Tests.Simulation;

public sealed class ProcessSimulationTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_CompletesWithTrace_WhenTasksTimersAndMessagesAreGiven()
    {
        var result = await ProcessSimulation.RunAsync(Diagram(), new SimulationOptions
        {
            StartTime = Start,
            Variables = Variables.Of(new { aktenzeichen = "32.10-0042/2026" }),
            TaskOutputs = new Dictionary<string, IReadOnlyDictionary<string, object?>>
            {
                ["check"] = Variables.Of(new { vollstaendig = true })!,
                ["notify"] = Variables.Of(new { gesendet = "2026-01-05" })!,
            },
            Messages = [new SimulationMessage("unterlagen-nachgereicht", "32.10-0042/2026")],
        });

        Assert.Equal(SimulationOutcome.Completed, result.Outcome);
        Assert.Equal(["start", "check", "notify", "wait", "docs", "end"], result.Trace.Where(s => s.Transition == "entered").Select(s => s.ElementId));
        Assert.Equal("userTask", result.Trace.First(s => s.ElementId == "check").ElementType);
        Assert.Equal(Start, result.Trace.Single(s => s is { ElementId: "wait", Transition: "entered" }).Time);
        Assert.Equal(Start.AddDays(2), result.Trace.Single(s => s is { ElementId: "wait", Transition: "completed" }).Time);
        Assert.Equal(Start.AddDays(2), result.EndTime);
        Assert.True(result.Variables["vollstaendig"]!.GetValue<bool>());
        Assert.Equal("2026-01-05", result.Variables["gesendet"]!.GetValue<string>());
        Assert.Empty(result.WaitingAt);
    }

    [Fact]
    public async Task ValidateDeploymentAsync_ReportsProblemWithFileAndElement_OnAThrowawayEngine()
    {
        var broken = Diagram();
        var fixedUp = broken.Replace("=ergebnis * (", "=ergebnis * 2", StringComparison.Ordinal);

        var problems = await ProcessSimulation.ValidateDeploymentAsync("paket", [new DeploymentResource("prozesse/antrag.bpmn", broken)]);
        var none = await ProcessSimulation.ValidateDeploymentAsync("paket", [new DeploymentResource("prozesse/antrag.bpmn", fixedUp)]);

        var problem = Assert.Single(problems, p => p.Problem.Severity == Bpmn.Validation.BpmnProblemSeverity.Error);
        Assert.Equal("prozesse/antrag.bpmn", problem.Resource);
        Assert.Equal("melden", problem.Problem.ElementId);
        Assert.DoesNotContain(none, p => p.Problem.Severity == Bpmn.Validation.BpmnProblemSeverity.Error);
    }

    [Fact]
    public async Task RunAsync_ReportsWaiting_WhenMessageIsNotGiven()
    {
        var result = await ProcessSimulation.RunAsync(Diagram(), new SimulationOptions
        {
            StartTime = Start,
            Variables = Variables.Of(new { aktenzeichen = "A" }),
            CompleteOpenTasks = true,
            Messages = [new SimulationMessage("unterlagen-nachgereicht", "B")],
        });

        Assert.Equal(SimulationOutcome.Waiting, result.Outcome);
        Assert.Equal(["docs"], result.WaitingAt);
        Assert.Equal(Start.AddDays(2), result.EndTime);
    }

    [Fact]
    public async Task RunAsync_WaitsAtUserTask_WhenTaskOutputsGiveNothingForIt()
    {
        var result = await ProcessSimulation.RunAsync(Diagram(), new SimulationOptions
        {
            StartTime = Start,
            TaskOutputs = new Dictionary<string, IReadOnlyDictionary<string, object?>>
            {
                ["check"] = Variables.Of(new { vollstaendig = true })!,
            },
        });

        Assert.Equal(SimulationOutcome.Waiting, result.Outcome);
        Assert.Equal(["approve"], result.WaitingAt);
        Assert.True(result.Variables["vollstaendig"]!.GetValue<bool>());
        Assert.DoesNotContain(result.Trace, s => s is { ElementId: "approve", Transition: "completed" });
    }

    [Fact]
    public async Task RunAsync_CompletesUserTaskWithoutVariables_WhenCompleteOpenTasksIsSet()
    {
        var result = await ProcessSimulation.RunAsync(Diagram(), new SimulationOptions
        {
            StartTime = Start,
            CompleteOpenTasks = true,
            TaskOutputs = new Dictionary<string, IReadOnlyDictionary<string, object?>>
            {
                ["check"] = Variables.Of(new { vollstaendig = true })!,
            },
        });

        Assert.Equal(SimulationOutcome.Completed, result.Outcome);
        Assert.Equal(["start", "check", "approve", "end"], result.Trace.Where(s => s.Transition == "entered").Select(s => s.ElementId));
        Assert.Equal(["vollstaendig"], result.Variables.Keys);
        Assert.Empty(result.WaitingAt);
    }

    [Fact]
    public async Task RunAsync_ReportsIncident_WhenConditionFails()
    {
        var result = await ProcessSimulation.RunAsync(Diagram(), new SimulationOptions { StartTime = Start });

        Assert.Equal(SimulationOutcome.Incident, result.Outcome);
        Assert.Equal("toBig", result.IncidentElementId);
        Assert.Contains("antrag.betrag > 100", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ReportsIncident_WhenFileDoesNotValidate()
    {
        var result = await ProcessSimulation.RunAsync("<definitions/>", new SimulationOptions());

        Assert.Equal(SimulationOutcome.Incident, result.Outcome);
        Assert.Null(result.ProcessInstanceId);
        Assert.Contains("BPMN-ROOT", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RefundsFee_WhenPermitIsRevokedWithCompensation()
    {
        var result = await ProcessSimulation.RunAsync(Diagram(), new SimulationOptions
        {
            StartTime = Start,
            TaskOutputs = new Dictionary<string, IReadOnlyDictionary<string, object?>>
            {
                ["gebuehrBuchen"] = Variables.Of(new { gebucht = 120 })!,
                ["widerrufen"] = Variables.Of(new { widerrufen = true })!,
                ["gebuehrErstatten"] = Variables.Of(new { erstattet = 120 })!,
            },
        });

        Assert.Equal(SimulationOutcome.Completed, result.Outcome);
        Assert.Equal(["start", "gebuehrBuchen", "widerrufen", "widerrufenEnde", "gebuehrErstatten"], result.Trace.Where(s => s.Transition == "entered").Select(s => s.ElementId));
        Assert.Equal(120m, result.Variables["erstattet"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task RunAsync_CompletesTaskWithLinkedForm_OnlyWhenFormIsDeployedBeside()
    {
        var name = nameof(RunAsync_CompletesTaskWithLinkedForm_OnlyWhenFormIsDeployedBeside);
        var form = Path.ChangeExtension(Diagrams.Path(typeof(ProcessSimulationTests), name), ".form");
        var options = new SimulationOptions { StartTime = Start, CompleteOpenTasks = true };

        var without = await ProcessSimulation.RunAsync(Diagram(), options);
        var with = await ProcessSimulation.RunAsync(Diagram(), options with { Resources = [new DeploymentResource("antrag.form", await File.ReadAllTextAsync(form))] });

        Assert.Equal((SimulationOutcome.Incident, "pruefen"), (without.Outcome, without.IncidentElementId));
        Assert.Contains("Das Formular 'antrag-form' ist nicht bereitgestellt.", without.Message, StringComparison.Ordinal);
        Assert.Equal(SimulationOutcome.Completed, with.Outcome);
    }

    private static string Diagram([CallerMemberName] string test = "") =>
        File.ReadAllText(Diagrams.Path(typeof(ProcessSimulationTests), test));
}
