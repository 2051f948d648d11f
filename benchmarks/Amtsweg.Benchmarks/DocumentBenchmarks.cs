using Amtsweg.Documents;
using Amtsweg.Feel;
using BenchmarkDotNet.Attributes;

namespace Amtsweg.Benchmarks;

/// <summary>What filing a form submission or a generated letter costs before the database: the template and the PDF/A.</summary>
[MemoryDiagnoser]
public class DocumentBenchmarks
{
    private const string Letter = "Sehr geehrte(r) {{antragsteller.name}},\n\nIhr Antrag vom {{eingang}} auf {{leistung}} wurde {{if genehmigt then \"genehmigt\" else \"abgelehnt\"}}. "
        + "Die Gebühr beträgt {{gebuehr}} Euro und ist bis zum {{eingang + duration(\"P30D\")}} zu zahlen.\n\n"
        + "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich oder zur Niederschrift bei der Stadtverwaltung einzulegen.\n\n"
        + "Mit freundlichen Grüßen\nIhre Stadtverwaltung";

    private readonly TextTemplate _template = TextTemplate.Parse(Letter);
    private readonly FeelScope _scope = FeelScope.From(new Dictionary<string, object?>
    {
        ["antragsteller"] = new Dictionary<string, object?> { ["name"] = "Jürgen Weiß" },
        ["eingang"] = new DateOnly(2026, 11, 2),
        ["leistung"] = "Sondernutzung öffentlicher Straßen",
        ["genehmigt"] = true,
        ["gebuehr"] = 45.5m,
    });

    private readonly PdfContent _form = new(
        "Formulareingabe: Antrag prüfen",
        [new("Aktenzeichen", "32.10-0001/2026-1"), new("Aufgabe", "Antrag prüfen"), new("Eingereicht von", "sachbearbeitung"), new("Eingereicht am", "02.11.2026, 09:00 Uhr")],
        [new("Name des Antragstellers", "Jürgen Weiß"), new("Anschrift", "Hauptstraße 12, 99999 Musterstadt"), new("Entscheidung", "Genehmigt"), new("Gebühr in Euro", "45,5"), new("Begründung", "Die Unterlagen sind vollständig, die Sondernutzung ist mit dem Ordnungsamt abgestimmt.")],
        []);

    [Benchmark]
    public string RenderTemplate() => _template.Render(_scope);

    [Benchmark]
    public byte[] FormSubmissionPdf() => PdfWriter.Write(_form);

    [Benchmark]
    public byte[] LetterPdf()
    {
        var text = _template.Render(_scope);
        return PdfWriter.Write(new PdfContent("Bescheid für Jürgen Weiß", [new("Aktenzeichen", "32.10-0001/2026-1"), new("Datum", "02.11.2026")], [], text.Split("\n\n")));
    }
}
