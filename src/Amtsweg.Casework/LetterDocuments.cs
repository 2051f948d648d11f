using System.Text;
using Amtsweg.Data;
using Amtsweg.Documents;
using Amtsweg.Feel;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;

namespace Amtsweg.Casework;

/// <summary>
/// The one way a letter from a template becomes a document in the Vorgang, whether a clerk writes it on the letter page
/// or a process's letter task generates it (ADR 0022): the same context variables, the same DIN 5008 layout on the
/// municipality's letterhead as PDF/A, the same metadata (title the subject, recipient the first address line, file
/// name after the template and the day) and the letter's plain text for search.
/// </summary>
public static class LetterDocuments
{
    /// <summary>The document type of letters.</summary>
    public const string DokumentType = "Schreiben";

    /// <summary>The command that files the letter's PDF (written with <see cref="LetterWriter"/>) in the Vorgang.</summary>
    public static AddDokumentCommand Command(Guid vorgangId, LetterTemplate template, Letter letter, byte[] pdf, string type = DokumentType)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(letter);
        var metadata = new DokumentMetadata(letter.Subject, letter.Date, type, null, letter.Recipient[0], Confidentiality.Internal,
            FileName(template.Name, letter.Date), "application/pdf");
        return new AddDokumentCommand(vorgangId, metadata, new MemoryStream(pdf)) { Text = letter.ToPlainText() };
    }

    // ASCII only, as a letter leaves the house as an attachment too, where umlauts in file names still break.
    private static string FileName(string templateName, DateOnly date)
    {
        var name = new StringBuilder();
        foreach (var c in templateName)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : c switch { 'ä' => "ae", 'ö' => "oe", 'ü' => "ue", 'Ä' => "Ae", 'Ö' => "Oe", 'Ü' => "Ue", 'ß' => "ss", _ => "-" });
        }

        return $"{name}-{date:yyyy-MM-dd}.pdf";
    }
}

/// <summary>File names made from German titles: umlauts and spaces stay, what a file system refuses goes.</summary>
public static class DokumentFileName
{
    private const int MaxLength = 120;

    /// <summary>
    /// <paramref name="title"/> as a file name with <paramref name="extension"/> (e.g. <c>.pdf</c>): slashes, control
    /// characters and the characters Windows refuses become a dash, runs of spaces one space, leading and trailing dots
    /// and spaces go, and long titles are cut. An empty result takes <paramref name="fallback"/>.
    /// </summary>
    public static string From(string? title, string fallback, string extension)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        var name = new StringBuilder();
        foreach (var c in (title ?? "").Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c))
            {
                if (name.Length > 0 && name[^1] != ' ')
                {
                    name.Append(' ');
                }
            }
            else
            {
                name.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '-' : c);
            }
        }

        var text = name.ToString().Trim(' ', '.');
        if (text.Length > MaxLength)
        {
            // Never between the two halves of a surrogate pair.
            text = text[..(char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength)].TrimEnd(' ', '.');
        }

        return (text.Length == 0 ? fallback : text) + extension;
    }
}
