using Amtsweg.Records.Audit;
using Amtsweg.Records.Model;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Commands;

/// <summary>
/// Creates an Akte under an Aktenplan position with the next Aktenzeichen of the configured pattern. The running
/// number comes from a counter row per tenant, position and year, incremented in the same transaction: no gaps
/// (a refused command rolls the increment back) and no duplicates (the row lock serialises concurrent creators).
/// </summary>
public sealed record CreateAkteCommand(Guid PositionId, string Title) : RecordsCommand<Akte>
{
    internal override async Task<Akte> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var title = Validation.Text(Title, "Der Titel der Akte", 500);
        var position = await context.Db.AktenplanPositionen.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PositionId, cancellationToken).ConfigureAwait(false)
            ?? throw RecordsErrors.NotFoundError("Die Aktenplanposition", PositionId);
        var pattern = AktenzeichenPattern.Parse(context.Options.AktenzeichenPattern);
        var year = context.CurrentYear;
        var number = await AktenzeichenCounterQuery.NextAsync(context.Db, context.TenantId, position.Id, year, cancellationToken).ConfigureAwait(false);
        var akte = new Akte
        {
            Id = context.NewId(),
            TenantId = context.TenantId,
            PositionId = position.Id,
            Aktenzeichen = pattern.Format(position.Code, year, number),
            Title = title,
            Year = year,
            Number = number,
            State = RecordState.Open,
            CreatedAt = context.Now,
        };
        context.Db.Akten.Add(akte);
        context.Audit(AuditActions.AkteCreated, nameof(Akte), akte.Id,
            ("aktenzeichen", akte.Aktenzeichen), ("title", title), ("position", position.Code));
        return akte;
    }
}

/// <summary>Closes an Akte (zdA) once all its Vorgänge are closed; its retention period starts now.</summary>
public sealed record CloseAkteCommand(Guid AkteId) : RecordsCommand<Akte>
{
    internal override async Task<Akte> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var akte = await context.LockAsync<Akte>(AkteId, "Die Akte", cancellationToken).ConfigureAwait(false);
        RecordsCommandContext.EnsureOpen(akte);
        if (await context.Db.Vorgaenge.AnyAsync(v => v.AkteId == akte.Id && v.State == RecordState.Open, cancellationToken).ConfigureAwait(false))
        {
            throw new RecordsException(RecordsErrors.AkteHasOpenVorgaenge, $"Die Akte {akte.Aktenzeichen} hat noch offene Vorgänge.");
        }

        akte.State = RecordState.Closed;
        akte.ClosedAt = context.Now;
        context.Audit(AuditActions.AkteClosed, nameof(Akte), akte.Id, ("aktenzeichen", akte.Aktenzeichen));
        return akte;
    }
}

/// <summary>
/// Hand-written SQL (STYLE.md habit 10): the atomic "insert 1 or add 1, return the value" on the counter row. The
/// statement takes the row lock on PostgreSQL until the transaction ends; SQLite's write transaction is exclusive.
/// </summary>
internal static class AktenzeichenCounterQuery
{
    public static async Task<int> NextAsync(Persistence.RecordsDbContext db, Guid tenantId, Guid positionId, int year, CancellationToken cancellationToken)
    {
        var values = await db.Database.SqlQuery<int>($"""
            INSERT INTO "AktenzeichenCounters" ("TenantId", "PositionId", "Year", "LastNumber") VALUES ({tenantId}, {positionId}, {year}, 1)
            ON CONFLICT ("TenantId", "PositionId", "Year") DO UPDATE SET "LastNumber" = "AktenzeichenCounters"."LastNumber" + 1
            RETURNING "LastNumber" AS "Value"
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
        return values.Single();
    }
}
