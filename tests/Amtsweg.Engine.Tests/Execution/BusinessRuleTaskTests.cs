using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class BusinessRuleTaskTests
{
    [Theory]
    [AllProviders]
    public async Task Start_SetsDecisionResult_WhenDecisionIsDeployed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var name = nameof(Start_SetsDecisionResult_WhenDecisionIsDeployed);
        var dmn = Path.ChangeExtension(Diagrams.Path(typeof(BusinessRuleTaskTests), name), ".dmn");
        await host.Engine.DeployAsync(new DeploymentRequest("gebuehr", [Diagrams.Resource(typeof(BusinessRuleTaskTests), name), new DeploymentResource(Path.GetFileName(dmn), await File.ReadAllTextAsync(dmn))]));

        var large = await host.StartAsync("fee", new { betrag = 150 });
        var small = await host.StartAsync("fee", new { betrag = 80 });

        Assert.Equal(["after"], large.ActiveElementIds);
        Assert.Equal(50, large.Variables["gebuehr"]!.GetValue<int>());
        Assert.Equal(20, small.Variables["gebuehr"]!.GetValue<int>());
        Assert.Equal(1, await host.QueryAsync(db => db.DecisionDefinitions.Single().Version));
    }

    [Theory]
    [AllProviders]
    public async Task Start_RaisesIncident_WhenDecisionIsNotDeployed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(BusinessRuleTaskTests));

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("fee", new { betrag = 150 }));

        Assert.Equal(IncidentTypes.CalledElementNotFound, error.Incident.Type);
        Assert.Equal("decide", error.Incident.ElementId);
    }
}
