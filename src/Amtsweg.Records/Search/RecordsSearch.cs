using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Search;

/// <summary>A search over the e-file: free text (German-aware, all words must match) and filters.</summary>
/// <param name="Text">The words sought; null or empty lists by the filters alone, newest first.</param>
/// <param name="From">Earliest document date (or opening day of a Vorgang).</param>
/// <param name="To">Latest document date.</param>
/// <param name="DokumentType">Only documents of this type.</param>
/// <param name="PositionId">Only records filed under this Aktenplan position or one below it.</param>
/// <param name="Status">Only records whose Vorgang is in this state.</param>
/// <param name="Limit">Most hits returned (1–200).</param>
/// <param name="IncludeRestricted">
/// Also records restricted under Art. 18 DSGVO; only for the data-protection role, ordinary clerks never see them.
/// </param>
public sealed record SearchRequest(
    string? Text,
    DateOnly? From = null,
    DateOnly? To = null,
    string? DokumentType = null,
    Guid? PositionId = null,
    RecordState? Status = null,
    int Limit = 20,
    bool IncludeRestricted = false);

/// <summary>One hit.</summary>
/// <param name="Kind">One of <see cref="SearchKinds"/>.</param>
/// <param name="Id">The id of the Vorgang, Dokument or Posteingang item.</param>
/// <param name="VorgangId">The Vorgang; null for an item of the Posteingang.</param>
/// <param name="Aktenzeichen">The Vorgang's reference; empty for an item of the Posteingang.</param>
/// <param name="Title">The title.</param>
/// <param name="DokumentType">The document type, null for a Vorgang.</param>
/// <param name="Date">The document date, opening day, or the day a Posteingang item arrived.</param>
/// <param name="Status">State of the Vorgang; null for an item of the Posteingang.</param>
/// <param name="Score">Relevance; higher is better.</param>
/// <param name="Snippet">HTML excerpt with the matched words in <c>&lt;mark&gt;</c>.</param>
public sealed record SearchHit(string Kind, Guid Id, Guid? VorgangId, string Aktenzeichen, string Title, string? DokumentType, DateOnly Date, RecordState? Status, double Score, string Snippet);

/// <summary>
/// Searches the e-file of the current tenant. The database finds the candidates through its full-text index (SQLite
/// FTS5, PostgreSQL tsvector with GIN) over terms stemmed in C#; ranking and snippets are computed here, so both
/// providers give the same hits in the same order. A compound in the query matches a record that has the compound or
/// all of its parts (<c>Steuerbescheid</c> finds "Bescheid über die Grundsteuer"); the compound itself ranks higher.
/// Candidates are ranked on their terms alone; only the hits returned are loaded whole, for their snippets. When more
/// records match than <see cref="MaxCandidates"/>, the newest matches and the newest records with a query word in the
/// title are ranked (ADR 0008): the cost of a query stays bounded however common its words are.
/// </summary>
public sealed class RecordsSearch(RecordsDbContext db, TenantContext tenant)
{
    /// <summary>At most this many title matches and this many other matches (after the filters) are ranked.</summary>
    public const int MaxCandidates = 500;

    private const double TitleWeight = 3.0;

    // A query compound found only through its parts counts half.
    private const double PartsWeight = 0.5;

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

        var words = GermanText.QueryTerms(request.Text);
        if (!string.IsNullOrWhiteSpace(request.Text) && words.Count == 0)
        {
            return [];
        }

        var positions = request.PositionId is { } positionId ? await PositionWithDescendantsAsync(positionId, cancellationToken).ConfigureAwait(false) : null;
        var filter = new CandidateFilter(request.From, request.To, string.IsNullOrWhiteSpace(request.DokumentType) ? null : request.DokumentType.Trim(), request.Status, positions, request.IncludeRestricted);
        if (words.Count == 0)
        {
            var query = db.SearchEntries.AsNoTracking();
            query = request.From is { } from ? query.Where(e => e.Date >= from) : query;
            query = request.To is { } to ? query.Where(e => e.Date <= to) : query;
            query = filter.DokumentType is { } type ? query.Where(e => e.DokumentType == type) : query;
            query = request.Status is { } status ? query.Where(e => e.Status == status) : query;
            query = request.IncludeRestricted ? query : query.Where(e => !e.Restricted);
            query = positions is null ? query : query.Where(e => e.PositionId != null && positions.Contains(e.PositionId.Value));
            var listed = await query.OrderByDescending(e => e.Date).ThenBy(e => e.Id).Take(request.Limit).ToListAsync(cancellationToken).ConfigureAwait(false);
            return listed.Select(e => ToHit(e, 0, new HashSet<string>())).ToList();
        }

        // Every match when they are fewer than the cap; otherwise the newest matches and the newest records with a query
        // word in the title, ranked together (ranking drops those of the latter that lack another word).
        var required = words.SelectMany(w => w.Parts.Count > 0 ? w.Parts : [w.Term]).Distinct(StringComparer.Ordinal).ToList();
        var candidates = await SearchCandidates.FindAsync(db, required, inTitle: false, filter, MaxCandidates, cancellationToken).ConfigureAwait(false);
        if (candidates.Count == MaxCandidates)
        {
            var whole = words.Select(w => w.Term).ToList();
            candidates.AddRange(await SearchCandidates.FindAsync(db, whole, inTitle: true, filter, MaxCandidates, cancellationToken).ConfigureAwait(false));
        }

        var ranked = candidates.DistinctBy(c => c.Id)
            .Select(c => (c.Id, c.Date, Score: Score(c.TitleTerms, c.BodyTerms, words)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => x.Date)
            .ThenBy(x => x.Id)
            .Take(request.Limit)
            .ToList();
        var ids = ranked.Select(x => x.Id).ToList();
        var entries = await db.SearchEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken).ConfigureAwait(false);
        var highlighted = words.SelectMany(w => w.Parts.Prepend(w.Term)).ToHashSet(StringComparer.Ordinal);
        return ranked.Select(x => ToHit(entries[x.Id], x.Score, highlighted)).ToList();
    }

    // Every word must occur, a compound whole or in its parts (the index matched them; this re-checks on the stored
    // terms). A term in the title counts three times; repetitions in the body count logarithmically; short texts win
    // over long ones a little.
    private static double Score(string titleTerms, string bodyTerms, IReadOnlyList<QueryTerm> words)
    {
        double score = 0;
        foreach (var word in words)
        {
            var whole = TermScore(titleTerms, bodyTerms, word.Term);
            if (whole == 0 && word.Parts.Count > 0)
            {
                var parts = word.Parts.Select(p => TermScore(titleTerms, bodyTerms, p)).ToList();
                whole = parts.Contains(0) ? 0 : PartsWeight * parts.Average();
            }

            if (whole == 0)
            {
                return 0;
            }

            score += whole;
        }

        var length = Count(titleTerms, null) + Count(bodyTerms, null);
        return Math.Round(score / (1 + (Math.Log(1 + length) / 10)), 6);
    }

    private static double TermScore(string titleTerms, string bodyTerms, string term)
    {
        var inTitle = Count(titleTerms, term);
        var inBody = Count(bodyTerms, term);
        return (inTitle > 0 ? TitleWeight : 0) + (inBody > 0 ? 1 + Math.Log(inBody) : 0);
    }

    // How often term occurs among the space-separated terms (every term when null), without allocating.
    private static int Count(string terms, string? term)
    {
        var count = 0;
        var span = terms.AsSpan();
        foreach (var range in span.Split(' '))
        {
            var candidate = span[range];
            if (candidate.Length > 0 && (term is null || candidate.SequenceEqual(term)))
            {
                count++;
            }
        }

        return count;
    }

    private static SearchHit ToHit(SearchEntry e, double score, IReadOnlySet<string> terms) =>
        new(e.Kind, e.Id, e.VorgangId, e.Aktenzeichen, e.Title, e.DokumentType, e.Date, e.Status, score, GermanText.Snippet(e.Text, terms));

    private async Task<List<Guid>> PositionWithDescendantsAsync(Guid positionId, CancellationToken cancellationToken)
    {
        var all = await db.AktenplanPositionen.AsNoTracking().Select(p => new { p.Id, p.ParentId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<Guid> { positionId };
        for (var i = 0; i < result.Count; i++)
        {
            var parent = result[i];
            result.AddRange(all.Where(p => p.ParentId == parent).Select(p => p.Id));
        }

        return result;
    }
}
