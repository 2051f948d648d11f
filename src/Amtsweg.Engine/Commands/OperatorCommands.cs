using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>
/// Open incidents and failed jobs counted per tenant, across tenants (platform scope), for the operator's overview:
/// two grouped queries, so the cost does not grow with a query per municipality.
/// </summary>
internal sealed class CountTroubleByTenantCommand : EngineCommand<IReadOnlyList<TenantTrouble>>
{
    public override string Name => "CountTroubleByTenantCommand";

    public override async Task<IReadOnlyList<TenantTrouble>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.Db;
        if (!db.IsPlatformScope)
        {
            throw new InvalidOperationException("Counting trouble per tenant reads across tenants and needs the platform scope.");
        }

        var incidents = await db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null)
            .GroupBy(i => i.TenantId).Select(g => new { TenantId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.TenantId, g => g.Count, cancellationToken).ConfigureAwait(false);

        // A job with its retries used up, or one whose last attempt failed and which is still being retried.
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.Retries == 0 || j.LastError != null)
            .GroupBy(j => j.TenantId).Select(g => new { TenantId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.TenantId, g => g.Count, cancellationToken).ConfigureAwait(false);
        return [.. incidents.Keys.Union(jobs.Keys).Select(tenant => new TenantTrouble(tenant, incidents.GetValueOrDefault(tenant), jobs.GetValueOrDefault(tenant)))];
    }
}

/// <summary>The municipality's incidents with their process version and job, newest first, one page (or one by id).</summary>
internal sealed class QueryIncidentOverviewsCommand(IncidentOverviewQuery query) : EngineCommand<IReadOnlyList<IncidentOverview>>
{
    public override string Name => "QueryIncidentOverviewsCommand";

    public override async Task<IReadOnlyList<IncidentOverview>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.Db;
        var incidents = db.Incidents.AsNoTracking();
        incidents = query.Id is { } id ? incidents.Where(i => i.Id == id) : incidents.Where(i => i.ResolvedAt == null);
        var page = await incidents.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip(query.Skip).Take(query.Take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var definitionIds = page.Select(i => i.ProcessDefinitionId).Distinct().ToList();
        var definitions = await db.ProcessDefinitions.AsNoTracking().Where(d => definitionIds.Contains(d.Id))
            .Select(d => new { d.Id, d.ProcessId, d.Name, d.Version })
            .ToDictionaryAsync(d => d.Id, cancellationToken).ConfigureAwait(false);
        var jobIds = page.Where(i => i.JobId != null).Select(i => i.JobId!.Value).Distinct().ToList();
        var jobs = await db.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.Id))
            .Select(j => new { j.Id, j.Kind, j.JobType, j.Retries })
            .ToDictionaryAsync(j => j.Id, cancellationToken).ConfigureAwait(false);
        return [.. page.Select(i =>
        {
            var snapshot = Snapshot.Incident(context, i);
            var definition = definitions[i.ProcessDefinitionId];
            var job = i.JobId is { } jobId ? jobs.GetValueOrDefault(jobId) : null;
            return new IncidentOverview(
                i.Id, definition.ProcessId, definition.Name, definition.Version, i.ElementId, snapshot.ElementName, snapshot.ElementType,
                i.Type, i.Message, i.CreatedAt, i.ResolvedAt, i.JobId, job?.Kind.ToString(), job?.JobType, job?.Retries);
        })];
    }
}
