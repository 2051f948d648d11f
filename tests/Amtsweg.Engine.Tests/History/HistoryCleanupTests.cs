using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.History;

public sealed class HistoryCleanupTests
{
    [Theory]
    [AllProviders]
    public async Task Deploy_StoresTimeToLive_WhenModelSetsItAsCamundaAttributeOrZeebeProperty(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        await host.DeployAsync(typeof(HistoryCleanupTests));

        var stored = await host.QueryAsync(db => db.ProcessDefinitions.ToDictionary(d => d.ProcessId, d => d.HistoryTimeToLiveDays));
        Assert.Equal(5, stored["tage"]);
        Assert.Equal(30, stored["zeitraum"]);
        Assert.Equal(7, stored["eigenschaft"]);
        Assert.Null(stored["ohne"]);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_IsRefusedWithProcessNamed_WhenTimeToLiveIsNoNumberOfDays(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var refused = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(HistoryCleanupTests)));

        Assert.Equal(["monate", "text"], refused.Problems.Where(p => p.Problem.Code == "ENGINE-HISTORY-TTL").Select(p => p.Problem.ElementId).Order());
        Assert.Contains(refused.Problems, p => p.Problem.MessageGerman.Contains("„P1M“", StringComparison.Ordinal) && p.Problem.MessageGerman.Contains("'monate'", StringComparison.Ordinal));
        Assert.Empty(await host.QueryAsync(db => db.ProcessDefinitions.ToList()));
    }

    [Theory]
    [AllProviders]
    public async Task Run_DeletesOldFinishedInstancesInBatches_AndKeepsRunningAndYoungOnes(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider, services => services.Configure<ProcessEngineOptions>(o => o.HistoryCleanupBatchSize = 2));
        await host.DeployAsync(typeof(HistoryCleanupTests));
        var old = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var instance = await host.StartAsync("antrag", new { antragsteller = "Erika Müller", nummer = i });
            await host.CompleteSingleTaskAsync(instance.Id, new { entschieden = true }, "clara");
            old.Add(instance.Id);
        }

        var canceled = await host.StartAsync("antrag");
        await host.Engine.CancelProcessInstanceAsync(canceled.Id, "clara");
        old.Add(canceled.Id);
        var running = await host.StartAsync("antrag", new { antragsteller = "Max Muster" });
        host.Clock.Advance(TimeSpan.FromDays(20));
        var young = await host.StartAsync("antrag");
        await host.CompleteSingleTaskAsync(young.Id);
        host.Clock.Advance(TimeSpan.FromDays(10) + TimeSpan.FromMinutes(1));

        var result = await RunAsync(host);

        Assert.Equal(6, result.ProcessInstances);
        Assert.Equal(3, result.Batches);
        Assert.Equal(6, result.UserTasks);
        Assert.True(result.HistoryEvents >= 6 * 5, $"{result.HistoryEvents} history events");
        Assert.True(result.Variables >= 5 * 3, $"{result.Variables} variables");
        Assert.Equal((0, 0), (result.Retained, result.Skipped));
        Assert.Equal(0, await RowsOfAsync(host, old));
        Assert.Equal(ProcessInstanceState.Active, (await host.GetAsync(running.Id)).State);
        Assert.NotEmpty(await host.Engine.GetHistoryAsync(running.Id));
        Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = running.Id }));
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(young.Id)).State);
        Assert.NotEmpty(await host.Engine.GetHistoryAsync(young.Id));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.Engine.GetHistoryAsync(old[0]));
        Assert.Equal(0, (await RunAsync(host)).ProcessInstances);
    }

    [Theory]
    [AllProviders]
    public async Task Run_KeepsInstance_WhenAnotherPartRetainsIt(DatabaseProvider provider)
    {
        var retention = new FixedRetention();
        await using var host = await EngineHost.StartAsync(provider, services => services.AddSingleton<IHistoryRetention>(retention));
        await host.DeployAsync(typeof(HistoryCleanupTests));
        var filed = await host.StartAsync("antrag");
        await host.CompleteSingleTaskAsync(filed.Id);
        var unfiled = await host.StartAsync("antrag");
        await host.CompleteSingleTaskAsync(unfiled.Id);
        retention.Ids.Add(filed.Id);
        host.Clock.Advance(TimeSpan.FromDays(31));

        var result = await RunAsync(host);

        Assert.Equal((1, 1), (result.ProcessInstances, result.Retained));
        Assert.NotEmpty(await host.Engine.GetHistoryAsync(filed.Id));
        Assert.Equal(0, await RowsOfAsync(host, [unfiled.Id]));
    }

    [Theory]
    [AllProviders]
    public async Task Run_DeletesCalledInstancesWithCaller_AndKeepsWholeTree_WhenCalledInstanceIsRetained(DatabaseProvider provider)
    {
        var retention = new FixedRetention();
        await using var host = await EngineHost.StartAsync(provider, services => services.AddSingleton<IHistoryRetention>(retention));
        await host.DeployAsync(typeof(HistoryCleanupTests));
        var trees = new List<(Guid Caller, Guid Called)>();
        for (var i = 0; i < 2; i++)
        {
            var caller = await host.StartAsync("aufrufer");
            var called = Assert.Single(await host.QueryAsync(db => db.ProcessInstances.Where(p => p.ParentProcessInstanceId == caller.Id).Select(p => p.Id).ToList()));
            await host.CompleteSingleTaskAsync(called);
            Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(caller.Id)).State);
            trees.Add((caller.Id, called));
        }

        retention.Ids.Add(trees[1].Called);
        host.Clock.Advance(TimeSpan.FromDays(11));

        var result = await RunAsync(host);

        Assert.Equal((2, 1), (result.ProcessInstances, result.Retained));
        Assert.Equal(0, await RowsOfAsync(host, [trees[0].Caller, trees[0].Called]));
        Assert.NotEmpty(await host.Engine.GetHistoryAsync(trees[1].Caller));
        Assert.NotEmpty(await host.Engine.GetHistoryAsync(trees[1].Called));
    }

    [Theory]
    [AllProviders]
    public async Task Run_TouchesNoOtherMunicipality_WhenBothHaveOldInstances(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var otherTenant = Guid.CreateVersion7();
        Guid foreign;
        await using (var other = host.CreateScope(otherTenant))
        {
            var engine = other.ServiceProvider.GetRequiredService<IProcessEngine>();
            await engine.DeployAsync(new DeploymentRequest("other", [Diagrams.Resource(typeof(HistoryCleanupTests), nameof(Run_TouchesNoOtherMunicipality_WhenBothHaveOldInstances))]));
            foreign = (await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "antrag" })).Id;
            await engine.CompleteUserTaskAsync(Assert.Single(await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = foreign })).Id);
        }

        await host.DeployAsync(typeof(HistoryCleanupTests));
        var own = await host.StartAsync("antrag");
        await host.CompleteSingleTaskAsync(own.Id);
        host.Clock.Advance(TimeSpan.FromDays(31));

        var result = await RunAsync(host);

        Assert.Equal(1, result.ProcessInstances);
        Assert.Equal(0, await RowsOfAsync(host, [own.Id]));
        await using (var other = host.CreateScope(otherTenant))
        {
            var engine = other.ServiceProvider.GetRequiredService<IProcessEngine>();
            Assert.Equal(ProcessInstanceState.Completed, (await engine.GetProcessInstanceAsync(foreign)).State);
            Assert.NotEmpty(await engine.GetHistoryAsync(foreign));
        }
    }

    [Theory]
    [AllProviders]
    public async Task Run_CountsButDeletesNothing_WhenDryRun(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(HistoryCleanupTests));
        var instance = await host.StartAsync("antrag", new { antragsteller = "Erika Müller" });
        await host.CompleteSingleTaskAsync(instance.Id);
        host.Clock.Advance(TimeSpan.FromDays(31));
        var before = await RowsOfAsync(host, [instance.Id]);

        var dry = await RunAsync(host, dryRun: true);

        Assert.True(dry.DryRun);
        Assert.Equal((1, 1), (dry.ProcessInstances, dry.UserTasks));
        Assert.Equal(before, await RowsOfAsync(host, [instance.Id]));
        var real = await RunAsync(host);
        Assert.Equal(dry with { DryRun = false }, real);
    }

    [Theory]
    [AllProviders]
    public async Task Run_UsesDefaultTimeToLive_WhenProcessSetsNone(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await using var keepForEver = await EngineHost.StartAsync(provider, services => services.Configure<ProcessEngineOptions>(o => o.DefaultHistoryTimeToLive = ""));
        var instances = new List<Guid>();
        foreach (var h in new[] { host, keepForEver })
        {
            await h.DeployAsync(typeof(HistoryCleanupTests));
            var instance = await h.StartAsync("antrag");
            await h.CompleteSingleTaskAsync(instance.Id);
            instances.Add(instance.Id);
            h.Clock.Advance(TimeSpan.FromDays(179));
        }

        var early = await RunAsync(host);
        host.Clock.Advance(TimeSpan.FromDays(2));
        keepForEver.Clock.Advance(TimeSpan.FromDays(100 * 365));
        var due = await RunAsync(host);
        var never = await RunAsync(keepForEver);

        Assert.Equal(0, early.ProcessInstances);
        Assert.Equal(1, due.ProcessInstances);
        Assert.Equal(0, never.ProcessInstances);
        Assert.NotEmpty(await keepForEver.Engine.GetHistoryAsync(instances[1]));
    }

    [Fact]
    public async Task Run_IsRefused_WhenScopeActsForNoMunicipality()
    {
        await using var host = await EngineHost.StartAsync(DatabaseProvider.Sqlite);
        await using var scope = host.CreateScope();
        scope.ServiceProvider.GetRequiredService<Data.Tenancy.TenantContext>().UsePlatformScope();

        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<HistoryCleanup>().RunAsync(dryRun: false));
    }

    private static async Task<HistoryCleanupResult> RunAsync(EngineHost host, bool dryRun = false)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HistoryCleanup>().RunAsync(dryRun);
    }

    /// <summary>All rows of every engine table that belong to the instances.</summary>
    private static Task<int> RowsOfAsync(EngineHost host, IReadOnlyCollection<Guid> ids) => host.QueryAsync(db =>
    {
        var nullable = ids.Select(id => (Guid?)id).ToList();
        return db.ProcessInstances.Count(p => ids.Contains(p.Id))
            + db.HistoryEvents.Count(e => ids.Contains(e.ProcessInstanceId))
            + db.Variables.Count(v => ids.Contains(v.ProcessInstanceId))
            + db.UserTasks.Count(t => ids.Contains(t.ProcessInstanceId))
            + db.Executions.Count(e => ids.Contains(e.ProcessInstanceId))
            + db.Incidents.Count(i => nullable.Contains(i.ProcessInstanceId))
            + db.Jobs.Count(j => nullable.Contains(j.ProcessInstanceId))
            + db.EventSubscriptions.Count(s => nullable.Contains(s.ProcessInstanceId));
    });

    private sealed class FixedRetention : IHistoryRetention
    {
        public HashSet<Guid> Ids { get; } = [];

        public Task<IReadOnlySet<Guid>> FindRetainedAsync(IReadOnlyCollection<Guid> processInstanceIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<Guid>>(processInstanceIds.Where(Ids.Contains).ToHashSet());
    }
}
