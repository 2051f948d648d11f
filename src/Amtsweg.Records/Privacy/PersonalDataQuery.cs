using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Search;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Privacy;

/// <summary>A Vorgang that holds data about the person, with its Akte and Aktenplan position.</summary>
/// <param name="Vorgang">The Vorgang.</param>
/// <param name="Akte">Its Akte (retention is counted from the Akte's close).</param>
/// <param name="Position">The Aktenplan position of the Akte.</param>
/// <param name="TitleMentionsPerson">True when the Vorgang's title names the person.</param>
/// <param name="AkteTitleMentionsPerson">True when the Akte's title names the person.</param>
public sealed record PersonVorgang(Vorgang Vorgang, Akte Akte, AktenplanPosition Position, bool TitleMentionsPerson, bool AkteTitleMentionsPerson);

/// <summary>A document that names the person, with all its versions.</summary>
/// <param name="DokumentId">The document.</param>
/// <param name="VorgangId">Its Vorgang.</param>
/// <param name="Versions">All versions, oldest first.</param>
/// <param name="FoundIn">
/// Where the person was found: <c>Absender</c>, <c>Empfänger</c>, <c>Titel</c>, <c>Dateiname</c>, <c>Volltext</c>,
/// <c>Posteingang</c> (filed from a Posteingang item naming the person).
/// </param>
/// <param name="Restricted">True when the document is restricted (Art. 18 DSGVO).</param>
public sealed record PersonDokument(Guid DokumentId, Guid VorgangId, IReadOnlyList<DokumentVersion> Versions, IReadOnlyList<string> FoundIn, bool Restricted);

/// <summary>Everything the e-file of one tenant stores about one person.</summary>
/// <param name="Beteiligte">The person's entries as Beteiligter.</param>
/// <param name="Vorgaenge">The Vorgänge holding any of the data.</param>
/// <param name="Dokumente">The documents naming the person.</param>
/// <param name="Vermerke">The notes (Vermerke) naming the person.</param>
/// <param name="PosteingangItems">
/// The items of the Posteingang naming the person (sender, recipient, title, file name or text), waiting or filed,
/// with the attachments of a named e-mail.
/// </param>
public sealed record PersonalData(IReadOnlyList<Beteiligter> Beteiligte, IReadOnlyList<PersonVorgang> Vorgaenge, IReadOnlyList<PersonDokument> Dokumente, IReadOnlyList<Vermerk> Vermerke, IReadOnlyList<IntakeItem> PosteingangItems)
{
    /// <summary>True when nothing was found.</summary>
    public bool IsEmpty => Beteiligte.Count == 0 && Dokumente.Count == 0 && Vermerke.Count == 0 && PosteingangItems.Count == 0 && !Vorgaenge.Any(v => v.TitleMentionsPerson || v.AkteTitleMentionsPerson);
}

/// <summary>
/// Finds the data about a person in the current tenant's e-file: Beteiligte, Vorgang and Akte titles, document
/// metadata (title, sender, recipient, file name) of every version, the Dokumente filed from a Posteingang item naming
/// the person (in whichever Vorgang), the full text of the newest version (through the search index, without its candidate
/// cap, restricted records included), notes and the items of the Posteingang. Disposed Vorgänge hold no content any
/// more and are left out.
/// </summary>
internal static class PersonalDataQuery
{
    private static readonly CandidateFilter EveryRecord = new(null, null, null, null, null, IncludeRestricted: true);

    public static async Task<PersonalData> FindAsync(RecordsDbContext db, DataSubject subject, CancellationToken cancellationToken)
    {
        var matcher = new PersonMatcher(subject);
        var surname = matcher.Surname;

        var beteiligte = (await db.Beteiligte.AsNoTracking().Where(b => b.Name.Contains(surname) || (subject.Email != null && b.Email != null))
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(matcher.IsSubject)
            .ToList();

        // Candidates: full-text index for the name or the e-mail address; sender and recipient of every version.
        var indexed = new HashSet<Guid>();
        foreach (var words in new[] { subject.Name, subject.Email })
        {
            var terms = GermanText.Terms(words).Distinct(StringComparer.Ordinal).ToList();
            if (terms.Count > 0)
            {
                var matches = await SearchCandidates.FindAsync(db, terms, inTitle: false, EveryRecord, int.MaxValue, cancellationToken).ConfigureAwait(false);
                indexed.UnionWith(matches.Select(m => m.Id));
            }
        }

        var entries = await db.SearchEntries.AsNoTracking().Where(e => indexed.Contains(e.Id))
            .Select(e => new { e.Id, e.Kind, e.Text, e.Restricted }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var textMatches = entries.Where(e => matcher.IsMentionedIn(e.Text)).ToDictionary(e => e.Id);
        // File names are often written in lower case or with the umlaut spelled out ("antrag-mueller.pdf").
        var lower = surname.ToLowerInvariant();
        var folded = PersonMatcher.Fold(surname);
        var byMetadata = await db.DokumentVersionen.AsNoTracking()
            .Where(v => (v.Sender != null && v.Sender.Contains(surname)) || (v.Recipient != null && v.Recipient.Contains(surname)) || v.Title.Contains(surname)
                || v.FileName.Contains(surname) || v.FileName.Contains(lower) || v.FileName.Contains(folded))
            .Select(v => v.DokumentId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);

        // A Dokument filed from a Posteingang item naming the person is the person's, wherever it was filed.
        var posteingang = await FindPosteingangAsync(db, matcher, cancellationToken).ConfigureAwait(false);
        var filedFromPosteingang = posteingang.Where(i => i.FiledDokumentId is not null).Select(i => i.FiledDokumentId!.Value).ToHashSet();
        var candidateDocuments = textMatches.Values.Where(e => e.Kind == nameof(Dokument)).Select(e => e.Id).Union(byMetadata).Union(filedFromPosteingang).ToList();

        var versions = (await db.DokumentVersionen.AsNoTracking().Where(v => candidateDocuments.Contains(v.DokumentId))
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(v => v.DokumentId);
        var dokumente = await db.Dokumente.AsNoTracking().Where(d => candidateDocuments.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.VorgangId, cancellationToken).ConfigureAwait(false);
        var restricted = (await db.Restrictions.AsNoTracking().Where(r => candidateDocuments.Contains(r.SubjectId))
            .Select(r => r.SubjectId).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var documents = new List<PersonDokument>();
        foreach (var group in versions)
        {
            var foundIn = new List<string>();
            AddIf(foundIn, "Absender", group.Any(v => matcher.IsMentionedIn(v.Sender)));
            AddIf(foundIn, "Empfänger", group.Any(v => matcher.IsMentionedIn(v.Recipient)));
            AddIf(foundIn, "Titel", group.Any(v => matcher.IsMentionedIn(v.Title)));
            AddIf(foundIn, "Dateiname", group.Any(v => matcher.IsMentionedIn(v.FileName)));
            AddIf(foundIn, "Volltext", textMatches.ContainsKey(group.Key));
            AddIf(foundIn, "Posteingang", filedFromPosteingang.Contains(group.Key));
            if (foundIn.Count > 0)
            {
                documents.Add(new PersonDokument(group.Key, dokumente[group.Key], group.OrderBy(v => v.Number).ToList(), foundIn, restricted.Contains(group.Key)));
            }
        }

        var notes = (await db.Vermerke.AsNoTracking().Where(n => n.Text.Contains(surname)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(n => matcher.IsMentionedIn(n.Text))
            .ToList();

        var vorgangIds = beteiligte.Select(b => b.VorgangId)
            .Concat(documents.Select(d => d.VorgangId))
            .Concat(notes.Select(n => n.VorgangId))
            .Concat(textMatches.Values.Where(e => e.Kind == nameof(Vorgang)).Select(e => e.Id))
            .Distinct().ToList();
        var vorgaenge = await (
            from vorgang in db.Vorgaenge.AsNoTracking()
            join akte in db.Akten.AsNoTracking() on vorgang.AkteId equals akte.Id
            join position in db.AktenplanPositionen.AsNoTracking() on akte.PositionId equals position.Id
            where vorgangIds.Contains(vorgang.Id) && vorgang.State != RecordState.Disposed
            orderby vorgang.Aktenzeichen
            select new { vorgang, akte, position })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var live = vorgaenge.Select(v => v.vorgang.Id).ToHashSet();
        return new PersonalData(
            beteiligte.Where(b => live.Contains(b.VorgangId)).OrderBy(b => b.CreatedAt).ToList(),
            vorgaenge.Select(v => new PersonVorgang(v.vorgang, v.akte, v.position, matcher.IsMentionedIn(v.vorgang.Title), matcher.IsMentionedIn(v.akte.Title))).ToList(),
            documents.Where(d => live.Contains(d.VorgangId)).OrderBy(d => d.Versions[0].CreatedAt).ThenBy(d => d.DokumentId).ToList(),
            notes.Where(n => live.Contains(n.VorgangId)).OrderBy(n => n.CreatedAt).ToList(),
            posteingang);
    }

    // An e-mail naming the person takes its attachments with it; an attachment naming the person stands alone.
    private static async Task<List<IntakeItem>> FindPosteingangAsync(RecordsDbContext db, PersonMatcher matcher, CancellationToken cancellationToken)
    {
        // Both databases compare case-sensitively here; OCR text and e-mail headers often write the name in capitals.
        var surname = matcher.Surname;
        var upper = surname.ToUpperInvariant();
        var named = (await db.IntakeItems.AsNoTracking()
                .Where(i => (i.Sender != null && (i.Sender.Contains(surname) || i.Sender.Contains(upper)))
                    || (i.Recipient != null && (i.Recipient.Contains(surname) || i.Recipient.Contains(upper)))
                    || i.Title.Contains(surname) || i.FileName.Contains(surname)
                    || (i.Text != null && (i.Text.Contains(surname) || i.Text.Contains(upper))))
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(i => matcher.IsMentionedIn(i.Sender) || matcher.IsMentionedIn(i.Recipient) || matcher.IsMentionedIn(i.Title)
                || matcher.IsMentionedIn(i.FileName) || matcher.IsMentionedIn(i.Text))
            .ToList();
        var parents = named.Select(i => i.Id).ToList();
        var children = await db.IntakeItems.AsNoTracking().Where(i => i.ParentId != null && parents.Contains(i.ParentId.Value))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return named.Concat(children).DistinctBy(i => i.Id).OrderBy(i => i.ReceivedAt).ThenBy(i => i.Id).ToList();
    }

    private static void AddIf(List<string> list, string value, bool condition)
    {
        if (condition)
        {
            list.Add(value);
        }
    }
}
