using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>Broadcasts a signal in the municipality from outside a process: queued as a job, delivered after the commit.</summary>
internal sealed class BroadcastSignalCommand(BroadcastSignalRequest request) : EngineCommand<Guid>
{
    public override string Name => "BroadcastSignalCommand";

    public override Task<Guid> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = context.Db.CurrentTenantId ?? throw new InvalidOperationException("A signal is broadcast in a municipality's scope.");
        return Task.FromResult(context.QueueSignalBroadcast(tenant, Guid.Empty, request.SignalName, CommandContext.FromInput(request.Variables)));
    }
}

/// <summary>
/// Delivers a signal broadcast to its next subscription (the oldest that existed when it was thrown and has not
/// received it yet) in one transaction with the job's progress; deletes the job when none is left. Returns false when
/// the broadcast is complete.
/// </summary>
internal sealed class DeliverSignalCommand(Guid jobId) : EngineCommand<bool>
{
    public override string Name => "DeliverSignalCommand";

    public override async Task<bool> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (job, payload, next) = await NextAsync(context, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return false;
        }

        if (next is null)
        {
            context.Db.Jobs.Remove(job);
            return false;
        }

        MarkDelivered(job, payload!, next.Id);
        if (next.ProcessInstanceId is { } receiver)
        {
            await context.LoadInstanceAsync(receiver, cancellationToken).ConfigureAwait(false);
        }

        context.DeliverSignal(next, payload!.Values());
        await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The receiving instance ran into an incident: it is recorded there, and the signal moves on to the next receiver.</summary>
    public override async Task<IncidentInfo> RecordIncidentAsync(CommandContext context, IncidentException incident, Guid? primaryInstanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (job, payload, next) = await NextAsync(context, cancellationToken).ConfigureAwait(false);
        if (job is not null && next is not null)
        {
            MarkDelivered(job, payload!, next.Id);
        }

        return await base.RecordIncidentAsync(context, incident, primaryInstanceId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(JobEntity? Job, CommandContext.SignalPayload? Payload, EventSubscriptionEntity? Next)> NextAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var job = await context.Db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId && j.Kind == JobKind.SignalBroadcast, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return (null, null, null);
        }

        var payload = CommandContext.SignalPayload.Parse(job.Payload!);
        var candidates = await context.Db.EventSubscriptions.AsNoTracking()
            .Where(s => s.Kind == EventSubscriptionKind.Signal && s.EventName == job.JobType && s.CreatedAt <= payload.ThrownAt)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (job, payload, candidates.Find(s => !payload.Delivered.Contains(s.Id)));
    }

    private static void MarkDelivered(JobEntity job, CommandContext.SignalPayload payload, Guid subscriptionId)
    {
        payload.Delivered.Add(subscriptionId);
        job.Payload = payload.ToJson();
        job.Revision++;
    }
}
