using System.Text.Json.Nodes;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Jobs;

/// <summary>Deadlines a clerk extends: moving the due date of a waiting timer.</summary>
public sealed class ChangeTimerDueDateCommandTests
{
    [Theory]
    [AllProviders]
    public async Task ChangeTimerDueDate_MovesTimerAndRecordsHistory_WhenClerkExtendsDeadline(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ChangeTimerDueDateCommandTests));
        var instance = await host.StartAsync("timer");
        var newDue = EngineHost.StartTime.AddHours(3);

        var moved = await host.Engine.ChangeTimerDueDateAsync(new ChangeTimerDueDateRequest
        {
            ProcessInstanceId = instance.Id,
            ElementId = "wait",
            NewDueAt = newDue,
            UserId = "anna",
            Reason = "Frist auf Antrag verlängert",
        });

        Assert.Equal(newDue, moved.DueAt);
        Assert.Equal(new JobExecutionSummary(0, 0), await host.AdvanceAsync(TimeSpan.FromHours(2)));
        Assert.Equal(["wait"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(new JobExecutionSummary(1, 0), await host.AdvanceAsync(TimeSpan.FromHours(1)));
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        var change = Assert.Single(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.TimerDueDateChanged);
        Assert.Equal("anna", change.UserId);
        Assert.Equal("wait", change.ElementId);
        var detail = JsonNode.Parse(change.Detail!)!;
        Assert.Equal("2026-03-02T09:00:00.0000000Z", (string?)detail["from"]);
        Assert.Equal("2026-03-02T11:00:00.0000000Z", (string?)detail["to"]);
        Assert.Equal("Frist auf Antrag verlängert", (string?)detail["reason"]);
    }

    [Theory]
    [AllProviders]
    public async Task ChangeTimerDueDate_IsRefused_WhenDateIsInThePast(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ChangeTimerDueDateCommandTests));
        var instance = await host.StartAsync("timer");
        var jobId = await host.QueryAsync(db => db.Jobs.Single(j => j.ProcessInstanceId == instance.Id).Id);

        var error = await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.ChangeTimerDueDateAsync(new ChangeTimerDueDateRequest
        {
            JobId = jobId,
            NewDueAt = EngineHost.StartTime.AddMinutes(-1),
            UserId = "anna",
        }));

        Assert.Equal("Das neue Fälligkeitsdatum 2026-03-02 07:59 UTC liegt nicht in der Zukunft.", error.Message);
        Assert.Equal(EngineHost.StartTime.AddHours(1), await host.QueryAsync(db => db.Jobs.Single(j => j.Id == jobId).DueAt));
        Assert.DoesNotContain(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.TimerDueDateChanged);
    }

    [Theory]
    [AllProviders]
    public async Task ChangeTimerDueDate_IsRefused_WhenJobIsNoTimer(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ChangeTimerDueDateCommandTests));
        var instance = await host.StartAsync("service");
        var job = await host.QueryAsync(db => db.Jobs.Single(j => j.ProcessInstanceId == instance.Id));

        var error = await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.ChangeTimerDueDateAsync(new ChangeTimerDueDateRequest
        {
            JobId = job.Id,
            NewDueAt = EngineHost.StartTime.AddDays(1),
            UserId = "anna",
        }));
        var byElement = await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.ChangeTimerDueDateAsync(new ChangeTimerDueDateRequest
        {
            ProcessInstanceId = instance.Id,
            ElementId = "lookup",
            NewDueAt = EngineHost.StartTime.AddDays(1),
            UserId = "anna",
        }));

        Assert.NotEqual(JobKind.Timer, job.Kind);
        Assert.Equal("Dieser Auftrag ist kein wartender Zeitgeber eines Vorgangs; sein Fälligkeitsdatum lässt sich nicht ändern.", error.Message);
        Assert.Equal("Am Schritt „lookup“ wartet kein Zeitgeber dieses Vorgangs.", byElement.Message);
        Assert.Equal(job.DueAt, await host.QueryAsync(db => db.Jobs.Single(j => j.Id == job.Id).DueAt));
    }

    [Theory]
    [AllProviders]
    public async Task ChangeTimerDueDate_IsRefused_WhenInstanceIsFinished(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ChangeTimerDueDateCommandTests));
        var instance = await host.StartAsync("timer");
        await host.Engine.CancelProcessInstanceAsync(instance.Id, "lena");

        var error = await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.ChangeTimerDueDateAsync(new ChangeTimerDueDateRequest
        {
            ProcessInstanceId = instance.Id,
            ElementId = "wait",
            NewDueAt = EngineHost.StartTime.AddDays(1),
            UserId = "anna",
        }));

        Assert.Equal("Der Prozess ist bereits beendet; seine Fristen lassen sich nicht mehr ändern.", error.Message);
        Assert.DoesNotContain(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.TimerDueDateChanged);
    }
}
