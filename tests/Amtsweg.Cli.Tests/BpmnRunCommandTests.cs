using System.Text;
using System.Text.Json.Nodes;

namespace Amtsweg.Cli.Tests;

/// <summary><c>amtsweg bpmn run</c>: scenarios stop at user tasks for which no outputs are given.</summary>
public sealed class BpmnRunCommandTests
{
    private const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="antrag" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="pruefen" name="Prüfen"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
            <bpmn:userTask id="freigeben" name="Freigeben"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
            <bpmn:endEvent id="ende"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="freigeben" />
            <bpmn:sequenceFlow id="f3" sourceRef="freigeben" targetRef="ende" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task Bug_Run_WaitsAtUserTask_WhenTaskOutputsGiveNothingForIt()
    {
        using var data = new CliDataFolder();
        var file = data.File("antrag.bpmn");
        await File.WriteAllTextAsync(file, Diagram);

        var run = await data.RunAsync("bpmn", "run", file, "--task-outputs", """{"pruefen": {"vollstaendig": true}}""", "--json");

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        var result = JsonNode.Parse(run.Output)!;
        Assert.Equal("waiting", result["outcome"]!.GetValue<string>());
        Assert.Equal(["freigeben"], result["waitingAt"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(result["variables"]!["vollstaendig"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Run_CompletesUserTasksWithoutOutputs_WhenCompleteOpenTasksIsGiven()
    {
        using var data = new CliDataFolder();
        var file = data.File("antrag.bpmn");
        await File.WriteAllTextAsync(file, Diagram);

        var run = await data.RunAsync("bpmn", "run", file, "--complete-open-tasks");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("freigeben", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("Abgeschlossen.", run.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PrintsWaitingTask_WhenNoOutputsAreGiven()
    {
        using var data = new CliDataFolder();
        var file = data.File("antrag.bpmn");
        await File.WriteAllTextAsync(file, Diagram);

        var run = await data.RunAsync("bpmn", "run", file);

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        Assert.EndsWith("Wartet an: pruefen", run.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WarnsAndRuns_WhenFileIsWindows1252DeclaredAsUtf8()
    {
        using var data = new CliDataFolder();
        var file = data.File("antrag.bpmn");
        await File.WriteAllBytesAsync(file, CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(Diagram));

        var run = await data.RunAsync("bpmn", "run", file, "--complete-open-tasks");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("Warnung:", run.Error, StringComparison.Ordinal);
        Assert.Contains("windows-1252", run.Error, StringComparison.Ordinal);
    }
}
