using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Features.Operations.Health;

/// <summary>
/// An incident as the operator sees it (ADR 0033): where it happened and what kind of error, the job's type and
/// retries, but no variables, no business key, no document and no name of a person. <see cref="Message"/> is the
/// engine's text only for the incident types whose text the engine builds from the model alone; for every other
/// type it is null, because such a text may quote a value of the case (a FEEL error, a connector's answer).
/// </summary>
public sealed record OperatorIncident(
    Guid Id,
    string ProcessId,
    string? ProcessName,
    int ProcessVersion,
    string ElementId,
    string? ElementName,
    string? ElementType,
    string Type,
    string? Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    string? JobKind,
    string? JobType,
    int? JobRetries)
{
    /// <summary>
    /// The incident types whose message the engine composes only from the deployed model (element ids and names, the
    /// step limit); no value of an instance can reach them. All others are withheld from the operator.
    /// </summary>
    public static IReadOnlySet<string> TypesWithModelOnlyMessages { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        IncidentTypes.StepLimitExceeded,
        IncidentTypes.UnsupportedElement,
    };

    internal static OperatorIncident From(IncidentOverview incident) => new(
        incident.Id, incident.ProcessId, incident.ProcessName, incident.ProcessVersion, incident.ElementId, incident.ElementName,
        incident.ElementType, incident.Type, TypesWithModelOnlyMessages.Contains(incident.Type) ? incident.Message : null,
        incident.CreatedAt, incident.ResolvedAt, incident.JobKind, incident.JobType, incident.JobRetries);
}

/// <summary>A municipality's incidents for the operator, read in a scope of that municipality and stripped as <see cref="OperatorIncident"/> says.</summary>
public sealed class OperatorIncidents(PlatformDbContext db, TenantContext tenant, ITenantScopeFactory scopes)
{
    /// <summary>Incidents per page.</summary>
    public const int PageSize = 50;

    /// <summary>The municipality with the AGS, or null when there is none.</summary>
    public async Task<Municipality?> MunicipalityAsync(string? ags, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ags))
        {
            return null;
        }

        tenant.UsePlatformScope();
        return await db.Municipalities.AsNoTracking().SingleOrDefaultAsync(m => m.Ags == ags.Trim(), cancellationToken);
    }

    /// <summary>The municipality's open incidents, newest first (at most <see cref="PageSize"/>).</summary>
    public Task<IReadOnlyList<OperatorIncident>> OpenAsync(Municipality municipality, CancellationToken cancellationToken) =>
        QueryAsync(municipality, new IncidentOverviewQuery { Take = PageSize }, cancellationToken);

    /// <summary>One incident of the municipality, open or resolved, or null when it has none with that id.</summary>
    public async Task<OperatorIncident?> OneAsync(Municipality municipality, Guid incidentId, CancellationToken cancellationToken) =>
        (await QueryAsync(municipality, new IncidentOverviewQuery { Id = incidentId, Take = 1 }, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<OperatorIncident>> QueryAsync(Municipality municipality, IncidentOverviewQuery query, CancellationToken cancellationToken)
    {
        // The municipality's own scope: the tenant filter (and row-level security) keeps every other one out.
        await using var scope = scopes.CreateScope(municipality.Id);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        var incidents = await engine.QueryIncidentOverviewsAsync(query, cancellationToken);
        return [.. incidents.Select(OperatorIncident.From)];
    }
}
