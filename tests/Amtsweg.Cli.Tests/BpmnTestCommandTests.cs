namespace Amtsweg.Cli.Tests;

/// <summary><c>amtsweg bpmn test</c>: one line per scenario, last <c>scenarios passed N of M</c>; exit code 0 only when all pass, 2 for bad input.</summary>
public sealed class BpmnTestCommandTests
{
    private const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="antrag" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="pruefen" name="Antrag prüfen"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
            <bpmn:exclusiveGateway id="gw"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>ja</bpmn:outgoing><bpmn:outgoing>nein</bpmn:outgoing></bpmn:exclusiveGateway>
            <bpmn:endEvent id="genehmigt" name="Genehmigt"><bpmn:incoming>ja</bpmn:incoming></bpmn:endEvent>
            <bpmn:endEvent id="abgelehnt" name="Abgelehnt"><bpmn:incoming>nein</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="gw" />
            <bpmn:sequenceFlow id="ja" sourceRef="gw" targetRef="genehmigt"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=ok = true</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="nein" sourceRef="gw" targetRef="abgelehnt"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=ok = false</bpmn:conditionExpression></bpmn:sequenceFlow>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task Test_PrintsBestandenPerScenarioAndSummary_ExitCode0_WhenAllPass()
    {
        using var data = new CliDataFolder();
        var model = await WriteModelAsync(data);
        var folder = Directory.CreateDirectory(data.File("szenarien")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "1-genehmigt.json"), Scenario("Genehmigt", "true", "genehmigt"));
        await File.WriteAllTextAsync(Path.Combine(folder, "2-abgelehnt.json"), Scenario("Abgelehnt", "false", "abgelehnt"));

        var run = await data.RunAsync("bpmn", "test", model, folder);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(["bestanden  Genehmigt", "bestanden  Abgelehnt", "scenarios passed 2 of 2"], Lines(run.Output));
    }

    [Fact]
    public async Task Test_PrintsFindingOfFailedScenario_ExitCode1()
    {
        using var data = new CliDataFolder();
        var model = await WriteModelAsync(data);
        var passing = data.File("genehmigt.json");
        var failing = data.File("falsch.json");
        await File.WriteAllTextAsync(passing, Scenario("Genehmigt", "true", "genehmigt"));
        await File.WriteAllTextAsync(failing, Scenario("Falsch erwartet", "false", "genehmigt"));

        var run = await data.RunAsync("bpmn", "test", model, passing, failing);

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        Assert.Equal(
            [
                "bestanden  Genehmigt",
                "nicht bestanden  Falsch erwartet: Erwartet: Ende 'Genehmigt', tatsächlich: Ende 'Abgelehnt'.",
                "scenarios passed 1 of 2",
            ],
            Lines(run.Output));
    }

    [Fact]
    public async Task Test_NamesFileAndPlace_ExitCode2_WhenAScenarioIsRefused()
    {
        using var data = new CliDataFolder();
        var model = await WriteModelAsync(data);
        var good = data.File("genehmigt.json");
        var bad = data.File("kaputt.json");
        await File.WriteAllTextAsync(good, Scenario("Genehmigt", "true", "genehmigt"));
        await File.WriteAllTextAsync(bad, Scenario("Kaputt", "true", "genehmigt").Replace("\"steps\"", "\"schritte\"", StringComparison.Ordinal));

        var run = await data.RunAsync("bpmn", "test", model, good, bad);

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains($"Fehler: {bad}: Die Angabe \"schritte\" ist unbekannt", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_ExitCode2_WhenModelOrScenarioFileIsMissing()
    {
        using var data = new CliDataFolder();
        var model = await WriteModelAsync(data);
        var good = data.File("genehmigt.json");
        await File.WriteAllTextAsync(good, Scenario("Genehmigt", "true", "genehmigt"));

        var noScenario = await data.RunAsync("bpmn", "test", model, data.File("gibtsnicht.json"));
        var noModel = await data.RunAsync("bpmn", "test", data.File("gibtsnicht.bpmn"), good);
        var help = await data.RunAsync("bpmn", "test", "--help");

        Assert.Equal(2, noScenario.ExitCode);
        Assert.Contains("gibtsnicht.json: Die Datei oder der Ordner existiert nicht.", noScenario.Error, StringComparison.Ordinal);
        Assert.Equal(2, noModel.ExitCode);
        Assert.Contains("gibtsnicht.bpmn: Die BPMN-Datei existiert nicht.", noModel.Error, StringComparison.Ordinal);
        Assert.Contains("Führt Szenarien eines Prozesses in der Simulation aus", help.Output, StringComparison.Ordinal);
    }

    private static async Task<string> WriteModelAsync(CliDataFolder data)
    {
        var file = data.File("antrag.bpmn");
        await File.WriteAllTextAsync(file, Diagram);
        return file;
    }

    private static string Scenario(string name, string ok, string end) => $$"""
        {
          "format": "amtsweg-scenario/1",
          "name": "{{name}}",
          "steps": [ { "completeTask": "pruefen", "values": { "ok": {{ok}} } } ],
          "expected": { "state": "completed", "endEvents": ["{{end}}"] }
        }
        """;

    private static string[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
