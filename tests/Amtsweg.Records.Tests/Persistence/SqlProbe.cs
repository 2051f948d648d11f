using System.Data.Common;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Search;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Tests.Persistence;

/// <summary>Raw reads and writes for the tests of the SQL classes, through the connection of a context.</summary>
internal static class SqlProbe
{
    /// <summary>The first column of every row, as text (null stays null).</summary>
    public static async Task<List<string?>> ColumnAsync(DbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync();
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var values = new List<string?>();
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                values.Add(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }

            return values;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    public static async Task<string?> ScalarAsync(DbContext db, string sql) => (await ColumnAsync(db, sql)).Single();

    public static AuditEntry AuditEntry(Guid tenant, long sequence, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenant,
        Sequence = sequence,
        OccurredAt = at,
        Actor = "sachbearbeitung@test",
        Action = "vorgang-opened",
        SubjectType = "Vorgang",
        SubjectId = Guid.CreateVersion7(),
        Details = "{}",
        PreviousHash = new string('0', 64),
        Hash = new string('a', 64),
    };

    public static SearchEntry SearchEntry(Guid tenant, string titleTerms, string bodyTerms) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenant,
        Kind = "Dokument",
        VorgangId = Guid.CreateVersion7(),
        PositionId = Guid.CreateVersion7(),
        Aktenzeichen = "32.10-0001/2026",
        Title = titleTerms,
        Date = new DateOnly(2026, 6, 1),
        Status = RecordState.Open,
        TitleTerms = titleTerms,
        BodyTerms = bodyTerms,
        Text = bodyTerms,
    };

    public static Loeschnachweis Loeschnachweis(Guid tenant, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenant,
        SubjectType = LoeschnachweisSubjects.Vermerk,
        SubjectId = Guid.CreateVersion7(),
        Title = "Vermerk",
        Reason = DeletionReason.Erased,
        LegalBasis = "Art. 17 Abs. 1 DSGVO",
        DeletedBy = "sachbearbeitung@test",
        DeletedAt = at,
    };

    /// <summary>Adds rows through a privileged context (no tenant interceptors: the rows carry their tenant).</summary>
    public static async Task AddAsync(RecordsDbContext db, params object[] rows)
    {
        db.AddRange(rows);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
