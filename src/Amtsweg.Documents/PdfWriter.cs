using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Amtsweg.Documents;

/// <summary>A label and its value, e.g. a form field or a line of the document head.</summary>
/// <param name="Label">The label, e.g. <c>Name des Antragstellers</c>.</param>
/// <param name="Value">The value as text; line breaks are kept.</param>
public sealed record PdfField(string Label, string Value);

/// <summary>What a generated document says, top to bottom.</summary>
/// <param name="Title">The heading (also the PDF's title).</param>
/// <param name="Head">Lines under the heading (Aktenzeichen, who, when), label and value.</param>
/// <param name="Fields">A two-column list of labels and values (e.g. the fields of a form); may be empty.</param>
/// <param name="Paragraphs">Running text; each entry a paragraph, its line breaks kept; may be empty.</param>
public sealed record PdfContent(string Title, IReadOnlyList<PdfField> Head, IReadOnlyList<PdfField> Fields, IReadOnlyList<string> Paragraphs)
{
    /// <summary>
    /// What the document says as plain text, top to bottom (a label and its value on one line): the text a caller who
    /// generated the document gives the e-file for search, instead of having it extracted from the PDF again.
    /// </summary>
    public string ToPlainText()
    {
        var lines = new List<string> { Title };
        lines.AddRange(Head.Concat(Fields).Select(f => $"{f.Label}: {f.Value}"));
        lines.AddRange(Paragraphs);
        return string.Join("\n", lines);
    }
}

/// <summary>
/// Writes plain A4 documents as PDF/A-2b with the embedded DejaVu Sans, so that umlauts, ß and the names of
/// citizens from all over Europe print, the text can be extracted for search, and the file can be archived.
/// Lines wrap at word boundaries and pages break as needed.
/// </summary>
public static class PdfWriter
{
    private const double Margin = 60;
    private const double TextSize = 10.5;
    private const double TitleSize = 15;
    private const double LabelWidth = 170;
    private static readonly Lazy<byte[]> Regular = new(() => Font("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> Bold = new(() => Font("DejaVuSans-Bold.ttf"));

    /// <summary>Writes <paramref name="content"/> as a PDF/A-2b file.</summary>
    public static byte[] Write(PdfContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var builder = new PdfDocumentBuilder { ArchiveStandard = PdfAStandard.A2B };
        builder.DocumentInformation.Title = content.Title;
        builder.DocumentInformation.Producer = "Amtsweg";
        var layout = new Layout(builder, builder.AddTrueTypeFont(Regular.Value), builder.AddTrueTypeFont(Bold.Value));

        layout.Write(content.Title, TitleSize, isBold: true, Margin, layout.Width);
        layout.Space(TitleSize * 0.6);
        foreach (var line in content.Head)
        {
            layout.Row(line.Label, line.Value);
        }

        if (content.Fields.Count > 0)
        {
            layout.Space(TextSize * 1.2);
            foreach (var field in content.Fields)
            {
                layout.Row(field.Label, field.Value);
                layout.Space(TextSize * 0.3);
            }
        }

        foreach (var paragraph in content.Paragraphs)
        {
            layout.Space(TextSize * 0.8);
            layout.Write(paragraph, TextSize, isBold: false, Margin, layout.Width);
        }

        return builder.Build();
    }

    private static byte[] Font(string name)
    {
        using var stream = typeof(PdfWriter).Assembly.GetManifestResourceStream("Amtsweg.Documents.Fonts." + name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The cursor on the current page; starts a new page when the next line does not fit.</summary>
    private sealed class Layout(PdfDocumentBuilder builder, PdfDocumentBuilder.AddedFont regular, PdfDocumentBuilder.AddedFont bold)
    {
        private PdfPageBuilder _page = builder.AddPage(PageSize.A4);
        private double _y = PageHeight - Margin;
        private readonly Dictionary<(char, bool), double?> _advances = [];

        private static double PageHeight => 842;

        public double Width => 595 - (2 * Margin);

        public void Space(double points) => _y -= points;

        /// <summary>A label in bold on the left, the value wrapped in the column to its right.</summary>
        public void Row(string label, string value)
        {
            var labelLines = Wrap(label, TextSize, isBold: true, LabelWidth - 10);
            var valueLines = Wrap(value, TextSize, isBold: false, Width - LabelWidth);
            for (var i = 0; i < Math.Max(labelLines.Count, valueLines.Count); i++)
            {
                NextLine(TextSize);
                if (i < labelLines.Count)
                {
                    _page.AddText(labelLines[i], TextSize, new PdfPoint(Margin, _y), bold);
                }

                if (i < valueLines.Count)
                {
                    _page.AddText(valueLines[i], TextSize, new PdfPoint(Margin + LabelWidth, _y), regular);
                }
            }
        }

        public void Write(string text, double size, bool isBold, double x, double width)
        {
            foreach (var line in Wrap(text, size, isBold, width))
            {
                NextLine(size);
                _page.AddText(line, size, new PdfPoint(x, _y), isBold ? bold : regular);
            }
        }

        private void NextLine(double size)
        {
            var height = size * 1.35;
            if (_y - height < Margin)
            {
                _page = builder.AddPage(PageSize.A4);
                _y = PageHeight - Margin;
            }

            _y -= height;
        }

        /// <summary>Splits text into lines that fit the width, at spaces where possible; line breaks are kept.</summary>
        private List<string> Wrap(string text, double size, bool isBold, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in Printable(text, isBold).Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' '))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (Measure(candidate, size, isBold) <= width)
                    {
                        line = candidate;
                        continue;
                    }

                    if (line.Length > 0)
                    {
                        lines.Add(line);
                    }

                    line = word;
                    while (line.Length > 1 && Measure(line, size, isBold) > width)
                    {
                        var fit = line.Length - 1;
                        while (fit > 1 && Measure(line[..fit], size, isBold) > width)
                        {
                            fit--;
                        }

                        lines.Add(line[..fit]);
                        line = line[fit..];
                    }
                }

                lines.Add(line);
            }

            return lines;
        }

        // The sum of the characters' advance widths (the writer does not kern), each measured once per font.
        private double Measure(string text, double size, bool isBold)
        {
            var width = 0.0;
            foreach (var c in text)
            {
                width += Advance(c, isBold) ?? 0;
            }

            return width * size;
        }

        /// <summary>The advance width of a character at size 1, or null when the font lacks it.</summary>
        private double? Advance(char c, bool isBold)
        {
            if (!_advances.TryGetValue((c, isBold), out var advance))
            {
                try
                {
                    var letters = _page.MeasureText(c.ToString(), 100, new PdfPoint(0, 0), isBold ? bold : regular);
                    advance = letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X / 100;
                }
                catch (InvalidOperationException)
                {
                    advance = null;
                }

                _advances[(c, isBold)] = advance;
            }

            return advance;
        }

        // Tabs and other control characters become spaces; a character the font lacks becomes "?" rather than failing the document.
        private string Printable(string text, bool isBold)
        {
            var chars = text.Replace("\r\n", "\n", StringComparison.Ordinal).ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                var c = chars[i];
                if (c == '\n')
                {
                    continue;
                }

                chars[i] = char.IsControl(c) ? ' ' : char.IsSurrogate(c) || Advance(c, isBold) is null ? '?' : c;
            }

            return new string(chars);
        }
    }
}
