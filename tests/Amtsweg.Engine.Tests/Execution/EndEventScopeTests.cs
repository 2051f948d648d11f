using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class EndEventScopeTests
{
    [Theory]
    [AllProviders]
    public async Task TerminateEnd_EndsOnlySubProcess_WhenReachedInsideSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EndEventScopeTests));

        var instance = await host.StartAsync("terminate");

        Assert.Equal(ProcessInstanceState.Active, instance.State);
        Assert.Equal(["after", "other"], instance.ActiveElementIds.Order(StringComparer.Ordinal));
        Assert.Contains("inner", (await host.Engine.GetHistoryAsync(instance.Id)).Where(e => e.Type == HistoryEventTypes.ElementCanceled).Select(e => e.ElementId));
    }

    [Theory]
    [AllProviders]
    public async Task EscalationEnd_ContinuesInstance_WhenNothingCatchesIt(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EndEventScopeTests));

        var instance = await host.StartAsync("escalation");

        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal(0, await host.QueryAsync(db => db.Incidents.Count(i => i.ProcessInstanceId == instance.Id)));
    }
}
