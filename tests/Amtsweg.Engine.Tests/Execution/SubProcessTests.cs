using Amtsweg.Data.Providers;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class SubProcessTests
{
    [Theory]
    [AllProviders]
    public async Task Complete_LeavesSubProcess_WhenLastInnerTokenEnds(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(SubProcessTests));
        var instance = await host.StartAsync("embedded");
        Assert.Equal(["sub", "inner"], instance.ActiveElementIds);

        await host.CompleteSingleTaskAsync(instance.Id);

        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(["start", "sub", "subStart", "inner", "subEnd", "after"], await host.EnteredAsync(instance.Id));
        Assert.Equal(["start", "subStart", "inner", "subEnd", "sub"], await host.CompletedAsync(instance.Id));
    }
}

public sealed class IoMappingTests
{
    [Theory]
    [AllProviders]
    public async Task Complete_KeepsInputsAndResultLocal_WhenTaskHasOutputMappings(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(IoMappingTests));
        var instance = await host.StartAsync("io", new { antrag = new { betrag = 10 } });
        Assert.DoesNotContain("betrag", instance.Variables.Keys);

        await host.CompleteSingleTaskAsync(instance.Id, new { ergebnis = "ok" });

        var variables = (await host.GetAsync(instance.Id)).Variables;
        Assert.Equal(["antrag", "doppelt", "pruefergebnis"], variables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(20, variables["doppelt"]!.GetValue<int>());
        Assert.Equal("ok", variables["pruefergebnis"]!.GetValue<string>());
    }

    [Theory]
    [AllProviders]
    public async Task Complete_UpdatesSubProcessLocal_WhenVariableWasMappedIntoSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(IoMappingTests));
        var instance = await host.StartAsync("io");

        await host.CompleteSingleTaskAsync(instance.Id, new { zaehler = 5, notiz = "x" });

        var variables = (await host.GetAsync(instance.Id)).Variables;
        Assert.DoesNotContain("zaehler", variables.Keys);
        Assert.Equal(5, variables["ergebnis"]!.GetValue<int>());
        Assert.Equal("x", variables["notiz"]!.GetValue<string>());
    }
}
