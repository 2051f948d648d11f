using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Amtsweg.Engine.Tests.Throughput;

/// <summary>
/// Correctness at scale (issue "Engine throughput", point 4): many instances started at once by several clients while
/// job executor loops (on two nodes with PostgreSQL) work their jobs. Every instance must complete exactly once, every handler must run
/// exactly once per instance and element, and no job may be left. The count is 2,000 (as <c>./test.sh</c> runs it);
/// <c>AMTSWEG_CONCURRENT_INSTANCES</c> sets another one, such as the former 10,000, for a longer run.
/// </summary>
/// <remarks>
/// Why 2,000 and not 10,000: what can go wrong here happens per start and per job acquisition (two loops locking the
/// same job, a start committing while a loop acquires, a wake-up lost between a commit and the wait, an attempt that
/// conflicts and is given up), not once the tables are large. 2,000 instances are 2,000 concurrent starts by four
/// clients and, in the job test, 6,000 jobs acquired by two loops (four on two nodes) while the clients still start
/// instances: thousands of the same contended steps that 10,000 made, in a fifth of the time (10,000 took 284 s on
/// SQLite alone in a full run). Throughput is the benchmark's matter (<c>docs/benchmarks.md</c>), not this test's.
/// </remarks>
public sealed class ConcurrentInstancesTests(ITestOutputHelper output)
{
    private const int Clients = 4;
    private const int ExecutorLoopsPerNode = 2;

    /// <summary>
    /// Long enough for a loaded CI machine (a run takes 20 s to 3.5 min on a quiet two-core machine, and more than
    /// 9 minutes when three test projects ran beside it) and shorter than the hang limit of <c>./test.sh</c>, so that
    /// the test fails with its own message when instances stop moving.
    /// </summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(15);

    private static int Instances =>
        Environment.GetEnvironmentVariable("AMTSWEG_CONCURRENT_INSTANCES") is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : 2_000;

    [Theory]
    [AllProviders]
    public async Task StraightThrough_CompletesEveryInstanceOnceAndRunsHandlerOnce_WhenClientsStartThemConcurrently(DatabaseProvider provider)
    {
        var handler = new CountingHandler("buchen", new Dictionary<string, object?> { ["Gebucht"] = true });
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(ConcurrentInstancesTests));

        // One node: the service task is not async and its handler is in-process, so it runs inside the start command
        // (ADR 0020); a failed call would become a job, which the executor loops work.
        var run = await RunAsync(host, [() => host.CreateScope()], "Gebuehr");

        await AssertEveryInstanceCompletedOnceAsync(host, run);
        handler.AssertRanOnce(run.Started, ["Buchen"]);
    }

    [Theory]
    [AllProviders]
    public async Task Jobs_CompleteEveryInstanceOnceAndRunEachHandlerOnce_WhenExecutorLoopsWorkThemConcurrently(DatabaseProvider provider)
    {
        var handler = new CountingHandler("schritt", new Dictionary<string, object?>());
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(ConcurrentInstancesTests));

        // On PostgreSQL two nodes as two server processes on one database: each has its own engine registration,
        // connections and wake-up; the clients start instances on both. SQLite is the single-server setup: one node.
        List<Func<AsyncServiceScope>> nodes = [() => host.CreateScope()];
        if (provider == DatabaseProvider.Postgres)
        {
            nodes.Add(host.StartNode(s => s.AddSingleton<IServiceTaskHandler>(handler)).CreateScope);
        }

        var run = await RunAsync(host, nodes, "DreiAuftraege");

        await AssertEveryInstanceCompletedOnceAsync(host, run);
        handler.AssertRanOnce(run.Started, ["Schritt1", "Schritt2", "Schritt3"]);
    }

    private async Task<RunResult> RunAsync(EngineHost host, IReadOnlyList<Func<AsyncServiceScope>> nodes, string processId)
    {
        var count = Instances;
        var started = new ConcurrentBag<Guid>();
        var failedAttempts = 0;
        var next = 0;
        using var stop = new CancellationTokenSource();
        var stopwatch = Stopwatch.StartNew();

        var executors = nodes.SelectMany((scope, node) => Enumerable.Range(1, ExecutorLoopsPerNode).Select(loop =>
            Task.Run(async () =>
            {
                var failed = await ExecuteJobsAsync(scope, $"node-{node + 1}-loop-{loop}", stop.Token);
                Interlocked.Add(ref failedAttempts, failed);
            }))).ToList();
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                await using var scope = nodes[client % nodes.Count]();
                var instance = await scope.ServiceProvider.GetRequiredService<IProcessEngine>().StartProcessInstanceAsync(new StartProcessInstanceRequest
                {
                    ProcessId = processId,
                    Variables = new Dictionary<string, object?> { ["Betrag"] = 120.50m },
                });
                started.Add(instance.Id);
            }
        })).ToList();

        try
        {
            await Task.WhenAll(clients).WaitAsync(Deadline);
            await WaitUntilNoInstanceIsActiveAsync(host, stopwatch);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(executors);
        }

        output.WriteLine($"{count} instances on {nodes.Count} node(s) with {Clients} clients: {stopwatch.Elapsed.TotalSeconds:0.0} s");
        return new RunResult([.. started], failedAttempts);
    }

    /// <summary>
    /// One job executor loop: runs due jobs until stopped. When nothing was due it waits for its node's wake-up (a commit
    /// on this node that made a job due) and, as the server's executor does, polls as the fallback that finds jobs
    /// made due by the other node. Returns the attempts the engine counted as failed.
    /// </summary>
    private static async Task<int> ExecuteJobsAsync(Func<AsyncServiceScope> createScope, string lockOwner, CancellationToken stop)
    {
        var failed = 0;
        while (!stop.IsCancellationRequested)
        {
            await using var scope = createScope();
            var dueJobs = scope.ServiceProvider.GetRequiredService<JobWakeUp>().DueJobs;
            var summary = await scope.ServiceProvider.GetRequiredService<IProcessEngine>().ExecuteDueJobsAsync(new JobAcquisition(lockOwner, 32), CancellationToken.None);
            failed += summary.Failed;
            if (summary.Executed == 0 && summary.Failed == 0)
            {
                await Task.WhenAny(dueJobs, Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None));
            }
        }

        return failed;
    }

    private static async Task WaitUntilNoInstanceIsActiveAsync(EngineHost host, Stopwatch stopwatch)
    {
        while (await host.QueryAsync(db => db.ProcessInstances.Any(i => i.State == ProcessInstanceState.Active)))
        {
            Assert.True(stopwatch.Elapsed < Deadline, $"Instances were still active after {Deadline.TotalMinutes} minutes.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static async Task AssertEveryInstanceCompletedOnceAsync(EngineHost host, RunResult run)
    {
        Assert.Equal(Instances, run.Started.Count);
        Assert.Equal(run.Started.Count, run.Started.Distinct().Count());
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var states = await db.ProcessInstances.GroupBy(i => i.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal([(ProcessInstanceState.Completed, run.Started.Count)], states.Select(s => (s.State, s.Count)));

        var completions = await db.HistoryEvents.Where(e => e.Type == HistoryEventTypes.ProcessInstanceCompleted)
            .GroupBy(e => e.ProcessInstanceId).Select(g => new { Instance = g.Key, Count = g.Count() }).ToListAsync();
        Assert.DoesNotContain(completions, c => c.Count != 1);
        Assert.Equal(run.Started.Order(), completions.Select(c => c.Instance).Order());

        Assert.Equal(0, await db.Jobs.CountAsync());
        Assert.Equal(0, await db.Incidents.CountAsync());

        // Nothing else changes these instances and jobs of one instance never run at once, so no attempt may conflict
        // and be given up. That is what keeps a handler to one call per job: an attempt that conflicts applies its
        // outcome again under the same lock without calling the handler (ProcessEngine.ExecuteJobAsync); only a
        // given-up attempt (counted as failed) would call it again.
        Assert.Equal(0, run.FailedAttempts);
    }

    private sealed record RunResult(IReadOnlyList<Guid> Started, int FailedAttempts);

    /// <summary>Counts its calls per instance and element; shared by both nodes, as a ledger outside the engine would be.</summary>
    private sealed class CountingHandler(string jobType, IReadOnlyDictionary<string, object?> result) : IServiceTaskHandler
    {
        private readonly ConcurrentDictionary<(Guid Instance, string Element), int> _calls = new();

        public string JobType => jobType;

        public Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            _calls.AddOrUpdate((context.ProcessInstanceId, context.ElementId), 1, (_, calls) => calls + 1);
            return Task.FromResult(result);
        }

        public void AssertRanOnce(IReadOnlyList<Guid> instances, IReadOnlyList<string> elements)
        {
            Assert.DoesNotContain(_calls, c => c.Value != 1);
            var expected = instances.SelectMany(i => elements.Select(e => (i, e))).Order().ToList();
            Assert.Equal(expected, _calls.Keys.Select(k => (k.Instance, k.Element)).Order());
        }
    }
}
