using System.Collections.Concurrent;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Jobs;

/// <summary>
/// The job executor's lanes and continuations: jobs of one instance one after another (what their commands make due
/// right after, without a new acquisition), jobs of different instances at the same time, pickup at commit.
/// </summary>
public sealed class ParallelJobExecutorTests
{
    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_RunsAsyncBeforeChainInOnePass_WithoutAcquiringAgain(DatabaseProvider provider)
    {
        var commands = new CommandCounter();
        var handler = new DelegateHandler("schritt", _ => new Dictionary<string, object?>());
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler).AddSingleton<ICommandInterceptor>(commands));
        await host.DeployAsync(typeof(ParallelJobExecutorTests));
        var instance = await host.StartAsync("kette");

        var summary = await host.Engine.ExecuteDueJobsAsync();

        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
        Assert.Equal(["schritt1", "schritt2", "schritt3"], handler.Calls.Select(c => c.ElementId));
        Assert.Equal(1, commands.Count("AcquireJobsCommand"));
        Assert.Equal(0, summary.Failed);
        Assert.True(summary.Executed >= 3, $"Only {summary.Executed} jobs ran.");
        Assert.Equal(summary.Executed - 1, summary.Continued);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Run_NeverRunsTwoJobsOfOneInstanceAtOnce_WhenLanesRunInParallel(DatabaseProvider provider)
    {
        const int instances = 12;
        var handler = new OverlapRecordingHandler("schritt");
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(ParallelJobExecutorTests));
        for (var i = 0; i < instances; i++)
        {
            // Three parallel branches of two async steps each: one acquisition holds three due jobs of every instance.
            await host.StartAsync("zweige");
        }

        await using (var executor = RunningExecutor.Start(host, parallelism: 4, batchSize: 5))
        {
            Assert.True(await WaitUntilAsync(() => host.QueryAsync(db => db.ProcessInstances.All(i => i.State == ProcessInstanceState.Completed))), "Not every instance completed.");
            Assert.Equal(0, executor.Executor.Failed);
        }

        Assert.Equal(instances * 6, handler.Calls);
        Assert.Empty(handler.Overlaps);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Run_RunsJobsOfDifferentInstancesAtOnce_WhenHandlerWaits(DatabaseProvider provider)
    {
        const int lanes = 3;
        var handler = new GatheringHandler("warten", lanes);
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(ParallelJobExecutorTests));
        for (var i = 0; i < lanes; i++)
        {
            await host.StartAsync("warten");
        }

        await using var executor = RunningExecutor.Start(host, parallelism: lanes, batchSize: 20);

        // Each handler call waits until all three are in flight: with one job at a time this never happens, and the
        // wait fails the test (TimeoutException) instead of hanging it.
        await handler.AllInFlight.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(await WaitUntilAsync(() => host.QueryAsync(db => db.UserTasks.Count() == lanes)), "Not every instance reached its user task.");
        Assert.Equal(0, executor.Executor.Failed);
    }

    [Theory]
    [AllProviders]
    public async Task Run_PicksUpCommittedJob_WithoutWaitingForPollInterval(DatabaseProvider provider)
    {
        // The poll interval is an hour on a clock that never moves: only the wake-up at commit can run the job.
        var commands = new CommandCounter();
        var handler = new DelegateHandler("schritt", _ => new Dictionary<string, object?>());
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler).AddSingleton<ICommandInterceptor>(commands));
        await host.DeployAsync(typeof(ParallelJobExecutorTests));
        await using var executor = RunningExecutor.Start(host, parallelism: 2, batchSize: 20, pollInterval: TimeSpan.FromHours(1));
        Assert.True(await WaitUntilAsync(() => Task.FromResult(commands.Count("TenantsWithDueJobsCommand") == 1)), "The executor did not look for due jobs at start.");

        var instance = await host.StartAsync("sofort");

        Assert.True(await WaitUntilAsync(async () => (await host.GetAsync(instance.Id)).ActiveElementIds is ["pruefen"]), "The committed job was not run.");
        Assert.Single(handler.Calls);

        // The wake-up named the tenant: no second look across all tenants was needed.
        Assert.Equal(1, commands.Count("TenantsWithDueJobsCommand"));
    }

    // An explicit wait for the executor's lanes (no assertion on how long it took): looks again until it holds or a generous cap is reached.
    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>A <see cref="ParallelJobExecutor"/> running in the background until disposed.</summary>
    private sealed class RunningExecutor : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        private RunningExecutor(ParallelJobExecutor executor) => Executor = executor;

        public ParallelJobExecutor Executor { get; }

        public static RunningExecutor Start(EngineHost host, int parallelism, int batchSize, TimeSpan? pollInterval = null)
        {
            var settings = new ParallelJobExecutorSettings("test-executor", parallelism, batchSize, pollInterval ?? TimeSpan.FromHours(1));
            var running = new RunningExecutor(new ParallelJobExecutor(host.Services, host.Services.GetRequiredService<JobWakeUp>(), host.Clock, settings));
            running._run = Task.Run(() => running.Executor.RunAsync(running._stop.Token));
            return running;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            _stop.Dispose();
        }
    }

    /// <summary>Records calls that ran while another call for the same instance was still running.</summary>
    private sealed class OverlapRecordingHandler(string jobType) : IServiceTaskHandler
    {
        private readonly ConcurrentDictionary<Guid, int> _running = new();
        private int _calls;

        public string JobType { get; } = jobType;

        public int Calls => Volatile.Read(ref _calls);

        public ConcurrentBag<(Guid Instance, string Element)> Overlaps { get; } = [];

        public async Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            if (_running.AddOrUpdate(context.ProcessInstanceId, 1, (_, count) => count + 1) > 1)
            {
                Overlaps.Add((context.ProcessInstanceId, context.ElementId));
            }

            Interlocked.Increment(ref _calls);

            // Gives the other lanes the chance to run a job of the same instance meanwhile, if they wrongly could.
            for (var i = 0; i < 5; i++)
            {
                await Task.Yield();
            }

            _running.AddOrUpdate(context.ProcessInstanceId, 0, (_, count) => count - 1);
            return new Dictionary<string, object?>();
        }
    }

    /// <summary>Each call waits until <c>count</c> calls are in flight at once.</summary>
    private sealed class GatheringHandler(string jobType, int count) : IServiceTaskHandler
    {
        private readonly TaskCompletionSource _allInFlight = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public string JobType { get; } = jobType;

        public Task AllInFlight => _allInFlight.Task;

        public async Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _arrived) >= count)
            {
                _allInFlight.TrySetResult();
            }

            await _allInFlight.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return new Dictionary<string, object?>();
        }
    }
}
