using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>Service tasks with an in-process handler and without <c>camunda:asyncBefore</c> run inside the command (ADR 0020).</summary>
public sealed class InlineServiceTaskTests
{
    private const string JobType = "melderegister-abfrage";

    [Theory]
    [AllProviders]
    public async Task Start_CompletesInStartCommandWithoutJob_WhenServiceTaskHasInProcessHandler(DatabaseProvider provider)
    {
        var handler = new DelegateHandler(JobType, c => new Dictionary<string, object?> { ["wohnsitz"] = "Musterstadt" });
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(InlineServiceTaskTests));

        var instance = await host.StartAsync("straight", new { betrag = 6 });

        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal("Musterstadt", instance.Variables["wohnsitz"]!.GetValue<string>());
        var call = Assert.Single(handler.Calls);
        Assert.Equal((12, 3), (call.Variables["gebuehr"]!.GetValue<int>(), call.RetriesLeft));
        Assert.Equal(["start", "berechnen", "pruefen", "lookup", "end"], await host.EnteredAsync(instance.Id));
        Assert.DoesNotContain(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.JobFailed);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
        Assert.Equal(new JobExecutionSummary(0, 0), await host.Engine.ExecuteDueJobsAsync());
    }

    [Theory]
    [AllProviders]
    public async Task Start_WaitsWithOneJob_WhenServiceTaskIsAsyncBefore(DatabaseProvider provider)
    {
        var handler = new DelegateHandler(JobType, _ => new Dictionary<string, object?>());
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(InlineServiceTaskTests));

        var instance = await host.StartAsync("async");

        Assert.Equal(["lookup"], instance.ActiveElementIds);
        Assert.Empty(handler.Calls);
        var job = Assert.Single(await host.Engine.QueryJobsAsync(new JobQuery()));
        Assert.Equal(("AsyncContinuation", "lookup"), (job.Kind, job.ElementId));

        // The one job runs the handler inside its own command, as Camunda 7's async continuation runs the delegate.
        Assert.Equal(new JobExecutionSummary(1, 0), await host.Engine.ExecuteDueJobsAsync());

        Assert.Single(handler.Calls);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Start_CreatesExternalJob_WhenNoHandlerServesJobType(DatabaseProvider provider)
    {
        var handler = new DelegateHandler(JobType, _ => new Dictionary<string, object?>());
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(InlineServiceTaskTests));

        var instance = await host.StartAsync("external");

        Assert.Equal(["export"], instance.ActiveElementIds);
        var job = Assert.Single(await host.Engine.QueryJobsAsync(new JobQuery()));
        Assert.Equal(("ExternalTask", "fachverfahren-export"), (job.Kind, job.JobType));
        Assert.Empty(handler.Calls);
    }

    [Theory]
    [AllProviders]
    public async Task Start_CommitsInstanceWaitingWithJob_WhenInlineHandlerFails(DatabaseProvider provider)
    {
        var handler = new DelegateHandler(JobType, c => c.ElementId == "lookup" && c.RetriesLeft == 3
            ? throw new InvalidOperationException("Melderegister nicht erreichbar")
            : new Dictionary<string, object?> { [c.ElementId] = "erledigt" });
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(InlineServiceTaskTests));

        var instance = await host.StartAsync("failing");

        Assert.Equal(["lookup"], instance.ActiveElementIds);
        Assert.True(instance.Variables["vorbereitet"]!.GetValue<bool>());
        var job = await host.QueryAsync(db => db.Jobs.Single());
        Assert.Equal((JobKind.ServiceTask, "lookup", 2), (job.Kind, job.ElementId, job.Retries));
        Assert.Equal("Melderegister nicht erreichbar", job.LastError);
        Assert.Equal(EngineHost.StartTime + TimeSpan.FromSeconds(10), job.DueAt);
        var failed = Assert.Single(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.JobFailed);
        Assert.Equal("2 retries left: Melderegister nicht erreichbar", failed.Detail);
        Assert.Empty((await host.GetAsync(instance.Id)).Incidents);

        Assert.Equal(new JobExecutionSummary(0, 0), await host.AdvanceAsync(TimeSpan.FromSeconds(9)));
        Assert.Equal(new JobExecutionSummary(1, 0), await host.AdvanceAsync(TimeSpan.FromSeconds(1)));

        // The job's handler call saw the retries left; the next task ran inside the job's command.
        Assert.Equal([("lookup", 3), ("lookup", 2), ("notify", 3)], handler.Calls.Select(c => (c.ElementId, c.RetriesLeft)));
        var state = await host.GetAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, state.State);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Start_RaisesIncident_WhenInlineHandlerFailsWithOneRetryLeft(DatabaseProvider provider)
    {
        var handler = new DelegateHandler(JobType, _ => throw new InvalidOperationException("Melderegister nicht erreichbar"));
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(InlineServiceTaskTests));

        var instance = await host.StartAsync("lastTry");

        Assert.Equal(["lookup"], instance.ActiveElementIds);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal((IncidentTypes.JobFailed, "lookup", "Melderegister nicht erreichbar"), (incident.Type, incident.ElementId, incident.Message));
        var job = await host.QueryAsync(db => db.Jobs.Single());
        Assert.Equal((0, incident.JobId), (job.Retries, (Guid?)job.Id));
        Assert.Single((await host.GetAsync(instance.Id)).Incidents);
        Assert.Equal(new JobExecutionSummary(0, 0), await host.AdvanceAsync(TimeSpan.FromMinutes(1)));
        Assert.Single(handler.Calls);
    }

    [Theory]
    [AllProviders]
    public async Task Start_RaisesIncidentWithoutUsingRetries_WhenHandlerThrowsServiceTaskIncidentException(DatabaseProvider provider)
    {
        var handler = new DelegateHandler(JobType, _ => throw new ServiceTaskIncidentException("Vorlage fehlt"));
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(InlineServiceTaskTests));

        var instance = await host.StartAsync("refused");

        var incident = Assert.Single((await host.GetAsync(instance.Id)).Incidents);
        Assert.Equal((IncidentTypes.JobFailed, "lookup", "Vorlage fehlt"), (incident.Type, incident.ElementId, incident.Message));
        var job = await host.QueryAsync(db => db.Jobs.Single());
        Assert.Equal((0, "Vorlage fehlt", incident.JobId), (job.Retries, job.LastError, (Guid?)job.Id));
        Assert.Equal(["lookup"], instance.ActiveElementIds);

        await host.Engine.RetryIncidentAsync(new RetryIncidentRequest(incident.Id));
        Assert.Equal(new JobExecutionSummary(0, 1), await host.Engine.ExecuteDueJobsAsync());
        Assert.Equal(2, handler.Calls.Count);
    }

    [Theory]
    [AllProviders]
    public async Task Start_FollowsErrorBoundary_WhenInlineHandlerThrowsBpmnError(DatabaseProvider provider)
    {
        var handler = new DelegateHandler(JobType, _ => throw new BpmnErrorException("NICHT_GEFUNDEN", "Person unbekannt"));
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(InlineServiceTaskTests));

        var instance = await host.StartAsync("bpmnError");

        Assert.Equal(["manual"], instance.ActiveElementIds);
        Assert.Empty(instance.Incidents);
        Assert.Equal(["start", "lookup", "notFound", "manual"], await host.EnteredAsync(instance.Id));
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Start_RollsBackOnlyHandlerWrites_WhenInlineHandlerWritesThenFails(DatabaseProvider provider)
    {
        var handler = new RenamingHandler();
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(InlineServiceTaskTests));

        var instance = await host.StartAsync("writes");

        // The first task's write and the instance commit; the second task's write rolled back to its savepoint.
        Assert.Equal("erster", await host.QueryAsync(db => db.ProcessDefinitions.Single().Name));
        Assert.Equal(["second"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(["start", "first", "second"], await host.EnteredAsync(instance.Id));
        var job = await host.QueryAsync(db => db.Jobs.Single());
        Assert.Equal(("second", 2, "Fachverfahren antwortet nicht"), (job.ElementId, job.Retries, job.LastError));
        Assert.Equal(2, handler.Calls);
    }

    [Theory]
    [AllProviders]
    public async Task Start_CommitsHandlerWritesWithStart_WhenInlineHandlerSucceeds(DatabaseProvider provider)
    {
        var handler = new RenamingHandler();
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(InlineServiceTaskTests));

        var instance = await host.StartAsync("writes");

        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal("geschrieben", await host.QueryAsync(db => db.ProcessDefinitions.Single().Name));
        Assert.Equal(1, handler.Calls);
    }

    [Theory]
    [AllProviders]
    public async Task Start_RollsBackHandlerWrites_WhenCommandRunsIntoIncidentAfterCall(DatabaseProvider provider)
    {
        var handler = new RenamingHandler();
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(InlineServiceTaskTests));
        var name = await host.QueryAsync(db => db.ProcessDefinitions.Single().Name);

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("writes"));

        Assert.Equal(IncidentTypes.ExpressionFailed, error.Incident.Type);
        Assert.Equal(name, await host.QueryAsync(db => db.ProcessDefinitions.Single().Name));
        Assert.Equal(["start"], (await host.GetAsync(error.Incident.ProcessInstanceId!.Value)).ActiveElementIds);
        Assert.Equal(1, handler.Calls);
    }

    [Theory]
    [AllProviders]
    public async Task Start_GivesCallingInstances_WhenCalledInstanceStartsInSameCommand(DatabaseProvider provider)
    {
        var handler = new DelegateHandler(JobType, c => new Dictionary<string, object?> { ["gerufen"] = true });
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(InlineServiceTaskTests));

        // Neither instance is saved when the handler runs: the callers come from the command, not from the database.
        var instance = await host.StartAsync("haupt");

        var call = Assert.Single(handler.Calls);
        Assert.Equal([instance.Id], call.CallingProcessInstanceIds);
        Assert.NotEqual(instance.Id, call.ProcessInstanceId);
        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.True(instance.Variables["gerufen"]!.GetValue<bool>());
    }

    [Theory]
    [AllProviders]
    public async Task Start_RaisesStepLimitIncident_WhenInlineServiceTasksLoop(DatabaseProvider provider)
    {
        var handler = new DelegateHandler(JobType, _ => new Dictionary<string, object?>());
        await using var host = await EngineHost.StartAsync(provider, s => s
            .AddSingleton<IServiceTaskHandler>(handler)
            .Configure<ProcessEngineOptions>(o => o.MaxStepsPerTransaction = 300));
        await host.DeployAsync(typeof(InlineServiceTaskTests));

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("loop"));

        Assert.Equal(IncidentTypes.StepLimitExceeded, error.Incident.Type);
        Assert.StartsWith("Mehr als 300 Schritte in einer Transaktion", error.Incident.Message, StringComparison.Ordinal);
        Assert.Equal(["start"], (await host.GetAsync(error.Incident.ProcessInstanceId!.Value)).ActiveElementIds);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
        Assert.InRange(handler.Calls.Count, 2, 300);
    }

    [Theory]
    [AllProviders]
    public async Task Start_CountsTimeoutAsFailedAttempt_WhenInlineHandlerHangs(DatabaseProvider provider)
    {
        var hanging = new HangingHandler();
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(hanging));
        await host.DeployAsync(typeof(InlineServiceTaskTests));

        var start = host.StartAsync("hanging");
        await hanging.Started.Task;
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var instance = await start;

        Assert.True(hanging.TokenCanceled, "The handler was not told to stop.");
        Assert.Equal(["lookup"], instance.ActiveElementIds);
        var job = await host.QueryAsync(db => db.Jobs.Single());
        Assert.Equal((2, "Der Handler für „melderegister-abfrage“ hat nicht innerhalb von 120 Sekunden geantwortet."), (job.Retries, job.LastError));
    }

    /// <summary>Writes the header <c>name</c> as the process name through the command's transaction; fails afterwards when the header <c>fail</c> is set.</summary>
    private sealed class RenamingHandler : IServiceTaskHandler
    {
        public string JobType => "definition-umbenennen";

        public int Calls { get; private set; }

        public async Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            Calls++;
            var transaction = await context.BeginTransactionAsync(cancellationToken);
            var command = transaction.Connection!.CreateCommand();
            await using (command)
            {
                command.Transaction = transaction;
                command.CommandText = "UPDATE \"EngineProcessDefinitions\" SET \"Name\" = @name";
                var name = command.CreateParameter();
                name.ParameterName = "name";
                name.Value = context.Headers["name"];
                command.Parameters.Add(name);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return context.Headers.ContainsKey("fail") ? throw new InvalidOperationException("Fachverfahren antwortet nicht") : new Dictionary<string, object?>();
        }
    }

    private sealed class HangingHandler : IServiceTaskHandler
    {
        public string JobType => InlineServiceTaskTests.JobType;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TokenCanceled { get; private set; }

        public Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            cancellationToken.Register(() => TokenCanceled = true);
            Started.TrySetResult();
            return new TaskCompletionSource<IReadOnlyDictionary<string, object?>>().Task;
        }
    }
}
