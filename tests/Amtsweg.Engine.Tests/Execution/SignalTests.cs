using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
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

    [Theory]
    [AllProviders]
    public async Task Bug_SignalThrowRolledBackEntirely_WhenOneReceiverChangedConcurrently(DatabaseProvider provider) =>
        await ThrowWhileReceiverChangesAsync(provider, "CompleteUserTaskCommand");

    [Theory]
    [AllProviders]
    public async Task SignalEnd_RetriesOnlyThatReceiver_WhenReceiverChangesDuringDelivery(DatabaseProvider provider) =>
        await ThrowWhileReceiverChangesAsync(provider, "DeliverSignalCommand");

    [Theory]
    [AllProviders]
    public async Task BroadcastSignal_ReachesEveryWaitingInstance_WhenBroadcastThroughApi(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(SignalTests));
        var waiters = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            waiters.Add((await host.StartAsync("waiter")).Id);
        }

        await host.Engine.BroadcastSignalAsync(new BroadcastSignalRequest("verfahren-eingestellt", new Dictionary<string, object?> { ["grund"] = "Antrag zurückgenommen" }, "anna"));
        var later = await host.StartAsync("waiter");

        foreach (var id in waiters)
        {
            var state = await host.GetAsync(id);
            Assert.Equal(["inform"], state.ActiveElementIds);
            Assert.Equal("Antrag zurückgenommen", state.Variables["grund"]!.GetValue<string>());
        }

        Assert.Equal(["work"], (await host.GetAsync(later.Id)).ActiveElementIds);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task BroadcastSignal_IsDeliveredByJobExecutor_WhenDeliveryAfterCommitWasInterrupted(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(SignalTests));
        var waiter = await host.StartAsync("waiter");

        // A broadcast whose delivery did not happen (the server stopped right after the commit) is a due job.
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
            db.Jobs.Add(new JobEntity
            {
                Id = Guid.CreateVersion7(),
                TenantId = host.TenantId,
                Kind = JobKind.SignalBroadcast,
                ElementId = string.Empty,
                JobType = "verfahren-eingestellt",
                DueAt = EngineHost.StartTime,
                Retries = 3,
                CreatedAt = EngineHost.StartTime,
                Payload = $$"""{"variables":{},"thrownAt":"{{EngineHost.StartTime.AddSeconds(1):O}}","delivered":[]}""",
            });
            await db.SaveChangesAsync();
        }

        Assert.Equal(new JobExecutionSummary(1, 0), await host.Engine.ExecuteDueJobsAsync());

        Assert.Equal(["inform"], (await host.GetAsync(waiter.Id)).ActiveElementIds);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    /// <summary>
    /// Completes the thrower's task (a signal end event) while a clerk works on the first receiving instance, just before
    /// <paramref name="racingCommand"/> is flushed: the thrower's completion and every receiver's delivery stand.
    /// </summary>
    private static async Task ThrowWhileReceiverChangesAsync(DatabaseProvider provider, string racingCommand, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var race = new RaceInterceptor(racingCommand);
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<ICommandInterceptor>(race));
        await host.Engine.DeployAsync(new DeploymentRequest(test, [Diagrams.Resource(typeof(SignalTests), nameof(Bug_SignalThrowRolledBackEntirely_WhenOneReceiverChangedConcurrently))]));
        var first = await host.StartAsync("waiter");
        var second = await host.StartAsync("waiter");
        var thrower = await host.StartAsync("thrower");
        var decide = await host.SingleTaskAsync(thrower.Id);
        race.Interleave = async () =>
        {
            await using var clerk = host.CreateScope();
            var engine = clerk.ServiceProvider.GetRequiredService<IProcessEngine>();
            var side = (await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = first.Id, ElementId = "side" })).Single();
            await engine.CompleteUserTaskAsync(side.Id);
        };

        await host.Engine.CompleteUserTaskAsync(decide.Id);

        Assert.True(race.Interleaved);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(thrower.Id)).State);
        Assert.Equal(["inform"], (await host.GetAsync(first.Id)).ActiveElementIds);
        Assert.Equal(["inform", "side"], (await host.GetAsync(second.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task IntermediateThrow_StartsEventSubProcessBesideWork_WhenSignalEventSubProcessIsNonInterrupting(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(SignalTests));
        var waiter = await host.StartAsync("waiter");

        await host.StartAsync("thrower");

        Assert.Equal(["inform", "onStop", "work"], (await host.GetAsync(waiter.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, waiter.Id, "inform")).Id);
        Assert.Equal(["work"], (await host.GetAsync(waiter.Id)).ActiveElementIds);
        await host.CompleteSingleTaskAsync(waiter.Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(waiter.Id)).State);
    }
}
