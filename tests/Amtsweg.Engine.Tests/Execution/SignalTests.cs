using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>Signals thrown by a process (intermediate throw event) reach every waiting catcher of the municipality, and only there.</summary>
public sealed class SignalTests
{
    [Theory]
    [AllProviders]
    public async Task IntermediateThrow_StartsInstance_WhenProcessHasSignalStartEvent(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(SignalTests));

        var thrower = await host.StartAsync("thrower");

        Assert.Equal(ProcessInstanceState.Completed, thrower.State);
        var task = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
        Assert.Equal("archive", task.ElementId);
        Assert.Equal(["onSignal", "archive"], await host.EnteredAsync(task.ProcessInstanceId));
    }

    [Theory]
    [AllProviders]
    public async Task IntermediateThrow_InterruptsTask_WhenInterruptingSignalBoundaryCatches(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(SignalTests));
        var waiter = await host.StartAsync("waiter");
        var work = await host.SingleTaskAsync(waiter.Id);

        await host.StartAsync("thrower");

        Assert.Equal(["inform"], (await host.GetAsync(waiter.Id)).ActiveElementIds);
        Assert.NotEqual(UserTaskState.Created, (await host.Engine.GetUserTaskAsync(work.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task IntermediateThrow_KeepsTask_WhenNonInterruptingSignalBoundaryCatches(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(SignalTests));
        var waiter = await host.StartAsync("waiter");

        await host.StartAsync("thrower");
        await host.StartAsync("thrower");

        var tasks = await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = waiter.Id });
        Assert.Equal(["inform", "inform", "work"], tasks.Select(t => t.ElementId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task IntermediateThrow_StartsEventSubProcess_WhenSignalEventSubProcessWaits(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(SignalTests));
        var waiter = await host.StartAsync("waiter");

        await host.StartAsync("thrower");

        Assert.Equal(["onStop", "inform"], (await host.GetAsync(waiter.Id)).ActiveElementIds);
        await host.CompleteSingleTaskAsync(waiter.Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(waiter.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task EventBasedGateway_TakesSignalBranch_WhenSignalIsThrownFirst(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(SignalTests));
        var waiter = await host.StartAsync("waiter");

        await host.StartAsync("thrower");

        Assert.Equal(["afterStop"], (await host.GetAsync(waiter.Id)).ActiveElementIds);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
        Assert.Equal(new JobExecutionSummary(0, 0), await host.AdvanceAsync(TimeSpan.FromDays(15)));
    }

    [Theory]
    [AllProviders]
    public async Task IntermediateThrow_ReachesOnlyOwnMunicipality_WhenAnotherWaitsForSameSignal(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(SignalTests));
        var otherTenant = Guid.CreateVersion7();
        Guid otherWaiter;
        await using (var scope = host.CreateScope(otherTenant))
        {
            var other = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            await other.DeployAsync(new DeploymentRequest("other", [Diagrams.Resource(typeof(SignalTests), nameof(IntermediateThrow_ReachesOnlyOwnMunicipality_WhenAnotherWaitsForSameSignal))]));
            otherWaiter = (await other.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "waiter" })).Id;
        }

        var waiter = await host.StartAsync("waiter");
        await host.StartAsync("thrower");

        Assert.Equal(["inform"], (await host.GetAsync(waiter.Id)).ActiveElementIds);
        await using (var scope = host.CreateScope(otherTenant))
        {
            var other = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            Assert.Equal(["work"], (await other.GetProcessInstanceAsync(otherWaiter)).ActiveElementIds);
        }
    }
}
