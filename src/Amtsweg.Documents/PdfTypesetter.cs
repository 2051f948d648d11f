using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Amtsweg.Documents;

/// <summary>
/// What every Amtsweg PDF shares: a PDF/A-2b document with the embedded DejaVu Sans (regular and bold), A4 pages, and
/// text that is measured, wrapped at word boundaries and cleaned of characters the font cannot print.
/// </summary>
internal sealed class PdfTypesetter
{
    /// <summary>The height of an A4 page in points.</summary>
    public const double PageHeight = 842;

    /// <summary>The width of an A4 page in points.</summary>
    public const double PageWidth = 595;

    private static readonly Lazy<byte[]> RegularFont = new(() => Font("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> BoldFont = new(() => Font("DejaVuSans-Bold.ttf"));
    private readonly Dictionary<(char, bool), double?> _advances = [];
    private readonly PdfDocumentBuilder.AddedFont _regular;
    private readonly PdfDocumentBuilder.AddedFont _bold;
    private PdfPageBuilder? _measuring;

    public PdfTypesetter(string title)
    {
        Builder = new PdfDocumentBuilder { ArchiveStandard = PdfAStandard.A2B };
        Builder.DocumentInformation.Title = title;
        Builder.DocumentInformation.Producer = "Amtsweg";
        _regular = Builder.AddTrueTypeFont(RegularFont.Value);
        _bold = Builder.AddTrueTypeFont(BoldFont.Value);
    }

    public PdfDocumentBuilder Builder { get; }

    /// <summary>Points for millimetres.</summary>
    public static double Mm(double millimetres) => millimetres * 72 / 25.4;

    public PdfPageBuilder AddPage()
    {
        var page = Builder.AddPage(PageSize.A4);
        _measuring ??= page;
        return page;
    }

    public byte[] Build() => Builder.Build();

    /// <summary>Writes one line that already fits; <paramref name="y"/> is its baseline.</summary>
    public void Text(PdfPageBuilder page, string line, double size, bool isBold, double x, double y) =>
        page.AddText(Printable(line, isBold), size, new PdfPoint(x, y), isBold ? _bold : _regular);

    /// <summary>Writes one line so that it ends at <paramref name="right"/>.</summary>
    public void TextRight(PdfPageBuilder page, string line, double size, bool isBold, double right, double y)
    {
        var printable = Printable(line, isBold);
        page.AddText(printable, size, new PdfPoint(right - Measure(printable, size, isBold), y), isBold ? _bold : _regular);
    }

    /// <summary>Splits text into lines that fit the width, at spaces where possible; line breaks are kept.</summary>
    public List<string> Wrap(string text, double size, bool isBold, double width)
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
    public double Measure(string text, double size, bool isBold)
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
            // MeasureText only measures; it needs a page, and any page of this document will do.
            var page = _measuring ?? throw new InvalidOperationException("Add a page before measuring text.");
            try
            {
                var letters = page.MeasureText(c.ToString(), 100, new PdfPoint(0, 0), isBold ? _bold : _regular);
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

    private static byte[] Font(string name)
    {
        using var stream = typeof(PdfTypesetter).Assembly.GetManifestResourceStream("Amtsweg.Documents.Fonts." + name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
