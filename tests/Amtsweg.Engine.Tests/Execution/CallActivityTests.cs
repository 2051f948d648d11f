using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class CallActivityTests
{
    [Theory]
    [AllProviders]
    public async Task Complete_PropagatesVariablesBothWays_WhenCalledProcessEnds(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CallActivityTests));
        var caller = await host.StartAsync("caller", new { antrag = "A-1" });
        Assert.Equal(["callCheck"], caller.ActiveElementIds);
        var task = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
        var child = await host.GetAsync(task.ProcessInstanceId);
        Assert.Equal(caller.Id, child.ParentProcessInstanceId);
        Assert.Equal("A-1", child.Variables["antrag"]!.GetValue<string>());

        await host.Engine.CompleteUserTaskAsync(task.Id, Variables.Of(new { ergebnis = "ok" }));

        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(child.Id)).State);
        var state = await host.GetAsync(caller.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal("ok", state.Variables["ergebnis"]!.GetValue<string>());
    }

    [Theory]
    [AllProviders]
    public async Task Complete_PropagatesOnlyMappedVariables_WhenCallActivityHasMappings(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CallActivityTests));
        var caller = await host.StartAsync("caller", new { antrag = new { betrag = 40 }, geheim = "x" });
        var task = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
        var child = await host.GetAsync(task.ProcessInstanceId);
        Assert.Equal(["betrag"], child.Variables.Keys);

        await host.Engine.CompleteUserTaskAsync(task.Id, Variables.Of(new { ergebnis = "ok", intern = 1 }));

        var variables = (await host.GetAsync(caller.Id)).Variables;
        Assert.Equal(["antrag", "geheim", "pruefergebnis"], variables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("ok", variables["pruefergebnis"]!.GetValue<string>());
    }

    [Theory]
    [AllProviders]
    public async Task Start_CallsTaggedVersion_WhenBindingIsVersionTag(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var method = nameof(Start_CallsTaggedVersion_WhenBindingIsVersionTag);
        await host.Engine.DeployAsync(new DeploymentRequest("v1", [Diagrams.Resource(typeof(CallActivityTests), method, "v1")]));
        await host.Engine.DeployAsync(new DeploymentRequest("v2", [Diagrams.Resource(typeof(CallActivityTests), method, "v2")]));
        await host.DeployAsync(typeof(CallActivityTests));

        var tagged = await host.StartAsync("caller");
        var latest = await host.StartAsync("callerLatest");

        var taggedChild = await host.QueryAsync(db => db.ProcessInstances.Single(i => i.ParentProcessInstanceId == tagged.Id).Id);
        var latestChild = await host.QueryAsync(db => db.ProcessInstances.Single(i => i.ParentProcessInstanceId == latest.Id).Id);
        Assert.Equal("v1task", (await host.SingleTaskAsync(taggedChild)).ElementId);
        Assert.Equal("v2task", (await host.SingleTaskAsync(latestChild)).ElementId);
    }

    [Theory]
    [AllProviders]
    public async Task Start_CallsVersionOfOwnDeployment_WhenBindingIsDeployment(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CallActivityTests));
        var method = nameof(Start_CallsVersionOfOwnDeployment_WhenBindingIsDeployment);
        await host.Engine.DeployAsync(new DeploymentRequest("v2", [Diagrams.Resource(typeof(CallActivityTests), method, "v2")]));

        var caller = await host.StartAsync("caller");

        var child = await host.QueryAsync(db => db.ProcessInstances.Single(i => i.ParentProcessInstanceId == caller.Id).Id);
        Assert.Equal("v1task", (await host.SingleTaskAsync(child)).ElementId);
        Assert.Equal(2, await host.QueryAsync(db => db.ProcessDefinitions.Where(d => d.ProcessId == "pruefung").Max(d => d.Version)));
    }

    [Theory]
    [AllProviders]
    public async Task Start_CatchesErrorOfCalledProcess_WhenCallActivityHasErrorBoundary(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CallActivityTests));

        var caller = await host.StartAsync("caller");

        Assert.Equal(["handle"], caller.ActiveElementIds);
        var child = await host.QueryAsync(db => db.ProcessInstances.Single(i => i.ParentProcessInstanceId == caller.Id));
        Assert.Equal(ProcessInstanceState.Canceled, child.State);
        Assert.Single(await host.Engine.GetHistoryAsync(child.Id), e => e.Type == HistoryEventTypes.ProcessInstanceCanceled);
    }
}
