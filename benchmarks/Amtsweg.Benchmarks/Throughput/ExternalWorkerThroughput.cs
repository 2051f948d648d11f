using System.Diagnostics;
using Amtsweg.Client;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Benchmarks.Throughput;

/// <summary>
/// The <c>worker</c> variant of the engine throughput benchmark: the three service tasks of
/// <c>Models/drei-externe-auftraege.bpmn</c> have a job type without an in-process handler, so each is an external job.
/// The real server (<see cref="AmtswegApp"/>, Kestrel on a free loopback port, the benchmark's database) runs in this
/// process; the benchmark signs in as an API client of a new municipality (OAuth 2.0 client credentials, scope
/// <c>jobs</c>, as <c>amtsweg client create</c> makes one) and runs <c>--workers</c> loops that activate jobs with long
/// polling (<c>POST /v2/jobs/activation</c>) and complete them (<c>POST /v2/jobs/{jobKey}/completion</c>) over HTTP
/// through <see cref="AmtswegClient"/>. <c>--clients</c> tasks start the instances through the server's engine in
/// process, as the other variants do. Pickup latency: from the return of the start command (whose commit created the
/// first job) to the worker receiving that job.
/// </summary>
internal static class ExternalWorkerThroughput
{
    private const string ProcessId = "DreiExterneAuftraege";
    private const string ModelFile = "drei-externe-auftraege.bpmn";
    private const string JobType = "schritt-extern";
    private const int JobsPerActivation = 32;
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(5);

    public static async Task<EngineThroughput.EngineResult> RunAsync(TestDataStore store, EngineThroughput.Options options)
    {
        var address = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}/");
        var settings = new Dictionary<string, string?>(store.Settings)
        {
            ["urls"] = address.ToString().TrimEnd('/'),
            ["Amtsweg:Demo:Enabled"] = "false",

            // The seeded history must stay for the whole run, and the figures are printed on standard output.
            ["Amtsweg:HistoryCleanup:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",

            // The key ring lives in the benchmark's throwaway database; that it is stored unencrypted is expected there.
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        };

        // As `amtsweg db migrate` does: a starting server migrates SQLite itself, but never PostgreSQL.
        await using (var migration = AmtswegApp.Build(AmtswegApp.CreateBuilder([], settings)))
        {
            await using var scope = migration.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        await using var server = AmtswegApp.Build(AmtswegApp.CreateBuilder([], settings));
        await server.StartAsync();
        try
        {
            var (tenant, worker) = await CreateMunicipalityWithWorkerAsync(server.Services);
            await using (var scope = server.Services.CreateTenantScope(tenant))
            {
                var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Models", ModelFile));
                await scope.ServiceProvider.GetRequiredService<IProcessEngine>().DeployAsync(new DeploymentRequest("benchmark", [new DeploymentResource(ModelFile, xml)]));
            }

            var seed = await EngineThroughput.SeedAsync(server.Services, tenant, options, store);
            using var http = new HttpClient { BaseAddress = address, Timeout = LongPoll + TimeSpan.FromSeconds(30) };
            var client = new AmtswegClient(http, worker.Client.ClientId, worker.ClientSecret);
            var pickups = new EngineThroughput.Pickups();

            // Warm-up: JIT, connection pools, the first token and the model cache, not counted.
            var warmUp = new Run(server.Services, tenant, client, pickups);
            await warmUp.ExecuteAsync(options.Clients, options.Workers, TimeSpan.FromSeconds(1));

            var run = new Run(server.Services, tenant, client, pickups);
            pickups.Clear();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            await run.ExecuteAsync(options.Clients, options.Workers, TimeSpan.FromSeconds(options.Seconds));
            var elapsed = stopwatch.Elapsed.TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

            await RunChecks.VerifyAsync(server.Services, tenant, ProcessId, run.Started + warmUp.Started, seed);
            return new EngineThroughput.EngineResult(
                run.Started,
                run.Started / elapsed,
                run.JobsCompleted / elapsed,
                pickups.Percentile(0.50),
                pickups.Percentile(0.95),
                allocated / Math.Max(1, run.Started));
        }
        finally
        {
            await server.StopAsync();
        }
    }

    private static async Task<(Guid Tenant, CreatedApiClient Worker)> CreateMunicipalityWithWorkerAsync(IServiceProvider services)
    {
        var ags = "09" + Random.Shared.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        Municipality municipality;
        await using (var scope = services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().CreateMunicipalityAsync(ags, "Benchmarkstadt", CancellationToken.None);
            municipality = created.Value ?? throw new InvalidOperationException(created.Error);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(ags, "Benchmark-Worker", [ApiScopes.Jobs], CancellationToken.None);
            return (municipality.Id, created.Value ?? throw new InvalidOperationException(created.Error));
        }
    }

    /// <summary>One measured run: clients start instances until the time is up; worker loops work the jobs over HTTP until every started instance has ended.</summary>
    private sealed class Run(IServiceProvider services, Guid tenant, AmtswegClient client, EngineThroughput.Pickups pickups)
    {
        private int _started;
        private int _jobsCompleted;

        public int Started => _started;

        public int JobsCompleted => _jobsCompleted;

        public async Task ExecuteAsync(int clients, int workers, TimeSpan duration)
        {
            using var startingEnds = new CancellationTokenSource(duration);
            using var allEnded = new CancellationTokenSource();
            var workerLoops = Enumerable.Range(1, workers).Select(n => Task.Run(() => WorkAsync($"benchmark-worker-{n}", allEnded.Token))).ToList();
            var starters = Enumerable.Range(0, clients).Select(_ => Task.Run(() => StartInstancesAsync(startingEnds.Token))).ToList();
            await Task.WhenAll(starters);
            await WaitUntilEndedAsync(workerLoops);
            await allEnded.CancelAsync();
            await Task.WhenAll(workerLoops);
        }

        private async Task StartInstancesAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                await using var scope = services.CreateTenantScope(tenant);
                var instance = await scope.ServiceProvider.GetRequiredService<IProcessEngine>().StartProcessInstanceAsync(new StartProcessInstanceRequest
                {
                    ProcessId = ProcessId,
                    Variables = new Dictionary<string, object?> { ["Betrag"] = 120.50m },
                });
                pickups.Committed(instance.Id);
                Interlocked.Increment(ref _started);
            }
        }

        private async Task WorkAsync(string worker, CancellationToken allEnded)
        {
            while (!allEnded.IsCancellationRequested)
            {
                IReadOnlyList<ActivatedJob> jobs;
                try
                {
                    jobs = await client.ActivateJobsAsync(JobType, worker, JobTimeout, JobsPerActivation, ["Betrag"], LongPoll, allEnded);
                }
                catch (OperationCanceledException) when (allEnded.IsCancellationRequested)
                {
                    return;
                }

                foreach (var job in jobs)
                {
                    if (job.ElementId == "Schritt1")
                    {
                        pickups.HandlerStarted(Guid.Parse(job.ProcessInstanceKey));
                    }

                    // A lost lock or a refused completion fails the run: a benchmark figure must not hide lost work.
                    await client.CompleteJobAsync(job.JobKey, cancellationToken: CancellationToken.None);
                    Interlocked.Increment(ref _jobsCompleted);
                }
            }
        }

        private async Task WaitUntilEndedAsync(List<Task> workerLoops)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (workerLoops.Find(loop => loop.IsFaulted) is { } failed)
                {
                    await failed;
                }

                await using (var scope = services.CreateTenantScope(tenant))
                {
                    var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
                    if (!await db.ProcessInstances.AnyAsync(i => i.State == ProcessInstanceState.Active && i.ProcessId == ProcessId))
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
}
