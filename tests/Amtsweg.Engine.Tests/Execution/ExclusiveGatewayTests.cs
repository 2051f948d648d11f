using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class ExclusiveGatewayTests
{
    [Theory]
    [AllProviders]
    public async Task Leave_TakesFlowWithTrueCondition_WhenOneMatches(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ExclusiveGatewayTests));

        var instance = await host.StartAsync("exclusive", new { betrag = 150 });

        Assert.Equal(["review"], instance.ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Leave_TakesDefaultFlow_WhenNoConditionMatches(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ExclusiveGatewayTests));

        var instance = await host.StartAsync("exclusive", new { betrag = 50 });

        Assert.Equal(["auto"], instance.ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Leave_RaisesIncident_WhenNoConditionMatchesAndThereIsNoDefault(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ExclusiveGatewayTests));

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("exclusive", new { betrag = 50 }));

        Assert.Equal(IncidentTypes.NoFlowTaken, error.Incident.Type);
        Assert.Equal("xor", error.Incident.ElementId);
        // Bug: the message reached the clerk's Vorgang page in English.
        Assert.Equal("Keine Bedingung der ausgehenden Sequenzflüsse von 'xor' ist wahr, und es gibt keinen Standardfluss.", error.Incident.Message);
        var state = await host.GetAsync(error.Incident.ProcessInstanceId!.Value);
        Assert.Equal(ProcessInstanceState.Active, state.State);
        Assert.Equal(["start"], state.ActiveElementIds);
        Assert.Equal(50, state.Variables["betrag"]!.GetValue<int>());
        Assert.Equal(error.Incident.Id, Assert.Single(state.Incidents).Id);
        Assert.Empty(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
    }
}
