using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Amtsweg.Feel;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>Finds an external job and checks that the caller holds its lock.</summary>
internal static class ExternalJobLock
{
    public static async Task<JobEntity> FindAsync(CommandContext context, Guid jobId, CancellationToken cancellationToken) =>
        await context.Db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId && j.Kind == JobKind.ExternalTask, cancellationToken).ConfigureAwait(false)
        ?? throw NotFound(jobId);

    /// <summary>The job, when the caller holds its lock; its instance's state comes in the same round trip.</summary>
    public static async Task<JobEntity> HeldAsync(CommandContext context, Guid jobId, string lockOwner, CancellationToken cancellationToken)
    {
        var job = await context.LoadJobAsync(jobId, cancellationToken).ConfigureAwait(false) is { Kind: JobKind.ExternalTask } found ? found : throw NotFound(jobId);
        if (job.LockOwner != lockOwner || job.LockExpiresAt is not { } expires || expires <= context.Now)
        {
            throw new ExternalJobLockException(job.LockOwner == lockOwner
                ? $"Die Sperre des Jobs {jobId} ist abgelaufen; der Job kann inzwischen von einem anderen Worker bearbeitet werden."
                : $"Der Job {jobId} ist nicht für diesen Worker gesperrt (nicht aktiviert, abgelaufen oder von einem anderen Worker übernommen).");
        }

        return job;
    }

    private static EngineObjectNotFoundException NotFound(Guid jobId) => new($"Der Job {jobId} wurde nicht gefunden.");
}

/// <summary>Locks due external jobs of one type for a worker and returns them with their variables and headers.</summary>
internal sealed class ActivateExternalJobsCommand(ExternalJobActivation request) : EngineCommand<IReadOnlyList<ActivatedExternalJob>>
{
    public override string Name => "ActivateExternalJobsCommand";

    public override async Task<IReadOnlyList<ActivatedExternalJob>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Now;
        var jobs = await context.Db.Jobs
            .Where(j => j.Kind == JobKind.ExternalTask && j.JobType == request.JobType && j.DueAt <= now && j.Retries > 0 && (j.LockExpiresAt == null || j.LockExpiresAt < now))
            .OrderBy(j => j.DueAt).ThenBy(j => j.Id)
            .Take(Math.Max(0, request.MaxJobs))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var wanted = request.FetchVariables is { Count: > 0 } names ? new HashSet<string>(names, StringComparer.Ordinal) : null;
        var activated = new List<ActivatedExternalJob>();
        foreach (var job in jobs)
        {
            var runtime = await context.LoadInstanceAsync(job.ProcessInstanceId!.Value, cancellationToken).ConfigureAwait(false);
            if (runtime.Find(job.ExecutionId!.Value) is not { } execution)
            {
                // The job list was read before another worker's completion of this job committed, the instance after
                // it: the token has moved on and the job is gone. The worker did nothing wrong; it gets the other jobs.
                continue;
            }

            // The revision guards against a second worker locking the same job at the same moment (the save fails).
            job.LockOwner = request.LockOwner;
            job.LockExpiresAt = now + request.Timeout;
            job.Revision++;
            var visible = context.Visible(runtime, execution).Where(v => wanted is null || wanted.Contains(v.Key));
            activated.Add(new ActivatedExternalJob(
                job.Id, job.JobType!, runtime.Id, runtime.Definition.Id, runtime.Definition.ProcessId, runtime.Definition.Version, job.ElementId, execution.Id,
                TaskHeaders.Of(runtime.RequiredNode(execution)), request.Worker, job.Retries, job.LockExpiresAt.Value, Snapshot.Json(visible), job.TenantId));
        }

        return activated;
    }
}

/// <summary>Completes a locked external job: its variables are set like a handler's result and the token moves on.</summary>
internal sealed class CompleteExternalJobCommand(Guid jobId, string lockOwner, IReadOnlyDictionary<string, object?>? variables) : EngineCommand<bool>
{
    public override string Name => "CompleteExternalJobCommand";

    public override async Task<bool> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = await ExternalJobLock.HeldAsync(context, jobId, lockOwner, cancellationToken).ConfigureAwait(false);
        var runtime = await context.LoadInstanceAsync(job.ProcessInstanceId!.Value, cancellationToken).ConfigureAwait(false);
        var execution = runtime.Find(job.ExecutionId!.Value)
            ?? throw new InvalidEngineStateException(StateMessages.JobNotWaiting);
        var node = runtime.RequiredNode(execution);
        runtime.Jobs.Remove(job);
        context.Db.Jobs.Remove(job);
        execution.IsWaiting = false;
        context.SetResultVariables(runtime, execution, node, CommandContext.FromInput(variables));
        context.Schedule(new LeaveElementOperation(runtime, execution));
        await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}

/// <summary>Records a failed attempt of an external job: the retries the worker says are left, the message, the back-off; at 0 an incident.</summary>
internal sealed class FailExternalJobCommand(ExternalJobFailure failure) : EngineCommand<IncidentInfo?>
{
    public override string Name => "FailExternalJobCommand";

    public override async Task<IncidentInfo?> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = await ExternalJobLock.HeldAsync(context, failure.JobId, failure.LockOwner, cancellationToken).ConfigureAwait(false);
        var message = string.IsNullOrWhiteSpace(failure.ErrorMessage) ? "Der Worker hat den Job ohne Meldung als fehlgeschlagen gemeldet." : failure.ErrorMessage;
        job.Retries = Math.Max(0, failure.Retries);
        job.LastError = CommandContext.Truncate(message);
        job.LockOwner = null;
        job.LockExpiresAt = null;
        job.DueAt = context.Now + (failure.RetryBackOff > TimeSpan.Zero ? failure.RetryBackOff : TimeSpan.Zero);
        job.Revision++;
        var runtime = await context.LoadInstanceAsync(job.ProcessInstanceId!.Value, cancellationToken).ConfigureAwait(false);
        context.History(runtime, HistoryEventTypes.JobFailed, runtime.Find(job.ExecutionId ?? Guid.Empty), job.ElementId, null, detail: $"{job.Retries} retries left: {job.LastError}");
        return job.Retries == 0
            ? context.RecordIncident(job.ProcessInstanceId, job.ProcessDefinitionId, job.ElementId, IncidentTypes.JobFailed, message, job.Id)
            : null;
    }
}

/// <summary>Throws a BPMN error at a locked external job's task; uncaught it stops the job with an incident.</summary>
internal sealed class ThrowExternalJobErrorCommand(Guid jobId, string lockOwner, string errorCode, string? errorMessage) : EngineCommand<bool>
{
    public override string Name => "ThrowExternalJobErrorCommand";

    public override async Task<bool> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = await ExternalJobLock.HeldAsync(context, jobId, lockOwner, cancellationToken).ConfigureAwait(false);
        var runtime = await context.LoadInstanceAsync(job.ProcessInstanceId!.Value, cancellationToken).ConfigureAwait(false);
        var execution = runtime.Find(job.ExecutionId!.Value)
            ?? throw new InvalidEngineStateException(StateMessages.JobNotWaiting);
        runtime.Jobs.Remove(job);
        context.Db.Jobs.Remove(job);
        context.ThrowError(runtime, execution, errorCode, errorMessage ?? errorCode, includeThrower: true);
        await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>An uncaught error: the job stays, without retries and unlocked, with the incident.</summary>
    public override Task<IncidentInfo> RecordIncidentAsync(CommandContext context, IncidentException incident, Guid? primaryInstanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(incident);
        return context.StopJobWithIncidentAsync(jobId, incident, cancellationToken);
    }
}

/// <summary>Changes an external job's retries and/or extends its lock.</summary>
internal sealed class UpdateExternalJobCommand(Guid jobId, int? retries, TimeSpan? timeout) : EngineCommand<bool>
{
    public override string Name => "UpdateExternalJobCommand";

    public override async Task<bool> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = await ExternalJobLock.FindAsync(context, jobId, cancellationToken).ConfigureAwait(false);
        if (timeout is { } extension)
        {
            if (job.LockOwner is null || job.LockExpiresAt is not { } expires || expires <= context.Now)
            {
                throw new ExternalJobLockException($"Der Job {jobId} ist nicht aktiviert; nur die Sperre eines aktivierten Jobs kann verlängert werden.");
            }

            job.LockExpiresAt = context.Now + extension;
        }

        if (retries is { } left)
        {
            job.Retries = Math.Max(0, left);
        }

        job.Revision++;
        return true;
    }
}
