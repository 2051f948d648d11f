using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Testing;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Benchmarks;

/// <summary>
/// A five-element synchronous process (start, FEEL script task, exclusive gateway, service task handled in-process,
/// end) started and completed, one instance per operation: the start command, then the job command that runs the
/// service task, each in its own unit of work as a request would be. PostgreSQL needs AMTSWEG_TEST_POSTGRES.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private TestDataStore? _store;
    private ServiceProvider? _services;
    private readonly Guid _tenant = Guid.CreateVersion7();
    private int _counter;

    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = TestDataStore.CreateAsync(Provider).GetAwaiter().GetResult();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_store.Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAmtswegData(configuration);
        services.AddAmtswegEngine();
        services.AddScoped<IServiceTaskHandler, BookingHandler>();
        _services = services.BuildServiceProvider();
        using (var scope = _services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        using (var scope = Scope())
        {
            var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "fuenf-elemente.bpmn"));
            scope.ServiceProvider.GetRequiredService<IProcessEngine>()
                .DeployAsync(new DeploymentRequest("benchmark", [new DeploymentResource("fuenf-elemente.bpmn", xml)])).GetAwaiter().GetResult();
        }

        var state = StartAndComplete().GetAwaiter().GetResult();
        if (state != ProcessInstanceState.Completed)
        {
            throw new InvalidOperationException($"The benchmark process ended in state {state}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "start + complete one instance (5 elements)")]
    public async Task<ProcessInstanceState> StartAndComplete()
    {
        Guid id;
        using (var scope = Scope())
        {
            var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest
            {
                ProcessId = "Gebuehr",
                BusinessKey = "bench-" + Interlocked.Increment(ref _counter),
                Variables = new Dictionary<string, object?> { ["Betrag"] = 120.50m },
            });
            id = instance.Id;
        }

        using (var scope = Scope())
        {
            var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            await engine.ExecuteDueJobsAsync();
            return (await engine.GetProcessInstanceAsync(id)).State;
        }
    }

    private IServiceScope Scope()
    {
        var scope = _services!.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseTenant(_tenant);
        return scope;
    }

    private sealed class BookingHandler : IServiceTaskHandler
    {
        public string JobType => "buchen";

        public Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?> { ["Gebucht"] = true });
    }
}
