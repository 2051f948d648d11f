using Amtsweg.Data.Providers;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

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
}
