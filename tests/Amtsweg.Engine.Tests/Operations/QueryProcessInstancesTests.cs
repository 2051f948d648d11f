using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Operations;

/// <summary>The operator's list of process instances (<see cref="IProcessEngine.QueryProcessInstancesAsync"/>).</summary>
public sealed class QueryProcessInstancesTests
{
    [Theory]
    [AllProviders]
    public async Task QueryProcessInstances_FiltersByStateIncidentBusinessKeyProcessAndStart_WhenInstancesDiffer(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(QueryProcessInstancesTests));
        var waiting = await StartAsync(host, "32.10-0001/2026", 50);
        host.Clock.Advance(TimeSpan.FromHours(1));
        var failing = (await Assert.ThrowsAsync<ProcessIncidentException>(() => StartAsync(host, null, "viel"))).Incident.ProcessInstanceId!.Value;
        host.Clock.Advance(TimeSpan.FromHours(1));
        var completed = await StartAsync(host, "32.10-0003/2026", 50);
        await host.CompleteSingleTaskAsync(completed);
        host.Clock.Advance(TimeSpan.FromHours(1));
        var canceled = await StartAsync(host, null, 200);
        await host.Engine.CancelProcessInstanceAsync(canceled);

        var active = await QueryAsync(host, new ProcessInstanceQuery { State = ProcessInstanceState.Active });
        var withIncident = await QueryAsync(host, new ProcessInstanceQuery { State = ProcessInstanceState.Active, HasIncident = true });
        var withoutIncident = await QueryAsync(host, new ProcessInstanceQuery { HasIncident = false });
        var ended = await QueryAsync(host, new ProcessInstanceQuery { State = ProcessInstanceState.Completed });
        var byKey = await QueryAsync(host, new ProcessInstanceQuery { BusinessKey = "32.10-0001/2026" });
        var between = await QueryAsync(host, new ProcessInstanceQuery { StartedFrom = EngineHost.StartTime.AddHours(1), StartedBefore = EngineHost.StartTime.AddHours(3) });
        var all = await host.Engine.QueryProcessInstancesAsync(new ProcessInstanceQuery { ProcessId = "antrag" });

        Assert.Equal([failing, waiting], active);
        Assert.Equal([failing], withIncident);
        Assert.Equal([canceled, completed, waiting], withoutIncident);
        Assert.Equal([completed], ended);
        Assert.Equal([waiting], byKey);
        Assert.Equal([completed, failing], between);
        Assert.Equal([canceled], await QueryAsync(host, new ProcessInstanceQuery { State = ProcessInstanceState.Canceled }));
        Assert.Empty(await QueryAsync(host, new ProcessInstanceQuery { ProcessId = "andere" }));
        Assert.Equal(4, all.Count);
        Assert.All(all, i => Assert.Equal(("antrag", 1), (i.ProcessId, i.Version)));
        Assert.Equal([0, 0, 1, 0], all.Select(i => i.OpenIncidents));
        var summary = all.Single(i => i.Id == completed);
        Assert.Equal(("32.10-0003/2026", EngineHost.StartTime.AddHours(2), EngineHost.StartTime.AddHours(2)), (summary.BusinessKey, summary.StartedAt, summary.EndedAt!.Value));
        Assert.Null(all.Single(i => i.Id == waiting).EndedAt);
    }

    [Theory]
    [AllProviders]
    public async Task CountProcessInstances_CountsEachVersionByStateInTheDatabase_WhenInstancesDiffer(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(QueryProcessInstancesTests));
        var waiting = await StartAsync(host, "32.10-0001/2026", 50);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var failing = (await Assert.ThrowsAsync<ProcessIncidentException>(() => StartAsync(host, null, "viel"))).Incident.ProcessInstanceId!.Value;
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var completed = await StartAsync(host, "32.10-0003/2026", 50);
        await host.CompleteSingleTaskAsync(completed);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var canceled = await StartAsync(host, null, 200);
        await host.Engine.CancelProcessInstanceAsync(canceled);
        await host.Engine.DeployAsync(new DeploymentRequest("v2", [Diagrams.Resource(typeof(QueryProcessInstancesTests), nameof(CountProcessInstances_CountsEachVersionByStateInTheDatabase_WhenInstancesDiffer), "v2")]));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await StartAsync(host, null, 50);

        var counts = await host.Engine.CountProcessInstancesAsync();

        var versions = (await host.Engine.ListProcessDefinitionsAsync()).ToDictionary(d => d.Version, d => d.Id);
        Assert.Equal(
            [new ProcessInstanceCounts(versions[1], Running: 2, Completed: 1, Canceled: 1, WithIncident: 1), new ProcessInstanceCounts(versions[2], Running: 1, Completed: 0, Canceled: 0, WithIncident: 0)],
            counts.OrderBy(c => c.ProcessDefinitionId == versions[2]));
        Assert.Equal([second], await QueryAsync(host, new ProcessInstanceQuery { ProcessId = "antrag", Version = 2 }));
        Assert.Equal([canceled, completed, failing, waiting], await QueryAsync(host, new ProcessInstanceQuery { ProcessId = "antrag", Version = 1 }));
    }

    [Theory]
    [AllProviders]
    public async Task QueryProcessInstances_PagesNewestFirst_WhenMoreInstancesThanTake(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(QueryProcessInstancesTests));
        var started = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            started.Add(await StartAsync(host, $"32.10-{i:0000}/2026", 10));
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await QueryAsync(host, new ProcessInstanceQuery { Take = 2 });
        var second = await QueryAsync(host, new ProcessInstanceQuery { Skip = 2, Take = 2 });
        var last = await QueryAsync(host, new ProcessInstanceQuery { Skip = 4, Take = 2 });

        Assert.Equal([started[4], started[3]], first);
        Assert.Equal([started[2], started[1]], second);
        Assert.Equal([started[0]], last);
    }

    [Theory]
    [AllProviders]
    public async Task QueryProcessInstances_ShowsNoInstanceOfAnotherTenant_WhenBothHaveInstances(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(QueryProcessInstancesTests));
        var own = await StartAsync(host, "32.10-0001/2026", 10);
        await using var foreignScope = host.CreateScope(Guid.CreateVersion7());
        var foreign = foreignScope.ServiceProvider.GetRequiredService<IProcessEngine>();
        await foreign.DeployAsync(new DeploymentRequest("fremd", [Diagrams.Resource(typeof(QueryProcessInstancesTests), nameof(QueryProcessInstances_ShowsNoInstanceOfAnotherTenant_WhenBothHaveInstances))]));
        var foreignInstance = await foreign.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "antrag", BusinessKey = "32.10-0001/2026", Variables = Variables.Of(new { betrag = 10 }) });

        Assert.Equal([own], await QueryAsync(host, new ProcessInstanceQuery()));
        Assert.Equal([own], await QueryAsync(host, new ProcessInstanceQuery { BusinessKey = "32.10-0001/2026" }));
        Assert.Equal([foreignInstance.Id], (await foreign.QueryProcessInstancesAsync(new ProcessInstanceQuery())).Select(i => i.Id));
    }

    private static async Task<Guid> StartAsync(EngineHost host, string? businessKey, object betrag) =>
        (await host.Engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "antrag", BusinessKey = businessKey, Variables = Variables.Of(new { betrag }) })).Id;

    private static async Task<IReadOnlyList<Guid>> QueryAsync(EngineHost host, ProcessInstanceQuery query) =>
        [.. (await host.Engine.QueryProcessInstancesAsync(query)).Select(i => i.Id)];
}
