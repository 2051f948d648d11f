using System.Collections.Concurrent;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Jobs;

public sealed class JobExecutorTests
{
    [Fact]
    public async Task ExecuteDueJobs_RunsEveryJobOnce_WhenTwoExecutorsShareOnePostgresDatabase()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        var handler = new CountingHandler();
        await using var host = await EngineHost.StartAsync(DatabaseProvider.Postgres, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(JobExecutorTests));
        var instances = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            instances.Add((await host.StartAsync("jobs")).Id);
        }

        var summaries = await Task.WhenAll(RunExecutorAsync(host, "executor-a"), RunExecutorAsync(host, "executor-b"));

        Assert.Equal(24, summaries.Sum(s => s.Executed));
        Assert.Equal(0, summaries.Sum(s => s.Failed));
        Assert.All(instances, id => Assert.Equal(1, handler.Calls.GetValueOrDefault(id)));
        Assert.Equal(24, handler.Calls.Count);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
        Assert.Equal(24, await host.QueryAsync(db => db.UserTasks.Count(t => t.ElementId == "check")));
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_SkipsJobLockedByAnotherExecutor_WhileItRuns(DatabaseProvider provider)
    {
        EngineHost? host = null;
        JobExecutionSummary? seenByOther = null;
        var handler = new DelegateHandler("melderegister-abfrage", _ =>
        {
            // While executor A runs the job, executor B looks for due jobs in its own unit of work.
            using var other = host!.CreateScope();
            seenByOther = other.ServiceProvider.GetRequiredService<IProcessEngine>().ExecuteDueJobsAsync(new JobAcquisition("executor-b", 10)).GetAwaiter().GetResult();
            return new Dictionary<string, object?>();
        });
        host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await using var disposeHost = host;
        await host.DeployAsync(typeof(JobExecutorTests));
        var instance = await host.StartAsync("jobs");

        var summary = await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("executor-a", 10));

        Assert.Equal(new JobExecutionSummary(1, 0), summary);
        Assert.Equal(new JobExecutionSummary(0, 0), seenByOther);
        Assert.Single(handler.Calls);
        Assert.Equal(["check"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_JobStayedLockedForLockDuration_WhenItsCommandRanIntoConcurrentChange(DatabaseProvider provider)
    {
        EngineHost? host = null;
        var handler = new DelegateHandler("melderegister-abfrage", context =>
        {
            if (host!.QueryAsync(db => db.UserTasks.Count(t => t.State == UserTaskState.Created)).GetAwaiter().GetResult() == 1)
            {
                // While the job runs, a clerk completes the parallel task of the same instance in another unit of work.
                using var clerk = host.CreateScope();
                var engine = clerk.ServiceProvider.GetRequiredService<IProcessEngine>();
                var task = engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = context.ProcessInstanceId }).GetAwaiter().GetResult().Single();
                engine.CompleteUserTaskAsync(task.Id).GetAwaiter().GetResult();
            }

            return new Dictionary<string, object?> { ["gemeldet"] = true };
        });
        host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await using var disposeHost = host;
        await host.DeployAsync(typeof(JobExecutorTests));
        var instance = await host.StartAsync("jobs");

        var first = await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("executor-a", 10));

        Assert.Equal(new JobExecutionSummary(0, 1), first);
        var job = await host.QueryAsync(db => db.Jobs.Single());
        Assert.Null(job.LockOwner);
        Assert.True(job.DueAt <= host.Clock.GetUtcNow(), "The job is due again at once, not after the lock duration.");
        Assert.Equal(3, job.Retries);

        var second = await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("executor-a", 10));

        Assert.Equal(new JobExecutionSummary(1, 0), second);
        Assert.Equal(2, handler.Calls.Count);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
    }

    private static async Task<JobExecutionSummary> RunExecutorAsync(EngineHost host, string owner)
    {
        await using var scope = host.CreateScope();
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        var executed = 0;
        var failed = 0;
        while (true)
        {
            var round = await engine.ExecuteDueJobsAsync(new JobAcquisition(owner, 4));
            executed += round.Executed;
            failed += round.Failed;
            if (round.Executed + round.Failed == 0 && await host.QueryAsync(db => db.Jobs.Count()) == 0)
            {
                return new JobExecutionSummary(executed, failed);
            }
        }
    }

    /// <summary>Counts the calls per instance; two executors call it at the same time.</summary>
    private sealed class CountingHandler : IServiceTaskHandler
    {
        public string JobType => "melderegister-abfrage";

        public ConcurrentDictionary<Guid, int> Calls { get; } = new();

        public async Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            Calls.AddOrUpdate(context.ProcessInstanceId, 1, (_, count) => count + 1);
            await Task.Yield();
            return new Dictionary<string, object?>();
        }
    }
}
