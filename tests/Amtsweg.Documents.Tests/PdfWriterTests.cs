using System.Text;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Amtsweg.Documents.Tests;

public sealed class PdfWriterTests
{
    [Fact]
    public void Write_GivesAPdfWhoseTextIsExtracted_WithUmlautsSharpSAndForeignNames()
    {
        var pdf = PdfWriter.Write(new PdfContent(
            "Bescheid über die Gewerbeanmeldung",
            [new("An", "Łukasz Şahin-Müller"), new("Aktenzeichen", "32.10-0042/2026")],
            [new("Straße", "Hauptstraße 1, Öhringen")],
            ["Sehr geehrter Herr Şahin-Müller,", "die Gebühr beträgt 1.234,50 € „zahlbar“ binnen eines Monats."]));

        using var document = PdfPigDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));

        Assert.Contains("Bescheid über die Gewerbeanmeldung", text, StringComparison.Ordinal);
        Assert.Contains("Łukasz Şahin-Müller", text, StringComparison.Ordinal);
        Assert.Contains("Hauptstraße 1, Öhringen", text, StringComparison.Ordinal);
        Assert.Contains("1.234,50 € „zahlbar“", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EmbedsEveryFontAndDeclaresPdfA_SoTheFileCanBeArchived()
    {
        var pdf = PdfWriter.Write(new PdfContent("Vermerk", [new("Datum", "01.06.2026")], [], ["Text in **fett** und normal."]));

        using var document = PdfPigDocument.Open(pdf);
        var fonts = document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        var raw = Encoding.Latin1.GetString(pdf);

        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Contains("DejaVu", f, StringComparison.Ordinal));
        Assert.Contains("/FontFile2", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("/Helvetica", raw, StringComparison.Ordinal);
        Assert.Contains("pdfaid:part", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_BreaksPages_WhenTheTextIsLongerThanOnePage()
    {
        var paragraphs = Enumerable.Range(1, 120).Select(i => $"Absatz {i}: Die Verwaltung prüft den Antrag sorgfältig und entscheidet binnen angemessener Frist.").ToList();

        using var document = PdfPigDocument.Open(PdfWriter.Write(new PdfContent("Niederschrift", [], [], paragraphs)));
        var pages = document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();

        Assert.True(pages.Count > 1, $"{pages.Count} page(s)");
        Assert.Contains("Absatz 1:", pages[0], StringComparison.Ordinal);
        Assert.Contains("Absatz 120:", pages[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("Absatz 120:", pages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ToPlainText_GivesTitleLabelledLinesAndParagraphs_InTheOrderOfThePdf()
    {
        var content = new PdfContent("Formulareingabe: Antrag prüfen", [new("Aktenzeichen", "32.10-0001/2026")], [new("Name", "Erika Müller")], ["Erster Absatz.", "Zweiter Absatz."]);

        Assert.Equal("Formulareingabe: Antrag prüfen\nAktenzeichen: 32.10-0001/2026\nName: Erika Müller\nErster Absatz.\nZweiter Absatz.", content.ToPlainText());
    }
}
