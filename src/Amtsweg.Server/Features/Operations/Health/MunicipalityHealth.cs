using System.Reflection;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Records.Operations;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Operations.Health;

/// <summary>
/// One municipality's health as the operator sees it: counts and times only, never a name of a person, a document
/// or a case (ADR 0033).
/// </summary>
/// <param name="Id">The municipality.</param>
/// <param name="Name">Its name.</param>
/// <param name="Ags">Its Amtlicher Gemeindeschlüssel.</param>
/// <param name="OpenIncidents">Open incidents of its processes.</param>
/// <param name="FailedJobs">Jobs with their retries used up or whose last attempt failed.</param>
/// <param name="PosteingangBacklog">Items of its Posteingang not filed yet.</param>
/// <param name="OldestBacklogReceivedAt">When the oldest of them arrived, or null.</param>
/// <param name="StuckOcr">Items whose processing (virus scan, text, OCR) failed, waits for a program or takes too long.</param>
/// <param name="StorageBytes">Bytes of all versions of its documents.</param>
/// <param name="LastSignInAt">The latest sign-in of any of its users, or null.</param>
/// <param name="Version">The Amtsweg version serving it.</param>
/// <param name="NeedsAttention">True with an open incident, a failed job or stuck processing.</param>
public sealed record MunicipalityHealthResponse(
    Guid Id,
    string Name,
    string Ags,
    int OpenIncidents,
    int FailedJobs,
    int PosteingangBacklog,
    DateTimeOffset? OldestBacklogReceivedAt,
    int StuckOcr,
    long StorageBytes,
    DateTimeOffset? LastSignInAt,
    string Version,
    bool NeedsAttention);

/// <summary>
/// Gathers every municipality's health with a handful of grouped queries across tenants (the engine's and the e-file's
/// own, and one over the users), whatever the number of municipalities; sorted so that trouble comes first.
/// </summary>
public sealed class MunicipalityHealth(PlatformDbContext db, TenantContext tenant, IProcessEngine engine, RecordsHealthQuery records)
{
    /// <summary>The installation's informational version without the source revision, e.g. <c>1.0.0</c>.</summary>
    public static string Version { get; } =
        typeof(MunicipalityHealth).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>Every municipality, those that need attention first (most trouble first), then by name.</summary>
    public async Task<IReadOnlyList<MunicipalityHealthResponse>> AllAsync(CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        var municipalities = await db.Municipalities.AsNoTracking().Select(m => new { m.Id, m.Name, m.Ags }).ToListAsync(cancellationToken);
        var trouble = (await engine.CountTroubleByTenantAsync(cancellationToken)).ToDictionary(t => t.TenantId);
        var files = (await records.PerTenantAsync(cancellationToken)).ToDictionary(r => r.TenantId);
        var signIns = await db.Users.AsNoTracking().Where(u => u.TenantId != null && u.LastSignInAt != null)
            .GroupBy(u => u.TenantId!.Value)
            .Select(g => new { TenantId = g.Key, Last = g.Max(u => u.LastSignInAt) })
            .ToDictionaryAsync(g => g.TenantId, g => g.Last, cancellationToken);
        var rows = municipalities.Select(m =>
        {
            var engineTrouble = trouble.GetValueOrDefault(m.Id);
            var file = files.GetValueOrDefault(m.Id);
            var incidents = engineTrouble?.OpenIncidents ?? 0;
            var failedJobs = engineTrouble?.FailedJobs ?? 0;
            var stuck = file?.StuckOcr ?? 0;
            return new MunicipalityHealthResponse(
                m.Id, m.Name, m.Ags, incidents, failedJobs, file?.Backlog ?? 0, file?.OldestBacklogReceivedAt, stuck,
                file?.StorageBytes ?? 0, signIns.GetValueOrDefault(m.Id), Version, incidents + failedJobs + stuck > 0);
        });
        return [.. rows
            .OrderByDescending(r => r.NeedsAttention)
            .ThenByDescending(r => r.OpenIncidents + r.FailedJobs + r.StuckOcr)
            .ThenByDescending(r => r.PosteingangBacklog)
            .ThenBy(r => r.Name, StringComparer.CurrentCulture)];
    }
}
