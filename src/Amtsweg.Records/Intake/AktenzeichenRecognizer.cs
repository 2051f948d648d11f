using System.Text.RegularExpressions;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Intake;

/// <summary>A Vorgang proposed for an incoming document because its Aktenzeichen appears in the text.</summary>
/// <param name="VorgangId">The Vorgang.</param>
/// <param name="Aktenzeichen">Its reference.</param>
/// <param name="Title">Its subject.</param>
/// <param name="State">Open or closed; a closed one must be reopened before filing.</param>
/// <param name="Found">The text as it was found.</param>
/// <param name="Exact">True when the text named the Vorgang itself, false when it named only the Akte.</param>
public sealed record VorgangProposal(Guid VorgangId, string Aktenzeichen, string Title, RecordState State, string Found, bool Exact);

/// <summary>
/// Recognises Aktenzeichen of the configured pattern in the text of an incoming document (a scan's OCR text, a PDF's
/// text layer) and proposes the Vorgänge they name: the Vorgang itself when the reference ends in its number, else
/// the open Vorgänge of the named Akte, newest first.
/// </summary>
public sealed partial class AktenzeichenRecognizer(RecordsDbContext db, TenantContext tenant, IOptions<RecordsOptions> options)
{
    private const int MaxReferences = 20;

    /// <summary>The proposals, exact ones first, without duplicates.</summary>
    public async Task<IReadOnlyList<VorgangProposal>> ProposeAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (tenant.TenantId is null)
        {
            throw new RecordsException(RecordsErrors.TenantMissing, "Für die Zuordnung ist keine Gemeinde (Mandant) gewählt.");
        }

        var pattern = AktenzeichenPattern.Parse(options.Value.AktenzeichenPattern);
        var proposals = new List<VorgangProposal>();
        foreach (var match in pattern.Recognizer.Matches(text).Take(MaxReferences))
        {
            var akteReference = Compact(match.Groups["akte"].Value);
            var akte = await db.Akten.AsNoTracking().FirstOrDefaultAsync(a => a.Aktenzeichen.Replace(" ", "") == akteReference, cancellationToken).ConfigureAwait(false);
            if (akte is null)
            {
                continue;
            }

            if (match.Groups["vorgang"].Success && int.TryParse(match.Groups["vorgang"].Value, out var number))
            {
                var vorgang = await db.Vorgaenge.AsNoTracking().FirstOrDefaultAsync(v => v.AkteId == akte.Id && v.Number == number, cancellationToken).ConfigureAwait(false);
                if (vorgang is not null)
                {
                    proposals.Add(new VorgangProposal(vorgang.Id, vorgang.Aktenzeichen, vorgang.Title, vorgang.State, match.Value, Exact: true));
                    continue;
                }
            }

            var open = await db.Vorgaenge.AsNoTracking().Where(v => v.AkteId == akte.Id && v.State == RecordState.Open)
                .OrderByDescending(v => v.Number).ToListAsync(cancellationToken).ConfigureAwait(false);
            proposals.AddRange(open.Select(v => new VorgangProposal(v.Id, v.Aktenzeichen, v.Title, v.State, match.Value, Exact: false)));
        }

        return proposals
            .OrderByDescending(p => p.Exact)
            .DistinctBy(p => p.VorgangId)
            .ToList();
    }

    private static string Compact(string reference) => Whitespace().Replace(reference, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
