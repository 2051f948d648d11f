using System.Text;

namespace Amtsweg.Testing;

/// <summary>PDFs with real text pages, written at test time (Helvetica in WinAnsi, so umlauts work).</summary>
public static class TestPdfs
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>A PDF with one A4 page per entry of <paramref name="pages"/>, each with its lines of text.</summary>
    public static byte[] Create(params string[][] pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        // Objects: 1 catalog, 2 page tree, 3 font, then per page its page object and its content stream.
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', pages.Select((_, i) => $"{4 + (2 * i)} 0 R"))}] /Count {pages.Length} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        };
        for (var i = 0; i < pages.Length; i++)
        {
            var content = new StringBuilder("BT /F1 18 Tf 72 760 Td ");
            foreach (var line in pages[i])
            {
                var escaped = line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
                content.Append('(').Append(escaped).Append(") Tj 0 -24 Td ");
            }

            content.Append("ET");
            var stream = Latin1.GetString(Latin1.GetBytes(content.ToString()));
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + (2 * i)} 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
            objects.Add($"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream");
        }

        using var output = new MemoryStream();
        void Write(string text) => output.Write(Latin1.GetBytes(text));
        Write("%PDF-1.4\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = output.Position;
        Write($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:0000000000} 00000 n \n");
        }

        Write($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }
}
