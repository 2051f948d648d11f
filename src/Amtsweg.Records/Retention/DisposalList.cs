using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Retention;

/// <summary>An Akte whose retention period has run out.</summary>
/// <param name="AkteId">The Akte.</param>
/// <param name="Aktenzeichen">Its reference.</param>
/// <param name="Title">Its subject.</param>
/// <param name="PositionCode">The Aktenplan position.</param>
/// <param name="ClosedAt">When it was closed (zdA); the retention period started then.</param>
/// <param name="RetentionYears">The retention period of the position, in years.</param>
/// <param name="DueOn">The first day it may be disposed of.</param>
/// <param name="DisposalRule">Offer to the archive, destroy, or let the archive appraise.</param>
public sealed record DisposalCandidate(Guid AkteId, string Aktenzeichen, string Title, string PositionCode, DateTimeOffset ClosedAt, int RetentionYears, DateOnly DueOn, DisposalRule DisposalRule);

/// <summary>
/// The disposal list (Aussonderungsliste): closed Akten whose retention period has run out, counted from the close
/// (zdA) with the position's current retention period, in Europe/Berlin days. Akten under legal hold are never due.
/// </summary>
public sealed class DisposalList(RecordsDbContext db, TenantContext tenant, TimeProvider clock)
{
    /// <summary>The Akten due for disposal today (or on <paramref name="asOf"/>), oldest due first.</summary>
    public async Task<IReadOnlyList<DisposalCandidate>> ListDueAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        if (tenant.TenantId is null)
        {
            throw new RecordsException(RecordsErrors.TenantMissing, "Für die Aussonderungsliste ist keine Gemeinde (Mandant) gewählt.");
        }

        var today = asOf ?? BerlinTime.Today(clock);
        var closed = await (
            from akte in db.Akten.AsNoTracking()
            join position in db.AktenplanPositionen.AsNoTracking() on akte.PositionId equals position.Id
            where akte.State == RecordState.Closed && !akte.LegalHold && akte.ClosedAt != null
            select new { akte.Id, akte.Aktenzeichen, akte.Title, position.Code, ClosedAt = akte.ClosedAt!.Value, position.RetentionYears, position.DisposalRule })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return closed
            .Select(a => new DisposalCandidate(a.Id, a.Aktenzeichen, a.Title, a.Code, a.ClosedAt, a.RetentionYears, DueOn(a.ClosedAt, a.RetentionYears), a.DisposalRule))
            .Where(c => c.DueOn <= today)
            .OrderBy(c => c.DueOn)
            .ThenBy(c => c.Aktenzeichen, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The first day an Akte closed at <paramref name="closedAt"/> may be disposed of.</summary>
    public static DateOnly DueOn(DateTimeOffset closedAt, int retentionYears) =>
        BerlinTime.Date(closedAt).AddYears(retentionYears);
}
