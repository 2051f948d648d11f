using Amtsweg.Casework;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Records.Commands;
using Amtsweg.Server;
using Amtsweg.Server.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Tests;

/// <summary>`amtsweg history cleanup` as an operator runs it, on instances that ended two months ago.</summary>
public sealed class HistoryCleanupCommandTests
{
    private const string Ags = "09999001";
    private const string OtherAgs = "09999002";
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="Antrag" isExecutable="true">
            <bpmn:extensionElements><zeebe:properties><zeebe:property name="amtsweg:historyTimeToLive" value="P30D" /></zeebe:properties></bpmn:extensionElements>
            <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="Aufgabe"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:userTask>
            <bpmn:endEvent id="Ende"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Aufgabe" />
            <bpmn:sequenceFlow id="F2" sourceRef="Aufgabe" targetRef="Ende" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task HistoryCleanup_DeletesExpiredHistoryPerMunicipality_AndKeepsFiledAndRunningInstances()
    {
        using var data = new CliDataFolder();
        await data.CreateTenantAsync(Ags, "Teststadt");
        await data.CreateTenantAsync(OtherAgs, "Nachbarstadt");
        var own = await SeedAsync(data, Ags);
        var other = await SeedAsync(data, OtherAgs);

        var neither = await data.RunAsync("history", "cleanup");
        var unknown = await data.RunAsync("history", "cleanup", "--tenant", "09999999");
        var dryRun = await data.RunAsync("history", "cleanup", "--tenant", Ags, "--dry-run");
        var afterDryRun = await ExistingAsync(data, Ags, own);
        var cleanup = await data.RunAsync("history", "cleanup", "--tenant", Ags);
        var afterCleanup = await ExistingAsync(data, Ags, own);
        var otherBefore = await ExistingAsync(data, OtherAgs, other);
        var all = await data.RunAsync("history", "cleanup", "--all");
        var otherAfter = await ExistingAsync(data, OtherAgs, other);

        Assert.Equal(1, neither.ExitCode);
        Assert.Contains("--tenant <AGS> oder --all", neither.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Eine Gemeinde mit dem AGS 09999999 gibt es nicht", unknown.Error, StringComparison.Ordinal);
        Assert.True(dryRun.ExitCode == 0, dryRun.Error);
        Assert.StartsWith($"{Ags} Teststadt: 2 Prozessinstanz(en) mit ", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("würden gelöscht (Probelauf, nichts gelöscht); 1 für die E-Akte aufbewahrt", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal([true, true, true, true], afterDryRun);
        Assert.True(cleanup.ExitCode == 0, cleanup.Error);
        Assert.Contains($"{Ags} Teststadt: 2 Prozessinstanz(en) mit ", cleanup.Output, StringComparison.Ordinal);
        Assert.Contains("2 Aufgaben, 0 gelösten Vorfällen", cleanup.Output, StringComparison.Ordinal);
        Assert.Contains("gelöscht (1 Transaktion(en)); 1 für die E-Akte aufbewahrt", cleanup.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherAgs, cleanup.Output, StringComparison.Ordinal);

        // Expired and unfiled: gone; expired but filed in an open Vorgang: kept; still running: kept.
        Assert.Equal([false, false, true, true], afterCleanup);
        Assert.Equal([true, true, true, true], otherBefore);
        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Contains($"{Ags} Teststadt: 0 Prozessinstanz(en)", all.Output, StringComparison.Ordinal);
        Assert.Contains($"{OtherAgs} Nachbarstadt: 2 Prozessinstanz(en)", all.Output, StringComparison.Ordinal);
        Assert.Equal([false, false, true, true], otherAfter);
    }

    /// <summary>
    /// Two instances that ended 60 days ago (one completed, one cancelled), one that ended then in a Vorgang, and one
    /// that still runs, seeded in this process on a clock 60 days back (the CLI process then runs on today's clock).
    /// </summary>
    private static async Task<Guid[]> SeedAsync(CliDataFolder data, string ags)
    {
        await using var app = Build(data, new PastClock(DateTimeOffset.UtcNow.AddDays(-60)));
        await using var scope = await TenantScopeAsync(app, ags);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        await engine.DeployAsync(new DeploymentRequest("antrag.bpmn", [new DeploymentResource("antrag.bpmn", Bpmn)]));
        var completed = await StartAsync(engine);
        await CompleteAsync(engine, completed);
        var canceled = await StartAsync(engine);
        await engine.CancelProcessInstanceAsync(canceled);
        var records = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
        var position = await records.ExecuteAsync(new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", null, 10, Records.Model.DisposalRule.Archive), "test", CancellationToken.None);
        var akte = await records.ExecuteAsync(new CreateAkteCommand(position.Id, "Gewerbe 2026"), "test", CancellationToken.None);
        var vorgang = await records.ExecuteAsync(new OpenVorgangCommand(akte.Id, "Gewerbeanmeldung"), "test", CancellationToken.None);
        var filed = (await scope.ServiceProvider.GetRequiredService<ProcessFiling>().StartAsync("Antrag", new VorgangTarget(VorgangId: vorgang.Id), null, "test", CancellationToken.None)).Instance.Id;
        await CompleteAsync(engine, filed);
        var running = await StartAsync(engine);
        return [completed, canceled, filed, running];
    }

    /// <summary>Whether each instance still exists (with its history).</summary>
    private static async Task<bool[]> ExistingAsync(CliDataFolder data, string ags, Guid[] instances)
    {
        await using var app = Build(data, TimeProvider.System);
        await using var scope = await TenantScopeAsync(app, ags);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        var existing = new List<bool>();
        foreach (var id in instances)
        {
            try
            {
                existing.Add((await engine.GetHistoryAsync(id)).Count > 0);
            }
            catch (EngineObjectNotFoundException)
            {
                existing.Add(false);
            }
        }

        return [.. existing];
    }

    private static Microsoft.AspNetCore.Builder.WebApplication Build(CliDataFolder data, TimeProvider clock)
    {
        var builder = AmtswegApp.CreateBuilder([], new Dictionary<string, string?> { ["Amtsweg:DataDirectory"] = data.Path, ["Amtsweg:JobExecutor:Enabled"] = "false" });
        builder.Services.AddSingleton(clock);
        return AmtswegApp.Build(builder);
    }

    private static async Task<AsyncServiceScope> TenantScopeAsync(Microsoft.AspNetCore.Builder.WebApplication app, string ags)
    {
        var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(CancellationToken.None);
        var municipality = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().FindMunicipalityAsync(ags, CancellationToken.None)
            ?? throw new InvalidOperationException($"No municipality {ags}.");
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseTenant(municipality.Id);
        return scope;
    }

    private static async Task<Guid> StartAsync(IProcessEngine engine) =>
        (await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "Antrag", Variables = new Dictionary<string, object?> { ["antragsteller"] = "Erika Müller" } })).Id;

    private static async Task CompleteAsync(IProcessEngine engine, Guid instanceId) =>
        await engine.CompleteUserTaskAsync(Assert.Single(await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instanceId })).Id);

    private sealed class PastClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
