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
    public async Task Run_DeploysLinkedFormBeside_WhenWithNamesFormFile()
    {
        using var data = new CliDataFolder();
        var file = data.File("antrag.bpmn");
        var form = data.File("antrag.form");
        await File.WriteAllTextAsync(file, Diagram.Replace("<zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>f1", "<zeebe:userTask /><zeebe:formDefinition formId=\"antrag-form\" /></bpmn:extensionElements><bpmn:incoming>f1", StringComparison.Ordinal));
        await File.WriteAllTextAsync(form, """{ "id": "antrag-form", "components": [ { "type": "textfield", "key": "name", "label": "Name" } ] }""");
        await File.WriteAllTextAsync(data.File("notiz.txt"), "kein Formular");

        var without = await data.RunAsync("bpmn", "run", file, "--complete-open-tasks");
        var with = await data.RunAsync("bpmn", "run", file, "--complete-open-tasks", "--with", form);
        var wrong = await data.RunAsync("bpmn", "run", file, "--with", data.File("notiz.txt"));

        Assert.True(without.ExitCode == 3, without.Output + without.Error);
        Assert.Contains("Das Formular 'antrag-form' ist nicht bereitgestellt.", without.Output + without.Error, StringComparison.Ordinal);
        Assert.True(with.ExitCode == 0, with.Output + with.Error);
        Assert.Equal(3, wrong.ExitCode);
        Assert.Contains("--with notiz.txt: erwartet wird ein Formular (.form) oder eine Entscheidung (.dmn).", wrong.Error, StringComparison.Ordinal);
    }

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

    [Fact]
    public async Task Run_RefundsFee_WhenPermitIsRevokedWithCompensation()
    {
        using var data = new CliDataFolder();
        var file = data.File("widerruf.bpmn");
        await File.WriteAllTextAsync(file, """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="genehmigung" isExecutable="true">
                <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:serviceTask id="gebuehrBuchen" name="Gebühr buchen"><bpmn:extensionElements><zeebe:taskDefinition type="gebuehr-buchen" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
                <bpmn:boundaryEvent id="kompensation" attachedToRef="gebuehrBuchen"><bpmn:compensateEventDefinition id="cd1" /></bpmn:boundaryEvent>
                <bpmn:serviceTask id="gebuehrErstatten" name="Gebühr erstatten" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="gebuehr-erstatten" /></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:association id="a1" associationDirection="One" sourceRef="kompensation" targetRef="gebuehrErstatten" />
                <bpmn:userTask id="widerrufen" name="Genehmigung widerrufen"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
                <bpmn:intermediateThrowEvent id="erstatten"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing><bpmn:compensateEventDefinition id="cd2" /></bpmn:intermediateThrowEvent>
                <bpmn:endEvent id="ende"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gebuehrBuchen" />
                <bpmn:sequenceFlow id="f2" sourceRef="gebuehrBuchen" targetRef="widerrufen" />
                <bpmn:sequenceFlow id="f3" sourceRef="widerrufen" targetRef="erstatten" />
                <bpmn:sequenceFlow id="f4" sourceRef="erstatten" targetRef="ende" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        var run = await data.RunAsync("bpmn", "run", file, "--task-outputs", """{"widerrufen": {}, "gebuehrErstatten": {"erstattet": 120}}""", "--json");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var result = JsonNode.Parse(run.Output)!;
        Assert.Equal("completed", result["outcome"]!.GetValue<string>());
        Assert.Equal(120, result["variables"]!["erstattet"]!.GetValue<int>());
        var entered = result["trace"]!.AsArray().Where(s => s!["transition"]!.GetValue<string>() == "entered").Select(s => s!["elementId"]!.GetValue<string>());
        Assert.Equal(["start", "gebuehrBuchen", "widerrufen", "erstatten", "gebuehrErstatten", "ende"], entered);
    }
}
