using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Amtsweg.Feel;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>
/// Delivers a message: to the oldest execution waiting for its name and correlation key, otherwise to a message
/// start event of the latest version of a process (<see cref="MessageStart"/>: with a key, not while an instance of
/// that process with the same key is active). A message nobody waits for is not kept (publish it with a time to
/// live for that, <see cref="PublishMessageCommand"/>).
/// </summary>
internal sealed class CorrelateMessageCommand(CorrelateMessageRequest request) : EngineCommand<MessageCorrelationResult>
{
    public override string Name => "CorrelateMessageCommand";

    public override async Task<MessageCorrelationResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var values = CommandContext.FromInput(request.Variables).ToList();
        var waiting = await context.Db.EventSubscriptions
            .Where(s => s.Kind == EventSubscriptionKind.Message && s.EventName == request.MessageName && s.CorrelationKey == request.CorrelationKey && s.ProcessInstanceId != null)
            .Where(s => request.ProcessInstanceId == null || s.ProcessInstanceId == request.ProcessInstanceId)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (waiting is not null)
        {
            await context.LoadInstanceAsync(waiting.ProcessInstanceId!.Value, cancellationToken).ConfigureAwait(false);
            var instanceId = context.CorrelateWaiting(waiting, values, $"{request.MessageName}={request.CorrelationKey}")
                ?? throw new ConcurrentModificationException($"Die Nachricht „{request.MessageName}“ wurde gerade von einem anderen Vorgang entgegengenommen; bitte erneut senden.");
            await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
            return new MessageCorrelationResult(true, instanceId, false);
        }

        if (request.ProcessInstanceId is not null)
        {
            // Meant for one instance that no longer waits for it: nothing else may take it.
            return new MessageCorrelationResult(false, null, false);
        }

        foreach (var start in await MessageStart.SubscriptionsAsync(context, request.MessageName, cancellationToken).ConfigureAwait(false))
        {
            if (await MessageStart.TryStartAsync(context, start, request.MessageName, request.CorrelationKey, values, cancellationToken).ConfigureAwait(false) is { } started)
            {
                await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
                return new MessageCorrelationResult(true, started.Id, true);
            }
        }

        return new MessageCorrelationResult(false, null, false);
    }
}

/// <summary>The open message subscriptions of one instance, with the names of the waiting elements from the cached model.</summary>
internal sealed class GetMessageSubscriptionsCommand(Guid processInstanceId) : EngineCommand<IReadOnlyList<MessageSubscriptionInfo>>
{
    public override string Name => "GetMessageSubscriptionsCommand";

    public override async Task<IReadOnlyList<MessageSubscriptionInfo>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instance = await context.Db.ProcessInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == processInstanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"Process instance {processInstanceId} does not exist.");
        var subscriptions = await context.Db.EventSubscriptions.AsNoTracking()
            .Where(s => s.ProcessInstanceId == processInstanceId && s.Kind == EventSubscriptionKind.Message)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var model = context.Configuration.GetModel(context.LoadDefinition(instance.ProcessDefinitionId));
        return
        [
            .. subscriptions.Select(s => new MessageSubscriptionInfo(
                s.Id,
                processInstanceId,
                s.EventName,
                s.CorrelationKey,
                s.ElementId,
                Snapshot.ElementName(model, s.ElementId),
                model.FindElement(s.ElementId) is { } element ? CommandContext.ElementType(element) : null,
                s.CreatedAt)),
        ];
    }
}

/// <summary>
/// Locks due jobs of the tenant for one job executor (owner and expiry). On PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>
/// (see <see cref="JobQueries"/>); on SQLite optimistically: a job another executor locked first fails the save by its revision.
/// </summary>
internal sealed class AcquireJobsCommand(JobAcquisition acquisition) : EngineCommand<IReadOnlyList<AcquiredJob>>
{
    public override string Name => "AcquireJobsCommand";

    public override async Task<IReadOnlyList<AcquiredJob>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Now;
        var expiry = now + context.Configuration.Options.JobLockDuration;
        if (context.Db.Database.IsNpgsql())
        {
            await context.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return await JobQueries.LockDueJobsOnPostgresAsync(context.Db, acquisition.LockOwner, now, expiry, acquisition.MaxJobs, cancellationToken).ConfigureAwait(false);
        }

        var jobs = await JobQueries.Acquirable(context.Db.Jobs, now)
            .Take(acquisition.MaxJobs)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var job in jobs)
        {
            job.LockOwner = acquisition.LockOwner;
            job.LockExpiresAt = expiry;
            job.Revision++;
        }

        return [.. jobs.Select(j => new AcquiredJob(j.Id, j.ProcessInstanceId, j.Kind == JobKind.SignalBroadcast))];
    }
}

/// <summary>What a service task handler returned: its result variables, or the BPMN error it threw.</summary>
internal sealed record JobHandlerOutcome(IReadOnlyDictionary<string, object?>? Variables, BpmnErrorException? Error);

/// <summary>
/// Runs one acquired job: fires a timer, starts an instance by a timer start event, or calls a service task handler.
/// Given the <paramref name="outcome"/> of an earlier attempt under the same lock, it applies that outcome without
/// calling the handler again (the earlier attempt ran into a concurrent change of the instance).
/// </summary>
internal sealed class ExecuteJobCommand(
    Guid jobId,
    string lockOwner,
    JobHandlerOutcome? outcome = null,
    IReadOnlyDictionary<(Guid ExecutionId, string ElementId), JobHandlerOutcome>? calls = null) : EngineCommand<bool>
{
    private JobKind? _kind;

    public override string Name => "ExecuteJobCommand";

    /// <summary>
    /// The outcomes of handlers called inside this attempt (service tasks after the job) that wrote nothing in its
    /// transaction, with those given to this attempt: a retry under the same lock applies them without calling again.
    /// </summary>
    public IReadOnlyDictionary<(Guid ExecutionId, string ElementId), JobHandlerOutcome> ReusableCalls { get; private set; } =
        calls ?? new Dictionary<(Guid ExecutionId, string ElementId), JobHandlerOutcome>();

    /// <summary>
    /// Whether a rolled-back attempt can be applied again under the same lock without calling a handler a second time
    /// whose writes were lost: the job's own handler outcome is reusable, or the job has no handler of its own and
    /// handlers inside it left reusable outcomes.
    /// </summary>
    public bool CanApplyAgain => _kind == JobKind.ServiceTask ? ReusableOutcome is not null : ReusableCalls.Count > 0;

    /// <summary>
    /// Due jobs of the same instance this command locked for the same owner (see <see cref="LockContinuations"/>); valid
    /// once the command committed.
    /// </summary>
    public IReadOnlyList<AcquiredJob> Continuations { get; private set; } = [];

    /// <summary>
    /// What the handler returned in this attempt, when it wrote nothing in the command's transaction: a rolled-back
    /// attempt can then be applied again without a second call of the handler. An outcome given to this attempt stays
    /// reusable.
    /// </summary>
    public JobHandlerOutcome? ReusableOutcome { get; private set; } = outcome;

    public override async Task<bool> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The job and its instance's state come in one round trip.
        var job = await context.LoadJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null || job.LockOwner != lockOwner)
        {
            return false;
        }

        _kind = job.Kind;
        context.ReplayedCalls = ReusableCalls;
        foreach (var (key, given) in ReusableCalls)
        {
            context.ReusableCalls[key] = given;
        }

        ReusableCalls = context.ReusableCalls;

        // A timer start event starts a new instance: its jobs continue like those of the job's own instance would.
        var instanceId = job.ProcessInstanceId;
        switch (job.Kind)
        {
            case JobKind.TimerStart:
                instanceId = FireTimerStart(context, job);
                break;
            case JobKind.Timer:
                FireTimer(context, job);
                break;
            case JobKind.ServiceTask:
                await RunServiceTaskAsync(context, job, cancellationToken).ConfigureAwait(false);
                break;
            case JobKind.AsyncContinuation:
                context.ContinueAsync(job);
                break;
        }

        await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
        if (instanceId is { } id)
        {
            Continuations = LockContinuations(context, id, lockOwner);
        }

        return true;
    }

    /// <summary>
    /// Locks every job of the instance that is due now for the same owner, in this same transaction, oldest due first,
    /// so that the executor runs them next without acquiring them again: those this command made due (an
    /// <c>asyncBefore</c> chain, <c>asyncAfter</c>, a timer already due), and those that fell due while this job ran
    /// (no acquisition takes a job of an instance whose other job is locked, and no commit would wake the executor for
    /// them once this one ends). Nobody else can hold one of them, for the same reason.
    /// </summary>
    private static List<AcquiredJob> LockContinuations(CommandContext context, Guid instanceId, string lockOwner)
    {
        var now = context.Now;
        var due = context.Db.ChangeTracker.Entries<JobEntity>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged)
            .Select(e => e.Entity)
            .Where(j => j.ProcessInstanceId == instanceId && j.Kind is not (JobKind.ExternalTask or JobKind.SignalBroadcast)
                && j.DueAt <= now && j.Retries > 0 && (j.LockExpiresAt is null || j.LockExpiresAt < now))
            .ToList();
        if (due.Count == 0)
        {
            return [];
        }

        var expiry = now + context.Configuration.Options.JobLockDuration;

        // By due time only: priorities of new jobs are assigned at the flush, and within one instance the order in which
        // its jobs fell due is the order of its tokens.
        var ordered = due.OrderBy(j => j.DueAt).ThenBy(j => j.Id).ToList();
        foreach (var job in ordered)
        {
            job.LockOwner = lockOwner;
            job.LockExpiresAt = expiry;
            job.Revision++;
        }

        return [.. ordered.Select(j => new AcquiredJob(j.Id, j.ProcessInstanceId, false))];
    }

    /// <summary>FEEL errors and the like cannot heal by retrying: the job stops at once with an incident.</summary>
    public override Task<IncidentInfo> RecordIncidentAsync(CommandContext context, IncidentException incident, Guid? primaryInstanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(incident);
        return context.StopJobWithIncidentAsync(jobId, incident, cancellationToken);
    }

    private static Guid FireTimerStart(CommandContext context, JobEntity job)
    {
        var definition = context.LoadDefinition(job.ProcessDefinitionId);
        var runtime = context.StartInstance(definition, null, job.ElementId, []);
        context.History(runtime, HistoryEventTypes.TimerFired, null, job.ElementId, "startEvent");
        Reschedule(context, job);
        return runtime.Id;
    }

    private static void FireTimer(CommandContext context, JobEntity job)
    {
        var runtime = context.LoadInstance(job.ProcessInstanceId!.Value);
        var execution = runtime.Find(job.ExecutionId!.Value);
        if (execution is null)
        {
            context.Db.Jobs.Remove(job);
            return;
        }

        context.History(runtime, HistoryEventTypes.TimerFired, execution, job.ElementId, null);
        var repeats = runtime.Model.FindElement<Bpmn.Model.BoundaryEvent>(job.ElementId) is { CancelActivity: false }
            || runtime.Model.FindElement<Bpmn.Model.StartEvent>(job.ElementId) is { IsInterrupting: false };
        if (repeats && job.RepeatInterval is not null && job.RepeatCount != 0)
        {
            Reschedule(context, job);
        }
        else
        {
            runtime.Jobs.Remove(job);
            context.Db.Jobs.Remove(job);
        }

        context.Trigger(runtime, execution, job.ElementId, []);
    }

    private static void Reschedule(CommandContext context, JobEntity job)
    {
        if (job.RepeatInterval is null || job.RepeatCount == 0)
        {
            context.Db.Jobs.Remove(job);
            return;
        }

        job.DueAt = Timers.Next(job.DueAt, job.RepeatInterval, job.ElementId);
        job.RepeatCount = job.RepeatCount > 0 ? job.RepeatCount - 1 : job.RepeatCount;
        job.LockOwner = null;
        job.LockExpiresAt = null;
        job.Revision++;
    }

    private async Task RunServiceTaskAsync(CommandContext context, JobEntity job, CancellationToken cancellationToken)
    {
        var runtime = await context.LoadInstanceAsync(job.ProcessInstanceId!.Value, cancellationToken).ConfigureAwait(false);
        var execution = runtime.Find(job.ExecutionId!.Value)
            ?? throw new InvalidEngineStateException(StateMessages.JobNotWaiting);
        var node = runtime.RequiredNode(execution);
        // Set when this attempt applies the outcome of an earlier one under the same lock.
        var current = ReusableOutcome;
        if (current is null)
        {
            current = await CallHandlerAsync(context, job, runtime, execution, node, cancellationToken).ConfigureAwait(false);

            // What the handler wrote in the command's transaction rolls back with a conflict; then only a new call redoes it.
            ReusableOutcome = context.OwnTransaction is null ? current : null;
        }

        runtime.Jobs.Remove(job);
        context.Db.Jobs.Remove(job);
        if (current.Error is { } error)
        {
            context.ThrowError(runtime, execution, error.ErrorCode, error.Message, includeThrower: true);
            return;
        }

        var result = current.Variables ?? new Dictionary<string, object?>();
        execution.IsWaiting = false;
        context.SetResultVariables(runtime, execution, node, result.Select(p => new KeyValuePair<string, FeelValue>(p.Key, FeelConvert.FromObject(p.Value))));
        context.Schedule(new LeaveElementOperation(runtime, execution));
    }

    private static async Task<JobHandlerOutcome> CallHandlerAsync(
        CommandContext context, JobEntity job, InstanceRuntime runtime, ExecutionEntity execution, Bpmn.Model.FlowNode node, CancellationToken cancellationToken)
    {
        var handler = context.Handlers.GetValueOrDefault(job.JobType!)
            ?? throw new InvalidOperationException($"No service task handler is registered for job type '{job.JobType}'.");
        var taskContext = await context.ServiceTaskContextAsync(runtime, execution, node, job.JobType!, job.Retries, job.Id, context.BeginTransactionAsync, cancellationToken).ConfigureAwait(false);
        try
        {
            // A timeout fails the attempt like any other exception: the job's retries and back-off apply.
            return new JobHandlerOutcome(await context.CallHandlerAsync(handler, taskContext, cancellationToken).ConfigureAwait(false), null);
        }
        catch (ServiceTaskIncidentException error)
        {
            throw new IncidentException(IncidentTypes.JobFailed, job.ElementId, error.Message, runtime.Id);
        }
        catch (BpmnErrorException error)
        {
            return new JobHandlerOutcome(null, error);
        }
    }
}

/// <summary>
/// Gives up the lock of a job whose command ran into a concurrent change and rolled back: the job is due again at once
/// (keeping an earlier due time, so its place in the queue), with its retries unchanged (the conflict was not the job's
/// failure). A job locked by somebody else stays as it is.
/// </summary>
internal sealed class ReleaseJobLockCommand(Guid jobId, string lockOwner) : EngineCommand<bool>
{
    public override string Name => "ReleaseJobLockCommand";

    public override async Task<bool> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = await context.Db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken).ConfigureAwait(false);
        if (job is null || job.LockOwner != lockOwner)
        {
            return false;
        }

        job.LockOwner = null;
        job.LockExpiresAt = null;
        job.DueAt = job.DueAt < context.Now ? job.DueAt : context.Now;
        job.Revision++;
        return true;
    }
}

/// <summary>Records a failed job attempt: one retry less, the error, and at zero retries an incident.</summary>
internal sealed class FailJobCommand(Guid jobId, string error) : EngineCommand<IncidentInfo?>
{
    public override string Name => "FailJobCommand";

    public override async Task<IncidentInfo?> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = await context.LoadJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return null;
        }

        job.Retries = Math.Max(0, job.Retries - 1);
        job.LastError = CommandContext.Truncate(error);
        job.LockOwner = null;
        job.LockExpiresAt = null;
        job.DueAt = context.Now + context.RetryBackoff(job);
        job.Revision++;
        if (job.ProcessInstanceId is { } instanceId)
        {
            var runtime = await context.LoadInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            context.History(runtime, HistoryEventTypes.JobFailed, runtime.Find(job.ExecutionId ?? Guid.Empty), job.ElementId, null, detail: $"{job.Retries} retries left: {job.LastError}");
        }

        return job.Retries == 0
            ? context.RecordIncident(job.ProcessInstanceId, job.ProcessDefinitionId, job.ElementId, IncidentTypes.JobFailed, error, job.Id)
            : null;
    }
}
