using System.Runtime.CompilerServices;
using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine.Persistence;
using Amtsweg.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Amtsweg.Engine.Tests.Support;

/// <summary>
/// A migrated engine database of its own on one provider, registered exactly as the server does
/// (<c>AddAmtswegData</c> + <c>AddAmtswegEngine</c>), with a fake clock and one tenant.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly TestDataStore _store;
    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;
    private readonly List<EngineNode> _nodes = [];

    private EngineHost(TestDataStore store, ServiceProvider services, FakeTimeProvider clock, Guid tenantId)
    {
        _store = store;
        _services = services;
        Clock = clock;
        TenantId = tenantId;
        _scope = CreateScope(tenantId);
        Engine = _scope.ServiceProvider.GetRequiredService<IProcessEngine>();
    }

    /// <summary>The start of every test's virtual time.</summary>
    public static DateTimeOffset StartTime { get; } = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; }

    public Guid TenantId { get; }

    /// <summary>The root services (for a job executor that creates its own tenant scopes).</summary>
    public IServiceProvider Services => _services;

    /// <summary>The engine of the default scope, acting for <see cref="TenantId"/>.</summary>
    public IProcessEngine Engine { get; }

    public static async Task<EngineHost> StartAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null)
    {
        var store = await TestDataStore.CreateMigratedAsync(provider, "engine", async template =>
        {
            await using var services = BuildServices(template, new FakeTimeProvider(StartTime), null);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        });
        var clock = new FakeTimeProvider(StartTime);
        return new EngineHost(store, BuildServices(store, clock, configure), clock, Guid.CreateVersion7());
    }

    /// <summary>
    /// Another node on the same database, as a second server process would be: its own services (engine registration,
    /// DbContext, job wake-up) and connections, the same clock and tenant. Disposed with the host.
    /// </summary>
    public EngineNode StartNode(Action<IServiceCollection>? configure = null)
    {
        var node = new EngineNode(BuildServices(_store, Clock, configure), TenantId);
        _nodes.Add(node);
        return node;
    }

    /// <summary>A new unit of work (its own DbContext and engine) acting for a tenant (default: the host's).</summary>
    public AsyncServiceScope CreateScope(Guid? tenantId = null) => _services.CreateTenantScope(tenantId ?? TenantId);

    /// <summary>Reads engine rows directly, in a scope of the host's tenant.</summary>
    public async Task<T> QueryAsync<T>(Func<EngineDbContext, T> query)
    {
        await using var scope = CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<EngineDbContext>());
    }

    /// <summary>Deploys the diagram named after the test: <c>Diagrams/&lt;TestClass&gt;.&lt;TestMethod&gt;.bpmn</c>.</summary>
    public Task<DeploymentInfo> DeployAsync(Type testClass, [CallerMemberName] string testMethod = "") =>
        Engine.DeployAsync(new DeploymentRequest(testClass.Name + "." + testMethod, [Diagrams.Resource(testClass, testMethod)]));

    public Task<ProcessInstanceInfo> StartAsync(string processId, object? variables = null) =>
        Engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = processId, Variables = Variables.Of(variables) });

    public Task<ProcessInstanceInfo> GetAsync(Guid instanceId) => Engine.GetProcessInstanceAsync(instanceId);

    public async Task<UserTaskInfo> SingleTaskAsync(Guid instanceId) =>
        Assert.Single(await Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instanceId }));

    public async Task CompleteSingleTaskAsync(Guid instanceId, object? variables = null, string? userId = null)
    {
        var task = await SingleTaskAsync(instanceId);
        await Engine.CompleteUserTaskAsync(task.Id, Variables.Of(variables), userId);
    }

    /// <summary>The element ids entered, in order, from the history.</summary>
    public async Task<IReadOnlyList<string>> EnteredAsync(Guid instanceId) =>
        [.. (await Engine.GetHistoryAsync(instanceId)).Where(e => e.Type == HistoryEventTypes.ElementEntered).Select(e => e.ElementId!)];

    /// <summary>The element ids completed, in order, from the history.</summary>
    public async Task<IReadOnlyList<string>> CompletedAsync(Guid instanceId) =>
        [.. (await Engine.GetHistoryAsync(instanceId)).Where(e => e.Type == HistoryEventTypes.ElementCompleted).Select(e => e.ElementId!)];

    /// <summary>Advances the virtual clock and runs the jobs due then.</summary>
    public async Task<JobExecutionSummary> AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return await Engine.ExecuteDueJobsAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        await _store.DisposeAsync();
    }

    private static ServiceProvider BuildServices(TestDataStore store, FakeTimeProvider clock, Action<IServiceCollection>? configure)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store.Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAmtswegData(configuration);
        services.AddSingleton<TimeProvider>(clock);
        services.AddAmtswegEngine();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
