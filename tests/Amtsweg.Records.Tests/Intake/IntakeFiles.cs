using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using MimeKit;

namespace Amtsweg.Records.Tests.Intake;

/// <summary>Files for intake tests, made at test time with the real tools (ImageMagick, qpdf) or byte by byte.</summary>
internal static class IntakeFiles
{
    /// <summary>A grayscale PNG scan with the given lines of German text, drawn by ImageMagick.</summary>
    public static byte[] ScanPng(params string[] lines) => Amtsweg.Testing.TestScans.Png(lines);

    /// <summary>A JPEG of the same kind, for image-only PDFs.</summary>
    public static (byte[] Jpeg, int Width, int Height) ScanJpeg(params string[] lines)
    {
        var png = Path.Combine(Path.GetTempPath(), "amtsweg-scan-" + Guid.NewGuid().ToString("N") + ".png");
        var jpeg = Path.ChangeExtension(png, ".jpg");
        try
        {
            File.WriteAllBytes(png, ScanPng(lines));
            Run("/usr/bin/convert", [png, "-quality", "90", jpeg]);
            var bytes = File.ReadAllBytes(jpeg);
            return (bytes, 1240, 120 + (lines.Length * 80));
        }
        finally
        {
            File.Delete(png);
            File.Delete(jpeg);
        }
    }

    /// <summary>A PDF whose only page is a JPEG image at 150 dpi: a scan without a text layer.</summary>
    public static byte[] ImageOnlyPdf(params string[] lines)
    {
        var (jpeg, width, height) = ScanJpeg(lines);
        var latin1 = Encoding.Latin1;
        var pageWidth = width * 72 / 150;
        var pageHeight = height * 72 / 150;
        var content = latin1.GetBytes($"q {pageWidth} 0 0 {pageHeight} 0 0 cm /Im1 Do Q");
        using var output = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => output.Write(latin1.GetBytes(text));
        void Object(string body, byte[]? stream = null)
        {
            offsets.Add(output.Position);
            Write($"{offsets.Count} 0 obj\n{body}\n");
            if (stream is not null)
            {
                Write("stream\n");
                output.Write(stream);
                Write("\nendstream\n");
            }

            Write("endobj\n");
        }

        Write("%PDF-1.4\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pageWidth} {pageHeight}] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>");
        Object($"<< /Length {content.Length} >>", content);
        Object($"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length {jpeg.Length} >>", jpeg);
        var xref = output.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:0000000000} 00000 n \n");
        }

        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    /// <summary>A PDF encrypted with a user password by qpdf (AES-256).</summary>
    public static byte[] EncryptedPdf()
    {
        var plain = Path.Combine(Path.GetTempPath(), "amtsweg-plain-" + Guid.NewGuid().ToString("N") + ".pdf");
        var encrypted = Path.ChangeExtension(plain, ".enc.pdf");
        try
        {
            File.WriteAllBytes(plain, MinimalPdf.Create("Vertraulich: Steuerbescheid"));
            Run("qpdf", ["--encrypt", "geheim", "eigentuemer", "256", "--", plain, encrypted]);
            return File.ReadAllBytes(encrypted);
        }
        finally
        {
            File.Delete(plain);
            File.Delete(encrypted);
        }
    }

    /// <summary>A PNG that claims the given size in its header (a decompression bomb needs no more to be refused).</summary>
    public static byte[] PngHeader(uint width, uint height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 1; // bit depth
        ihdr[9] = 0; // grayscale
        Chunk(output, "IHDR", ihdr);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[(width / 8) + 1]);
            }

            Chunk(output, "IDAT", compressed.ToArray());
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A .docx with the given paragraphs, and optionally an extra entry of <paramref name="padding"/> zero bytes.</summary>
    public static byte[] Docx(string[] paragraphs, long padding = 0)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>""");
            var body = string.Concat(paragraphs.Select(p => $"<w:p><w:r><w:t>{System.Security.SecurityElement.Escape(p)}</w:t></w:r></w:p>"));
            Entry(zip, "word/document.xml", $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>""");
            if (padding > 0)
            {
                using var stream = zip.CreateEntry("word/media/image1.bin", CompressionLevel.SmallestSize).Open();
                var zeros = new byte[1 << 20];
                for (long written = 0; written < padding; written += zeros.Length)
                {
                    stream.Write(zeros, 0, (int)Math.Min(zeros.Length, padding - written));
                }
            }
        }

        return output.ToArray();
    }

    /// <summary>An e-mail with a plain text body and the given attachments.</summary>
    public static byte[] Email(string subject, string body, params (string Name, byte[] Content)[] attachments)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Erika Müller", "erika.mueller@example.org"));
        message.To.Add(new MailboxAddress("Gemeinde Musterstadt", "poststelle@musterstadt.example"));
        message.Subject = subject;
        message.Date = new DateTimeOffset(2026, 6, 10, 14, 5, 0, TimeSpan.FromHours(2));
        var builder = new BodyBuilder { TextBody = body };
        foreach (var (name, content) in attachments)
        {
            builder.Attachments.Add(name, content);
        }

        message.Body = builder.ToMessageBody();
        using var output = new MemoryStream();
        message.WriteTo(output);
        return output.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        output.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        output.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error}");
        }
    }
}
