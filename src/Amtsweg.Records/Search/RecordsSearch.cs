using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Search;

/// <summary>A search over the e-file: free text (German-aware, all words must match) and filters.</summary>
/// <param name="Text">The words sought; null or empty lists by the filters alone, newest first.</param>
/// <param name="From">Earliest document date (or opening day of a Vorgang).</param>
/// <param name="To">Latest document date.</param>
/// <param name="DocumentType">Only documents of this type.</param>
/// <param name="PositionId">Only records filed under this Aktenplan position or one below it.</param>
/// <param name="Status">Only records whose Vorgang is in this state.</param>
/// <param name="Limit">Most hits returned (1–200).</param>
public sealed record SearchRequest(
    string? Text,
    DateOnly? From = null,
    DateOnly? To = null,
    string? DocumentType = null,
    Guid? PositionId = null,
    RecordState? Status = null,
    int Limit = 20);

/// <summary>One hit.</summary>
/// <param name="Kind"><c>Vorgang</c> or <c>Dokument</c>.</param>
/// <param name="Id">The id of the Vorgang or Dokument.</param>
/// <param name="VorgangId">The Vorgang.</param>
/// <param name="Aktenzeichen">The Vorgang's reference.</param>
/// <param name="Title">The title.</param>
/// <param name="DocumentType">The document type, null for a Vorgang.</param>
/// <param name="Date">The document date or opening day.</param>
/// <param name="Status">State of the Vorgang.</param>
/// <param name="Score">Relevance; higher is better.</param>
/// <param name="Snippet">HTML excerpt with the matched words in <c>&lt;mark&gt;</c>.</param>
public sealed record SearchHit(string Kind, Guid Id, Guid VorgangId, string Aktenzeichen, string Title, string? DocumentType, DateOnly Date, RecordState Status, double Score, string Snippet);

/// <summary>
/// Searches the e-file of the current tenant. The database finds the candidates through its full-text index (SQLite
/// FTS5, PostgreSQL tsvector with GIN) over terms stemmed in C#; ranking and snippets are computed here, so both
/// providers give the same hits in the same order.
/// </summary>
public sealed class RecordsSearch(RecordsDbContext db, TenantContext tenant)
{
    /// <summary>At most this many full-text candidates are ranked.</summary>
    public const int MaxCandidates = 2000;

    private const double TitleWeight = 3.0;

    /// <summary>Runs a search.</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (tenant.TenantId is null)
        {
            throw new RecordsException(RecordsErrors.TenantMissing, "Für die Suche ist keine Gemeinde (Mandant) gewählt.");
        }

        if (request.Limit is < 1 or > 200)
        {
            throw RecordsErrors.InvalidError("Es können 1 bis 200 Treffer abgerufen werden.");
        }

        var query = db.SearchEntries.AsNoTracking();
        if (request.From is { } from)
        {
            query = query.Where(e => e.Date >= from);
        }

        if (request.To is { } to)
        {
            query = query.Where(e => e.Date <= to);
        }

        if (!string.IsNullOrWhiteSpace(request.DocumentType))
        {
            var type = request.DocumentType.Trim();
            query = query.Where(e => e.DocumentType == type);
        }

        if (request.Status is { } status)
        {
            query = query.Where(e => e.Status == status);
        }

        if (request.PositionId is { } positionId)
        {
            var positions = await PositionWithDescendantsAsync(positionId, cancellationToken).ConfigureAwait(false);
            query = query.Where(e => positions.Contains(e.PositionId));
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            var listed = await query.OrderByDescending(e => e.Date).ThenBy(e => e.Id).Take(request.Limit).ToListAsync(cancellationToken).ConfigureAwait(false);
            return listed.Select(e => ToHit(e, 0, new HashSet<string>())).ToList();
        }

        var terms = GermanText.Terms(request.Text).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0)
        {
            return [];
        }

        var candidates = await SearchIndexQuery.MatchAsync(db, terms, MaxCandidates, cancellationToken).ConfigureAwait(false);
        var entries = await query.Where(e => candidates.Contains(e.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var termSet = terms.ToHashSet(StringComparer.Ordinal);
        return entries
            .Select(e => (Entry: e, Score: Score(e, terms)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => x.Entry.Date)
            .ThenBy(x => x.Entry.Id)
            .Take(request.Limit)
            .Select(x => ToHit(x.Entry, x.Score, termSet))
            .ToList();
    }

    // Every term must occur (the index matched them all; this re-checks on the stored terms). A term in the title
    // counts three times; repetitions in the body count logarithmically; short texts win over long ones a little.
    private static double Score(SearchEntry entry, List<string> terms)
    {
        var title = entry.TitleTerms.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var body = entry.BodyTerms.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double score = 0;
        foreach (var term in terms)
        {
            var inTitle = title.Count(t => t == term);
            var inBody = body.Count(t => t == term);
            if (inTitle + inBody == 0)
            {
                return 0;
            }

            score += (inTitle > 0 ? TitleWeight : 0) + (inBody > 0 ? 1 + Math.Log(inBody) : 0);
        }

        return Math.Round(score / (1 + (Math.Log(1 + title.Length + body.Length) / 10)), 6);
    }

    private static SearchHit ToHit(SearchEntry e, double score, IReadOnlySet<string> terms) =>
        new(e.Kind, e.Id, e.VorgangId, e.Aktenzeichen, e.Title, e.DocumentType, e.Date, e.Status, score, GermanText.Snippet(e.Text, terms));

    private async Task<List<Guid>> PositionWithDescendantsAsync(Guid positionId, CancellationToken cancellationToken)
    {
        var all = await db.AktenplanPositions.AsNoTracking().Select(p => new { p.Id, p.ParentId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<Guid> { positionId };
        for (var i = 0; i < result.Count; i++)
        {
            var parent = result[i];
            result.AddRange(all.Where(p => p.ParentId == parent).Select(p => p.Id));
        }

        return result;
    }
}

/// <summary>
/// Hand-written SQL (STYLE.md habit 10): full-text matching is provider-specific. SQLite uses the FTS5 table
/// <c>SuchIndex</c> kept by triggers; PostgreSQL the generated tsvector column <c>Vektor</c> ('simple' configuration,
/// because the terms are stemmed already). Both return the ids of entries containing every term; the caller's EF
/// query then applies the tenant filter and the other filters.
/// </summary>
internal static class SearchIndexQuery
{
    public static async Task<List<Guid>> MatchAsync(RecordsDbContext db, IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var text = string.Join(' ', terms);
            return await db.Database.SqlQuery<Guid>($"""
                SELECT "Id" AS "Value" FROM "SuchEintraege" WHERE "Vektor" @@ plainto_tsquery('simple', {text}) LIMIT {limit}
                """).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var match = string.Join(" AND ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        var ids = await db.Database.SqlQuery<string>($"""
            SELECT "EntryId" AS "Value" FROM "SuchIndex" WHERE "SuchIndex" MATCH {match} LIMIT {limit}
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
        return ids.Select(Guid.Parse).ToList();
    }
}
