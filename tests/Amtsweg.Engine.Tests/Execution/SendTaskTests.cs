using Amtsweg.Bpmn.Validation;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>A send task is handled like a service task (Camunda 8): by the handler or worker of its <c>zeebe:taskDefinition</c> type.</summary>
public sealed class SendTaskTests
{
    [Theory]
    [AllProviders]
    public async Task Start_CallsHandlerOfJobType_WhenSendTaskIsReached(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("bescheid-versenden", c => new Dictionary<string, object?> { ["versandId"] = "V-" + c.Variables["referenz"]!.GetValue<string>() });
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(SendTaskTests));
        var instance = await host.StartAsync("send", new { aktenzeichen = "32.10-0042/2026" });

        var call = Assert.Single(handler.Calls);
        Assert.Equal(("notify", "bescheid-versenden", 1), (call.ElementId, call.JobType, call.RetriesLeft));
        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["check"], state.ActiveElementIds);
        Assert.Equal("V-32.10-0042/2026", state.Variables["versandnummer"]!.GetValue<string>());
        Assert.False(state.Variables.ContainsKey("referenz"));
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_Fails_WhenSendTaskHasNoJobType(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(SendTaskTests)));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal(BpmnProblemCodes.MissingJobType, problem.Code);
        Assert.Equal("notify", problem.ElementId);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count()));
    }
}
