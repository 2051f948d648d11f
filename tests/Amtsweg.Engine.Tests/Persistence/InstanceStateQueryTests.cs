using System.Data.Common;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Persistence;

/// <summary>The one-round-trip load of an instance's state (issue 18): the same rows as EF, tenant-safe, saved with the revision check.</summary>
public sealed class InstanceStateQueryTests
{
    [Theory]
    [AllProviders]
    public async Task Load_ReadsExactlyWhatEfReads_WhenInstanceHasEveryKindOfRow(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(InstanceStateQueryTests));
        var (instance, completedTask) = await StartAsync(host, "AZ-1");
        var (other, _) = await StartAsync(host, "AZ-2");

        await using var efScope = host.CreateScope();
        var ef = efScope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var expectedInstance = ef.ProcessInstances.Single(i => i.Id == instance);
        var expectedExecutions = ef.Executions.Where(e => e.ProcessInstanceId == instance).OrderBy(e => e.Sequence).ToList();
        var expectedVariables = ef.Variables.Where(v => v.ProcessInstanceId == instance).ToList();
        var expectedTasks = ef.UserTasks.Where(t => t.ProcessInstanceId == instance && t.State == UserTaskState.Created).ToList();
        var expectedSubscriptions = ef.EventSubscriptions.Where(s => s.ProcessInstanceId == instance).ToList();
        var expectedJobs = ef.Jobs.Where(j => j.ProcessInstanceId == instance).ToList();

        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var state = await InstanceStateQuery.LoadAsync(db, instance, CancellationToken.None);

        // Every kind of row is there, so that the comparison below compares something.
        Assert.Equal(4, expectedExecutions.Count);
        Assert.Equal(3, expectedVariables.Count);
        Assert.Single(expectedTasks);
        Assert.Single(expectedSubscriptions);
        Assert.Equal(2, expectedJobs.Count);
        AssertSameRows(ef, [expectedInstance], [state.Instance!]);
        AssertSameRows(ef, expectedExecutions, state.Executions, ordered: true);
        AssertSameRows(ef, expectedVariables, state.Variables);
        AssertSameRows(ef, expectedTasks, state.OpenTasks);
        AssertSameRows(ef, expectedSubscriptions, state.Subscriptions);
        AssertSameRows(ef, expectedJobs, state.Jobs);
        Assert.DoesNotContain(state.OpenTasks, t => t.Id == completedTask);
        Assert.All(state.Executions.Cast<object>().Concat(state.Variables).Concat(state.OpenTasks).Concat(state.Subscriptions).Concat(state.Jobs).Append(state.Instance!),
            row => Assert.Equal(EntityState.Unchanged, db.Entry(row).State));

        // The synchronous load and the loads that start from a job or a user task read the same.
        await using var syncScope = host.CreateScope();
        var syncDb = syncScope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var sync = InstanceStateQuery.Load(syncDb, instance);
        AssertSameRows(ef, expectedExecutions, sync.Executions, ordered: true);
        AssertSameRows(ef, expectedJobs, sync.Jobs);

        await using var jobScope = host.CreateScope();
        var jobDb = jobScope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var timer = expectedJobs.Single(j => j.Kind == JobKind.Timer);
        var byJob = await InstanceStateQuery.LoadByJobAsync(jobDb, timer.Id, CancellationToken.None);
        AssertSameRows(ef, [timer], [byJob.Job!]);
        Assert.Same(byJob.Job, byJob.Jobs.Single(j => j.Id == timer.Id));
        AssertSameRows(ef, expectedVariables, byJob.Variables);
        AssertSameRows(ef, expectedSubscriptions, byJob.Subscriptions);

        await using var taskScope = host.CreateScope();
        var taskDb = taskScope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var byTask = await InstanceStateQuery.LoadByUserTaskAsync(taskDb, completedTask, CancellationToken.None);
        Assert.Equal(UserTaskState.Completed, byTask.UserTask!.State);
        AssertSameRows(ef, [ef.UserTasks.Single(t => t.Id == completedTask)], [byTask.UserTask]);
        AssertSameRows(ef, expectedTasks, byTask.OpenTasks);
        AssertSameRows(ef, expectedExecutions, byTask.Executions, ordered: true);

        // Nothing of the other instance of the same process came with it.
        Assert.NotEqual(instance, other);
        Assert.All(byTask.Executions.Select(e => e.ProcessInstanceId).Concat(byTask.Variables.Select(v => v.ProcessInstanceId)), id => Assert.Equal(instance, id));
    }

    [Theory]
    [AllProviders]
    public async Task Load_FindsNothing_WhenRowsBelongToAnotherTenant(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(InstanceStateQueryTests));
        var (instance, completedTask) = await StartAsync(host, "AZ-1");
        var job = await host.QueryAsync(db => db.Jobs.First(j => j.ProcessInstanceId == instance).Id);

        // Another municipality has an instance of its own, so that its rows are in the tables too.
        var foreignTenant = Guid.CreateVersion7();
        await using var foreign = host.CreateScope(foreignTenant);
        var foreignEngine = foreign.ServiceProvider.GetRequiredService<IProcessEngine>();
        await foreignEngine.DeployAsync(new DeploymentRequest("fremd", [Diagrams.Resource(typeof(InstanceStateQueryTests), nameof(Load_FindsNothing_WhenRowsBelongToAnotherTenant))]));
        var foreignInstance = await foreignEngine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "zustand", Variables = Variables.Of(new { aktenzeichen = "AZ-F" }) });

        await using var scope = host.CreateScope(foreignTenant);
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
        AssertEmpty(await InstanceStateQuery.LoadAsync(db, instance, CancellationToken.None));
        AssertEmpty(await InstanceStateQuery.LoadByJobAsync(db, job, CancellationToken.None));
        AssertEmpty(await InstanceStateQuery.LoadByUserTaskAsync(db, completedTask, CancellationToken.None));
        Assert.NotNull((await InstanceStateQuery.LoadAsync(db, foreignInstance.Id, CancellationToken.None)).Instance);

        await using var own = host.CreateScope();
        var ownDb = own.ServiceProvider.GetRequiredService<EngineDbContext>();
        AssertEmpty(await InstanceStateQuery.LoadAsync(ownDb, foreignInstance.Id, CancellationToken.None));
        AssertEmpty(InstanceStateQuery.Load(ownDb, foreignInstance.Id));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.Engine.CancelProcessInstanceAsync(foreignInstance.Id));
    }

    [Theory]
    [AllProviders]
    public async Task Load_SavesChangesWithRevisionCheck_WhenLoadedRowsAreChanged(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(InstanceStateQueryTests));
        var (instance, _) = await StartAsync(host, "AZ-1");
        var revision = await host.QueryAsync(db => db.ProcessInstances.Single(i => i.Id == instance).Revision);

        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
            var state = await InstanceStateQuery.LoadAsync(db, instance, CancellationToken.None);
            state.Instance!.Revision++;
            state.Variables.Single(v => v.Name == "betrag").Json = "750";
            db.Jobs.Remove(state.Jobs.Single(j => j.Kind == JobKind.Timer));
            await db.SaveChangesAsync();
        }

        Assert.Equal(revision + 1, await host.QueryAsync(db => db.ProcessInstances.Single(i => i.Id == instance).Revision));
        Assert.Equal("750", await host.QueryAsync(db => db.Variables.Single(v => v.ProcessInstanceId == instance && v.Name == "betrag").Json));
        Assert.DoesNotContain(await host.QueryAsync(db => db.Jobs.Where(j => j.ProcessInstanceId == instance).ToList()), j => j.Kind == JobKind.Timer);
    }

    [Theory]
    [AllProviders]
    public async Task Load_FailsSaveWithConcurrencyConflict_WhenInstanceChangedAfterLoad(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(InstanceStateQueryTests));
        var (instance, _) = await StartAsync(host, "AZ-1");

        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var state = await InstanceStateQuery.LoadAsync(db, instance, CancellationToken.None);

        // Another command changes the instance after the load.
        await host.Engine.ClaimUserTaskAsync(state.OpenTasks.Single().Id, "anna");

        state.Instance!.Revision++;
        state.Variables.Single(v => v.Name == "betrag").Json = "750";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        Assert.Equal("500", await host.QueryAsync(db => db.Variables.Single(v => v.ProcessInstanceId == instance && v.Name == "betrag").Json));
    }

    [Theory]
    [AllProviders]
    public async Task CompleteUserTaskAndExecuteJob_ReadInstanceStateInOneCommand_WhenRun(DatabaseProvider provider)
    {
        var counter = new QueryCounter();
        await using var host = await EngineHost.StartAsync(provider, s =>
        {
            s.AddSingleton<ICommandInterceptor>(counter);
            s.ConfigureDbContext<SqliteEngineDbContext>(b => b.AddInterceptors(counter));
            s.ConfigureDbContext<PostgresEngineDbContext>(b => b.AddInterceptors(counter));
        });
        await host.DeployAsync(typeof(InstanceStateQueryTests));
        var instance = await host.StartAsync("rundreise");
        var task = await host.SingleTaskAsync(instance.Id);

        counter.Watch("CompleteUserTaskCommand");
        await host.Engine.CompleteUserTaskAsync(task.Id);
        var completeQueries = counter.Stop();

        counter.Watch("ExecuteJobCommand");
        var summary = await host.AdvanceAsync(TimeSpan.FromHours(1));
        var jobQueries = counter.Stop();

        Assert.Equal(1, summary.Executed);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
        Assert.Contains("EngineExecutions", Assert.Single(completeQueries), StringComparison.Ordinal);
        Assert.Contains("EngineExecutions", Assert.Single(jobQueries), StringComparison.Ordinal);
    }

    /// <summary>An instance with a completed and an open user task, a timer, an external job, a message subscription and three variables.</summary>
    private static async Task<(Guid Instance, Guid CompletedTask)> StartAsync(EngineHost host, string aktenzeichen)
    {
        var instance = await host.StartAsync("zustand", new { aktenzeichen, betrag = 500 });
        var erfassen = (await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id, ElementId = "erfassen" })).Single();
        await host.Engine.CompleteUserTaskAsync(erfassen.Id, Variables.Of(new { ergebnis = "vollständig" }));
        return (instance.Id, erfassen.Id);
    }

    /// <summary>Compares loaded rows with EF's, property by property as the EF model lists them.</summary>
    private static void AssertSameRows<T>(EngineDbContext model, IReadOnlyList<T> expected, IReadOnlyList<T> actual, bool ordered = false)
        where T : class
    {
        Assert.Equal(expected.Count, actual.Count);
        var properties = model.Model.FindEntityType(typeof(T))!.GetProperties().ToList();
        var id = properties.Single(p => p.Name == "Id").GetGetter();
        var left = ordered ? expected : [.. expected.OrderBy(e => (Guid)id.GetClrValue(e)!)];
        var right = ordered ? actual : [.. actual.OrderBy(e => (Guid)id.GetClrValue(e)!)];
        for (var row = 0; row < left.Count; row++)
        {
            foreach (var property in properties)
            {
                var getter = property.GetGetter();
                Assert.True(
                    Equals(getter.GetClrValue(left[row]), getter.GetClrValue(right[row])),
                    $"{typeof(T).Name}.{property.Name}: expected {getter.GetClrValue(left[row])}, loaded {getter.GetClrValue(right[row])}");
            }
        }
    }

    private static void AssertEmpty(InstanceState state)
    {
        Assert.Null(state.Instance);
        Assert.Null(state.Job);
        Assert.Null(state.UserTask);
        Assert.Empty(state.Executions);
        Assert.Empty(state.Variables);
        Assert.Empty(state.OpenTasks);
        Assert.Empty(state.Subscriptions);
        Assert.Empty(state.Jobs);
    }

    /// <summary>Records the SQL of every query (not the writes of the flush) that one engine command sends.</summary>
    private sealed class QueryCounter : DbCommandInterceptor, ICommandInterceptor
    {
        private readonly List<string> _queries = [];
        private string? _command;
        private bool _inside;

        public void Watch(string commandName)
        {
            _queries.Clear();
            _command = commandName;
        }

        public List<string> Stop()
        {
            _command = null;
            return [.. _queries];
        }

        public async Task<object?> InterceptAsync(string name, Func<Task<object?>> next, CancellationToken cancellationToken)
        {
            _inside = name == _command;
            try
            {
                return await next();
            }
            finally
            {
                _inside = false;
            }
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            Record(command, result);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Record(command, result));

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
            Record(command, result);

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Record(command, result));

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
            Record(command, result);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Record(command, result));

        private T Record<T>(DbCommand command, T result)
        {
            if (_inside)
            {
                _queries.Add(command.CommandText);
            }

            return result;
        }
    }
}
