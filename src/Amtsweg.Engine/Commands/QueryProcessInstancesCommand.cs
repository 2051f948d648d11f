using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>The process instances of the municipality matching a query, newest start first, one page, in one database query.</summary>
internal sealed class QueryProcessInstancesCommand(ProcessInstanceQuery query) : EngineCommand<IReadOnlyList<ProcessInstanceSummary>>
{
    public override string Name => "QueryProcessInstancesCommand";

    public override async Task<IReadOnlyList<ProcessInstanceSummary>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.Db;
        var instances = db.ProcessInstances.AsNoTracking();
        if (query.ProcessId is { } processId)
        {
            instances = instances.Where(i => i.ProcessId == processId);
        }

        if (query.Version is { } version)
        {
            instances = instances.Where(i => db.ProcessDefinitions.Any(d => d.Id == i.ProcessDefinitionId && d.Version == version));
        }

        if (query.State is { } state)
        {
            instances = instances.Where(i => i.State == state);
        }

        if (query.HasIncident is { } hasIncident)
        {
            instances = instances.Where(i => db.Incidents.Any(x => x.ProcessInstanceId == i.Id && x.ResolvedAt == null) == hasIncident);
        }

        if (query.BusinessKey is { } businessKey)
        {
            instances = instances.Where(i => i.BusinessKey == businessKey);
        }

        if (query.StartedFrom is { } from)
        {
            instances = instances.Where(i => i.StartedAt >= from);
        }

        if (query.StartedBefore is { } before)
        {
            instances = instances.Where(i => i.StartedAt < before);
        }

        return await instances.OrderByDescending(i => i.StartedAt).ThenByDescending(i => i.Id)
            .Skip(query.Skip).Take(query.Take)
            .Select(i => new ProcessInstanceSummary(
                i.Id,
                i.ProcessId,
                i.ProcessDefinitionId,
                db.ProcessDefinitions.Where(d => d.Id == i.ProcessDefinitionId).Select(d => d.Version).First(),
                i.BusinessKey,
                i.State,
                i.StartedAt,
                i.EndedAt,
                i.ParentProcessInstanceId,
                db.Incidents.Count(x => x.ProcessInstanceId == i.Id && x.ResolvedAt == null)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The municipality's instances counted per definition version and state, in the database (two grouped queries).</summary>
internal sealed class CountProcessInstancesCommand : EngineCommand<IReadOnlyList<ProcessInstanceCounts>>
{
    public override string Name => "CountProcessInstancesCommand";

    public override async Task<IReadOnlyList<ProcessInstanceCounts>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.Db;
        var byState = await db.ProcessInstances.AsNoTracking()
            .GroupBy(i => new { i.ProcessDefinitionId, i.State })
            .Select(g => new { g.Key.ProcessDefinitionId, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var withIncident = await db.ProcessInstances.AsNoTracking()
            .Where(i => i.State == ProcessInstanceState.Active && db.Incidents.Any(x => x.ProcessInstanceId == i.Id && x.ResolvedAt == null))
            .GroupBy(i => i.ProcessDefinitionId)
            .Select(g => new { ProcessDefinitionId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ProcessDefinitionId, g => g.Count, cancellationToken).ConfigureAwait(false);
        return [.. byState.GroupBy(r => r.ProcessDefinitionId).Select(g => new ProcessInstanceCounts(
            g.Key,
            g.Where(r => r.State == ProcessInstanceState.Active).Sum(r => r.Count),
            g.Where(r => r.State == ProcessInstanceState.Completed).Sum(r => r.Count),
            g.Where(r => r.State == ProcessInstanceState.Canceled).Sum(r => r.Count),
            withIncident.GetValueOrDefault(g.Key)))];
    }
}
