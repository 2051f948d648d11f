using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>Lists the incidents of an instance, open and resolved, oldest first.</summary>
internal sealed class GetIncidentsCommand(Guid processInstanceId) : EngineCommand<IReadOnlyList<IncidentInfo>>
{
    public override string Name => "GetIncidentsCommand";

    public override async Task<IReadOnlyList<IncidentInfo>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await context.Db.ProcessInstances.AnyAsync(i => i.Id == processInstanceId, cancellationToken).ConfigureAwait(false))
        {
            throw new EngineObjectNotFoundException($"Process instance {processInstanceId} does not exist.");
        }

        var incidents = await context.Db.Incidents.AsNoTracking()
            .Where(i => i.ProcessInstanceId == processInstanceId)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. incidents.Select(i => Snapshot.Incident(context, i))];
    }
}

/// <summary>
/// Retries what an incident stopped (Camunda 7's "set job retries" and "resolve" in one): sets the given variables,
/// gives a failed job new retries (the job executor runs it again), or runs an instance that failed before its first
/// wait state again from its start event; then resolves the incident. When the failure was a call that rolled back to
/// a wait state (completing a task, a message), there is nothing to run again: the incident is resolved and the call
/// can be repeated. If the retry fails at once, the incident stays open with the new message.
/// </summary>
internal sealed class RetryIncidentCommand(RetryIncidentRequest request) : EngineCommand<IncidentInfo>
{
    public override string Name => "RetryIncidentCommand";

    public override async Task<IncidentInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (request.Retries is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Retries, "Retries must be at least 1.");
        }

        var incident = await IncidentCommands.LoadOpenAsync(context, request.IncidentId, cancellationToken).ConfigureAwait(false);
        var runtime = await IncidentCommands.LoadActiveInstanceAsync(context, incident, cancellationToken).ConfigureAwait(false);

        // A job of the instance came with its state; a job without instance (a timer start) is read on its own.
        var job = incident.JobId is not { } jobId ? null
            : runtime?.Jobs.Find(j => j.Id == jobId) ?? await context.Db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken).ConfigureAwait(false);
        if (request.Retries is not null && job is null)
        {
            throw new InvalidEngineStateException("Diese Störung gehört zu keinem Auftrag; Wiederholungen lassen sich dafür nicht festlegen.");
        }

        var values = CommandContext.FromInput(request.Variables).ToList();
        if (values.Count > 0)
        {
            if (runtime is null)
            {
                throw new InvalidEngineStateException("Diese Störung gehört zu keinem Prozess; Variablen lassen sich dafür nicht setzen.");
            }

            var at = runtime.Executions.Find(e => e.Kind is ExecutionKind.Token or ExecutionKind.MultiInstanceBody && e.ElementId == incident.ElementId) ?? runtime.Find(runtime.Id)!;
            context.Propagate(runtime, at, values);
        }

        IncidentCommands.Resolve(context, runtime, incident, "retry");
        if (job is not null)
        {
            job.Retries = request.Retries ?? context.Configuration.Options.DefaultJobRetries;
            job.DueAt = context.Now;
            job.LockOwner = null;
            job.LockExpiresAt = null;
            job.Revision++;
        }
        else if (runtime?.Executions.Find(e => e.IsWaiting && runtime.Node(e) is StartEvent) is { } parked)
        {
            // An instance that failed before its first wait state was kept with its token parked at the start event.
            parked.IsWaiting = false;
            if (runtime.Parent(parked) is { Kind: ExecutionKind.ProcessInstance } root)
            {
                context.SubscribeEventSubProcesses(runtime, root, runtime.Process);
            }

            context.Schedule(new EnterElementOperation(runtime, parked));
            await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
        }

        if (values.Count > 0)
        {
            // The variables may make a conditional event fire.
            await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
        }

        return Snapshot.Incident(context, incident);
    }

    /// <summary>The retry failed again: the same incident stays open and tells the new failure.</summary>
    public override async Task<IncidentInfo> RecordIncidentAsync(CommandContext context, IncidentException incident, Guid? primaryInstanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(incident);
        var entity = await context.Db.Incidents.SingleAsync(i => i.Id == request.IncidentId, cancellationToken).ConfigureAwait(false);
        entity.Type = incident.Type;
        entity.ElementId = incident.ElementId;
        entity.Message = CommandContext.Truncate(incident.Message);
        entity.CreatedAt = context.Now;
        if (entity.ProcessInstanceId is { } instanceId)
        {
            context.History(await context.LoadInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false), HistoryEventTypes.IncidentCreated, null, incident.ElementId, null, detail: entity.Message);
        }

        return Snapshot.Incident(context, entity);
    }
}

/// <summary>Marks an incident resolved without running anything (the cause was dealt with outside). A failed job needs a retry instead.</summary>
internal sealed class ResolveIncidentCommand(Guid incidentId) : EngineCommand<IncidentInfo>
{
    public override string Name => "ResolveIncidentCommand";

    public override async Task<IncidentInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var incident = await IncidentCommands.LoadOpenAsync(context, incidentId, cancellationToken).ConfigureAwait(false);
        if (incident.JobId is { } jobId && await context.Db.Jobs.AnyAsync(j => j.Id == jobId && j.Retries == 0, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidEngineStateException("Diese Störung hat einen Auftrag angehalten: bitte wiederholen statt als erledigt markieren, sonst geht der Prozess nie weiter.");
        }

        IncidentCommands.Resolve(context, await IncidentCommands.LoadActiveInstanceAsync(context, incident, cancellationToken).ConfigureAwait(false), incident, "resolved");
        return Snapshot.Incident(context, incident);
    }
}

/// <summary>Cancels a running instance from outside: its tokens, tasks, waits and called instances end; open incidents are resolved.</summary>
internal sealed class CancelProcessInstanceCommand(Guid processInstanceId) : EngineCommand<ProcessInstanceInfo>
{
    public override string Name => "CancelProcessInstanceCommand";

    public override async Task<ProcessInstanceInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runtime = await context.LoadInstanceAsync(processInstanceId, cancellationToken).ConfigureAwait(false);
        if (runtime.Entity.State != ProcessInstanceState.Active)
        {
            throw new InvalidEngineStateException("Der Prozess ist bereits beendet.");
        }

        if (runtime.Entity.ParentProcessInstanceId is not null)
        {
            throw new InvalidEngineStateException("Dieser Prozess wurde von einem übergeordneten Prozess aufgerufen; bitte brechen Sie den übergeordneten Prozess ab.");
        }

        context.CancelInstance(runtime);
        return Snapshot.Of(context, runtime);
    }
}

internal static class IncidentCommands
{
    public static async Task<IncidentEntity> LoadOpenAsync(CommandContext context, Guid incidentId, CancellationToken cancellationToken)
    {
        var incident = await context.Db.Incidents.SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"Incident {incidentId} does not exist.");
        return incident.ResolvedAt is null ? incident : throw new InvalidEngineStateException("Diese Störung ist bereits behoben.");
    }

    public static async Task<InstanceRuntime?> LoadActiveInstanceAsync(CommandContext context, IncidentEntity incident, CancellationToken cancellationToken)
    {
        if (incident.ProcessInstanceId is not { } instanceId)
        {
            return null;
        }

        var runtime = await context.LoadInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return runtime.Entity.State == ProcessInstanceState.Active
            ? runtime
            : throw new InvalidEngineStateException("Der Prozess dieser Störung ist bereits beendet.");
    }

    public static void Resolve(CommandContext context, InstanceRuntime? runtime, IncidentEntity incident, string how)
    {
        incident.ResolvedAt = context.Now;
        if (runtime is not null)
        {
            context.History(runtime, HistoryEventTypes.IncidentResolved, null, incident.ElementId, null, detail: $"{how}: {incident.Message}");
        }
    }
}

/// <summary>The incidents of the municipality matching a query, newest first, one page.</summary>
internal sealed class QueryIncidentsCommand(IncidentQuery query) : EngineCommand<IReadOnlyList<IncidentInfo>>
{
    public override string Name => "QueryIncidentsCommand";

    public override async Task<IReadOnlyList<IncidentInfo>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var incidents = context.Db.Incidents.AsNoTracking();
        if (query.Open is { } open)
        {
            incidents = open ? incidents.Where(i => i.ResolvedAt == null) : incidents.Where(i => i.ResolvedAt != null);
        }

        if (query.ProcessId is { } processId)
        {
            var definitions = context.Db.ProcessDefinitions.Where(d => d.ProcessId == processId).Select(d => d.Id);
            incidents = incidents.Where(i => definitions.Contains(i.ProcessDefinitionId));
        }

        if (query.ElementId is { } elementId)
        {
            incidents = incidents.Where(i => i.ElementId == elementId);
        }

        var page = await incidents.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip(query.Skip).Take(query.Take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. page.Select(i => Snapshot.Incident(context, i))];
    }
}

/// <summary>The jobs of the municipality matching a query (timers, service tasks, continuations, external jobs), soonest due first, one page.</summary>
internal sealed class QueryJobsCommand(JobQuery query) : EngineCommand<IReadOnlyList<JobInfo>>
{
    public override string Name => "QueryJobsCommand";

    public override async Task<IReadOnlyList<JobInfo>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jobs = context.Db.Jobs.AsNoTracking();
        jobs = query.State switch
        {
            JobState.Failed => jobs.Where(j => j.Retries == 0),
            JobState.Locked => jobs.Where(j => j.Retries > 0 && j.LockExpiresAt != null && j.LockExpiresAt >= context.Now),
            JobState.Waiting => jobs.Where(j => j.Retries > 0 && (j.LockExpiresAt == null || j.LockExpiresAt < context.Now)),
            _ => jobs,
        };
        if (query.ProcessId is { } processId)
        {
            var definitions = context.Db.ProcessDefinitions.Where(d => d.ProcessId == processId).Select(d => d.Id);
            jobs = jobs.Where(j => definitions.Contains(j.ProcessDefinitionId));
        }

        if (query.ElementId is { } elementId)
        {
            jobs = jobs.Where(j => j.ElementId == elementId);
        }

        if (query.ProcessInstanceId is { } instanceId)
        {
            jobs = jobs.Where(j => j.ProcessInstanceId == instanceId);
        }

        var page = await jobs.OrderBy(j => j.DueAt).ThenBy(j => j.Id).Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. page.Select(j => new JobInfo(
            j.Id, j.Kind.ToString(), j.ProcessInstanceId, j.ElementId, j.JobType, j.DueAt, j.Retries, j.Priority,
            j.Retries == 0 ? JobState.Failed : j.LockExpiresAt >= context.Now ? JobState.Locked : JobState.Waiting,
            j.LockOwner, j.LockExpiresAt, j.LastError))];
    }
}
