using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Benchmarks.Throughput;

/// <summary>
/// The engine throughput benchmark (issue "Engine throughput"):
/// <c>engine --provider sqlite|postgres --variant straight|jobs|worker --seconds S [--clients N] [--nodes N] [--workers N] [--history N] [--running M]</c>.
/// Clients start instances for S seconds while N job executor loops (each with its own lock owner, as N server
/// processes would) work the jobs; then the run waits until every started instance has completed and checks that no
/// job is left. The <c>worker</c> variant runs the real server in process instead and works its external jobs with
/// worker loops over the REST API (<see cref="ExternalWorkerThroughput"/>). <c>--history</c> and <c>--running</c>
/// seed completed and running instances in bulk before the measurement (<see cref="ScaleSeeding"/>); the run then also
/// checks that the seeded running instances still wait and their jobs were not touched. It prints one
/// <c>name=value</c> line per figure, with WorkflowCore 3.22.0 (in memory, same five steps) and raw single-row commits
/// on the same database settings measured in the same run for comparison.
/// </summary>
public static class EngineThroughput
{
    private const int WorkflowCoreInstances = 20_000;

    public static async Task<int> MainAsync(string[] args)
    {
        if (TimerFiring.IsRequested(args))
        {
            return await TimerFiring.MainAsync(args);
        }

        if (Options.Parse(args) is not { } options)
        {
            await Console.Error.WriteLineAsync(Options.Usage);
            return 2;
        }

        Print("provider", options.Provider.ToString().ToLowerInvariant());
        Print("variant", options.Variant);
        Print("clients", options.Clients);
        Print("nodes", options.Nodes);
        Print("load_average_before", LoadAverage());

        await using var store = await TestDataStore.CreateAsync(options.Provider);
        var result = options.Variant == "worker" ? await ExternalWorkerThroughput.RunAsync(store, options) : await RunEngineAsync(store, options);
        Print("instances", result.Instances);
        Print("instances_per_second", result.InstancesPerSecond);
        Print("jobs_per_second", result.JobsPerSecond);
        Print("pickup_p50_ms", result.PickupP50Ms);
        Print("pickup_p95_ms", result.PickupP95Ms);
        Print("allocated_bytes_per_instance", result.AllocatedBytesPerInstance);

        var raw = await RawCommits.MeasureAsync(store, TimeSpan.FromSeconds(Math.Min(options.Seconds, 10)));
        Print("raw_commits_per_second", raw);
        var workflowCore = await WorkflowCoreBaseline.MeasureAsync(WorkflowCoreInstances);
        Print("workflowcore_instances_per_second", workflowCore);
        Print("ratio_vs_workflowcore", result.InstancesPerSecond / workflowCore);
        Print("ratio_vs_raw_commits", result.InstancesPerSecond / raw);
        Print("load_average_after", LoadAverage());
        return 0;
    }

    private static async Task<EngineResult> RunEngineAsync(TestDataStore store, Options options)
    {
        var pickups = new Pickups();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store.Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAmtswegData(configuration);
        services.AddAmtswegEngine();
        services.AddSingleton(pickups);
        services.AddScoped<IServiceTaskHandler, BookingHandler>();
        services.AddScoped<IServiceTaskHandler, StepHandler>();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        var tenant = Guid.CreateVersion7();
        var model = options.Variant == "straight"
            ? (File: "fuenf-elemente.bpmn", ProcessId: "Gebuehr")
            : (File: "drei-auftraege.bpmn", ProcessId: "DreiAuftraege");
        await using (var scope = provider.CreateTenantScope(tenant))
        {
            var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Models", model.File));
            await scope.ServiceProvider.GetRequiredService<IProcessEngine>().DeployAsync(new DeploymentRequest("benchmark", [new DeploymentResource(model.File, xml)]));
        }

        var seed = await SeedAsync(provider, tenant, options, store);

        // Warm-up: JIT, connection pools and the model cache, not counted.
        var warmUp = new Run(provider, tenant, model.ProcessId, pickups, options.Nodes);
        await warmUp.ExecuteAsync(options.Clients, TimeSpan.FromSeconds(1));

        var run = new Run(provider, tenant, model.ProcessId, pickups, options.Nodes);
        pickups.Clear();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        await run.ExecuteAsync(options.Clients, TimeSpan.FromSeconds(options.Seconds));
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        await RunChecks.VerifyAsync(provider, tenant, model.ProcessId, run.Started + warmUp.Started, seed);
        return new EngineResult(
            run.Started,
            run.Started / elapsed,
            run.JobsExecuted / elapsed,
            pickups.Percentile(0.50),
            pickups.Percentile(0.95),
            allocated / Math.Max(1, run.Started));
    }

    /// <summary>Seeds the scale the options ask for (<c>--history</c>, <c>--running</c>) and prints what was seeded.</summary>
    internal static async Task<SeedResult> SeedAsync(IServiceProvider services, Guid tenant, Options options, TestDataStore store)
    {
        var seed = await ScaleSeeding.SeedAsync(services, tenant, options.History, options.Running, store.Postgres?.AdminConnectionString);
        Print("seeded_completed", seed.Completed);
        Print("seeded_running", seed.Running);
        Print("seed_seconds", seed.Seconds);
        return seed;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    internal static void Print(string name, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}={(value is double d ? d.ToString("0.###", CultureInfo.InvariantCulture) : value)}"));

    internal sealed record EngineResult(int Instances, double InstancesPerSecond, double JobsPerSecond, double PickupP50Ms, double PickupP95Ms, long AllocatedBytesPerInstance);

    /// <summary>One measured run: clients start instances until the time is up; executor loops work the jobs until every started instance has ended.</summary>
    private sealed class Run(IServiceProvider services, Guid tenant, string processId, Pickups pickups, int nodes)
    {
        private int _started;
        private int _jobsExecuted;

        public int Started => _started;

        public int JobsExecuted => _jobsExecuted;

        public async Task ExecuteAsync(int clients, TimeSpan duration)
        {
            using var startingEnds = new CancellationTokenSource(duration);
            using var allEnded = new CancellationTokenSource();
            var executors = Enumerable.Range(1, nodes).Select(n => Task.Run(() => ExecuteJobsAsync($"benchmark-node-{n}", startingEnds.Token, allEnded.Token))).ToList();
            var starters = Enumerable.Range(0, clients).Select(_ => Task.Run(() => StartInstancesAsync(startingEnds.Token))).ToList();
            await Task.WhenAll(starters);
            await WaitUntilEndedAsync();
            await allEnded.CancelAsync();
            await Task.WhenAll(executors);
        }

        private async Task StartInstancesAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                await using var scope = services.CreateTenantScope(tenant);
                var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
                var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest
                {
                    ProcessId = processId,
                    Variables = new Dictionary<string, object?> { ["Betrag"] = 120.50m },
                });
                pickups.Committed(instance.Id);
                Interlocked.Increment(ref _started);
            }
        }

        private async Task ExecuteJobsAsync(string lockOwner, CancellationToken startingEnds, CancellationToken allEnded)
        {
            var wakeUp = services.GetRequiredService<JobWakeUp>();
            while (!allEnded.IsCancellationRequested)
            {
                // Taken before looking for work: a commit meanwhile completes it, so no wake-up is missed.
                var due = wakeUp.DueJobs;
                await using var scope = services.CreateTenantScope(tenant);
                var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
                var summary = await engine.ExecuteDueJobsAsync(new JobAcquisition(lockOwner, 32));
                if (summary.Failed > 0)
                {
                    throw new InvalidOperationException($"{summary.Failed} jobs failed.");
                }

                Interlocked.Add(ref _jobsExecuted, summary.Executed);
                if (summary.Executed == 0)
                {
                    // Nothing due: wait for the engine's wake-up at the next commit that makes a job due (the poll
                    // is only the fallback for the end of the run), not a busy poll that would count its own allocations.
                    await Task.WhenAny(due, Task.Delay(50, allEnded));
                }
            }
        }

        private async Task WaitUntilEndedAsync()
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                await using (var scope = services.CreateTenantScope(tenant))
                {
                    var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
                    if (!await db.ProcessInstances.AnyAsync(i => i.State == ProcessInstanceState.Active && i.ProcessId == processId))
                    {
                        return;
                    }
                }

                if (deadline.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new TimeoutException("The started instances did not end within ten minutes.");
                }

                await Task.Delay(5);
            }
        }
    }

    /// <summary>
    /// Pickup latency of the first job of each instance: from the return of the start command (its commit created the
    /// job) to the handler starting. A handler that starts before the client saw the return counts as zero.
    /// </summary>
    internal sealed class Pickups
    {
        private readonly ConcurrentDictionary<Guid, long> _committedAt = new();
        private readonly ConcurrentBag<double> _latenciesMs = [];

        public void Committed(Guid instanceId)
        {
            if (!_committedAt.TryAdd(instanceId, Stopwatch.GetTimestamp()))
            {
                _committedAt.TryRemove(instanceId, out _);
                _latenciesMs.Add(0);
            }
        }

        public void HandlerStarted(Guid instanceId)
        {
            var now = Stopwatch.GetTimestamp();
            if (_committedAt.TryRemove(instanceId, out var committed))
            {
                _latenciesMs.Add(Stopwatch.GetElapsedTime(committed, now).TotalMilliseconds);
            }
            else
            {
                _committedAt.TryAdd(instanceId, now);
            }
        }

        public void Clear()
        {
            _committedAt.Clear();
            _latenciesMs.Clear();
        }

        public double Percentile(double p)
        {
            var sorted = _latenciesMs.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        }
    }

    private sealed class BookingHandler(Pickups pickups) : IServiceTaskHandler
    {
        public string JobType => "buchen";

        public Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            pickups.HandlerStarted(context.ProcessInstanceId);
            return Task.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?> { ["Gebucht"] = true });
        }
    }

    private sealed class StepHandler(Pickups pickups) : IServiceTaskHandler
    {
        public string JobType => "schritt";

        public Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            if (context.ElementId == "Schritt1")
            {
                pickups.HandlerStarted(context.ProcessInstanceId);
            }

            return Task.FromResult<IReadOnlyDictionary<string, object?>>(new Dictionary<string, object?>());
        }
    }

    internal sealed record Options(DatabaseProvider Provider, string Variant, int Seconds, int Clients, int Nodes, int Workers, int History, int Running)
    {
        public const string Usage =
            "Aufruf: engine --provider sqlite|postgres --variant straight|jobs|worker --seconds S [--clients N] [--nodes N] [--workers N] [--history N] [--running M]\n"
            + "  straight: Start, FEEL-Skript, exklusives Gateway, Serviceaufgabe mit Handler im Prozess, Ende\n"
            + "  jobs:     drei Serviceaufgaben mit camunda:asyncBefore, jede ein Auftrag des Job-Executors (--nodes Schleifen)\n"
            + "  worker:   drei Serviceaufgaben als externe Aufträge; der Server läuft im Prozess, --workers Worker-Schleifen\n"
            + "            (Standard 2) holen sie über die REST-API (Long Polling) und schließen sie ab\n"
            + "  --history N, --running M: vorher N abgeschlossene und M laufende Instanzen (an einer Nutzeraufgabe mit\n"
            + "            Frist in einem Jahr) in die Datenbank schreiben (Standard 0)\n"
            + "  PostgreSQL braucht AMTSWEG_TEST_POSTGRES (Verbindung mit Administratorrechten).";

        public static Options? Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    return null;
                }

                values[args[i][2..]] = args[i + 1];
            }

            if (args.Length % 2 != 0 || values.Keys.Except(["provider", "variant", "seconds", "clients", "nodes", "workers", "history", "running"]).Any())
            {
                return null;
            }

            DatabaseProvider? provider = values.GetValueOrDefault("provider") switch
            {
                "sqlite" => DatabaseProvider.Sqlite,
                "postgres" => DatabaseProvider.Postgres,
                _ => null,
            };
            var variant = values.GetValueOrDefault("variant");
            return provider is null || variant is not ("straight" or "jobs" or "worker")
                || !PositiveNumber(values, "seconds", null, out var seconds)
                || !PositiveNumber(values, "clients", 2, out var clients)
                || !PositiveNumber(values, "nodes", 1, out var nodes)
                || !PositiveNumber(values, "workers", 2, out var workers)
                || !Number(values, "history", 0, out var history)
                || !Number(values, "running", 0, out var running)
                ? null
                : new Options(provider.Value, variant, seconds, clients, nodes, workers, history, running);
        }

        private static bool PositiveNumber(Dictionary<string, string> values, string name, int? fallback, out int number)
        {
            number = fallback ?? 0;
            return values.TryGetValue(name, out var text)
                ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0
                : fallback is not null;
        }

        private static bool Number(Dictionary<string, string> values, string name, int fallback, out int number)
        {
            number = fallback;
            return !values.TryGetValue(name, out var text) || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
        }
    }
}
