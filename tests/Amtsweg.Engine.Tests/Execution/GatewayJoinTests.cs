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
}
