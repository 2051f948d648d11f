using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class ThrowEventTests
{
    [Theory]
    [AllProviders]
    public async Task ErrorEnd_IsCaughtByBoundary_WhenThrownInsideSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ThrowEventTests));

        var incomplete = await host.StartAsync("errors", new { vollstaendig = false });
        var complete = await host.StartAsync("errors", new { vollstaendig = true });

        Assert.Equal(["request"], incomplete.ActiveElementIds);
        Assert.Contains("sub", (await host.Engine.GetHistoryAsync(incomplete.Id)).Where(e => e.Type == HistoryEventTypes.ElementCanceled).Select(e => e.ElementId));
        Assert.Equal(["after"], complete.ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task ErrorEnd_RaisesIncident_WhenNoBoundaryCatchesIt(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ThrowEventTests));
        var instance = await host.StartAsync("errors");
        var task = await host.SingleTaskAsync(instance.Id);

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.Engine.CompleteUserTaskAsync(task.Id));

        Assert.Equal(IncidentTypes.UnhandledError, error.Incident.Type);
        Assert.Equal("fail", error.Incident.ElementId);
        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["work"], state.ActiveElementIds);
        Assert.Equal(task.Id, (await host.SingleTaskAsync(instance.Id)).Id);
    }

    [Theory]
    [AllProviders]
    public async Task EscalationEnd_StartsNonInterruptingBoundaryPath_WhenThrownInsideSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ThrowEventTests));

        var instance = await host.StartAsync("escalation");

        Assert.Equal(["boss", "inner", "sub"], instance.ActiveElementIds.Order(StringComparer.Ordinal));
        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "inner")).Id);
        Assert.Equal(["after", "boss"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task SignalEnd_TriggersWaitingCatchEvents_WhenReached(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ThrowEventTests));
        var waiter = await host.StartAsync("waiter");
        var thrower = await host.StartAsync("thrower");
        Assert.Equal(["stopped"], waiter.ActiveElementIds);

        await host.CompleteSingleTaskAsync(thrower.Id);

        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(thrower.Id)).State);
        Assert.Equal(["after"], (await host.GetAsync(waiter.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task EscalationEnd_InterruptsSubProcess_WhenInterruptingEscalationBoundaryCatches(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ThrowEventTests));

        var instance = await host.StartAsync("escalation");

        Assert.Equal(["boss"], instance.ActiveElementIds);
        Assert.Equal(UserTaskState.Canceled, await host.QueryAsync(db => db.UserTasks.Single(t => t.ProcessInstanceId == instance.Id && t.ElementId == "inner").State));
        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
        Assert.DoesNotContain("after", await host.EnteredAsync(instance.Id));
    }
}
