using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;

namespace Amtsweg.Cli.Tests;

/// <summary>
/// The operations commands (<c>instances</c>, <c>jobs</c>, <c>incidents</c>, <c>timers</c>, <c>messages</c>,
/// <c>signals</c>) on an embedded data folder: German tables, <c>--json</c>, and bad input refused with a German message,
/// exit code 1 and nothing changed.
/// </summary>
public sealed class OperationsCommandsTests
{
    private const string Ags = "09999011";
    private const string OtherAgs = "09999012";

    // An amount gateway that fails on a text amount (an incident before the first wait state), a deadline, a message
    // and a signal to wait for.
    private static readonly DeploymentResource[] Diagrams =
    [
        Diagram("betrag", """
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:exclusiveGateway id="amount" default="low"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>high</bpmn:outgoing><bpmn:outgoing>low</bpmn:outgoing></bpmn:exclusiveGateway>
            <bpmn:userTask id="approve" name="Genehmigen"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>high</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
            <bpmn:userTask id="book" name="Buchen"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>low</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="amount" />
            <bpmn:sequenceFlow id="high" sourceRef="amount" targetRef="approve"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=betrag &gt; 100</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="low" sourceRef="amount" targetRef="book" />
            <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
            <bpmn:sequenceFlow id="f3" sourceRef="book" targetRef="end" />
            """),
        Diagram("frist", """
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
            """),
        Diagram("nachweis", """
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:intermediateCatchEvent id="docs"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:messageEventDefinition messageRef="m1" /></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="docs" />
            <bpmn:sequenceFlow id="f2" sourceRef="docs" targetRef="end" />
            """, """<bpmn:message id="m1" name="unterlagen-nachgereicht"><bpmn:extensionElements><zeebe:subscription correlationKey="=aktenzeichen" /></bpmn:extensionElements></bpmn:message>"""),
        Diagram("sturm", """
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:intermediateCatchEvent id="warning"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:signalEventDefinition signalRef="s1" /></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="warning" />
            <bpmn:sequenceFlow id="f2" sourceRef="warning" targetRef="end" />
            """, """<bpmn:signal id="s1" name="sturmwarnung" />"""),
    ];

    [Fact]
    public async Task InstancesList_PrintsGermanTableAndJson_WhenFiltered()
    {
        using var data = await DataFolderAsync();
        var waiting = await StartAsync(data, "betrag", new { betrag = 50 }, "32.10-0001/2026");
        var failing = (await StartFailingAsync(data)).ProcessInstanceId;

        var incident = await data.RunAsync("instances", "list", "--tenant", Ags, "--state", "Incident");
        var byKey = await data.RunAsync("instances", "list", "--tenant", Ags, "--business-key", "32.10-0001/2026", "--json");
        var badState = await data.RunAsync("instances", "list", "--tenant", Ags, "--state", "kaputt");
        var badTime = await data.RunAsync("instances", "list", "--tenant", Ags, "--started-from", "gestern");
        var unknownTenant = await data.RunAsync("instances", "list", "--tenant", "09999999");

        Assert.True(incident.ExitCode == 0, incident.Error);
        var lines = Lines(incident.Output);
        Assert.StartsWith("Id ", lines[0], StringComparison.Ordinal);
        Assert.Contains("Aktenzeichen", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith(failing.ToString(), StringComparison.Ordinal) && line.Contains("gestört", StringComparison.Ordinal));
        Assert.DoesNotContain(waiting.ToString(), incident.Output, StringComparison.Ordinal);
        Assert.Equal("1 Prozessinstanz(en)", lines[^1]);
        Assert.True(byKey.ExitCode == 0, byKey.Error);
        var listed = Assert.Single(JsonNode.Parse(byKey.Output)!.AsArray());
        Assert.Equal((waiting.ToString(), "Active", "32.10-0001/2026", 0), ((string?)listed!["id"], (string?)listed["state"], (string?)listed["businessKey"], (int)listed["openIncidents"]!));
        Assert.Equal(1, badState.ExitCode);
        Assert.Contains("Der Zustand „kaputt“ ist unbekannt; erlaubt sind Active, Completed, Canceled und Incident.", badState.Error, StringComparison.Ordinal);
        Assert.Equal(1, badTime.ExitCode);
        Assert.Contains("--started-from „gestern“ ist kein Zeitpunkt", badTime.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknownTenant.ExitCode);
        Assert.Contains("Eine Gemeinde mit dem AGS 09999999 gibt es nicht.", unknownTenant.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstancesShow_ListsActiveElementInstancesWithKeys_WhenInstanceWaitsAtTask()
    {
        using var data = await DataFolderAsync();
        var waiting = await StartAsync(data, "betrag", new { betrag = 500 });
        var foreign = await StartAsync(data, "betrag", new { betrag = 500 }, ags: OtherAgs);

        var table = await data.RunAsync("instances", "show", waiting.ToString(), "--tenant", Ags);
        var json = await data.RunAsync("instances", "show", waiting.ToString(), "--tenant", Ags, "--json");
        var foreignShow = await data.RunAsync("instances", "show", foreign.ToString(), "--tenant", Ags);

        Assert.True(table.ExitCode == 0, table.Error);
        var lines = Lines(table.Output);
        Assert.StartsWith("Schlüssel ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith(waiting.ToString(), StringComparison.Ordinal) && line.Contains("process", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("approve", StringComparison.Ordinal) && line.Contains("Genehmigen", StringComparison.Ordinal) && line.Contains("userTask", StringComparison.Ordinal));
        Assert.Equal("2 aktive Elementinstanz(en)", lines[^1]);
        Assert.True(json.ExitCode == 0, json.Error);
        var items = JsonNode.Parse(json.Output)!.AsArray();
        Assert.Equal(["betrag", "approve"], items.Select(i => (string?)i!["elementId"]));
        var taskKey = await data.EngineAsync(Ags, async engine => (await engine.QueryElementInstancesAsync(new ElementInstanceQuery { ProcessInstanceId = waiting, ElementId = "approve" })).Items.Single().Id);
        Assert.Equal(taskKey.ToString(), (string?)items[1]!["id"]);
        Assert.Equal(1, foreignShow.ExitCode);
        Assert.Contains("Eine Prozessinstanz mit dieser Id gibt es in der Gemeinde nicht.", foreignShow.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsList_ListsWaitingTimer_WhenInstanceWaitsAtDeadline()
    {
        using var data = await DataFolderAsync();
        var instance = await StartAsync(data, "frist");

        var table = await data.RunAsync("jobs", "list", "--tenant", Ags, "--state", "waiting");
        var json = await data.RunAsync("jobs", "list", "--tenant", Ags, "--instance", instance.ToString(), "--json");
        var badState = await data.RunAsync("jobs", "list", "--tenant", Ags, "--state", "kaputt");
        var badPaging = await data.RunAsync("jobs", "list", "--tenant", Ags, "--take", "0");

        Assert.True(table.ExitCode == 0, table.Error);
        var row = Assert.Single(Lines(table.Output), line => line.Contains(instance.ToString(), StringComparison.Ordinal));
        Assert.Contains("Timer", row, StringComparison.Ordinal);
        Assert.Contains("wait", row, StringComparison.Ordinal);
        Assert.Contains("wartet", row, StringComparison.Ordinal);
        Assert.Equal("1 Auftrag/Aufträge", Lines(table.Output)[^1]);
        var job = Assert.Single(JsonNode.Parse(json.Output)!.AsArray());
        Assert.Equal(("Timer", "wait", "Waiting"), ((string?)job!["kind"], (string?)job["elementId"], (string?)job["state"]));
        Assert.Equal(1, badState.ExitCode);
        Assert.Contains("Der Zustand „kaputt“ ist unbekannt; erlaubt sind Waiting, Locked und Failed.", badState.Error, StringComparison.Ordinal);
        Assert.Equal(1, badPaging.ExitCode);
        Assert.Contains("--take zwischen 1 und 200", badPaging.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncidentsList_ListsOpenIncidentsOfTheMunicipalityOnly_WhenFiltered()
    {
        using var data = await DataFolderAsync();
        var failing = await StartFailingAsync(data);
        var foreign = await StartFailingAsync(data, OtherAgs);

        var open = await data.RunAsync("incidents", "list", "--tenant", Ags, "--state", "open", "--process", "betrag", "--element", "high");
        var resolved = await data.RunAsync("incidents", "list", "--tenant", Ags, "--state", "Resolved", "--json");
        var badState = await data.RunAsync("incidents", "list", "--tenant", Ags, "--state", "kaputt");

        Assert.True(open.ExitCode == 0, open.Error);
        var row = Assert.Single(Lines(open.Output), line => line.Contains(failing.ProcessInstanceId.ToString(), StringComparison.Ordinal));
        Assert.StartsWith(failing.IncidentId.ToString(), row, StringComparison.Ordinal);
        Assert.Contains("betrag > 100", row, StringComparison.Ordinal);
        Assert.DoesNotContain(foreign.IncidentId.ToString(), open.Output, StringComparison.Ordinal);
        Assert.Equal("1 Störung(en)", Lines(open.Output)[^1]);
        Assert.Equal("[]", resolved.Output.Trim());
        Assert.Equal(1, badState.ExitCode);
        Assert.Contains("Der Zustand „kaputt“ ist unbekannt; erlaubt sind Open und Resolved.", badState.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncidentsRetry_ContinuesInstanceWithVariables_WhenVariablesFixTheCause()
    {
        using var data = await DataFolderAsync();
        var failing = await StartFailingAsync(data);
        var foreign = await StartFailingAsync(data, OtherAgs);

        var malformed = await data.RunAsync("incidents", "retry", failing.IncidentId.ToString(), "--tenant", Ags, "--vars", "{betrag: 50");
        var badRetries = await data.RunAsync("incidents", "retry", failing.IncidentId.ToString(), "--tenant", Ags, "--retries", "0");
        var foreignRetry = await data.RunAsync("incidents", "retry", foreign.IncidentId.ToString(), "--tenant", Ags, "--vars", """{"betrag": 50}""");
        var unchanged = await data.EngineAsync(Ags, engine => engine.GetProcessInstanceAsync(failing.ProcessInstanceId));
        var retried = await data.RunAsync("incidents", "retry", failing.IncidentId.ToString(), "--tenant", Ags, "--vars", """{"betrag": 50}""");
        var again = await data.RunAsync("incidents", "retry", failing.IncidentId.ToString(), "--tenant", Ags);

        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("--vars ist kein gültiges JSON", malformed.Error, StringComparison.Ordinal);
        Assert.Equal(1, badRetries.ExitCode);
        Assert.Contains("mindestens 1", badRetries.Error, StringComparison.Ordinal);
        Assert.Equal(1, foreignRetry.ExitCode);
        Assert.Contains("Eine Störung mit dieser Id gibt es in dieser Gemeinde nicht.", foreignRetry.Error, StringComparison.Ordinal);
        Assert.Single(unchanged.Incidents);
        Assert.Equal("viel", unchanged.Variables["betrag"]!.GetValue<string>());
        Assert.True(retried.ExitCode == 0, retried.Error);
        Assert.Contains($"Störung {failing.IncidentId} am Schritt „high“ erneut angestoßen", retried.Output, StringComparison.Ordinal);
        var state = await data.EngineAsync(Ags, engine => engine.GetProcessInstanceAsync(failing.ProcessInstanceId));
        Assert.Equal(["book"], state.ActiveElementIds);
        Assert.Equal(50, state.Variables["betrag"]!.GetValue<int>());
        Assert.Empty(state.Incidents);
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith("Fehler: ", again.Error, StringComparison.Ordinal);
        Assert.Null((await data.EngineAsync(OtherAgs, engine => engine.GetIncidentsAsync(foreign.ProcessInstanceId))).Single().ResolvedAt);
    }

    [Fact]
    public async Task IncidentsResolve_MarksIncidentResolved_WhenItStoppedNoJob()
    {
        using var data = await DataFolderAsync();
        var failing = await StartFailingAsync(data);

        var unknown = await data.RunAsync("incidents", "resolve", Guid.CreateVersion7().ToString(), "--tenant", Ags);
        var notAnId = await data.RunAsync("incidents", "resolve", "kein-schluessel", "--tenant", Ags);
        var resolved = await data.RunAsync("incidents", "resolve", failing.IncidentId.ToString(), "--tenant", Ags, "--json");
        var again = await data.RunAsync("incidents", "resolve", failing.IncidentId.ToString(), "--tenant", Ags);

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Eine Störung mit dieser Id gibt es in dieser Gemeinde nicht.", unknown.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, notAnId.ExitCode);
        Assert.True(resolved.ExitCode == 0, resolved.Error);
        Assert.NotNull((string?)JsonNode.Parse(resolved.Output)!["resolvedAt"]);
        var incident = Assert.Single(await data.EngineAsync(Ags, engine => engine.GetIncidentsAsync(failing.ProcessInstanceId)));
        Assert.NotNull(incident.ResolvedAt);
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith("Fehler: ", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimersChangeDueDate_MovesDeadlineAndRecordsReason_WhenDateIsInTheFuture()
    {
        using var data = await DataFolderAsync();
        var instance = await StartAsync(data, "frist");
        var before = Assert.Single(await data.EngineAsync(Ags, engine => engine.QueryJobsAsync(new JobQuery { ProcessInstanceId = instance })));
        var newDue = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(60).AddHours(9), TimeSpan.Zero);

        var past = await data.RunAsync("timers", "change-due-date", "--tenant", Ags, "--instance", instance.ToString(), "--element", "wait", "--due", "2020-01-01");
        var noElement = await data.RunAsync("timers", "change-due-date", "--tenant", Ags, "--instance", instance.ToString(), "--due", "2099-01-01");
        var wrongElement = await data.RunAsync("timers", "change-due-date", "--tenant", Ags, "--instance", instance.ToString(), "--element", "end", "--due", "2099-01-01");
        var unchanged = Assert.Single(await data.EngineAsync(Ags, engine => engine.QueryJobsAsync(new JobQuery { ProcessInstanceId = instance })));
        var moved = await data.RunAsync("timers", "change-due-date", "--tenant", Ags, "--instance", instance.ToString(), "--element", "wait",
            "--due", newDue.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), "--reason", "Frist auf Antrag verlängert");

        Assert.Equal(1, past.ExitCode);
        Assert.Contains("liegt nicht in der Zukunft", past.Error, StringComparison.Ordinal);
        Assert.Equal(1, noElement.ExitCode);
        Assert.Contains("entweder --job oder --instance zusammen mit --element", noElement.Error, StringComparison.Ordinal);
        Assert.Equal(1, wrongElement.ExitCode);
        Assert.Contains("Am Schritt „end“ wartet kein Zeitgeber", wrongElement.Error, StringComparison.Ordinal);
        Assert.Equal(before.DueAt, unchanged.DueAt);
        Assert.True(moved.ExitCode == 0, moved.Error);
        Assert.Contains("Frist am Schritt „wait“", moved.Output, StringComparison.Ordinal);
        var after = Assert.Single(await data.EngineAsync(Ags, engine => engine.QueryJobsAsync(new JobQuery { ProcessInstanceId = instance })));
        Assert.Equal(newDue, after.DueAt);
        var history = await data.EngineAsync(Ags, engine => engine.GetHistoryAsync(instance));
        var change = Assert.Single(history, e => e.Type == HistoryEventTypes.TimerDueDateChanged);
        var detail = JsonNode.Parse(change.Detail!)!;
        Assert.Equal("Frist auf Antrag verlängert", (string?)detail["reason"]);
        Assert.Equal("cli:" + Environment.UserName, change.UserId);
    }

    [Fact]
    public async Task MessagesCorrelate_DeliversMessageWithVariables_WhenInstanceWaitsForKey()
    {
        using var data = await DataFolderAsync();
        var instance = await StartAsync(data, "nachweis", new { aktenzeichen = "32.10-0007/2026" });

        var notAnObject = await data.RunAsync("messages", "correlate", "--tenant", Ags, "--name", "unterlagen-nachgereicht", "--key", "32.10-0007/2026", "--vars", "[1]");
        var wrongKey = await data.RunAsync("messages", "correlate", "--tenant", Ags, "--name", "unterlagen-nachgereicht", "--key", "32.10-9999/2026");
        var foreign = await data.RunAsync("messages", "correlate", "--tenant", OtherAgs, "--name", "unterlagen-nachgereicht", "--key", "32.10-0007/2026");
        var waiting = await data.EngineAsync(Ags, engine => engine.GetProcessInstanceAsync(instance));
        var delivered = await data.RunAsync("messages", "correlate", "--tenant", Ags, "--name", "unterlagen-nachgereicht", "--key", "32.10-0007/2026", "--vars", """{"eingang": "Meldebescheinigung"}""");

        Assert.Equal(1, notAnObject.ExitCode);
        Assert.Contains("--vars muss ein JSON-Objekt sein", notAnObject.Error, StringComparison.Ordinal);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("Keine Prozessinstanz wartet auf die Nachricht „unterlagen-nachgereicht“ mit dem Schlüssel „32.10-9999/2026“", wrongKey.Error, StringComparison.Ordinal);
        Assert.Equal(1, foreign.ExitCode);
        Assert.Equal(["docs"], waiting.ActiveElementIds);
        Assert.True(delivered.ExitCode == 0, delivered.Error);
        Assert.Contains($"Nachricht „unterlagen-nachgereicht“ der Prozessinstanz {instance} zugestellt.", delivered.Output, StringComparison.Ordinal);
        var state = await data.EngineAsync(Ags, engine => engine.GetProcessInstanceAsync(instance));
        Assert.Equal(ProcessInstanceState.Completed, state.State);
        Assert.Equal("Meldebescheinigung", state.Variables["eingang"]!.GetValue<string>());
    }

    [Fact]
    public async Task MessagesPublish_KeepsMessageForItsTimeToLive_WhenNoInstanceWaitsYet()
    {
        using var data = await DataFolderAsync();

        var badTtl = await data.RunAsync("messages", "publish", "--tenant", Ags, "--name", "unterlagen-nachgereicht", "--key", "32.10-0008/2026", "--ttl", "eine Stunde");
        var tooLong = await data.RunAsync("messages", "publish", "--tenant", Ags, "--name", "unterlagen-nachgereicht", "--key", "32.10-0008/2026", "--ttl", "P31D");
        var published = await data.RunAsync("messages", "publish", "--tenant", Ags, "--name", "unterlagen-nachgereicht", "--key", "32.10-0008/2026", "--ttl", "PT1H",
            "--message-id", "scan-4711", "--vars", """{"eingang": "Nachweis"}""", "--json");
        var twice = await data.RunAsync("messages", "publish", "--tenant", Ags, "--name", "unterlagen-nachgereicht", "--key", "32.10-0008/2026", "--ttl", "PT1H", "--message-id", "scan-4711");
        var instance = await StartAsync(data, "nachweis", new { aktenzeichen = "32.10-0008/2026" });

        Assert.Equal(1, badTtl.ExitCode);
        Assert.Contains("--ttl „eine Stunde“ ist keine ISO-8601-Dauer", badTtl.Error, StringComparison.Ordinal);
        Assert.Equal(1, tooLong.ExitCode);
        Assert.Contains("--ttl „P31D“ muss zwischen PT0S und P30D (30 Tage) liegen.", tooLong.Error, StringComparison.Ordinal);
        Assert.True(published.ExitCode == 0, published.Error);
        var result = JsonNode.Parse(published.Output)!;
        Assert.True((bool)result["buffered"]!);
        Assert.Empty(result["processInstanceIds"]!.AsArray());
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("wird nicht ein zweites Mal zugestellt", twice.Error, StringComparison.Ordinal);
        var state = await data.EngineAsync(Ags, engine => engine.GetProcessInstanceAsync(instance));
        Assert.Equal(ProcessInstanceState.Completed, state.State);
        Assert.Equal("Nachweis", state.Variables["eingang"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignalsBroadcast_ReachesWaitingInstance_WhenSignalNameMatches()
    {
        using var data = await DataFolderAsync();
        var instance = await StartAsync(data, "sturm");
        var foreign = await StartAsync(data, "sturm", ags: OtherAgs);

        var malformed = await data.RunAsync("signals", "broadcast", "--tenant", Ags, "--name", "sturmwarnung", "--vars", "kaputt");
        var stillWaiting = await data.EngineAsync(Ags, engine => engine.GetProcessInstanceAsync(instance));
        var sent = await data.RunAsync("signals", "broadcast", "--tenant", Ags, "--name", "sturmwarnung", "--vars", """{"stufe": 3}""");

        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("--vars ist kein gültiges JSON", malformed.Error, StringComparison.Ordinal);
        Assert.Equal(ProcessInstanceState.Active, stillWaiting.State);
        Assert.True(sent.ExitCode == 0, sent.Error);
        Assert.Contains("Signal „sturmwarnung“ an die wartenden Prozesse gesendet", sent.Output, StringComparison.Ordinal);
        var state = await data.EngineAsync(Ags, engine => engine.GetProcessInstanceAsync(instance));
        Assert.Equal(ProcessInstanceState.Completed, state.State);
        Assert.Equal(3, state.Variables["stufe"]!.GetValue<int>());
        Assert.Equal(ProcessInstanceState.Active, (await data.EngineAsync(OtherAgs, engine => engine.GetProcessInstanceAsync(foreign))).State);
    }

    private static async Task<CliDataFolder> DataFolderAsync()
    {
        var data = new CliDataFolder();
        await data.CreateTenantAsync(Ags, "Betriebsstadt");
        await data.CreateTenantAsync(OtherAgs, "Fremdstadt");
        foreach (var ags in new[] { Ags, OtherAgs })
        {
            await data.EngineAsync(ags, engine => engine.DeployAsync(new DeploymentRequest("Betrieb", Diagrams)));
        }

        return data;
    }

    private static Task<Guid> StartAsync(CliDataFolder data, string processId, object? variables = null, string? businessKey = null, string ags = Ags) =>
        data.EngineAsync(ags, async engine => (await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest
        {
            ProcessId = processId,
            BusinessKey = businessKey,
            Variables = variables is null ? null : JsonSerializer.SerializeToNode(variables)!.AsObject().ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone()),
        })).Id);

    private static Task<(Guid ProcessInstanceId, Guid IncidentId)> StartFailingAsync(CliDataFolder data, string ags = Ags) =>
        data.EngineAsync(ags, async engine =>
        {
            var failure = await Assert.ThrowsAsync<ProcessIncidentException>(() => engine.StartProcessInstanceAsync(new StartProcessInstanceRequest
            {
                ProcessId = "betrag",
                Variables = new Dictionary<string, object?> { ["betrag"] = JsonValue.Create("viel") },
            }));
            return (failure.Incident.ProcessInstanceId!.Value, failure.Incident.Id);
        });

    private static string[] Lines(string output) => [.. output.Trim().Split('\n').Select(line => line.TrimEnd('\r'))];

    private static DeploymentResource Diagram(string processId, string body, string definitions = "") => new($"{processId}.bpmn", $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d_{processId}" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="{processId}" isExecutable="true">
        {body}
          </bpmn:process>
          {definitions}
        </bpmn:definitions>
        """);
}
