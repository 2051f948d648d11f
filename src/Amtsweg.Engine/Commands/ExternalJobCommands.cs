using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Amtsweg.Feel;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>Finds an external job and checks that the caller holds its lock.</summary>
internal static class ExternalJobLock
{
    public static JobEntity Find(CommandContext context, Guid jobId) =>
        context.Db.Jobs.SingleOrDefault(j => j.Id == jobId && j.Kind == JobKind.ExternalTask)
        ?? throw new EngineObjectNotFoundException($"Der Job {jobId} wurde nicht gefunden.");

    public static JobEntity Held(CommandContext context, Guid jobId, string lockOwner)
    {
        var job = Find(context, jobId);
        if (job.LockOwner != lockOwner || job.LockExpiresAt is not { } expires || expires <= context.Now)
        {
            throw new ExternalJobLockException(job.LockOwner == lockOwner
                ? $"Die Sperre des Jobs {jobId} ist abgelaufen; der Job kann inzwischen von einem anderen Worker bearbeitet werden."
                : $"Der Job {jobId} ist nicht für diesen Worker gesperrt (nicht aktiviert, abgelaufen oder von einem anderen Worker übernommen).");
        }

        return job;
    }
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
            var runtime = context.LoadInstance(job.ProcessInstanceId!.Value);
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

    public override Task<bool> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = ExternalJobLock.Held(context, jobId, lockOwner);
        var runtime = context.LoadInstance(job.ProcessInstanceId!.Value);
        var execution = runtime.Find(job.ExecutionId!.Value)
            ?? throw new InvalidEngineStateException(StateMessages.JobNotWaiting);
        var node = runtime.RequiredNode(execution);
        runtime.Jobs.Remove(job);
        context.Db.Jobs.Remove(job);
        execution.IsWaiting = false;
        context.SetResultVariables(runtime, execution, node, CommandContext.FromInput(variables));
        context.Schedule(new LeaveElementOperation(runtime, execution));
        context.RunAgenda();
        return Task.FromResult(true);
    }
}

/// <summary>Records a failed attempt of an external job: the retries the worker says are left, the message, the back-off; at 0 an incident.</summary>
internal sealed class FailExternalJobCommand(ExternalJobFailure failure) : EngineCommand<IncidentInfo?>
{
    public override string Name => "FailExternalJobCommand";

    public override Task<IncidentInfo?> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = ExternalJobLock.Held(context, failure.JobId, failure.LockOwner);
        var message = string.IsNullOrWhiteSpace(failure.ErrorMessage) ? "Der Worker hat den Job ohne Meldung als fehlgeschlagen gemeldet." : failure.ErrorMessage;
        job.Retries = Math.Max(0, failure.Retries);
        job.LastError = CommandContext.Truncate(message);
        job.LockOwner = null;
        job.LockExpiresAt = null;
        job.DueAt = context.Now + (failure.RetryBackOff > TimeSpan.Zero ? failure.RetryBackOff : TimeSpan.Zero);
        job.Revision++;
        var runtime = context.LoadInstance(job.ProcessInstanceId!.Value);
        context.History(runtime, HistoryEventTypes.JobFailed, runtime.Find(job.ExecutionId ?? Guid.Empty), job.ElementId, null, detail: $"{job.Retries} retries left: {job.LastError}");
        return Task.FromResult(job.Retries == 0
            ? context.RecordIncident(job.ProcessInstanceId, job.ProcessDefinitionId, job.ElementId, IncidentTypes.JobFailed, message, job.Id)
            : null);
    }
}

/// <summary>Throws a BPMN error at a locked external job's task; uncaught it stops the job with an incident.</summary>
internal sealed class ThrowExternalJobErrorCommand(Guid jobId, string lockOwner, string errorCode, string? errorMessage) : EngineCommand<bool>
{
    public override string Name => "ThrowExternalJobErrorCommand";

    public override Task<bool> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = ExternalJobLock.Held(context, jobId, lockOwner);
        var runtime = context.LoadInstance(job.ProcessInstanceId!.Value);
        var execution = runtime.Find(job.ExecutionId!.Value)
            ?? throw new InvalidEngineStateException(StateMessages.JobNotWaiting);
        runtime.Jobs.Remove(job);
        context.Db.Jobs.Remove(job);
        context.ThrowError(runtime, execution, errorCode, errorMessage ?? errorCode, includeThrower: true);
        context.RunAgenda();
        return Task.FromResult(true);
    }

    /// <summary>An uncaught error: the job stays, without retries and unlocked, with the incident.</summary>
    public override IncidentInfo RecordIncident(CommandContext context, IncidentException incident, Guid? primaryInstanceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(incident);
        return context.StopJobWithIncident(jobId, incident);
    }
}

/// <summary>Changes an external job's retries and/or extends its lock.</summary>
internal sealed class UpdateExternalJobCommand(Guid jobId, int? retries, TimeSpan? timeout) : EngineCommand<bool>
{
    public override string Name => "UpdateExternalJobCommand";

    public override Task<bool> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = ExternalJobLock.Find(context, jobId);
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
        return Task.FromResult(true);
    }
}
