using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Amtsweg.Xml;

namespace Amtsweg.Records.Intake;

/// <summary>
/// Text of Office files (.docx, .xlsx, .odt) read with <see cref="ZipArchive"/> and the hardened XML reader. A zip
/// bomb is refused before anything is unpacked: the entry count from the end record (before the directory is
/// read), the declared sizes and the compression ratio; while unpacking, the bytes actually produced are counted
/// too, because declared sizes can lie.
/// </summary>
public static class OfficeText
{
    private const string OdtMimeType = "application/vnd.oasis.opendocument.text";

    internal static IntakeType? SniffArchive(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.GetEntry("word/document.xml") is not null)
            {
                return IntakeType.Docx;
            }

            if (zip.GetEntry("xl/workbook.xml") is not null)
            {
                return IntakeType.Xlsx;
            }

            if (zip.GetEntry("mimetype") is { Length: < 100 } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                return reader.ReadToEnd().Trim() == OdtMimeType ? IntakeType.Odt : null;
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    internal static void CheckArchive(string path, string fileName, IntakeOptions options)
    {
        var declaredEntries = EntryCountFromEndRecord(path);
        if (declaredEntries is null)
        {
            throw Corrupt(fileName);
        }

        if (declaredEntries > options.MaxArchiveEntries)
        {
            throw Bomb(fileName, string.Create(IntakeErrors.German, $"sie besteht aus {declaredEntries:N0} Teilen (erlaubt: {options.MaxArchiveEntries:N0})"));
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            long total = 0, compressed = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                compressed += entry.CompressedLength;
                if (entry.Length > 1_000_000 && entry.Length / Math.Max(entry.CompressedLength, 1) > options.MaxCompressionRatio)
                {
                    throw Bomb(fileName, $"der Teil {entry.FullName} ist über {options.MaxCompressionRatio}-fach verdichtet");
                }
            }

            if (total > options.MaxUncompressedBytes)
            {
                throw Bomb(fileName, string.Create(IntakeErrors.German, $"sie würde entpackt {total / (1024 * 1024):N0} MB belegen (erlaubt: {options.MaxUncompressedBytes / (1024 * 1024):N0} MB)"));
            }

            if (total > 10_000_000 && total / Math.Max(compressed, 1) > options.MaxCompressionRatio)
            {
                throw Bomb(fileName, $"sie ist über {options.MaxCompressionRatio}-fach verdichtet");
            }
        }
        catch (InvalidDataException)
        {
            throw Corrupt(fileName);
        }
    }

    /// <summary>The text of an Office file already checked by the inspector; at most <see cref="DocumentText.MaxChars"/> characters.</summary>
    public static string Extract(string path, IntakeType type, string fileName, IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        using var zip = ZipFile.OpenRead(path);
        var budget = new UnpackBudget(options.MaxUncompressedBytes, fileName);
        var text = new StringBuilder();
        try
        {
            if (type == IntakeType.Docx)
            {
                ReadText(zip, "word/document.xml", text, budget, paragraph: "p", run: "t");
            }
            else if (type == IntakeType.Xlsx)
            {
                ReadText(zip, "xl/sharedStrings.xml", text, budget, paragraph: "si", run: "t");
                foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).OrderBy(e => e.FullName, StringComparer.Ordinal))
                {
                    ReadText(zip, sheet.FullName, text, budget, paragraph: "row", run: "v");
                }
            }
            else if (type == IntakeType.Odt)
            {
                ReadText(zip, "content.xml", text, budget, paragraph: "p", run: null);
            }
        }
        catch (Exception error) when (error is XmlException or InvalidDataException)
        {
            throw Corrupt(fileName);
        }

        return text.Length > DocumentText.MaxChars ? text.ToString(0, DocumentText.MaxChars) : text.ToString();
    }

    // Collects the text of elements named `run` (null: every text node), one line per `paragraph` element.
    private static void ReadText(ZipArchive zip, string entryName, StringBuilder text, UnpackBudget budget, string paragraph, string? run)
    {
        if (zip.GetEntry(entryName) is not { } entry)
        {
            return;
        }

        using var stream = new CountingStream(entry.Open(), budget);
        using var reader = SafeXml.CreateReader(stream, new XmlLimits(budget.Remaining, 256));
        var inRun = run is null;
        while (reader.Read() && text.Length < DocumentText.MaxChars)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when run is not null && reader.LocalName == run:
                    inRun = !reader.IsEmptyElement;
                    break;
                case XmlNodeType.EndElement when run is not null && reader.LocalName == run:
                    inRun = false;
                    text.Append(run == "v" ? " " : "");
                    break;
                case XmlNodeType.EndElement when reader.LocalName == paragraph:
                    text.Append('\n');
                    break;
                case XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when inRun:
                    text.Append(reader.Value);
                    break;
            }
        }
    }

    private static RecordsException Corrupt(string fileName) =>
        IntakeErrors.Error(IntakeErrors.Corrupt, $"„{fileName}“: Die Office-Datei ist beschädigt und kann nicht gelesen werden.");

    private static RecordsException Bomb(string fileName, string reason) =>
        IntakeErrors.Error(IntakeErrors.ArchiveTooLarge, $"„{fileName}“ wird nicht angenommen: {reason}. Solche Dateien können den Server lahmlegen (Zip-Bombe).");

    // The "end of central directory" record: its entry count is read before ZipArchive loads the directory.
    private static long? EntryCountFromEndRecord(string path)
    {
        using var file = File.OpenRead(path);
        var length = (int)Math.Min(file.Length, 22 + 65_535);
        if (length < 22)
        {
            return null;
        }

        var tail = new byte[length];
        file.Position = file.Length - length;
        file.ReadExactly(tail);
        for (var i = length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == 0x06054b50)
            {
                var entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
                return entries == 0xFFFF ? long.MaxValue : entries;
            }
        }

        return null;
    }

    private sealed class UnpackBudget(long limit, string fileName)
    {
        private long _used;

        public long Remaining => Math.Max(limit - _used, 1);

        public void Use(int bytes)
        {
            _used += bytes;
            if (_used > limit)
            {
                throw Bomb(fileName, string.Create(IntakeErrors.German, $"sie entpackt sich zu mehr als {limit / (1024 * 1024):N0} MB"));
            }
        }
    }

    private sealed class CountingStream(Stream inner, UnpackBudget budget) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            budget.Use(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
