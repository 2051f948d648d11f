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

    /// <summary>Writes <paramref name="content"/> as a PDF/A-2b file.</summary>
    public static byte[] Write(PdfContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var typesetter = new PdfTypesetter(content.Title);
        var layout = new Layout(typesetter);

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

        return typesetter.Build();
    }

    /// <summary>The cursor on the current page; starts a new page when the next line does not fit.</summary>
    private sealed class Layout(PdfTypesetter typesetter)
    {
        private PdfPageBuilder _page = typesetter.AddPage();
        private double _y = PdfTypesetter.PageHeight - Margin;

        public double Width => PdfTypesetter.PageWidth - (2 * Margin);

        public void Space(double points) => _y -= points;

        /// <summary>A label in bold on the left, the value wrapped in the column to its right.</summary>
        public void Row(string label, string value)
        {
            var labelLines = typesetter.Wrap(label, TextSize, isBold: true, LabelWidth - 10);
            var valueLines = typesetter.Wrap(value, TextSize, isBold: false, Width - LabelWidth);
            for (var i = 0; i < Math.Max(labelLines.Count, valueLines.Count); i++)
            {
                NextLine(TextSize);
                if (i < labelLines.Count)
                {
                    typesetter.Text(_page, labelLines[i], TextSize, isBold: true, Margin, _y);
                }

                if (i < valueLines.Count)
                {
                    typesetter.Text(_page, valueLines[i], TextSize, isBold: false, Margin + LabelWidth, _y);
                }
            }
        }

        public void Write(string text, double size, bool isBold, double x, double width)
        {
            foreach (var line in typesetter.Wrap(text, size, isBold, width))
            {
                NextLine(size);
                typesetter.Text(_page, line, size, isBold, x, _y);
            }
        }

        private void NextLine(double size)
        {
            var height = size * 1.35;
            if (_y - height < Margin)
            {
                _page = typesetter.AddPage();
                _y = PdfTypesetter.PageHeight - Margin;
            }

            _y -= height;
        }
    }
}
