using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class ParallelGatewayTests
{
    [Theory]
    [AllProviders]
    public async Task Join_WaitsForEveryBranch_WhenForked(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ParallelGatewayTests));
        var instance = await host.StartAsync("parallel");
        Assert.Equal(["a", "b"], instance.ActiveElementIds);

        await host.Engine.CompleteUserTaskAsync((await Task(host, instance.Id, "a")).Id);
        Assert.Equal(["b", "join"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));

        await host.Engine.CompleteUserTaskAsync((await Task(host, instance.Id, "b")).Id);
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Single(await host.EnteredAsync(instance.Id), "after");
        Assert.Single(await host.CompletedAsync(instance.Id), "join");
    }

    internal static async Task<UserTaskInfo> Task(EngineHost host, Guid instanceId, string elementId) =>
        Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instanceId, ElementId = elementId }));
}

public sealed class InclusiveGatewayTests
{
    [Theory]
    [AllProviders]
    public async Task Join_WaitsOnlyForTakenBranches_WhenSomeConditionsAreTrue(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(InclusiveGatewayTests));
        var instance = await host.StartAsync("inclusive", new { x = 5 });
        Assert.Equal(["a", "b"], instance.ActiveElementIds);

        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "b")).Id);
        Assert.Equal(["a", "join"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));

        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "a")).Id);
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Single(await host.EnteredAsync(instance.Id), "after");
    }

    [Theory]
    [AllProviders]
    public async Task Join_Fires_WhenRemainingTokenCanNoLongerReachIt(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(InclusiveGatewayTests));
        var instance = await host.StartAsync("inclusive", new { skip = true });
        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "a")).Id);
        Assert.Equal(["b", "join"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));

        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "b")).Id);

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal(ProcessInstanceState.Active, state.State);
        Assert.Contains("skip", await host.CompletedAsync(instance.Id));
    }

    [Theory]
    [AllProviders]
    public async Task Bug_JoinFiredTwice_WhenTwoBranchesMergedInExclusiveGatewayBeforeIt(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(InclusiveGatewayTests));
        var instance = await host.StartAsync("inclusive");

        foreach (var task in new[] { "a", "b", "c" })
        {
            await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, task)).Id);
        }

        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        await host.CompleteSingleTaskAsync(instance.Id);

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, state.State);
        Assert.Single(await host.EnteredAsync(instance.Id), "after");
        Assert.Single(await host.CompletedAsync(instance.Id), "join");
    }

    [Theory]
    [AllProviders]
    public async Task Bug_JoinFiredTwice_WhenBranchReachesItThroughLinkEvents(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(InclusiveGatewayTests));
        var instance = await host.StartAsync("inclusive");

        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "b")).Id);
        Assert.Equal(["a", "join"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "a")).Id);

        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Single(await host.EnteredAsync(instance.Id), "after");
    }

    [Theory]
    [AllProviders]
    public async Task Join_FiresOncePerRound_WhenFlowAfterJoinLoopsBackIntoSplit(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(InclusiveGatewayTests));
        var instance = await host.StartAsync("inclusive", new { nochmal = true });

        foreach (var round in new[] { 1, 2 })
        {
            await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, round == 1 ? "a" : "b")).Id);
            Assert.Contains("join", (await host.GetAsync(instance.Id)).ActiveElementIds);
            await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, round == 1 ? "b" : "a")).Id);
            Assert.Equal(["check"], (await host.GetAsync(instance.Id)).ActiveElementIds);
            await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "check")).Id, Variables.Of(new { nochmal = round == 1 }));
        }

        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
        Assert.Equal(2, (await host.EnteredAsync(instance.Id)).Count(e => e == "check"));
        Assert.Equal(2, (await host.CompletedAsync(instance.Id)).Count(e => e == "join"));
    }

    [Theory]
    [AllProviders]
    public async Task Join_FiresOnceInsideSubProcess_WhenSubProcessHasBoundaryEvent(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(InclusiveGatewayTests));
        var instance = await host.StartAsync("inclusive", new { aktenzeichen = "42" });

        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "a")).Id);
        Assert.True((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("nachfrage", "42"))).Correlated);
        Assert.Equal(["answer", "b", "join", "sub"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "b")).Id);

        Assert.Equal(["after", "answer"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        Assert.Single(await host.EnteredAsync(instance.Id), "after");
        Assert.Single(await host.CompletedAsync(instance.Id), "join");
    }

    [Theory]
    [AllProviders]
    public async Task Bug_JoinFiredTwice_WhenRepeatingNonInterruptingBoundaryEventSentTwoTokensOnOneFlow(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(InclusiveGatewayTests));
        var instance = await host.StartAsync("inclusive");

        // Two reminders arrive at the join on the same flow while a and b still run.
        await host.AdvanceAsync(TimeSpan.FromHours(1));
        await host.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(["a", "b", "join"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "a")).Id);
        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "b")).Id);

        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
        Assert.Single(await host.EnteredAsync(instance.Id), "after");
    }

    [Theory]
    [AllProviders]
    public async Task Join_EachFiresOnce_WhenBranchOfFirstSplitSkipsFirstJoin(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(InclusiveGatewayTests));
        var instance = await host.StartAsync("inclusive");

        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "c")).Id);
        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "a")).Id);
        Assert.Equal(["b", "join1", "join2"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        await host.Engine.CompleteUserTaskAsync((await ParallelGatewayTests.Task(host, instance.Id, "b")).Id);

        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Single(await host.CompletedAsync(instance.Id), "join1");
        Assert.Single(await host.CompletedAsync(instance.Id), "join2");
        Assert.Single(await host.EnteredAsync(instance.Id), "after");
    }
}
