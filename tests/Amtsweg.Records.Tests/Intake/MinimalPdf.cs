using System.Text;

namespace Amtsweg.Records.Tests.Intake;

/// <summary>Writes a one-page PDF with lines of text in Helvetica (WinAnsi, so umlauts work), made at test time.</summary>
internal static class MinimalPdf
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    public static byte[] Create(params string[] lines)
    {
        var content = new StringBuilder("BT /F1 12 Tf 72 770 Td ");
        foreach (var line in lines)
        {
            var escaped = line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
            content.Append('(').Append(escaped).Append(") Tj 0 -16 Td ");
        }

        content.Append("ET");
        var stream = Latin1.GetBytes(content.ToString());
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{Latin1.GetString(stream)}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ];
        using var output = new MemoryStream();
        void Write(string text) => output.Write(Latin1.GetBytes(text));
        Write("%PDF-1.4\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(output.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = output.Position;
        Write($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:0000000000} 00000 n \n");
        }

        Write($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }
}
