using System.Text.Json.Nodes;
using Amtsweg.Engine.Commands;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;

namespace Amtsweg.Engine;

/// <summary>
/// The engine facade: each method runs one command through the command executor, for the tenant of the
/// <see cref="EngineDbContext"/> it was created with. Create one per unit of work (it is scoped in DI).
/// </summary>
public sealed class ProcessEngine : IProcessEngine
{
    private readonly CommandExecutor _executor;
    private readonly string _lockOwner = $"{Environment.MachineName}/{Guid.CreateVersion7()}";
    private readonly int _maxJobsPerAcquisition;
    private readonly TimeProvider _clock;

    /// <summary>How often a job's outcome is applied under one lock while the instance keeps changing under it.</summary>
    private const int MaxJobConflictAttempts = 3;

    /// <summary>Creates the engine.</summary>
    public ProcessEngine(EngineDbContext db, ProcessEngineConfiguration configuration, IEnumerable<IServiceTaskHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(handlers);
        var byType = new Dictionary<string, IServiceTaskHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!byType.TryAdd(handler.JobType, handler))
            {
                throw new ArgumentException($"Two service task handlers serve the job type '{handler.JobType}'.", nameof(handlers));
            }
        }

        _executor = new CommandExecutor(db, configuration, byType);
        _maxJobsPerAcquisition = configuration.Options.MaxJobsPerAcquisition;
        _clock = configuration.Clock;
    }

    /// <inheritdoc />
    public Task<DeploymentInfo> DeployAsync(DeploymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _executor.ExecuteAsync(new DeployCommand(request) { UserId = request.UserId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeploymentProblem>> ValidateDeploymentAsync(DeploymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _executor.ExecuteAsync(new ValidateDeploymentCommand(request), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ProcessInstanceInfo> StartProcessInstanceAsync(StartProcessInstanceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _executor.ExecuteAsync(new StartProcessInstanceCommand(request) { UserId = request.UserId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ProcessInstanceInfo> GetProcessInstanceAsync(Guid processInstanceId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new GetProcessInstanceCommand(processInstanceId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ProcessDefinitionInfo>> ListProcessDefinitionsAsync(CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new ListProcessDefinitionsCommand(), cancellationToken);

    /// <inheritdoc />
    public Task<string> GetProcessDefinitionXmlAsync(Guid processDefinitionId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new GetProcessDefinitionXmlCommand(processDefinitionId), cancellationToken);

    /// <inheritdoc />
    public Task<string?> GetStartFormAsync(Guid processDefinitionId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new GetStartFormCommand(processDefinitionId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FormDefinitionInfo>> ListFormDefinitionsAsync(CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new ListFormDefinitionsCommand(), cancellationToken);

    /// <inheritdoc />
    public Task<string> GetFormDefinitionSchemaAsync(Guid formDefinitionId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new GetFormDefinitionSchemaCommand(formDefinitionId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DecisionDefinitionInfo>> ListDecisionDefinitionsAsync(CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new ListDecisionDefinitionsCommand(), cancellationToken);

    /// <inheritdoc />
    public Task<string> GetDecisionDefinitionXmlAsync(Guid decisionDefinitionId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new GetDecisionDefinitionXmlCommand(decisionDefinitionId), cancellationToken);

    /// <inheritdoc />
    public Task<UserTaskInfo> GetUserTaskAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new GetUserTaskCommand(taskId), cancellationToken);

    /// <inheritdoc />
    public Task<string?> GetUserTaskFormAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new GetUserTaskFormCommand(taskId), cancellationToken);

    /// <inheritdoc />
    public Task<JsonObject> GetUserTaskVariablesAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new GetUserTaskVariablesCommand(taskId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Guid>> GetTenantsWithDueJobsAsync(CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new TenantsWithDueJobsCommand(_clock.GetUtcNow()), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TenantTrouble>> CountTroubleByTenantAsync(CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new CountTroubleByTenantCommand(), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IncidentOverview>> QueryIncidentOverviewsAsync(IncidentOverviewQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Skip);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Take);
        return _executor.ExecuteAsync(new QueryIncidentOverviewsCommand(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UserTaskInfo>> QueryUserTasksAsync(UserTaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _executor.ExecuteAsync(new QueryUserTasksCommand(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserTaskPage> PageUserTasksAsync(UserTaskPageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Skip);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Take);
        return _executor.ExecuteAsync(new PageUserTasksCommand(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserTaskInfo> ClaimUserTaskAsync(Guid taskId, string userId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new ClaimUserTaskCommand(taskId, userId) { UserId = userId }, cancellationToken);

    /// <inheritdoc />
    public Task<UserTaskInfo> UnclaimUserTaskAsync(Guid taskId, string? userId = null, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new UnclaimUserTaskCommand(taskId) { UserId = userId }, cancellationToken);

    /// <inheritdoc />
    public Task CompleteUserTaskAsync(Guid taskId, IReadOnlyDictionary<string, object?>? variables = null, string? userId = null, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new CompleteUserTaskCommand(taskId, variables) { UserId = userId }, cancellationToken);

    /// <inheritdoc />
    public Task<UserTaskInfo> ClaimUserTaskAsync(Guid taskId, TaskCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return _executor.ExecuteAsync(new ClaimUserTaskCommand(taskId, caller.UserId, caller) { UserId = caller.UserId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserTaskInfo> UnclaimUserTaskAsync(Guid taskId, TaskCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return _executor.ExecuteAsync(new UnclaimUserTaskCommand(taskId, caller) { UserId = caller.UserId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task CompleteUserTaskAsync(Guid taskId, TaskCaller caller, IReadOnlyDictionary<string, object?>? variables = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return _executor.ExecuteAsync(new CompleteUserTaskCommand(taskId, variables, caller) { UserId = caller.UserId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserTaskInfo> DelegateUserTaskAsync(Guid taskId, TaskCaller target, TaskCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return _executor.ExecuteAsync(new DelegateUserTaskCommand(taskId, target, caller) { UserId = caller.UserId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TimerInfo> ChangeTimerDueDateAsync(ChangeTimerDueDateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _executor.ExecuteAsync(new ChangeTimerDueDateCommand(request) { UserId = request.UserId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MessageCorrelationResult> CorrelateMessageAsync(CorrelateMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _executor.ExecuteAsync(new CorrelateMessageCommand(request) { UserId = request.UserId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MessageSubscriptionInfo>> GetMessageSubscriptionsAsync(Guid processInstanceId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new GetMessageSubscriptionsCommand(processInstanceId), cancellationToken);

    /// <inheritdoc />
    public Task<MessagePublicationResult> PublishMessageAsync(PublishMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.MessageName);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.TimeToLive, TimeSpan.Zero);
        return _executor.ExecuteAsync(new PublishMessageCommand(request) { UserId = request.UserId }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SignalBroadcastResult> BroadcastSignalAsync(BroadcastSignalRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.SignalName);
        return new SignalBroadcastResult(await _executor.ExecuteAsync(new BroadcastSignalCommand(request) { UserId = request.UserId }, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<ProcessInstanceInfo> ActivateAdHocActivitiesAsync(ActivateAdHocActivitiesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _executor.ExecuteAsync(new ActivateAdHocActivitiesCommand(request) { UserId = request.UserId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobExecutionSummary> ExecuteDueJobsAsync(CancellationToken cancellationToken = default) =>
        ExecuteDueJobsAsync(new JobAcquisition(_lockOwner, _maxJobsPerAcquisition), cancellationToken);

    /// <inheritdoc />
    public async Task<JobExecutionSummary> ExecuteDueJobsAsync(JobAcquisition acquisition, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<AcquiredJob> jobs;
        try
        {
            jobs = await AcquireJobsAsync(acquisition, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrentModificationException)
        {
            // Another job executor locked some of the same jobs first; the next round acquires what is left.
            return new JobExecutionSummary(0, 0);
        }

        var executed = 0;
        var failed = 0;
        var continued = 0;
        foreach (var chain in ByInstance(jobs))
        {
            var summary = await RunInOrderAsync(this, chain, acquisition.LockOwner, cancellationToken).ConfigureAwait(false);
            executed += summary.Executed;
            failed += summary.Failed;
            continued += summary.Continued;
        }

        return new JobExecutionSummary(executed, failed, continued);
    }

    /// <summary>
    /// Runs the acquired jobs of one instance one after another, each followed by the continuations its command locked
    /// (what it made due runs in this pass). Used by <see cref="ExecuteDueJobsAsync(JobAcquisition, CancellationToken)"/>
    /// and by each lane of the <see cref="ParallelJobExecutor"/>.
    /// </summary>
    internal static async Task<JobExecutionSummary> RunInOrderAsync(IProcessEngine engine, IReadOnlyList<AcquiredJob> jobs, string lockOwner, CancellationToken cancellationToken)
    {
        var queue = new Queue<AcquiredJob>(jobs);
        var acquiredLeft = queue.Count;
        var executed = 0;
        var failed = 0;
        var continued = 0;
        while (queue.TryDequeue(out var job))
        {
            continued += acquiredLeft-- > 0 ? 0 : 1;
            var result = await engine.ExecuteAcquiredJobAsync(job, lockOwner, cancellationToken).ConfigureAwait(false);
            executed += result.Outcome == AcquiredJobOutcome.Executed ? 1 : 0;
            failed += result.Outcome == AcquiredJobOutcome.Failed ? 1 : 0;
            foreach (var next in result.Continuations)
            {
                queue.Enqueue(next);
            }
        }

        return new JobExecutionSummary(executed, failed, continued);
    }

    /// <summary>
    /// Groups acquired jobs by instance, in the order of each instance's first job; jobs without an instance stay alone.
    /// One acquisition may hold several due jobs of one instance, which must run one after another.
    /// </summary>
    internal static IReadOnlyList<IReadOnlyList<AcquiredJob>> ByInstance(IReadOnlyList<AcquiredJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var chains = new List<List<AcquiredJob>>();
        var byInstance = new Dictionary<Guid, List<AcquiredJob>>();
        foreach (var job in jobs)
        {
            if (job.ProcessInstanceId is { } instanceId && byInstance.TryGetValue(instanceId, out var chain))
            {
                chain.Add(job);
                continue;
            }

            chain = [job];
            chains.Add(chain);
            if (job.ProcessInstanceId is { } id)
            {
                byInstance[id] = chain;
            }
        }

        return chains;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AcquiredJob>> AcquireJobsAsync(JobAcquisition acquisition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acquisition);
        ArgumentException.ThrowIfNullOrWhiteSpace(acquisition.LockOwner);
        ArgumentOutOfRangeException.ThrowIfLessThan(acquisition.MaxJobs, 1);
        return _executor.ExecuteAsync(new AcquireJobsCommand(acquisition), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AcquiredJobResult> ExecuteAcquiredJobAsync(AcquiredJob job, string lockOwner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(lockOwner);
        if (job.IsSignalBroadcast)
        {
            await _executor.DeliverSignalAsync(job.Id, cancellationToken).ConfigureAwait(false);
            await ReleaseLockAsync(job.Id, lockOwner, cancellationToken).ConfigureAwait(false);
            return new AcquiredJobResult(AcquiredJobOutcome.Executed, []);
        }

        try
        {
            var command = await ExecuteJobAsync(job.Id, lockOwner, cancellationToken).ConfigureAwait(false);
            return command is null
                ? new AcquiredJobResult(AcquiredJobOutcome.Skipped, [])
                : new AcquiredJobResult(AcquiredJobOutcome.Executed, command.Continuations);
        }
        catch (ProcessIncidentException)
        {
            return new AcquiredJobResult(AcquiredJobOutcome.Failed, []);
        }
        catch (ConcurrentModificationException)
        {
            // The instance kept changing meanwhile, or the handler wrote in the rolled-back transaction: give the
            // lock up at once so that the job runs again in the next round (if it is still there), instead of
            // waiting for the lock to expire.
            await ReleaseLockAsync(job.Id, lockOwner, cancellationToken).ConfigureAwait(false);
            return new AcquiredJobResult(AcquiredJobOutcome.Failed, []);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            await _executor.ExecuteAsync(new FailJobCommand(job.Id, error.Message), cancellationToken).ConfigureAwait(false);
            return new AcquiredJobResult(AcquiredJobOutcome.Failed, []);
        }
    }

    /// <summary>
    /// Runs one job; returns its committed command, or null when the job was gone or not locked by this owner. When its
    /// command runs into a concurrent change of the instance (a task completed, a message arrived), the handler's
    /// outcome is applied again on the changed instance under the same lock: the handler is not called a second time
    /// for one lock. A handler that wrote in the rolled-back transaction is called again only after the lock is given
    /// up (by the caller).
    /// </summary>
    private async Task<ExecuteJobCommand?> ExecuteJobAsync(Guid jobId, string lockOwner, CancellationToken cancellationToken)
    {
        var command = new ExecuteJobCommand(jobId, lockOwner);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _executor.ExecuteAsync(command, cancellationToken).ConfigureAwait(false) ? command : null;
            }
            catch (ConcurrentModificationException) when (attempt < MaxJobConflictAttempts && command.CanApplyAgain)
            {
                command = new ExecuteJobCommand(jobId, lockOwner, command.ReusableOutcome, command.ReusableCalls);
            }
        }
    }

    private async Task ReleaseLockAsync(Guid jobId, string lockOwner, CancellationToken cancellationToken)
    {
        try
        {
            await _executor.ExecuteAsync(new ReleaseJobLockCommand(jobId, lockOwner), cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrentModificationException)
        {
            // The job itself changed meanwhile (deleted with its token, or relocked after expiry): nothing to give up.
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IncidentInfo>> QueryIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _executor.ExecuteAsync(new QueryIncidentsCommand(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobInfo>> QueryJobsAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _executor.ExecuteAsync(new QueryJobsCommand(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ProcessInstanceSummary>> QueryProcessInstancesAsync(ProcessInstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _executor.ExecuteAsync(new QueryProcessInstancesCommand(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ProcessInstanceCounts>> CountProcessInstancesAsync(CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new CountProcessInstancesCommand(), cancellationToken);

    /// <inheritdoc />
    public Task<ElementInstancePage> QueryElementInstancesAsync(ElementInstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _executor.ExecuteAsync(new QueryElementInstancesCommand(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ElementInstanceInfo> GetElementInstanceAsync(Guid elementInstanceId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new GetElementInstanceCommand(elementInstanceId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IncidentInfo>> GetIncidentsAsync(Guid processInstanceId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new GetIncidentsCommand(processInstanceId), cancellationToken);

    /// <inheritdoc />
    public Task<IncidentInfo> RetryIncidentAsync(RetryIncidentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _executor.ExecuteAsync(new RetryIncidentCommand(request) { UserId = request.UserId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IncidentInfo> ResolveIncidentAsync(Guid incidentId, string? userId = null, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new ResolveIncidentCommand(incidentId) { UserId = userId }, cancellationToken);

    /// <inheritdoc />
    public Task<ProcessInstanceInfo> CancelProcessInstanceAsync(Guid processInstanceId, string? userId = null, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new CancelProcessInstanceCommand(processInstanceId) { UserId = userId }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEventInfo>> GetHistoryAsync(Guid processInstanceId, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new GetHistoryCommand(processInstanceId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ProcessInstanceData>> GetProcessInstanceDataAsync(IReadOnlyCollection<Guid> processInstanceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(processInstanceIds);
        return _executor.ExecuteAsync(new GetProcessInstanceDataCommand(processInstanceIds), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ProcessDataRedaction> RedactProcessInstanceDataAsync(ProcessDataRedactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.ProcessInstanceIds);
        ArgumentNullException.ThrowIfNull(request.Matches);
        ArgumentException.ThrowIfNullOrEmpty(request.Replacement);
        return _executor.ExecuteAsync(new RedactProcessInstanceDataCommand(request), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ConditionalStartEvaluationResult> EvaluateConditionalStartEventsAsync(EvaluateConditionalStartEventsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _executor.ExecuteAsync(new EvaluateConditionalStartEventsCommand(request) { UserId = request.UserId }, cancellationToken);
    }
}
