using System.Text;
using Amtsweg.Testing;
using UglyToad.PdfPig.Content;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Amtsweg.Documents.Tests;

public sealed class LetterWriterTests
{
    private const double PointsPerMm = 72 / 25.4;

    private static Letterhead Musterstadt(LetterLogo? logo = null) => new("Gemeinde Musterstadt")
    {
        Address = ["Rathausplatz 1", "12345 Musterstadt"],
        Phone = "01234 5678-0",
        Email = "rathaus@musterstadt.de",
        Web = "www.musterstadt.de",
        OpeningHours = "Mo–Fr 8:00–12:00 Uhr\nDo 14:00–18:00 Uhr",
        BankDetails = "Sparkasse Musterstadt\nIBAN DE12 3456 7890 1234 5678 90\nBIC SPMUDE21XXX",
        Logo = logo,
    };

    [Fact]
    public void ToPlainText_KeepsHeadingsAndListItems_WithoutTheHeadingMark()
    {
        var text = Nachforderung("Wir entscheiden:\n\n# Begründung\n\n- Lageplan\n- Baubeschreibung").ToPlainText();

        Assert.Contains("Wir entscheiden:\nBegründung\n- Lageplan\n- Baubeschreibung\nMit freundlichen Grüßen", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#", text, StringComparison.Ordinal);
    }

    private static Letter Nachforderung(string body, Letterhead? letterhead = null) =>
        new(letterhead ?? Musterstadt(), ["Frau", "Erika Jäger-Öztürk", "Hauptstraße 12", "12345 Musterstadt"], "Ihr Antrag auf Baugenehmigung – Nachforderung von Unterlagen", body)
        {
            Date = new DateOnly(2026, 12, 6),
            OurReference = "63.01-0042/2026",
            ContactName = "Max Mustermann",
            ContactPhone = "01234 5678-21",
            ContactEmail = "m.mustermann@musterstadt.de",
            Salutation = "Sehr geehrte Frau Jäger-Öztürk,",
            Signature = ["Im Auftrag", "Max Mustermann"],
        };

    private static LetterLogo Logo(string file) => LetterLogo.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", file)));

    private static string PageText(Page page) => string.Join(" ", page.GetWords().Select(w => w.Text));

    // The words whose baseline lies between the two distances from the top edge and which start between the two from the left, in mm.
    private static string TextIn(Page page, double leftMm, double rightMm, double topMm, double bottomMm) => string.Join(" ", page.GetWords()
        .Where(w => w.BoundingBox.Left >= leftMm * PointsPerMm && w.BoundingBox.Left < rightMm * PointsPerMm)
        .Where(w => page.Height - w.BoundingBox.Bottom >= topMm * PointsPerMm && page.Height - w.BoundingBox.Bottom <= bottomMm * PointsPerMm)
        .Select(w => w.Text));

    [Fact]
    public void Write_PutsTheRecipientAndTheReturnAddress_InTheAddressFieldOfFormB()
    {
        using var document = PdfPigDocument.Open(LetterWriter.Write(Nachforderung("Bitte reichen Sie die Unterlagen nach.")));
        var page = document.GetPage(1);

        // The Anschriftzone of form B: 20 mm from the left, 85 mm wide, from 62.7 to 90 mm from the top.
        Assert.Equal("Frau Erika Jäger-Öztürk Hauptstraße 12 12345 Musterstadt", TextIn(page, 20, 105, 62.7, 90));

        // The Zusatz- und Vermerkzone above it (45 to 62.7 mm) holds the return address.
        Assert.Equal("Gemeinde Musterstadt · Rathausplatz 1 · 12345 Musterstadt", TextIn(page, 20, 105, 45, 62.7));
    }

    [Fact]
    public void Write_PutsTheInformationBlockOnTheRight_WithAktenzeichenContactAndTheGermanDate()
    {
        using var document = PdfPigDocument.Open(LetterWriter.Write(Nachforderung("Text.")));
        var block = TextIn(document.GetPage(1), 124, 200, 45, 100);

        Assert.Contains("Unser Zeichen 63.01-0042/2026", block, StringComparison.Ordinal);
        Assert.Contains("Name Max Mustermann", block, StringComparison.Ordinal);
        Assert.Contains("Telefon 01234 5678-21", block, StringComparison.Ordinal);
        Assert.Contains("E-Mail m.mustermann@musterstadt.de", block, StringComparison.Ordinal);
        Assert.Contains("Datum 6. Dezember 2026", block, StringComparison.Ordinal);
        Assert.DoesNotContain("Ihr Zeichen", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PrintsTheShortDate_WhenAsked()
    {
        using var document = PdfPigDocument.Open(LetterWriter.Write(Nachforderung("Text.") with { LongDate = false }));

        Assert.Contains("Datum 06.12.2026", TextIn(document.GetPage(1), 124, 200, 45, 100), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PrintsTheSubjectInBoldWithoutALabel_BelowTheAddressField()
    {
        using var document = PdfPigDocument.Open(LetterWriter.Write(Nachforderung("Text.")));
        var page = document.GetPage(1);
        var subject = page.GetWords().Where(w => w.Text == "Nachforderung").Single();

        Assert.True(page.Height - subject.BoundingBox.Bottom > 98 * PointsPerMm, "the subject is below the address field");
        Assert.Contains("Bold", subject.Letters[0].FontName, StringComparison.Ordinal);
        Assert.DoesNotContain("Betreff", PageText(page), StringComparison.Ordinal);
        Assert.StartsWith("Ihr Antrag auf Baugenehmigung – Nachforderung von Unterlagen Sehr geehrte Frau Jäger-Öztürk, Text. Mit freundlichen Grüßen Im Auftrag Max Mustermann", TextIn(page, 24, 200, 98, 262), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NumbersEveryPageAndRepeatsTheFooter_WhenTheLetterIsLongerThanOnePage()
    {
        var body = string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"Absatz {i}: Die Verwaltung prüft Ihren Antrag sorgfältig und entscheidet binnen angemessener Frist über ihn."));

        using var document = PdfPigDocument.Open(LetterWriter.Write(Nachforderung(body)));
        var pages = document.GetPages().ToList();

        Assert.True(pages.Count > 1, $"{pages.Count} page(s)");
        for (var i = 0; i < pages.Count; i++)
        {
            var footer = TextIn(pages[i], 0, 210, 262, 297);
            Assert.Contains($"Seite {i + 1} von {pages.Count}", footer, StringComparison.Ordinal);
            Assert.Contains("IBAN DE12 3456 7890 1234 5678 90", footer, StringComparison.Ordinal);
            Assert.Contains("Öffnungszeiten", footer, StringComparison.Ordinal);
            Assert.DoesNotContain("Absatz", footer, StringComparison.Ordinal);
        }

        Assert.Contains("Absatz 40:", string.Join(" ", pages.Select(PageText)), StringComparison.Ordinal);
        Assert.Contains("Max Mustermann", PageText(pages[^1]), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PrintsNoPageNumber_WhenTheLetterHasOnePage()
    {
        using var document = PdfPigDocument.Open(LetterWriter.Write(Nachforderung("Kurz.")));

        Assert.Equal(1, document.NumberOfPages);
        Assert.DoesNotContain("Seite", PageText(document.GetPage(1)), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DrawsHeadingsInBoldAndListItemsWithADash()
    {
        using var document = PdfPigDocument.Open(LetterWriter.Write(Nachforderung("# Begründung\n\nEs fehlen:\n- Lageplan im Maßstab 1:500\n- Bauzeichnungen")));
        var page = document.GetPage(1);
        var heading = page.GetWords().Single(w => w.Text == "Begründung");
        var item = page.GetWords().Single(w => w.Text == "Lageplan");
        var dash = page.GetWords().Single(w => w.Text == "–" && Math.Abs(w.BoundingBox.Bottom - item.BoundingBox.Bottom) < 1);

        Assert.Contains("Bold", heading.Letters[0].FontName, StringComparison.Ordinal);
        Assert.True(item.BoundingBox.Left > dash.BoundingBox.Right, "the item text is indented after the dash");
        Assert.DoesNotContain("#", PageText(page), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wappen.png")]
    [InlineData("wappen.jpg")]
    public void Write_PrintsTheLogoAtTheTopRight_AsPdfA(string file)
    {
        var pdf = LetterWriter.Write(Nachforderung("Text.", Musterstadt(Logo(file))));

        using var document = PdfPigDocument.Open(pdf);
        var image = Assert.Single(document.GetPage(1).GetImages());
        Assert.True(image.BoundingBox.Right <= 190.5 * PointsPerMm && image.BoundingBox.Left > 105 * PointsPerMm, "at the right");
        Assert.True(document.GetPage(1).Height - image.BoundingBox.Bottom < 45 * PointsPerMm, "above the address field");
        Assert.Contains("pdfaid:part", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NeedsOnlyTheName_WhenTheMunicipalityHasNoLetterhead()
    {
        using var document = PdfPigDocument.Open(LetterWriter.Write(Nachforderung("Text.", new Letterhead("Gemeinde Kleinhausen"))));
        var page = document.GetPage(1);

        Assert.Equal("Gemeinde Kleinhausen", TextIn(page, 20, 105, 45, 62.7));
        Assert.Contains("Gemeinde Kleinhausen", TextIn(page, 0, 210, 262, 297), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EmbedsTheFontsAndDeclaresPdfA()
    {
        var pdf = LetterWriter.Write(Nachforderung("Grüße aus Öhringen: Łukasz Şahin, Straße."));

        using var document = PdfPigDocument.Open(pdf);
        var raw = Encoding.Latin1.GetString(pdf);
        Assert.All(document.GetPage(1).Letters.Select(l => l.FontName).Distinct(), f => Assert.Contains("DejaVu", f, StringComparison.Ordinal));
        Assert.Contains("/FontFile2", raw, StringComparison.Ordinal);
        Assert.Contains("pdfaid:part", raw, StringComparison.Ordinal);
        Assert.Contains("Grüße aus Öhringen: Łukasz Şahin, Straße.", PageText(document.GetPage(1)), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RefusesTheLetter_WhenTheAddressHasMoreThanSixLines()
    {
        var letter = Nachforderung("Text.") with { Recipient = ["1", "2", "3", "4", "5", "6", "7"] };

        var error = Assert.Throws<LetterException>(() => LetterWriter.Write(letter));

        Assert.Equal("Die Anschrift hat 7 Zeilen; ins Anschriftfeld passen höchstens 6.", error.MessageGerman);
    }

    [Fact]
    public void Write_RefusesTheLetter_WhenItHasNoAddress()
    {
        var error = Assert.Throws<LetterException>(() => LetterWriter.Write(Nachforderung("Text.") with { Recipient = [" "] }));

        Assert.Equal("Das Schreiben hat keine Anschrift.", error.MessageGerman);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0 })]
    public void ReadLogo_RefusesAFile_ThatIsNotAPngOrJpeg(byte[] content)
    {
        Assert.Throws<LetterException>(() => LetterLogo.Read(content));
    }

    [Fact]
    public void ReadLogo_RefusesAFile_LargerThanTheLimit()
    {
        var content = new byte[LetterLogo.MaxBytes + 1];
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "wappen.png")).CopyTo(content, 0);

        var error = Assert.Throws<LetterException>(() => LetterLogo.Read(content));

        Assert.Equal("Das Logo muss eine Bilddatei bis 512 KB sein.", error.MessageGerman);
    }

    [Fact]
    public void ReadLogo_FindsTypeAndSize_FromTheFileItself()
    {
        var png = Logo("wappen.png");
        var jpeg = Logo("wappen.jpg");

        Assert.Equal(("image/png", 240, 280), (png.ContentType, png.Width, png.Height));
        Assert.Equal(("image/jpeg", 240, 280), (jpeg.ContentType, jpeg.Width, jpeg.Height));
    }

    [Fact]
    public void Write_SampleLetter_IsKeptForALookInTheArtifacts()
    {
        var body = "wir haben Ihren Antrag vom 12. November 2026 erhalten. Um ihn bearbeiten zu können, benötigen wir noch folgende Unterlagen:\n\n"
            + "- Lageplan im Maßstab 1:500 mit Eintragung des Vorhabens\n- Bauzeichnungen (Grundrisse, Schnitte, Ansichten)\n- Baubeschreibung\n\n"
            + "Bitte reichen Sie die Unterlagen bis zum 6. Januar 2027 ein. Ohne diese Unterlagen können wir Ihren Antrag nicht bearbeiten.";

        var pdf = LetterWriter.Write(Nachforderung(body, Musterstadt(Logo("wappen.png"))));
        File.WriteAllBytes(Path.Combine(TestPaths.Artifacts, "letter-sample.pdf"), pdf);

        using var document = PdfPigDocument.Open(pdf);
        Assert.Contains("Ohne diese Unterlagen können wir Ihren Antrag nicht bearbeiten.", PageText(document.GetPage(1)), StringComparison.Ordinal);
    }
}
