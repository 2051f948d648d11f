using System.Text.Json.Nodes;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>
/// Moves the due date of a waiting timer ("deadlines a clerk extends"): the timer job of an intermediate or boundary timer
/// event of an active instance gets a new due date; history records the old and the new date, who and why. A job that is
/// not such a timer, a finished instance, a date in the past or a timer that is firing right now are refused; nothing changes.
/// </summary>
internal sealed class ChangeTimerDueDateCommand(ChangeTimerDueDateRequest request) : EngineCommand<TimerInfo>
{
    public override string Name => "ChangeTimerDueDateCommand";

    public override async Task<TimerInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (request.NewDueAt <= context.Now)
        {
            throw new InvalidEngineStateException(
                $"Das neue Fälligkeitsdatum {request.NewDueAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC liegt nicht in der Zukunft.");
        }

        var job = await FindAsync(context, cancellationToken).ConfigureAwait(false);
        if (job.Kind != JobKind.Timer || job.ProcessInstanceId is not { } instanceId)
        {
            throw new InvalidEngineStateException("Dieser Auftrag ist kein wartender Zeitgeber eines Vorgangs; sein Fälligkeitsdatum lässt sich nicht ändern.");
        }

        var runtime = await context.LoadInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (runtime.Entity.State != ProcessInstanceState.Active)
        {
            throw new InvalidEngineStateException("Der Prozess ist bereits beendet; seine Fristen lassen sich nicht mehr ändern.");
        }

        // Same tracked entity as the runtime's, so the change is written with the instance (single writer per instance).
        var timer = runtime.Jobs.Find(j => j.Id == job.Id) ?? job;
        if (timer.LockExpiresAt is { } lockedUntil && lockedUntil > context.Now)
        {
            throw new InvalidEngineStateException("Der Zeitgeber wird gerade ausgelöst; bitte versuchen Sie es gleich noch einmal.");
        }

        var previous = timer.DueAt;
        timer.DueAt = request.NewDueAt.ToUniversalTime();
        var change = new JsonObject
        {
            ["from"] = previous.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = timer.DueAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["by"] = UserId,
            ["reason"] = request.Reason,
        };
        var execution = timer.ExecutionId is { } executionId ? runtime.Find(executionId) : null;
        context.History(runtime, HistoryEventTypes.TimerDueDateChanged, execution, timer.ElementId, "timer", detail: change.ToJsonString());
        return new TimerInfo(timer.Id, instanceId, timer.ElementId, timer.DueAt);
    }

    private async Task<JobEntity> FindAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (request.JobId is { } jobId)
        {
            // The job and its instance's state come in one round trip.
            return await context.LoadJobAsync(jobId, cancellationToken).ConfigureAwait(false)
                ?? throw new EngineObjectNotFoundException($"Job {jobId} does not exist.");
        }

        if (request.ProcessInstanceId is not { } instanceId || string.IsNullOrWhiteSpace(request.ElementId))
        {
            throw new ArgumentException("Either a job id or a process instance id with an element id is needed.", nameof(request));
        }

        var runtime = await context.LoadInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (runtime.Entity.State != ProcessInstanceState.Active)
        {
            throw new InvalidEngineStateException("Der Prozess ist bereits beendet; seine Fristen lassen sich nicht mehr ändern.");
        }

        var jobs = runtime.Jobs.FindAll(j => j.ElementId == request.ElementId && j.Kind == JobKind.Timer);
        return jobs.Count switch
        {
            0 => throw new InvalidEngineStateException($"Am Schritt „{request.ElementId}“ wartet kein Zeitgeber dieses Vorgangs."),
            1 => jobs[0],
            _ => throw new InvalidEngineStateException($"Am Schritt „{request.ElementId}“ warten mehrere Zeitgeber; bitte geben Sie den Auftrag an."),
        };
    }
}
