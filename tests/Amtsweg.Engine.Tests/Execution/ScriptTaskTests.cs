using Amtsweg.Data.Providers;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class ScriptTaskTests
{
    [Theory]
    [AllProviders]
    public async Task Start_SetsResultVariable_WhenScriptIsFeel(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ScriptTaskTests));

        var instance = await host.StartAsync("script", new { gebuehr = 12.5 });

        Assert.Equal(["check"], instance.ActiveElementIds);
        Assert.Equal(28m, instance.Variables["gesamt"]!.GetValue<decimal>());
    }

    [Theory]
    [AllProviders]
    public async Task Start_CallsHandlerOfJobType_WhenScriptTaskHasJobType(DatabaseProvider provider)
    {
        // As in Camunda 8, a task with a zeebe:taskDefinition is worked like a service task instead of evaluating anything itself.
        var handler = new DelegateHandler("gebuehr-berechnen", c => new Dictionary<string, object?> { ["gebuehr"] = c.Variables["flaeche"]!.GetValue<int>() * 2 });
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(ScriptTaskTests));

        var instance = await host.StartAsync("script", new { flaeche = 120 });

        var call = Assert.Single(handler.Calls);
        Assert.Equal(("compute", "gebuehr-berechnen", "2026"), (call.ElementId, call.JobType, call.Headers["tarif"]));
        Assert.Equal(["check"], instance.ActiveElementIds);
        Assert.Equal(240, instance.Variables["gebuehr"]!.GetValue<int>());
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }
}
