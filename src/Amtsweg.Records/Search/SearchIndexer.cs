using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Search;

/// <summary>Keeps <see cref="SearchEntry"/> rows in step with the records, inside the command's transaction.</summary>
internal static class SearchIndexer
{
    private const int MaxText = 200_000;

    public static async Task IndexVorgangAsync(RecordsDbContext db, Vorgang vorgang, Akte akte, CancellationToken cancellationToken)
    {
        var entry = await db.SearchEntries.FindAsync([vorgang.Id], cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            entry = new SearchEntry { Id = vorgang.Id, TenantId = vorgang.TenantId, Kind = SearchKinds.Vorgang, Aktenzeichen = "", Title = "", TitleTerms = "", BodyTerms = "", Text = "" };
            db.SearchEntries.Add(entry);
        }

        entry.VorgangId = vorgang.Id;
        entry.PositionId = akte.PositionId;
        entry.Aktenzeichen = vorgang.Aktenzeichen;
        entry.Title = vorgang.Title;
        entry.Date = DateOnly.FromDateTime(vorgang.OpenedAt.UtcDateTime);
        entry.Status = vorgang.State;
        entry.TitleTerms = GermanText.TermString(vorgang.Title);
        entry.BodyTerms = GermanText.TermString(vorgang.Aktenzeichen, akte.Title);
        entry.Text = vorgang.Title + "\n" + akte.Title;
    }

    public static async Task IndexDokumentAsync(RecordsDbContext db, Vorgang vorgang, Guid positionId, Guid dokumentId, DokumentVersion version, string? fullText, CancellationToken cancellationToken)
    {
        var entry = await db.SearchEntries.FindAsync([dokumentId], cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            entry = new SearchEntry { Id = dokumentId, TenantId = version.TenantId, Kind = SearchKinds.Dokument, Aktenzeichen = "", Title = "", TitleTerms = "", BodyTerms = "", Text = "" };
            db.SearchEntries.Add(entry);
        }

        var text = fullText is null ? "" : fullText.Length > MaxText ? fullText[..MaxText] : fullText;
        entry.VorgangId = vorgang.Id;
        entry.PositionId = positionId;
        entry.Aktenzeichen = vorgang.Aktenzeichen;
        entry.Title = version.Title;
        entry.DokumentType = version.DokumentType;
        entry.Date = version.DokumentDate;
        entry.Status = vorgang.State;
        entry.TitleTerms = GermanText.TermString(version.Title);
        entry.BodyTerms = GermanText.TermString(vorgang.Aktenzeichen, version.DokumentType, version.Sender, version.Recipient, text);
        entry.Text = version.Title + "\n" + text;
    }

    /// <summary>
    /// Indexes an item that waits in the Posteingang, with the text extraction or OCR found, so that a clerk finds a
    /// scanned letter by its words before anyone filed it. Filing or erasing the item removes the entry.
    /// </summary>
    public static async Task IndexIntakeItemAsync(RecordsDbContext db, IntakeItem item, CancellationToken cancellationToken)
    {
        var entry = await db.SearchEntries.FindAsync([item.Id], cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            entry = new SearchEntry { Id = item.Id, TenantId = item.TenantId, Kind = SearchKinds.Posteingang, Aktenzeichen = "", Title = "", TitleTerms = "", BodyTerms = "", Text = "" };
            db.SearchEntries.Add(entry);
        }

        var text = item.Text is null ? "" : item.Text.Length > MaxText ? item.Text[..MaxText] : item.Text;
        entry.Title = item.Title;
        entry.DokumentType = item.DokumentType;
        entry.Date = item.DokumentDate ?? DateOnly.FromDateTime((item.SentAt ?? item.ReceivedAt).UtcDateTime);
        entry.TitleTerms = GermanText.TermString(item.Title);
        entry.BodyTerms = GermanText.TermString(item.FileName, item.DokumentType, item.Sender, item.Recipient, text);
        entry.Text = item.Title + "\n" + text;
        entry.Restricted = await db.Restrictions.AnyAsync(r => r.SubjectId == item.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the entry of a Posteingang item (filed, erased); there is none for an item that never waited.</summary>
    public static Task RemoveIntakeItemAsync(RecordsDbContext db, Guid itemId, CancellationToken cancellationToken) =>
        db.SearchEntries.Where(e => e.Id == itemId && e.Kind == SearchKinds.Posteingang).ExecuteDeleteAsync(cancellationToken);

    public static Task UpdateStatusAsync(RecordsDbContext db, Guid vorgangId, RecordState status, CancellationToken cancellationToken) =>
        db.SearchEntries.Where(e => e.VorgangId == vorgangId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, status), cancellationToken);
}
