using System.Buffers.Binary;
using System.Globalization;

namespace Amtsweg.Documents;

/// <summary>A letter cannot be laid out as given (too many address lines, a logo that is not PNG or JPEG); messages in German and English.</summary>
public sealed class LetterException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LetterException(string messageGerman, string messageEnglish)
        : base(messageGerman) => MessageEnglish = messageEnglish;

    /// <summary>Creates the exception.</summary>
    public LetterException()
        : this("Das Schreiben kann so nicht gesetzt werden.", "The letter cannot be laid out.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public LetterException(string message)
        : this(message, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LetterException(string message, Exception innerException)
        : base(message, innerException) => MessageEnglish = message;

    /// <summary>The message in German (also <see cref="Exception.Message"/>).</summary>
    public string MessageGerman => Message;

    /// <summary>The message in English.</summary>
    public string MessageEnglish { get; }
}

/// <summary>A logo for the letterhead: a PNG or JPEG image whose size in pixels was read from its header.</summary>
public sealed class LetterLogo
{
    /// <summary>The largest logo accepted, in bytes: a letterhead logo needs no more, and every letter embeds it.</summary>
    public const int MaxBytes = 512 * 1024;

    private LetterLogo(byte[] content, string contentType, int width, int height)
    {
        Content = content;
        ContentType = contentType;
        Width = width;
        Height = height;
    }

    /// <summary>The image file.</summary>
    public byte[] Content { get; }

    /// <summary><c>image/png</c> or <c>image/jpeg</c>, as found in the file (not as claimed).</summary>
    public string ContentType { get; }

    /// <summary>The width in pixels.</summary>
    public int Width { get; }

    /// <summary>The height in pixels.</summary>
    public int Height { get; }

    /// <summary>Reads a logo file.</summary>
    /// <exception cref="LetterException">The file is empty, larger than <see cref="MaxBytes"/>, or neither PNG nor JPEG.</exception>
    public static LetterLogo Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0 || content.Length > MaxBytes)
        {
            throw new LetterException(
                $"Das Logo muss eine Bilddatei bis {MaxBytes / 1024} KB sein.",
                $"The logo must be an image file of at most {MaxBytes / 1024} KB.");
        }

        if (content.Length >= 24 && content.AsSpan(0, 8).SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            && content.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            var width = BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(16, 4));
            var height = BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(20, 4));
            if (width > 0 && height > 0)
            {
                return new LetterLogo(content, "image/png", width, height);
            }
        }

        if (content.Length > 4 && content[0] == 0xFF && content[1] == 0xD8 && JpegSize(content) is var (jpegWidth, jpegHeight))
        {
            return new LetterLogo(content, "image/jpeg", jpegWidth, jpegHeight);
        }

        throw new LetterException("Das Logo muss ein PNG- oder JPEG-Bild sein.", "The logo must be a PNG or JPEG image.");
    }

    // Walks the JPEG segments to the first start-of-frame, which holds the size.
    private static (int Width, int Height)? JpegSize(byte[] content)
    {
        var position = 2;
        while (position + 9 < content.Length)
        {
            if (content[position] != 0xFF)
            {
                return null;
            }

            var marker = content[position + 1];
            var length = (content[position + 2] << 8) | content[position + 3];
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                var height = (content[position + 5] << 8) | content[position + 6];
                var width = (content[position + 7] << 8) | content[position + 8];
                return width > 0 && height > 0 ? (width, height) : null;
            }

            position += 2 + length;
        }

        return null;
    }
}

/// <summary>The municipality's letterhead: printed at the top, in the return-address line and in the footer of every letter.</summary>
/// <param name="Name">The municipality, e.g. <c>Gemeinde Musterstadt</c>; the only part a letter needs.</param>
public sealed record Letterhead(string Name)
{
    /// <summary>Postal address lines, e.g. <c>Rathausplatz 1</c>, <c>12345 Musterstadt</c>.</summary>
    public IReadOnlyList<string> Address { get; init; } = [];

    /// <summary>The switchboard's telephone number.</summary>
    public string? Phone { get; init; }

    /// <summary>The general e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>The web site.</summary>
    public string? Web { get; init; }

    /// <summary>Opening hours, one line each (e.g. <c>Mo–Fr 8–12 Uhr</c>).</summary>
    public string? OpeningHours { get; init; }

    /// <summary>Bank details, one line each (bank, IBAN, BIC).</summary>
    public string? BankDetails { get; init; }

    /// <summary>The logo, printed at the top right.</summary>
    public LetterLogo? Logo { get; init; }
}

/// <summary>
/// A letter in the layout of DIN 5008 form B. <see cref="Body"/> is running text: paragraphs are separated by an empty
/// line, a line starting with <c># </c> is a heading in bold, and lines starting with <c>- </c> are a list with a dash.
/// </summary>
/// <param name="Letterhead">Who writes.</param>
/// <param name="Recipient">The address lines of the recipient (at most six, as the address field holds).</param>
/// <param name="Subject">The subject line (printed in bold, without a label).</param>
/// <param name="Body">The text between salutation and closing.</param>
public sealed record Letter(Letterhead Letterhead, IReadOnlyList<string> Recipient, string Subject, string Body)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>The date of the letter.</summary>
    public DateOnly Date { get; init; }

    /// <summary>Whether the date prints as <c>6. Dezember 2026</c> (true) or <c>06.12.2026</c> (false).</summary>
    public bool LongDate { get; init; } = true;

    /// <summary>The recipient's reference (Ihr Zeichen), if any.</summary>
    public string? YourReference { get; init; }

    /// <summary>The municipality's reference (Unser Zeichen), usually the Aktenzeichen.</summary>
    public string? OurReference { get; init; }

    /// <summary>The clerk to contact.</summary>
    public string? ContactName { get; init; }

    /// <summary>The clerk's telephone number.</summary>
    public string? ContactPhone { get; init; }

    /// <summary>The clerk's e-mail address.</summary>
    public string? ContactEmail { get; init; }

    /// <summary>The salutation, e.g. <c>Sehr geehrte Frau Müller,</c>.</summary>
    public string Salutation { get; init; } = "Sehr geehrte Damen und Herren,";

    /// <summary>The closing, e.g. <c>Mit freundlichen Grüßen</c>.</summary>
    public string Closing { get; init; } = "Mit freundlichen Grüßen";

    /// <summary>Lines under the closing, e.g. <c>Im Auftrag</c> and the clerk's name.</summary>
    public IReadOnlyList<string> Signature { get; init; } = [];

    /// <summary>The date as it prints in the information block.</summary>
    public string DateText => LongDate ? Date.ToString("d. MMMM yyyy", German) : Date.ToString("dd.MM.yyyy", German);

    /// <summary>The information block (label and value), in print order; lines without a value are left out.</summary>
    public IReadOnlyList<PdfField> Information =>
        new (string Label, string? Value)[]
        {
            ("Ihr Zeichen", YourReference),
            ("Unser Zeichen", OurReference),
            ("Name", ContactName),
            ("Telefon", ContactPhone),
            ("E-Mail", ContactEmail),
            ("Datum", DateText),
        }
        .Where(row => !string.IsNullOrWhiteSpace(row.Value))
        .Select(row => new PdfField(row.Label, row.Value!))
        .ToList();

    /// <summary>What the letter says as plain text, top to bottom: for search in the e-file.</summary>
    public string ToPlainText()
    {
        var lines = new List<string> { Letterhead.Name };
        lines.AddRange(Recipient);
        lines.AddRange(Information.Select(f => $"{f.Label}: {f.Value}"));
        lines.Add(Subject);
        lines.Add(Salutation);

        // A heading's "# " is layout, not text: search snippets would show it.
        lines.AddRange(Body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.StartsWith("# ", StringComparison.Ordinal) ? l[2..] : l));
        lines.Add(Closing);
        lines.AddRange(Signature);
        return string.Join("\n", lines.Where(l => l.Length > 0));
    }
}
