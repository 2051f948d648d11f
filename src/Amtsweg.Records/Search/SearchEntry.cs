using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Model;

namespace Amtsweg.Records.Search;

/// <summary>
/// What search knows of a Vorgang, a Dokument (its newest version) or an item waiting in the Posteingang: metadata for
/// the filters, the German terms of title and body for matching, and the plain text for snippets. Written by the
/// commands and the Posteingang in their transaction.
/// </summary>
public sealed class SearchEntry : ITenantOwned
{
    /// <summary>The id of the Vorgang or Dokument.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>What the entry is: one of <see cref="SearchKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The Vorgang (itself, or the one the document is in); null for an item of the Posteingang.</summary>
    public Guid? VorgangId { get; set; }

    /// <summary>The Aktenplan position of the Akte; null for an item of the Posteingang.</summary>
    public Guid? PositionId { get; set; }

    /// <summary>The Aktenzeichen of the Vorgang; empty for an item of the Posteingang.</summary>
    public required string Aktenzeichen { get; set; }

    /// <summary>The title.</summary>
    public required string Title { get; set; }

    /// <summary>The document type; null for a Vorgang.</summary>
    public string? DokumentType { get; set; }

    /// <summary>The document date, or the day the Vorgang was opened or the item arrived.</summary>
    public DateOnly Date { get; set; }

    /// <summary>The state of the Vorgang; null for an item of the Posteingang.</summary>
    public RecordState? Status { get; set; }

    /// <summary>German terms of the title.</summary>
    public required string TitleTerms { get; set; }

    /// <summary>German terms of everything else: Aktenzeichen, type, sender, recipient, full text.</summary>
    public required string BodyTerms { get; set; }

    /// <summary>True when the record is restricted under Art. 18 DSGVO: only the data-protection role finds it.</summary>
    public bool Restricted { get; set; }

    /// <summary>The plain text (title, then content) for snippets.</summary>
    public required string Text { get; set; }

    /// <summary>
    /// The content's text without the title line <see cref="Text"/> starts with: for a document what extraction or
    /// OCR found when it was filed (at most 200,000 characters), for a Vorgang the Akte's title.
    /// </summary>
    public string ContentText() => Text.StartsWith(Title + "\n", StringComparison.Ordinal) ? Text[(Title.Length + 1)..] : Text;
}

/// <summary>The kinds of search entries (<see cref="SearchEntry.Kind"/>, <see cref="SearchHit.Kind"/>).</summary>
public static class SearchKinds
{
    /// <summary>A Vorgang.</summary>
    public const string Vorgang = nameof(Model.Vorgang);

    /// <summary>A Dokument of a Vorgang.</summary>
    public const string Dokument = nameof(Model.Dokument);

    /// <summary>An item that waits in the Posteingang to be filed.</summary>
    public const string Posteingang = "Posteingang";
}
