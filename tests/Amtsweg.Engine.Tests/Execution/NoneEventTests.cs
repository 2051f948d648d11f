using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class NoneEventTests
{
    [Theory]
    [AllProviders]
    public async Task Start_CompletesInstance_WhenProcessHasOnlyNoneEvents(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(NoneEventTests));

        var instance = await host.StartAsync("none", new { antrag = "A-1" });

        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Empty(instance.ActiveElementIds);
        Assert.Equal(["start", "manual", "undefined", "end"], await host.EnteredAsync(instance.Id));
        var reloaded = await host.GetAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, reloaded.State);
        Assert.Equal("A-1", reloaded.Variables["antrag"]!.GetValue<string>());
        Assert.Equal(host.Clock.GetUtcNow(), reloaded.EndedAt);
    }

    [Theory]
    [AllProviders]
    public async Task TerminateEnd_CancelsOtherTokens_WhenReached(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(NoneEventTests));

        var instance = await host.StartAsync("terminate");

        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Empty(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id }));
        var history = await host.Engine.GetHistoryAsync(instance.Id);
        Assert.Contains(history, e => e.Type == HistoryEventTypes.ElementCanceled && e.ElementId == "review");
        var task = await host.QueryAsync(db => db.UserTasks.Single(t => t.ProcessInstanceId == instance.Id));
        Assert.Equal(UserTaskState.Canceled, task.State);
        Assert.Equal(0, await host.QueryAsync(db => db.Executions.Count(e => e.ProcessInstanceId == instance.Id)));
    }
}
