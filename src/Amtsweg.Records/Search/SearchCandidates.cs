using System.Data.Common;
using System.Globalization;
using System.Text;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Amtsweg.Records.Search;

/// <summary>A search entry that matched: what ranking needs of it.</summary>
internal sealed record Candidate(Guid Id, DateOnly Date, string TitleTerms, string BodyTerms);

/// <summary>The filters of a search, resolved (positions with their descendants).</summary>
internal sealed record CandidateFilter(DateOnly? From, DateOnly? To, string? DokumentType, RecordState? Status, IReadOnlyList<Guid>? Positions, bool IncludeRestricted);

/// <summary>
/// Hand-written SQL (STYLE.md habit 10): full-text matching is provider-specific. Finds the newest entries of the
/// current tenant that contain every term, or (<c>inTitle</c>) that have one of the terms in their title, at most
/// <c>limit</c>, after the filters. "Newest" is the entry's <c>Sequence</c>, the order in which entries were written,
/// which both providers keep the same way, so the same data gives the same candidates. SQLite reads the contentless
/// FTS5 tables <c>SearchIndex</c> (title and text) and <c>SearchTitles</c> (title), whose rowid is <c>Sequence</c>, backwards
/// and stops at the limit; PostgreSQL matches the tsvectors <c>Vector</c> and <c>TitleVector</c> (GIN) and orders by
/// <c>Sequence</c>.
/// </summary>
internal static class SearchCandidates
{
    private const string Columns = """SELECT e."Id", e."Date", e."TitleTerms", e."BodyTerms" """;

    public static async Task<List<Candidate>> FindAsync(RecordsDbContext db, IReadOnlyList<string> terms, bool inTitle, CandidateFilter filter, int limit, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new RecordsException(RecordsErrors.TenantMissing, "Für die Suche ist keine Gemeinde (Mandant) gewählt.");
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder();
        if (postgres)
        {
            sql.Append(Columns).Append(inTitle
                ? """ FROM "SearchEntries" e WHERE e."TitleVector" @@ to_tsquery('simple', @terms)"""
                : """ FROM "SearchEntries" e WHERE e."Vector" @@ to_tsquery('simple', @terms)""");
            var quoted = terms.Select(t => "'" + t.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'");
            Add(command, "terms", string.Join(inTitle ? " | " : " & ", quoted));
        }
        else
        {
            var index = inTitle ? "SearchTitles" : "SearchIndex";
            sql.Append(Columns).Append($"""
                 FROM "{index}" i JOIN "SearchEntries" e ON e."Sequence" = i.rowid WHERE "{index}" MATCH @terms
                """);
            var quoted = terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            Add(command, "terms", string.Join(inTitle ? " OR " : " AND ", quoted));
        }

        sql.Append(""" AND e."TenantId" = @tenant""");
        Add(command, "tenant", Value(tenantId, postgres));
        if (filter.From is { } from)
        {
            sql.Append(""" AND e."Date" >= @from""");
            Add(command, "from", Value(from, postgres));
        }

        if (filter.To is { } to)
        {
            sql.Append(""" AND e."Date" <= @to""");
            Add(command, "to", Value(to, postgres));
        }

        if (filter.DokumentType is { } type)
        {
            sql.Append(""" AND e."DokumentType" = @type""");
            Add(command, "type", type);
        }

        if (filter.Status is { } status)
        {
            sql.Append(""" AND e."Status" = @status""");
            Add(command, "status", status.ToString());
        }

        if (!filter.IncludeRestricted)
        {
            sql.Append(""" AND e."Restricted" = @restricted""");
            Add(command, "restricted", false);
        }

        if (filter.Positions is { } positions)
        {
            var names = positions.Select((p, i) => Add(command, "position" + i.ToString(CultureInfo.InvariantCulture), Value(p, postgres))).ToList();
            sql.Append(""" AND e."PositionId" IN (""").Append(string.Join(", ", names)).Append(')');
        }

        sql.Append(postgres ? """ ORDER BY e."Sequence" DESC LIMIT @limit""" : " ORDER BY i.rowid DESC LIMIT @limit");
        Add(command, "limit", limit);
        command.CommandText = sql.ToString();

        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var candidates = new List<Candidate>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                candidates.Add(new Candidate(reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetString(3)));
            }

            return candidates;
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static string Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }

    // SQLite keeps ids and dates as text, as EF Core writes them: upper-case GUIDs and ISO dates.
    private static object Value(Guid id, bool postgres) => postgres ? id : id.ToString("D").ToUpperInvariant();

    private static object Value(DateOnly date, bool postgres) => postgres ? date : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
