using Amtsweg.Bpmn.Validation;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>Link events: a throw moves the token to the catch of the same name in the same (sub-)process.</summary>
public sealed class LinkEventTests
{
    [Theory]
    [AllProviders]
    public async Task Throw_ContinuesAtCatchOfSameName_WhenLinkIsThrown(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(LinkEventTests));

        var instance = await host.StartAsync("link");

        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal(["start", "toPage2", "fromPage1", "after"], await host.EnteredAsync(instance.Id));
        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_IsRefused_WhenLinkThrowHasNoCatchOfItsName(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(LinkEventTests)));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal((BpmnProblemCodes.UnsupportedElement, "toNowhere"), (problem.Code, problem.ElementId));
        Assert.Equal("Das Element 'toNowhere' ist ein Link-Ereignis, zu dem es im selben (Teil-)Prozess nicht genau ein fangendes Link-Ereignis mit seinem Namen gibt; das führt die Prozess-Engine nicht aus.", problem.MessageGerman);
    }

    [Theory]
    [AllProviders]
    public async Task Start_EndsInStepLimitIncident_WhenLinksCycleWithoutWaitState(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(LinkEventTests));

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("link"));

        Assert.Equal(IncidentTypes.StepLimitExceeded, error.Incident.Type);
    }
}
