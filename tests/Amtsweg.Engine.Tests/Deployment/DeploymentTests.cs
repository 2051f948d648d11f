using Amtsweg.Bpmn.Validation;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Deployment;

public sealed class DeploymentTests
{
    [Theory]
    [AllProviders]
    public async Task Deploy_AssignsNextVersionAndTag_WhenProcessIsDeployedAgain(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var first = await host.DeployAsync(typeof(DeploymentTests));
        var second = await host.DeployAsync(typeof(DeploymentTests));

        var v1 = Assert.Single(first.ProcessDefinitions);
        var v2 = Assert.Single(second.ProcessDefinitions);
        Assert.Equal(("antrag", 1, "2026-03"), (v1.ProcessId, v1.Version, v1.VersionTag));
        Assert.Equal(("antrag", 2, "2026-03"), (v2.ProcessId, v2.Version, v2.VersionTag));
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(v2.Id, (await host.StartAsync("antrag")).ProcessDefinitionId);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_DeploysNothing_WhenOneFileIsInvalid(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var method = nameof(Deploy_DeploysNothing_WhenOneFileIsInvalid);
        var request = new DeploymentRequest("both", [Diagrams.Resource(typeof(DeploymentTests), method, "valid"), Diagrams.Resource(typeof(DeploymentTests), method, "invalid")]);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.Engine.DeployAsync(request));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(BpmnProblemCodes.GatewayFlowWithoutCondition, problem.Problem.Code);
        Assert.EndsWith(".invalid.bpmn", problem.Resource, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count()));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.StartAsync("valid"));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_Fails_WhenXmlIsNotWellFormed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.Engine.DeployAsync(new DeploymentRequest("broken", [new DeploymentResource("broken.bpmn", "<definitions")])));

        Assert.Equal("BPMN-XML", Assert.Single(error.Problems).Problem.Code);
    }

    [Theory]
    [AllProviders]
    public async Task Complete_StaysOnStartedVersion_WhenNewVersionIsDeployed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var method = nameof(Complete_StaysOnStartedVersion_WhenNewVersionIsDeployed);
        await host.Engine.DeployAsync(new DeploymentRequest("v1", [Diagrams.Resource(typeof(DeploymentTests), method, "v1")]));
        var old = await host.StartAsync("antrag");
        await host.Engine.DeployAsync(new DeploymentRequest("v2", [Diagrams.Resource(typeof(DeploymentTests), method, "v2")]));
        var current = await host.StartAsync("antrag");

        await host.CompleteSingleTaskAsync(old.Id);
        await host.CompleteSingleTaskAsync(current.Id);

        Assert.Equal(["b"], (await host.GetAsync(old.Id)).ActiveElementIds);
        Assert.Equal(["c"], (await host.GetAsync(current.Id)).ActiveElementIds);
        Assert.NotEqual(old.ProcessDefinitionId, current.ProcessDefinitionId);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementsNamed_WhenEngineCannotRunConstructs(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(DeploymentTests)));

        Assert.All(error.Problems, p => Assert.Equal(BpmnProblemCodes.UnsupportedElement, p.Problem.Code));
        Assert.Equal(["changed", "compensate", "errorStart", "fromLink", "toEnd", "twoDefinitions", "undo"], error.Problems.Select(p => p.Problem.ElementId).Order(StringComparer.Ordinal));
        var compensation = Assert.Single(error.Problems, p => p.Problem.ElementId == "compensate").Problem;
        Assert.Equal("Das Element 'compensate' ist ein Kompensationsereignis; das führt die Prozess-Engine nicht aus.", compensation.MessageGerman);
        Assert.Equal("The element 'compensate' is a compensation event, which the process engine does not execute.", compensation.MessageEnglish);
        Assert.True(compensation.Line > 0);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count()));
    }
}
