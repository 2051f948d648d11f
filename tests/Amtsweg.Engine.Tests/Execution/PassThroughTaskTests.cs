using Amtsweg.Data.Providers;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>Manual tasks and undefined tasks (plain <c>bpmn:task</c>) do nothing in the engine: the token passes through, with their output mappings.</summary>
public sealed class PassThroughTaskTests
{
    [Theory]
    [AllProviders]
    public Task Start_PassesThrough_WhenTaskIsManual(DatabaseProvider provider) => AssertPassesThrough(provider);

    [Theory]
    [AllProviders]
    public Task Start_PassesThrough_WhenTaskIsUndefined(DatabaseProvider provider) => AssertPassesThrough(provider);

    private static async Task AssertPassesThrough(DatabaseProvider provider, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(PassThroughTaskTests), test);

        var instance = await host.StartAsync("passThrough");

        Assert.Equal(["check"], instance.ActiveElementIds);
        Assert.Equal("erledigt", instance.Variables["status"]!.GetValue<string>());
        Assert.Equal(["start", "paper"], await host.CompletedAsync(instance.Id));
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count() + db.EventSubscriptions.Count()));
    }
}
