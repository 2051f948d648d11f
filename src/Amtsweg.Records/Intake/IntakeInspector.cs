using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MimeKit;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace Amtsweg.Records.Intake;

/// <summary>What the Posteingang takes in.</summary>
public enum IntakeKind
{
    /// <summary>PDF (text layer, or OCR when it has none).</summary>
    Pdf,

    /// <summary>PNG, JPEG or TIFF scan (OCR).</summary>
    Image,

    /// <summary>.docx, .xlsx, .odt.</summary>
    Office,

    /// <summary>An e-mail (.eml) with its attachments.</summary>
    Email,

    /// <summary>Plain UTF-8 text.</summary>
    Text,
}

/// <summary>The type found in a file's content.</summary>
/// <param name="ContentType">Media type.</param>
/// <param name="Kind">How it is processed.</param>
/// <param name="Description">German name for messages, e.g. <c>PDF-Dokument</c>.</param>
public sealed record IntakeType(string ContentType, IntakeKind Kind, string Description)
{
    /// <summary>PDF.</summary>
    public static readonly IntakeType Pdf = new("application/pdf", IntakeKind.Pdf, "ein PDF-Dokument");

    /// <summary>PNG.</summary>
    public static readonly IntakeType Png = new("image/png", IntakeKind.Image, "ein PNG-Bild");

    /// <summary>JPEG.</summary>
    public static readonly IntakeType Jpeg = new("image/jpeg", IntakeKind.Image, "ein JPEG-Bild");

    /// <summary>TIFF.</summary>
    public static readonly IntakeType Tiff = new("image/tiff", IntakeKind.Image, "ein TIFF-Bild");

    /// <summary>Word (OOXML).</summary>
    public static readonly IntakeType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", IntakeKind.Office, "ein Word-Dokument");

    /// <summary>Excel (OOXML).</summary>
    public static readonly IntakeType Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", IntakeKind.Office, "eine Excel-Tabelle");

    /// <summary>OpenDocument text.</summary>
    public static readonly IntakeType Odt = new("application/vnd.oasis.opendocument.text", IntakeKind.Office, "ein OpenDocument-Text");

    /// <summary>E-mail.</summary>
    public static readonly IntakeType Email = new("message/rfc822", IntakeKind.Email, "eine E-Mail");

    /// <summary>Plain text.</summary>
    public static readonly IntakeType Text = new("text/plain", IntakeKind.Text, "ein Text");

    internal static readonly IReadOnlyDictionary<string, IntakeType> ByExtension = new Dictionary<string, IntakeType>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = Pdf,
        [".png"] = Png,
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".tif"] = Tiff,
        [".tiff"] = Tiff,
        [".docx"] = Docx,
        [".xlsx"] = Xlsx,
        [".odt"] = Odt,
        [".eml"] = Email,
        [".txt"] = Text,
    };

    /// <summary>The type for a media type, if taken in.</summary>
    public static IntakeType? ForContentType(string contentType) =>
        ByExtension.Values.FirstOrDefault(t => t.ContentType.Equals(contentType, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Checks a received file before anything is stored: the content type from its first bytes (magic bytes), which
/// must match the name; image dimensions from the header before any decoding; PDFs that are encrypted or cannot be
/// read; Office files that unpack to too much (zip bombs); e-mails with too many attachments. A refusal is a
/// <see cref="RecordsException"/> with a code of <see cref="IntakeErrors"/> and a German message naming the file.
/// </summary>
public static class IntakeInspector
{
    private const int SniffBytes = 8192;

    /// <summary>Inspects the file at <paramref name="path"/>, sent as <paramref name="fileName"/> (already sanitized).</summary>
    public static async Task<IntakeType> InspectAsync(string path, string fileName, IntakeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var extension = Path.GetExtension(fileName);
        IntakeType? expected = null;
        if (extension.Length > 0 && !IntakeType.ByExtension.TryGetValue(extension, out expected))
        {
            throw IntakeErrors.Error(IntakeErrors.UnsupportedType, $"„{fileName}“: Dateien der Art {extension} werden im Posteingang nicht angenommen (erlaubt: PDF, PNG, JPEG, TIFF, DOCX, XLSX, ODT, EML, TXT).");
        }

        var sniffed = await SniffAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw IntakeErrors.Error(IntakeErrors.UnsupportedType, expected is null
                ? $"„{fileName}“: Die Art der Datei ist nicht erkennbar; angenommen werden PDF, PNG, JPEG, TIFF, DOCX, XLSX, ODT, EML und TXT."
                : $"„{fileName}“ ist dem Namen nach {expected.Description}, der Inhalt ist aber keiner der angenommenen Dateitypen.");
        if (expected is not null && expected != sniffed && !(expected == IntakeType.Text && sniffed == IntakeType.Email))
        {
            throw IntakeErrors.Error(IntakeErrors.TypeMismatch, $"„{fileName}“ ist dem Namen nach {expected.Description}, der Inhalt ist aber {sniffed.Description}. Bitte prüfen Sie die Datei.");
        }

        var type = expected == IntakeType.Text ? IntakeType.Text : sniffed;
        switch (type.Kind)
        {
            case IntakeKind.Pdf:
                CheckPdf(path, fileName);
                break;
            case IntakeKind.Image:
                ImageHeader.Check(path, fileName, type, options);
                break;
            case IntakeKind.Office:
                OfficeText.CheckArchive(path, fileName, options);
                break;
            case IntakeKind.Email:
                await CheckEmailAsync(path, fileName, options, cancellationToken).ConfigureAwait(false);
                break;
            case IntakeKind.Text:
                break;
        }

        return type;
    }

    /// <summary>The type of the content by its first bytes, or null when none of the accepted ones.</summary>
    public static async Task<IntakeType?> SniffAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[SniffBytes];
        int length;
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            length = await file.ReadAtLeastAsync(head, SniffBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        var bytes = head.AsSpan(0, length);
        if (bytes.StartsWith("%PDF-"u8))
        {
            return IntakeType.Pdf;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return IntakeType.Png;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return IntakeType.Jpeg;
        }

        if (bytes.StartsWith("II*\0"u8) || bytes.StartsWith("MM\0*"u8))
        {
            return IntakeType.Tiff;
        }

        if (bytes.StartsWith("PK\u0003\u0004"u8))
        {
            return OfficeText.SniffArchive(path);
        }

        if (bytes.IndexOf((byte)0) >= 0 || !IsUtf8(bytes, complete: length < SniffBytes))
        {
            return null;
        }

        return LooksLikeEmail(Encoding.UTF8.GetString(bytes)) ? IntakeType.Email : IntakeType.Text;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool complete)
    {
        // The sniffed block may end inside a multi-byte character; only a complete file must end cleanly.
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false, isFinalBlock: complete);
        return status == System.Buffers.OperationStatus.Done || (!complete && status == System.Buffers.OperationStatus.NeedMoreData && read >= bytes.Length - 3);
    }

    // An e-mail starts with header lines up to the first empty line, among them From and one of Date, Subject, Message-ID.
    private static bool LooksLikeEmail(string head)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.Length == 0)
            {
                break;
            }

            if (line[0] is ' ' or '\t')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon].Any(c => c <= ' ' || c > '~'))
            {
                return false;
            }

            names.Add(line[..colon]);
        }

        return names.Contains("From") && (names.Contains("Date") || names.Contains("Subject") || names.Contains("Message-ID"));
    }

    private static void CheckPdf(string path, string fileName)
    {
        try
        {
            using var document = PigDocument.Open(path);
            if (document.NumberOfPages < 1)
            {
                throw IntakeErrors.Error(IntakeErrors.Corrupt, $"„{fileName}“: Die PDF-Datei hat keine Seiten.");
            }

            _ = document.GetPage(1);
        }
        catch (UglyToad.PdfPig.Exceptions.PdfDocumentEncryptedException)
        {
            throw IntakeErrors.Error(IntakeErrors.PdfEncrypted, $"„{fileName}“ ist mit einem Passwort verschlüsselt und kann nicht gelesen werden. Bitte senden Sie die Datei ohne Verschlüsselung.");
        }
        catch (RecordsException)
        {
            throw;
        }
#pragma warning disable CA1031 // PdfPig throws many exception types on malformed input; all mean the same to the sender.
        catch (Exception error) when (error is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            throw IntakeErrors.Error(IntakeErrors.Corrupt, $"„{fileName}“: Die PDF-Datei ist beschädigt und kann nicht gelesen werden.");
        }
    }

    private static async Task CheckEmailAsync(string path, string fileName, IntakeOptions options, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            var message = await EmailIntake.LoadAsync(file, cancellationToken).ConfigureAwait(false);
            var attachments = EmailIntake.Attachments(message).Count;
            if (attachments > options.MaxEmailAttachments)
            {
                throw IntakeErrors.Error(IntakeErrors.TooManyAttachments, $"„{fileName}“: Die E-Mail hat {attachments} Anhänge, angenommen werden höchstens {options.MaxEmailAttachments}. Bitte senden Sie die Anhänge in mehreren E-Mails oder als einzelne Dateien.");
            }
        }
    }
}

/// <summary>Reads the pixel size of PNG, JPEG and TIFF images from their headers, without decoding any pixel.</summary>
public static class ImageHeader
{
    /// <summary>Width and height of every page (TIFF may have several), or null when the header cannot be read.</summary>
    public static IReadOnlyList<(long Width, long Height)>? ReadSizes(string path, IntakeType type, int maxPages)
    {
        ArgumentNullException.ThrowIfNull(type);
        using var file = File.OpenRead(path);
        try
        {
            return type == IntakeType.Png ? Png(file)
                : type == IntakeType.Jpeg ? Jpeg(file)
                : type == IntakeType.Tiff ? Tiff(file, maxPages)
                : null;
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    internal static void Check(string path, string fileName, IntakeType type, IntakeOptions options)
    {
        var sizes = ReadSizes(path, type, options.MaxOcrPages + 1);
        if (sizes is null || sizes.Count == 0 || sizes.Any(s => s.Width <= 0 || s.Height <= 0))
        {
            throw IntakeErrors.Error(IntakeErrors.Corrupt, $"„{fileName}“: Das Bild ist beschädigt; seine Größe ist nicht lesbar.");
        }

        if (sizes.Count > options.MaxOcrPages)
        {
            throw IntakeErrors.Error(IntakeErrors.ImageTooLarge, $"„{fileName}“ hat mehr als {options.MaxOcrPages} Seiten. Bitte teilen Sie den Scan auf.");
        }

        var (width, height) = sizes.MaxBy(s => s.Width * s.Height);
        if (width * height > options.MaxImagePixels)
        {
            throw IntakeErrors.Error(IntakeErrors.ImageTooLarge, string.Create(IntakeErrors.German, $"„{fileName}“ ist {width:N0} × {height:N0} Pixel groß; angenommen werden höchstens {options.MaxImagePixels / 1_000_000.0:0.#} Millionen Pixel. Bitte scannen Sie mit geringerer Auflösung (300 dpi genügen)."));
        }
    }

    private static List<(long, long)> Png(Stream file)
    {
        var header = Read(file, 24);
        if (!header.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            return [];
        }

        return [(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(20)))];
    }

    private static List<(long, long)> Jpeg(Stream file)
    {
        file.Position = 2;
        while (true)
        {
            var marker = file.ReadByte();
            if (marker < 0)
            {
                throw new EndOfStreamException();
            }

            if (marker != 0xFF)
            {
                return [];
            }

            var type = file.ReadByte();
            while (type == 0xFF)
            {
                type = file.ReadByte();
            }

            if (type is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (type is < 0 or 0xD9 or 0xDA)
            {
                return [];
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(Read(file, 2));
            if (type is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                var frame = Read(file, 5);
                return [(BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(3)), BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(1)))];
            }

            file.Position += length - 2;
        }
    }

    private static List<(long, long)> Tiff(Stream file, int maxPages)
    {
        var header = Read(file, 8);
        var little = header[0] == (byte)'I';
        uint U32(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
        ushort U16(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);
        var sizes = new List<(long, long)>();
        var visited = new HashSet<uint>();
        for (var offset = U32(header.AsSpan(4)); offset != 0 && sizes.Count < maxPages && visited.Add(offset);)
        {
            file.Position = offset;
            var count = U16(Read(file, 2));
            var entries = Read(file, count * 12);
            long width = 0, height = 0;
            for (var i = 0; i < count; i++)
            {
                var entry = entries.AsSpan(i * 12, 12);
                var tag = U16(entry);
                var value = U16(entry[2..]) == 3 ? U16(entry[8..]) : U32(entry[8..]);
                if (tag == 256)
                {
                    width = value;
                }
                else if (tag == 257)
                {
                    height = value;
                }
            }

            sizes.Add((width, height));
            offset = U32(Read(file, 4));
        }

        return sizes;
    }

    private static byte[] Read(Stream file, int count)
    {
        var buffer = new byte[count];
        file.ReadExactly(buffer);
        return buffer;
    }
}
