using System.Collections.Concurrent;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
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
        // Another node changes the instance before every attempt of the job's command is saved, so that even applying
        // the handler's outcome again under the same lock conflicts each time: the lock must be given up at once.
        var race = new RaceInterceptor("ExecuteJobCommand");
        var handler = new DelegateHandler("melderegister-abfrage", _ => new Dictionary<string, object?> { ["gemeldet"] = true });
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler).AddSingleton<ICommandInterceptor>(race));
        await host.DeployAsync(typeof(JobExecutorTests));
        var instance = await host.StartAsync("jobs");
        var conflicts = 0;
        async Task ChangeInstanceAsync()
        {
            if (++conflicts < 3)
            {
                race.Interleave = ChangeInstanceAsync;
            }

            await using var other = host.CreateScope();
            var db = other.ServiceProvider.GetRequiredService<EngineDbContext>();
            db.ProcessInstances.Single(i => i.Id == instance.Id).Revision++;
            await db.SaveChangesAsync();
        }

        race.Interleave = ChangeInstanceAsync;

        var first = await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("executor-a", 10));

        Assert.Equal(new JobExecutionSummary(0, 1), first);
        Assert.Equal(3, conflicts);
        Assert.Single(handler.Calls);
        var job = await host.QueryAsync(db => db.Jobs.Single());
        Assert.Null(job.LockOwner);
        Assert.True(job.DueAt <= host.Clock.GetUtcNow(), "The job is due again at once, not after the lock duration.");
        Assert.Equal(3, job.Retries);

        var second = await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("executor-a", 10));

        Assert.Equal(new JobExecutionSummary(1, 0), second);
        Assert.Equal(2, handler.Calls.Count);
        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_JobRanTwiceAfterFullLock_WhenInstanceChangedWhileHandlerRan(DatabaseProvider provider)
    {
        EngineHost? host = null;
        Guid reviewTaskId = default;
        var handler = new DelegateHandler("melderegister-abfrage", _ =>
        {
            // While the handler runs, a clerk completes the other branch's task: the job's command meets a changed instance.
            if (reviewTaskId != default)
            {
                using var clerk = host!.CreateScope();
                clerk.ServiceProvider.GetRequiredService<IProcessEngine>().CompleteUserTaskAsync(reviewTaskId, Variables.Of(new { gesichtet = true })).GetAwaiter().GetResult();
                reviewTaskId = default;
            }

            return new Dictionary<string, object?> { ["wohnsitz"] = "Musterstadt" };
        });
        host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await using var disposeHost = host;
        await host.DeployAsync(typeof(JobExecutorTests));
        var instance = await host.StartAsync("jobs");
        reviewTaskId = (await host.SingleTaskAsync(instance.Id)).Id;

        var summary = await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("executor-a", 10));

        Assert.Equal(new JobExecutionSummary(1, 0), summary);
        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["check"], state.ActiveElementIds);
        Assert.Equal("Musterstadt", state.Variables["wohnsitz"]!.GetValue<string>());
        Assert.True(state.Variables["gesichtet"]!.GetValue<bool>());
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
        await host.AdvanceAsync(TimeSpan.FromMinutes(6));
        Assert.Single(handler.Calls);
    }

    [Fact]
    public async Task Bug_JobStayedLockedUntilExpiry_WhenTransactionalHandlerRanIntoConflict()
    {
        // PostgreSQL only: on SQLite the handler's open write transaction would make the clerk's command wait for it.
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        EngineHost? host = null;
        Guid reviewTaskId = default;
        var handler = new DelegateHandler("melderegister-abfrage", context =>
        {
            // The handler writes in the job's transaction, so its work rolls back with the conflict and must be done again.
            context.BeginTransactionAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (reviewTaskId != default)
            {
                using var clerk = host!.CreateScope();
                clerk.ServiceProvider.GetRequiredService<IProcessEngine>().CompleteUserTaskAsync(reviewTaskId, Variables.Of(new { gesichtet = true })).GetAwaiter().GetResult();
                reviewTaskId = default;
            }

            return new Dictionary<string, object?> { ["wohnsitz"] = "Musterstadt" };
        });
        host = await EngineHost.StartAsync(DatabaseProvider.Postgres, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await using var disposeHost = host;
        await host.DeployAsync(typeof(JobExecutorTests));
        var instance = await host.StartAsync("jobs");
        reviewTaskId = (await host.SingleTaskAsync(instance.Id)).Id;

        var first = await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("executor-a", 10));

        Assert.Equal(new JobExecutionSummary(0, 1), first);
        var job = Assert.Single(await host.QueryAsync(db => db.Jobs.ToList()));
        Assert.Null(job.LockOwner);
        Assert.Equal(3, job.Retries);
        var second = await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("executor-a", 10));
        Assert.Equal(new JobExecutionSummary(1, 0), second);
        Assert.Equal(["check"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(2, handler.Calls.Count);
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_WaitsBackoffOfTaskHeader_WhenHandlerFails(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("melderegister-abfrage", _ => throw new InvalidOperationException("Melderegister nicht erreichbar"));
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(JobExecutorTests));

        // The call inside the start command was the first attempt.
        await host.StartAsync("jobs");

        Assert.Equal(EngineHost.StartTime.AddMinutes(5), await host.QueryAsync(db => db.Jobs.Single().DueAt));
        Assert.Equal(new JobExecutionSummary(0, 0), await host.AdvanceAsync(TimeSpan.FromMinutes(4)));
        Assert.Equal(new JobExecutionSummary(0, 1), await host.AdvanceAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(2, handler.Calls.Count);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_IsRefused_WhenRetryBackoffIsNoDuration(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(JobExecutorTests)));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal("lookup", problem.ElementId);
        Assert.Contains("retryBackoff „fünf Minuten“ keine Dauer nach ISO 8601", problem.MessageGerman, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_RunsHigherPriorityFirst_WhenSeveralJobsAreDue(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("melderegister-abfrage", _ => new Dictionary<string, object?>());
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(JobExecutorTests));
        var normal = await host.StartAsync("normal");
        var urgent = await host.StartAsync("urgent");
        Assert.Equal([0, 10], await host.QueryAsync(db => db.Jobs.Select(j => j.Priority).OrderBy(p => p).ToList()));

        Assert.Equal(new JobExecutionSummary(1, 0), await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("executor-a", 1)));

        Assert.Equal([urgent.Id], handler.Calls.Select(c => c.ProcessInstanceId));
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(urgent.Id)).State);
        Assert.Equal(ProcessInstanceState.Active, (await host.GetAsync(normal.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_SkipsJobOfInstanceWhoseOtherJobRuns_WhenSecondExecutorLooks(DatabaseProvider provider)
    {
        EngineHost? host = null;
        JobExecutionSummary? seenByOther = null;
        var handler = new DelegateHandler("melderegister-abfrage", context =>
        {
            if (seenByOther is null)
            {
                // While executor A runs one job of the instance, executor B looks for due jobs.
                using var other = host!.CreateScope();
                seenByOther = other.ServiceProvider.GetRequiredService<IProcessEngine>().ExecuteDueJobsAsync(new JobAcquisition("executor-b", 10)).GetAwaiter().GetResult();
            }

            return new Dictionary<string, object?>();
        });
        host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await using var disposeHost = host;
        await host.DeployAsync(typeof(JobExecutorTests));
        var instance = await host.StartAsync("jobs");

        var summary = await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("executor-a", 1));

        // Executor A acquired one job; the instance's other due job, which B could not take, continues in A's pass.
        Assert.Equal(new JobExecutionSummary(2, 0, 1), summary);
        Assert.Equal(new JobExecutionSummary(0, 0), seenByOther);
        Assert.Equal(new JobExecutionSummary(0, 0), await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("executor-b", 10)));
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
        Assert.Equal(["first", "second"], handler.Calls.Select(c => c.ElementId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_TakesOverJob_WhenLockOfDeadExecutorHasExpired(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("melderegister-abfrage", _ => new Dictionary<string, object?>());
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(JobExecutorTests));
        var instance = await host.StartAsync("jobs");
        await using (var scope = host.CreateScope())
        {
            // Executor A locked the job and its server process died before running it.
            var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
            var job = db.Jobs.Single();
            job.LockOwner = "node-a/4711";
            job.LockExpiresAt = EngineHost.StartTime.AddMinutes(5);
            await db.SaveChangesAsync();
        }

        Assert.Equal(new JobExecutionSummary(0, 0), await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("node-b/815", 10)));
        host.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(new JobExecutionSummary(1, 0), await host.Engine.ExecuteDueJobsAsync(new JobAcquisition("node-b/815", 10)));

        Assert.Equal(["check"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Single(handler.Calls);
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_AbandonsHangingHandler_WhenHandlerTimeoutPasses(DatabaseProvider provider)
    {
        var hanging = new HangingHandler();
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(hanging));
        await host.DeployAsync(typeof(JobExecutorTests));
        var instance = await host.StartAsync("jobs");

        var run = host.Engine.ExecuteDueJobsAsync();
        await hanging.Started.Task;
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var summary = await run;

        // The async-before job's command ran the handler; the abandoned call left the task with a job, one retry less.
        Assert.Equal(new JobExecutionSummary(1, 0), summary);
        Assert.True(hanging.TokenCanceled, "The handler was not told to stop.");
        var job = await host.QueryAsync(db => db.Jobs.Single());
        Assert.Equal(2, job.Retries);
        Assert.Equal("Der Handler für „melderegister-abfrage“ hat nicht innerhalb von 120 Sekunden geantwortet.", job.LastError);
        Assert.Null(job.LockOwner);
        Assert.Equal(["lookup"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task QueryJobs_ListsJobsByState_WhenJobFailsUntilNoRetriesAreLeft(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("melderegister-abfrage", _ => throw new InvalidOperationException("Melderegister nicht erreichbar"));
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(JobExecutorTests));
        var instance = await host.StartAsync("jobs");

        // The call inside the start command was the first of three attempts.
        var waiting = Assert.Single(await host.Engine.QueryJobsAsync(new JobQuery { State = JobState.Waiting, ProcessId = "jobs" }));
        Assert.Equal(("ServiceTask", "lookup", instance.Id, 2), (waiting.Kind, waiting.ElementId, waiting.ProcessInstanceId!.Value, waiting.Retries));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await host.AdvanceAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Empty(await host.Engine.QueryJobsAsync(new JobQuery { State = JobState.Waiting }));
        var failed = Assert.Single(await host.Engine.QueryJobsAsync(new JobQuery { State = JobState.Failed, ElementId = "lookup" }));
        Assert.Equal("Melderegister nicht erreichbar", failed.LastError);
        Assert.Empty(await host.Engine.QueryJobsAsync(new JobQuery { ProcessId = "andere" }));
        var incident = Assert.Single(await host.Engine.QueryIncidentsAsync(new IncidentQuery { Open = true, ProcessId = "jobs" }));
        Assert.Equal(failed.Id, incident.JobId);
        Assert.Empty(await host.Engine.QueryIncidentsAsync(new IncidentQuery { Open = true, Skip = 1 }));
    }

    /// <summary>A handler that never answers (it ignores its cancellation token), as a hanging Fachverfahren would.</summary>
    private sealed class HangingHandler : IServiceTaskHandler
    {
        public string JobType => "melderegister-abfrage";

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TokenCanceled { get; private set; }

        public Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            cancellationToken.Register(() => TokenCanceled = true);
            Started.TrySetResult();
            return new TaskCompletionSource<IReadOnlyDictionary<string, object?>>().Task;
        }
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
