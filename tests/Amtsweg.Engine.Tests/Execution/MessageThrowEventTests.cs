using Amtsweg.Bpmn.Validation;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>
/// Message intermediate throw events and message end events send their message through a job worker, as in
/// Camunda 8: they need a <c>zeebe:taskDefinition</c> and behave like a service task (an in-process handler runs
/// inside the command, ADR 0020).
/// </summary>
public sealed class MessageThrowEventTests
{
    [Theory]
    [AllProviders]
    public async Task Start_MovesOn_WhenIntermediateThrowHandlerSucceeds(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("nachricht-senden", _ => new Dictionary<string, object?> { ["gesendet"] = true });
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(MessageThrowEventTests));
        var instance = await host.StartAsync("throwing");

        var call = Assert.Single(handler.Calls);
        Assert.Equal("inform", call.ElementId);
        Assert.Equal("postfach", call.Headers["kanal"]);
        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["check"], state.ActiveElementIds);
        Assert.True(state.Variables["gesendet"]!.GetValue<bool>());
        Assert.Equal(["start", "inform", "check"], await host.EnteredAsync(instance.Id));
    }

    [Theory]
    [AllProviders]
    public async Task Start_CompletesInstance_WhenMessageEndHandlerSucceeds(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("bescheid-zustellen", _ => new Dictionary<string, object?>());
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(MessageThrowEventTests));
        var instance = await host.StartAsync("messageEnd");

        Assert.Single(handler.Calls);
        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
        var state = await host.GetAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, state.State);
        Assert.Empty(state.ActiveElementIds);
        Assert.Equal(["start", "end"], await host.CompletedAsync(instance.Id));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_Fails_WhenMessageThrowEventsHaveNoJobType(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(MessageThrowEventTests)));

        Assert.Equal(["end", "inform"], error.Problems.Where(p => p.Problem.Code == BpmnProblemCodes.MissingJobType).Select(p => p.Problem.ElementId).Order(StringComparer.Ordinal));
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count()));
    }
}
