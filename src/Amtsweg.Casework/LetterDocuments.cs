using System.Text;
using Amtsweg.Data;
using Amtsweg.Documents;
using Amtsweg.Feel;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;

namespace Amtsweg.Casework;

/// <summary>
/// What a letter from a template knows besides its fields: the Vorgang, the recipient's address lines, the letterhead,
/// the day, and who to contact. The template sees them as <c>vorgang</c>, <c>empfaenger</c>, <c>gemeinde</c>,
/// <c>heute</c> and <c>sachbearbeitung</c> (<see cref="LetterTemplate.ContextNames"/>).
/// </summary>
/// <param name="Aktenzeichen">The Vorgang's Aktenzeichen, printed as "Unser Zeichen".</param>
/// <param name="VorgangTitle">The Vorgang's title (<c>vorgang.betreff</c>).</param>
/// <param name="Recipient">The address lines, the name first.</param>
/// <param name="Letterhead">Who writes.</param>
/// <param name="Today">The letter's date.</param>
public sealed record LetterSetting(string Aktenzeichen, string VorgangTitle, IReadOnlyList<string> Recipient, Letterhead Letterhead, DateOnly Today)
{
    /// <summary>The clerk to contact, if a person writes the letter.</summary>
    public string? ContactName { get; init; }

    /// <summary>The telephone number to call.</summary>
    public string? ContactPhone { get; init; }

    /// <summary>The e-mail address to write to.</summary>
    public string? ContactEmail { get; init; }

    /// <summary>The lines under the closing.</summary>
    public IReadOnlyList<string> Signature { get; init; } = [];
}

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

    /// <summary>
    /// The address lines of <paramref name="address"/>: one per line, or, typed on one line with commas
    /// ("Hauptstraße 1, 12345 Musterstadt"), one per part; empty lines dropped.
    /// </summary>
    public static List<string> AddressLines(string? address) =>
        [.. (address ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split(address?.Contains('\n', StringComparison.Ordinal) == true ? '\n' : ',')
            .Select(l => l.Trim()).Where(l => l.Length > 0)];

    /// <summary>Renders <paramref name="template"/> with the checked <paramref name="values"/> of its fields into a letter.</summary>
    /// <exception cref="TemplateException">A placeholder has no value, a condition is not a boolean, a loop not a list.</exception>
    public static Letter Compose(LetterTemplate template, IReadOnlyDictionary<string, object?> values, LetterSetting setting, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(setting);
        var scope = new Dictionary<string, object?>(values, StringComparer.Ordinal)
        {
            ["vorgang"] = new Dictionary<string, object?> { ["aktenzeichen"] = setting.Aktenzeichen, ["betreff"] = setting.VorgangTitle },
            ["empfaenger"] = new Dictionary<string, object?> { ["name"] = setting.Recipient.Count == 0 ? null : setting.Recipient[0] },
            ["sachbearbeitung"] = new Dictionary<string, object?> { ["name"] = setting.ContactName, ["telefon"] = setting.ContactPhone, ["email"] = setting.ContactEmail },
            ["gemeinde"] = new Dictionary<string, object?>
            {
                ["name"] = setting.Letterhead.Name,
                ["anschrift"] = setting.Letterhead.Address.Count == 0 ? null : string.Join(", ", setting.Letterhead.Address),
            },
            ["heute"] = setting.Today,
        };
        var text = template.Render(FeelScope.From(scope), new FeelEvaluationOptions { Clock = clock, TimeZone = BerlinTime.Zone });
        return new Letter(setting.Letterhead, setting.Recipient, text.Subject, text.Body)
        {
            Date = setting.Today,
            OurReference = setting.Aktenzeichen,
            ContactName = setting.ContactName,
            ContactPhone = setting.ContactPhone,
            ContactEmail = setting.ContactEmail,
            Salutation = text.Salutation,
            Closing = text.Closing,
            Signature = setting.Signature,
        };
    }

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
