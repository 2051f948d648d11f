using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Amtsweg.Documents;

/// <summary>
/// Writes a <see cref="Letter"/> as PDF/A-2b in the layout of DIN 5008 form B: letterhead at the top, the return-address
/// line and the recipient in the address field (85 × 45 mm, 20 mm from the left, 45 mm from the top) so they show in a
/// window envelope, the information block on the right, subject in bold, text from 25 mm, fold and hole marks at the left
/// edge, the footer on every page and "Seite n von m" on every page of a letter longer than one.
/// </summary>
public static class LetterWriter
{
    /// <summary>The address field holds six lines in its Anschriftzone.</summary>
    public const int MaxRecipientLines = 6;

    private const double TextSize = 10;
    private const double LineHeight = TextSize * 1.45;
    private const double SmallSize = 7;
    private const double InfoSize = 8.5;
    private const double FooterSize = 6.5;
    private static readonly double Left = PdfTypesetter.Mm(25);
    private static readonly double Right = PdfTypesetter.Mm(190);
    private static readonly double FooterTop = Top(272);
    private static readonly double BodyBottom = Top(262);

    /// <summary>Writes <paramref name="letter"/> as a PDF/A-2b file.</summary>
    /// <exception cref="LetterException">The recipient does not fit the address field.</exception>
    public static byte[] Write(Letter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var typesetter = new PdfTypesetter(letter.Subject);
        var first = typesetter.AddPage();

        var recipient = letter.Recipient.Where(l => !string.IsNullOrWhiteSpace(l))
            .SelectMany(l => typesetter.Wrap(l.Trim(), TextSize, isBold: false, PdfTypesetter.Mm(80)))
            .ToList();
        if (recipient.Count == 0)
        {
            throw new LetterException("Das Schreiben hat keine Anschrift.", "The letter has no recipient address.");
        }

        if (recipient.Count > MaxRecipientLines)
        {
            throw new LetterException(
                $"Die Anschrift hat {recipient.Count} Zeilen; ins Anschriftfeld passen höchstens {MaxRecipientLines}.",
                $"The address has {recipient.Count} lines; the address field holds at most {MaxRecipientLines}.");
        }

        Letterhead(typesetter, first, letter.Letterhead);
        AddressField(typesetter, first, letter.Letterhead, recipient);
        InformationBlock(typesetter, first, letter.Information);
        FoldMarks(first);

        var body = new Body(typesetter, first, Top(103.4));
        foreach (var line in typesetter.Wrap(letter.Subject.Trim(), TextSize, isBold: true, Right - Left))
        {
            body.Line(line, isBold: true);
        }

        body.Space(2);
        body.Paragraph(letter.Salutation.Trim());
        foreach (var block in Blocks(letter.Body))
        {
            body.Space(1);
            body.Block(block);
        }

        body.Space(1);
        body.Together([letter.Closing.Trim(), .. letter.Signature.Count > 0 ? [""] : Array.Empty<string>(), .. letter.Signature]);

        for (var i = 0; i < body.Pages.Count; i++)
        {
            Footer(typesetter, body.Pages[i], letter.Letterhead);
            if (body.Pages.Count > 1)
            {
                typesetter.TextRight(body.Pages[i], $"Seite {i + 1} von {body.Pages.Count}", 8, isBold: false, Right, Top(267));
            }
        }

        return typesetter.Build();
    }

    /// <summary>The PDF y coordinate of a line <paramref name="millimetres"/> below the top edge.</summary>
    private static double Top(double millimetres) => PdfTypesetter.PageHeight - PdfTypesetter.Mm(millimetres);

    private static void Letterhead(PdfTypesetter typesetter, PdfPageBuilder page, Letterhead letterhead)
    {
        var textRight = Right;
        if (letterhead.Logo is { } logo)
        {
            // At most 45 × 25 mm at the top right, keeping the image's proportions.
            var scale = Math.Min(PdfTypesetter.Mm(45) / logo.Width, PdfTypesetter.Mm(25) / logo.Height);
            var (width, height) = (logo.Width * scale, logo.Height * scale);
            var box = new PdfRectangle(Right - width, Top(12) - height, Right, Top(12));
            if (logo.ContentType == "image/png")
            {
                page.AddPng(logo.Content, box);
            }
            else
            {
                page.AddJpeg(logo.Content, box);
            }

            textRight = Right - width - PdfTypesetter.Mm(5);
        }

        var y = Top(20);
        foreach (var line in typesetter.Wrap(letterhead.Name.Trim(), 16, isBold: true, textRight - Left))
        {
            typesetter.Text(page, line, 16, isBold: true, Left, y);
            y -= 16 * 1.2;
        }

        if (letterhead.Address.Count > 0)
        {
            page.SetTextAndFillColor(80, 80, 80);
            typesetter.Text(page, string.Join(" · ", letterhead.Address), 9, isBold: false, Left, y - 2);
            page.SetTextAndFillColor(0, 0, 0);
        }
    }

    private static void AddressField(PdfTypesetter typesetter, PdfPageBuilder page, Letterhead letterhead, List<string> recipient)
    {
        // The return-address line closes the Zusatz- und Vermerkzone (45 to 62.7 mm), so it shows in the window too;
        // it shrinks to fit the 80 mm rather than wrapping into the recipient's lines.
        var back = string.Join(" · ", new[] { letterhead.Name }.Concat(letterhead.Address).Where(l => !string.IsNullOrWhiteSpace(l)));
        var size = SmallSize;
        while (size > 5 && typesetter.Measure(back, size, isBold: false) > PdfTypesetter.Mm(80))
        {
            size -= 0.25;
        }

        if (typesetter.Measure(back, size, isBold: false) > PdfTypesetter.Mm(80))
        {
            back = letterhead.Name;
        }

        typesetter.Text(page, typesetter.Wrap(back, size, isBold: false, PdfTypesetter.Mm(80))[0], size, isBold: false, Left, Top(60.5));
        page.DrawLine(new PdfPoint(Left, Top(61.5)), new PdfPoint(Left + PdfTypesetter.Mm(80), Top(61.5)), 0.3);

        var y = Top(62.7) - LineHeight + 2;
        foreach (var line in recipient)
        {
            typesetter.Text(page, line, TextSize, isBold: false, Left, y);
            y -= TextSize * 1.2;
        }
    }

    private static void InformationBlock(PdfTypesetter typesetter, PdfPageBuilder page, IReadOnlyList<PdfField> rows)
    {
        var labelX = PdfTypesetter.Mm(125);
        var valueX = PdfTypesetter.Mm(149);
        var width = PdfTypesetter.Mm(200) - valueX;
        var y = Top(50) - InfoSize;
        foreach (var row in rows)
        {
            if (row.Label == "Datum")
            {
                y -= InfoSize * 0.8;
            }

            page.SetTextAndFillColor(80, 80, 80);
            typesetter.Text(page, row.Label, InfoSize - 1, isBold: false, labelX, y);
            page.SetTextAndFillColor(0, 0, 0);
            foreach (var line in typesetter.Wrap(row.Value, InfoSize, isBold: false, width))
            {
                typesetter.Text(page, line, InfoSize, isBold: false, valueX, y);
                y -= InfoSize * 1.35;
            }
        }
    }

    // Two fold marks for form B (105 and 210 mm) and the hole mark (148.5 mm), at the left edge.
    private static void FoldMarks(PdfPageBuilder page)
    {
        page.SetStrokeColor(120, 120, 120);
        page.DrawLine(new PdfPoint(PdfTypesetter.Mm(4), Top(105)), new PdfPoint(PdfTypesetter.Mm(9), Top(105)), 0.4);
        page.DrawLine(new PdfPoint(PdfTypesetter.Mm(4), Top(210)), new PdfPoint(PdfTypesetter.Mm(9), Top(210)), 0.4);
        page.DrawLine(new PdfPoint(PdfTypesetter.Mm(4), Top(148.5)), new PdfPoint(PdfTypesetter.Mm(11), Top(148.5)), 0.4);
        page.SetStrokeColor(0, 0, 0);
    }

    private static void Footer(PdfTypesetter typesetter, PdfPageBuilder page, Letterhead letterhead)
    {
        page.SetStrokeColor(150, 150, 150);
        page.DrawLine(new PdfPoint(Left, FooterTop + 4), new PdfPoint(Right, FooterTop + 4), 0.4);
        page.SetStrokeColor(0, 0, 0);
        var columns = new[]
        {
            string.Join("\n", new[] { letterhead.Name }.Concat(letterhead.Address)),
            string.Join("\n", new[] { Prefixed("Telefon ", letterhead.Phone), letterhead.Email, letterhead.Web }.Where(l => !string.IsNullOrWhiteSpace(l))),
            string.IsNullOrWhiteSpace(letterhead.OpeningHours) ? "" : "Öffnungszeiten\n" + letterhead.OpeningHours.Trim(),
            letterhead.BankDetails?.Trim() ?? "",
        }.Where(c => c.Length > 0).ToList();

        // The bank column is the widest, so that an IBAN in its groups of four stays on one line.
        double[] shares = columns.Count == 4 ? [0.23, 0.25, 0.22, 0.30] : [.. columns.Select(_ => 1.0 / columns.Count)];
        page.SetTextAndFillColor(70, 70, 70);
        var x = Left;
        for (var i = 0; i < columns.Count; i++)
        {
            var width = (Right - Left) * shares[i];
            var y = FooterTop - FooterSize;
            foreach (var line in typesetter.Wrap(columns[i], FooterSize, isBold: false, width - 6).Take(6))
            {
                typesetter.Text(page, line, FooterSize, isBold: false, x, y);
                y -= FooterSize * 1.35;
            }

            x += width;
        }

        page.SetTextAndFillColor(0, 0, 0);
    }

    private static string? Prefixed(string prefix, string? value) => string.IsNullOrWhiteSpace(value) ? null : prefix + value.Trim();

    /// <summary>The body's paragraphs, split at empty lines, with their kind.</summary>
    private static List<string> Blocks(string body) =>
        body.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();

    /// <summary>The cursor through the body; starts a page when the next line would run into the footer.</summary>
    private sealed class Body
    {
        private readonly PdfTypesetter _typesetter;
        private double _y;

        public Body(PdfTypesetter typesetter, PdfPageBuilder first, double y)
        {
            _typesetter = typesetter;
            Pages.Add(first);
            _y = y + LineHeight;
        }

        public List<PdfPageBuilder> Pages { get; } = [];

        private PdfPageBuilder Page => Pages[^1];

        private double Width => Right - Left;

        public void Space(int lines) => _y -= lines * LineHeight;

        public void Line(string text, bool isBold, double indent = 0)
        {
            Break(1);
            _y -= LineHeight;
            if (text.Length > 0)
            {
                _typesetter.Text(Page, text, TextSize, isBold, Left + indent, _y);
            }
        }

        public void Paragraph(string text)
        {
            foreach (var line in _typesetter.Wrap(text, TextSize, isBold: false, Width))
            {
                Line(line, isBold: false);
            }
        }

        /// <summary>A paragraph, a heading (<c># </c>), or lines of which those starting with <c>- </c> are list items.</summary>
        public void Block(string block)
        {
            if (block.StartsWith("# ", StringComparison.Ordinal) && !block.Contains('\n', StringComparison.Ordinal))
            {
                // A heading never stands alone at the foot of a page.
                Break(3);
                foreach (var line in _typesetter.Wrap(block[2..].Trim(), TextSize, isBold: true, Width))
                {
                    Line(line, isBold: true);
                }

                return;
            }

            var indent = PdfTypesetter.Mm(5);
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("- ", StringComparison.Ordinal))
                {
                    var wrapped = _typesetter.Wrap(line[2..].Trim(), TextSize, isBold: false, Width - indent);
                    Break(Math.Min(wrapped.Count, 2));
                    _typesetter.Text(Page, "–", TextSize, isBold: false, Left, _y - LineHeight);
                    foreach (var part in wrapped)
                    {
                        Line(part, isBold: false, indent);
                    }
                }
                else
                {
                    Paragraph(line);
                }
            }
        }

        /// <summary>Lines that stay on one page (closing and signature).</summary>
        public void Together(IReadOnlyList<string> lines)
        {
            Break(lines.Count);
            foreach (var line in lines)
            {
                Line(line, isBold: false);
            }
        }

        private void Break(int lines)
        {
            if (_y - (lines * LineHeight) >= BodyBottom)
            {
                return;
            }

            Pages.Add(_typesetter.AddPage());
            _y = Top(25);
        }
    }
}
