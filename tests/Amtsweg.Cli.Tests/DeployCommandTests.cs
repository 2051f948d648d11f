using System.Text.Json.Nodes;
using Amtsweg.Engine;

namespace Amtsweg.Cli.Tests;

/// <summary><c>amtsweg deploy</c>: a diagram and the form it links deployed from a folder; broken input refused, nothing deployed.</summary>
public sealed class DeployCommandTests
{
    private const string Ags = "09999021";

    private const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://amtsweg.example/test">
          <bpmn:process id="antrag" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="pruefen" name="Antrag prüfen"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="antrag-form" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
            <bpmn:endEvent id="ende"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="ende" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string Form = """
        { "id": "antrag-form", "type": "default", "components": [ { "type": "textfield", "key": "name", "label": "Name" } ] }
        """;

    [Fact]
    public async Task Deploy_DeploysDiagramWithLinkedForm_WhenFolderHoldsBoth()
    {
        using var data = new CliDataFolder();
        await data.CreateTenantAsync(Ags, "Formstadt");
        var folder = Directory.CreateDirectory(data.File("antrag")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "antrag.bpmn"), Diagram);
        await File.WriteAllTextAsync(Path.Combine(folder, "antrag.form"), Form);
        await File.WriteAllTextAsync(Path.Combine(folder, "notizen.txt"), "nicht bereitstellen");

        var deployed = await data.RunAsync("deploy", "--tenant", Ags, folder);
        var form = await data.EngineAsync(Ags, async engine =>
        {
            var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "antrag" });
            var task = Assert.Single(await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id }));
            return await engine.GetUserTaskFormAsync(task.Id);
        });

        Assert.True(deployed.ExitCode == 0, deployed.Error);
        Assert.Equal(
            ["Prozess „antrag“ Version 1", "Formular „antrag-form“ Version 1 (antrag.form)", "Bereitgestellt: 1 Prozess(e), 1 Formular(e)"],
            deployed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal("Name", (string?)JsonNode.Parse(form!)!["components"]![0]!["label"]);
    }

    [Fact]
    public async Task Deploy_RefusesAndDeploysNothing_WhenFormIsBrokenOrFileIsNoModel()
    {
        using var data = new CliDataFolder();
        await data.CreateTenantAsync(Ags, "Formstadt");
        await File.WriteAllTextAsync(data.File("antrag.bpmn"), Diagram);
        await File.WriteAllTextAsync(data.File("kaputt.form"), "{ \"id\": \"antrag-form\" }");
        await File.WriteAllTextAsync(data.File("notizen.txt"), "nicht bereitstellen");

        var broken = await data.RunAsync("deploy", "--tenant", Ags, data.File("antrag.bpmn"), data.File("kaputt.form"));
        var text = await data.RunAsync("deploy", "--tenant", Ags, data.File("notizen.txt"));
        var definitions = await data.EngineAsync(Ags, engine => engine.ListProcessDefinitionsAsync());

        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("kaputt.form: Das Formular in 'kaputt.form' kann nicht bereitgestellt werden: Das Formular hat keine Liste der Felder", broken.Error, StringComparison.Ordinal);
        Assert.Contains("Fehler: Die Bereitstellung wurde abgelehnt; nichts wurde bereitgestellt.", broken.Error, StringComparison.Ordinal);
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("notizen.txt ist keine BPMN-, DMN- oder Formulardatei", text.Error, StringComparison.Ordinal);
        Assert.Empty(definitions);
    }
}
