using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class EventSubProcessTests
{
    [Theory]
    [AllProviders]
    public async Task CorrelateMessage_CancelsOtherTokens_WhenInterruptingMessageEventSubProcessStarts(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EventSubProcessTests));
        var instance = await host.StartAsync("esp", new { aktenzeichen = "32.10-0001/2026" });
        Assert.Equal(["check", "work"], instance.ActiveElementIds.Order(StringComparer.Ordinal));

        var result = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antrag-zurueckgezogen", "32.10-0001/2026", Variables.Of(new { grund = "Rücknahme" })));

        Assert.Equal(new MessageCorrelationResult(true, instance.Id, false), result);
        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["archive", "withdrawal"], state.ActiveElementIds.Order(StringComparer.Ordinal));
        Assert.Equal("Rücknahme", state.Variables["grund"]!.GetValue<string>());
        Assert.Equal(2, await host.QueryAsync(db => db.UserTasks.Count(t => t.ProcessInstanceId == instance.Id && t.State == UserTaskState.Canceled)));
        Assert.Equal(0, await host.QueryAsync(db => db.EventSubscriptions.Count(s => s.ProcessInstanceId == instance.Id)));
        Assert.False((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antrag-zurueckgezogen", "32.10-0001/2026"))).Correlated);

        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_KeepsScopeTokens_WhenNonInterruptingTimerEventSubProcessFiresInSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EventSubProcessTests));
        var instance = await host.StartAsync("esp");
        Assert.Equal(["sub", "work"], instance.ActiveElementIds.Order(StringComparer.Ordinal));

        Assert.Equal(new JobExecutionSummary(1, 0), await host.AdvanceAsync(TimeSpan.FromHours(1)));
        Assert.Equal(["remind", "reminder", "sub", "work"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        await host.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(2, await host.QueryAsync(db => db.UserTasks.Count(t => t.ProcessInstanceId == instance.Id && t.ElementId == "remind" && t.State == UserTaskState.Created)));

        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "work")).Id);
        Assert.Equal(["remind", "reminder", "sub"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        foreach (var remind in (await host.Engine.QueryUserTasksAsync(new UserTaskQuery())).Where(t => t.ProcessInstanceId == instance.Id))
        {
            await host.Engine.CompleteUserTaskAsync(remind.Id);
        }

        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count(j => j.ProcessInstanceId == instance.Id)));
    }

    [Theory]
    [AllProviders]
    public async Task SignalEnd_InterruptsSubProcessOnly_WhenSignalEventSubProcessIsInSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EventSubProcessTests));
        var instance = await host.StartAsync("esp");
        var work = await host.SingleTaskAsync(instance.Id);

        await host.StartAsync("thrower");

        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(UserTaskState.Canceled, await host.QueryAsync(db => db.UserTasks.Single(t => t.Id == work.Id).State));
        Assert.Contains("stopped", await host.EnteredAsync(instance.Id));
    }

    [Theory]
    [AllProviders]
    public async Task ErrorEnd_IsCaughtByEventSubProcess_WhenThrownInsideSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EventSubProcessTests));
        var instance = await host.StartAsync("esp");

        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "work")).Id);

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["handle", "handling"], state.ActiveElementIds.Order(StringComparer.Ordinal));
        var canceled = (await host.Engine.GetHistoryAsync(instance.Id)).Where(e => e.Type == HistoryEventTypes.ElementCanceled).Select(e => e.ElementId).ToList();
        Assert.Contains("other", canceled);
        Assert.Contains("sub", canceled);
        Assert.Empty(await host.QueryAsync(db => db.Incidents.Where(i => i.ProcessInstanceId == instance.Id).ToList()));
    }

    [Theory]
    [AllProviders]
    public async Task ErrorEnd_IsCaughtByCallersEventSubProcess_WhenThrownInCalledProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EventSubProcessTests));
        var instance = await host.StartAsync("esp");
        var child = await host.QueryAsync(db => db.ProcessInstances.Single(i => i.ParentProcessInstanceId == instance.Id).Id);

        await host.CompleteSingleTaskAsync(child);

        Assert.Equal(ProcessInstanceState.Canceled, (await host.GetAsync(child)).State);
        Assert.Equal(["handle", "handling"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task EscalationThrow_StartsNonInterruptingEventSubProcess_WhenThrownInsideSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EventSubProcessTests));

        var instance = await host.StartAsync("esp");

        Assert.Equal(["inform", "informing", "sub", "work"], instance.ActiveElementIds.Order(StringComparer.Ordinal));
        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "work")).Id);
        Assert.Equal(["inform", "informing", "sub"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "inform")).Id);
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task RetryIncident_OpensEventSubProcessWaits_WhenInstanceFailedBeforeFirstWaitState(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EventSubProcessTests));
        var failure = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("incident", new { betrag = "zu hoch", aktenzeichen = "A-1" }));

        await host.Engine.RetryIncidentAsync(new RetryIncidentRequest(failure.Incident.Id, Variables: Variables.Of(new { betrag = 150 })));
        var result = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antrag-zurueckgezogen", "A-1"));

        Assert.True(result.Correlated);
        Assert.Equal(["archive", "withdrawal"], (await host.GetAsync(failure.Incident.ProcessInstanceId!.Value)).ActiveElementIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task EscalationThrow_InterruptsSubProcess_WhenInterruptingEscalationEventSubProcessCatches(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EventSubProcessTests));

        var instance = await host.StartAsync("esp");

        Assert.Equal(["inform", "informing", "sub"], instance.ActiveElementIds.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("work", await host.EnteredAsync(instance.Id));
        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }
}
