using System.Text;
using Amtsweg.Data.Providers;
using Amtsweg.Documents;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Amtsweg.Casework.Tests;

public sealed class GenerateDokumentHandlerTests
{
    [Theory]
    [AllProviders]
    public async Task ExecuteAsync_FilesTheLetterInTheCallersVorgang_WhenACalledInstanceWritesIt(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("GenerateDokumentHandlerTests.Hauptprozess.bpmn", "GenerateDokumentHandlerTests.Brief.bpmn");
        var vorgang = await host.CreateVorgangAsync();

        // The letter task of the called instance runs inside the start, which files the instance in its Vorgang first.
        var filed = await host.StartInAsync("Hauptprozess", vorgang.Id);

        Assert.Equal(["Versenden"], filed.Instance.ActiveElementIds);
        Assert.Equal(new JobExecutionSummary(0, 0), await host.EngineAsync(e => e.ExecuteDueJobsAsync()));
        var entry = await host.RecordsAsync(db => db.SearchEntries.AsNoTracking().SingleAsync(e => e.VorgangId == vorgang.Id && e.Kind == "Dokument"));
        Assert.Equal("Bescheid Gewerbeanmeldung", entry.Title);

        // The rendered letter as written: head lines and paragraphs, umlauts intact.
        Assert.Contains("An: Erika Müller\nAktenzeichen: " + vorgang.Aktenzeichen, entry.Text, StringComparison.Ordinal);
        Assert.Contains("Ihre Gewerbeanmeldung für die Bäckerei ist genehmigt.", entry.Text, StringComparison.Ordinal);
        var version = await host.RecordsAsync(db => db.DokumentVersionen.AsNoTracking().SingleAsync());
        Assert.Equal("Bescheid Gewerbeanmeldung.pdf", version.FileName);
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteAsync_FilesTheBescheidOnTheLetterheadAsPdfA_WithTheVariablesInItsFields(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        host.Letterheads.Letterhead = Teststadt;
        await host.DeployAsync("GenerateDokumentHandlerTests.Bescheid.bpmn");
        var vorgang = await host.CreateVorgangAsync();

        var filed = await host.StartInAsync("Bescheid", vorgang.Id, Bescheid());

        var version = await host.RecordsAsync(db => db.DokumentVersionen.AsNoTracking().SingleAsync());
        var pdf = await host.ContentAsync(version.Id);
        using var document = PdfPigDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(page => string.Join(" ", page.GetWords().Select(w => w.Text))));
        var instance = await host.EngineAsync(e => e.GetProcessInstanceAsync(filed.Instance.Id));

        Assert.Equal(["Versenden"], filed.Instance.ActiveElementIds);
        Assert.Equal(("Bescheid: Gewerbeanmeldung Müller", "Schreiben", "Erika Müller", "Bescheid-2026-06-15.pdf"), (version.Title, version.DokumentType, version.Recipient, version.FileName));
        Assert.Equal(version.DokumentId.ToString("D"), instance.Variables["bescheidId"]!.GetValue<string>());
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        Assert.Contains("pdfaid:part", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
        foreach (var expected in new[]
        {
            "Gemeinde Teststadt", "Rathausplatz 1 · 12345 Teststadt", $"Unser Zeichen {vorgang.Aktenzeichen}",
            "Bescheid: Gewerbeanmeldung Müller", "Guten Tag Erika Müller,", "über Ihren Antrag vom 02.06.2026 entscheiden wir wie folgt:",
            "Die Gewerbeanmeldung der Bäckerei wird bestätigt.", "Die Anmeldung ist vollständig.", "Gemeinde Teststadt, Rathausplatz 1, 12345 Teststadt",
            GenerateDokumentHandler.MachineSignature,
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Equal("Erika Müller Lindenweg 7 12345 Teststadt", InAddressField(document.GetPage(1)));
        Assert.DoesNotContain("Kosten", text, StringComparison.Ordinal);
        var entry = await host.RecordsAsync(db => db.SearchEntries.AsNoTracking().SingleAsync(e => e.Kind == "Dokument"));
        Assert.Contains("Die Gewerbeanmeldung der Bäckerei wird bestätigt.", entry.Text, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteAsync_WritesTheMunicipalitysOwnVersion_WhenItReplacedTheShippedTemplate(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        host.Letterheads.Letterhead = Teststadt;
        var shipped = LetterTemplate.Find("bescheid")!.Text;
        host.Templates.Own.Add(LetterTemplate.Parse("bescheid", shipped.Replace("entscheiden wir wie folgt:", "hat die Gemeinde so entschieden:", StringComparison.Ordinal)));
        await host.DeployAsync("GenerateDokumentHandlerTests.Bescheid.bpmn");
        var vorgang = await host.CreateVorgangAsync();

        await host.StartInAsync("Bescheid", vorgang.Id, Bescheid());

        var version = await host.RecordsAsync(db => db.DokumentVersionen.AsNoTracking().SingleAsync());
        using var document = PdfPigDocument.Open(await host.ContentAsync(version.Id));
        var text = string.Join("\n", document.GetPages().Select(page => string.Join(" ", page.GetWords().Select(w => w.Text))));
        Assert.Contains("über Ihren Antrag vom 02.06.2026 hat die Gemeinde so entschieden:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("entscheiden wir wie folgt", text, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteAsync_RaisesAnIncidentAndFilesNothing_WhenAFieldOfTheTemplateHasNoValue(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        host.Letterheads.Letterhead = Teststadt;
        await host.DeployAsync("GenerateDokumentHandlerTests.Bescheid.bpmn");
        var vorgang = await host.CreateVorgangAsync();
        var variables = Bescheid();
        variables.Remove("tenor");

        var incident = await IncidentAsync(host, vorgang.Id, variables);

        Assert.Equal(("Erzeugen", IncidentTypes.JobFailed), (incident.ElementId, incident.Type));
        Assert.Equal("Das Schreiben „Bescheid“ kann nicht erzeugt werden: Für „Entscheidung (Tenor)“ fehlt der Wert. Setzen Sie die Prozessvariable „tenor“.", incident.Message);
        Assert.Equal(0, await host.RecordsAsync(db => db.DokumentVersionen.CountAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteAsync_RaisesAnIncidentAndFilesNothing_WhenAPlaceholderOrTheLetterheadIsMissing(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("GenerateDokumentHandlerTests.Bescheid.bpmn");
        var vorgang = await host.CreateVorgangAsync();
        var withoutTown = Bescheid();
        withoutTown.Remove("ort");

        var noLetterhead = await IncidentAsync(host, vorgang.Id, Bescheid());
        host.Letterheads.Letterhead = new Letterhead("Gemeinde Teststadt");
        var noAddress = await IncidentAsync(host, vorgang.Id, Bescheid());
        host.Letterheads.Letterhead = Teststadt;
        var noTown = await IncidentAsync(host, vorgang.Id, withoutTown);

        Assert.Contains("Für die Gemeinde ist noch kein Briefkopf hinterlegt.", noLetterhead.Message, StringComparison.Ordinal);
        // The Rechtsbehelfsbelehrung names where to object: a letterhead without address cannot print it.
        Assert.Contains("Der Platzhalter {{gemeinde.anschrift}} hat keinen Wert", noAddress.Message, StringComparison.Ordinal);
        Assert.Contains("Der Platzhalter {{ort}} hat keinen Wert", noTown.Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.RecordsAsync(db => db.DokumentVersionen.CountAsync()));
    }

    [Fact]
    public async Task Deploy_IsRefused_WhenTheLetterTemplateIsUnknown()
    {
        await using var host = await CaseworkTestHost.StartAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync("GenerateDokumentHandlerTests.UnbekannteVorlage.bpmn"));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal(("BPMN118", "Erzeugen"), (problem.Code, problem.ElementId));
        Assert.Equal("Die Briefvorlage „mahnung“ gibt es nicht (Header „brief“). Möglich sind die mitgelieferten („nachforderung“ (Nachforderung von Unterlagen), „bescheid“ (Bescheid)) und die eigenen Briefvorlagen der Gemeinde.", problem.MessageGerman);
    }

    [Fact]
    public void Validate_RefusesSubjectAndTextHeaders_AndAMissingAddress_InALetterFromATemplate()
    {
        var handler = new GenerateDokumentHandler(null!, null!, null!, new TestLetterheads(), new TestLetterTemplates(), TimeProvider.System);

        var problems = handler.Validate(new Dictionary<string, string> { ["brief"] = "nachforderung", ["titel"] = "Nachforderung", ["empfaenger"] = " " }).Select(p => p.MessageGerman).ToList();

        Assert.Equal(
            ["Ein Brief aus einer Vorlage (Header „brief“) nimmt Betreff und Text aus der Vorlage: Entfernen Sie den Header „titel“.", "Ein Brief aus einer Vorlage braucht den Header „empfaenger“ mit der Anschrift (Name, Straße, Ort)."],
            problems);
    }

    // The words in the Anschriftzone of DIN 5008 form B: 20 to 105 mm from the left, 62.7 to 90 mm from the top.
    private static string InAddressField(UglyToad.PdfPig.Content.Page page)
    {
        const double mm = 72 / 25.4;
        return string.Join(" ", page.GetWords()
            .Where(w => w.BoundingBox.Left >= 20 * mm && w.BoundingBox.Left < 105 * mm)
            .Where(w => page.Height - w.BoundingBox.Bottom >= 62.7 * mm && page.Height - w.BoundingBox.Bottom <= 90 * mm)
            .Select(w => w.Text));
    }

    // The letter task runs inside the start; its incident keeps the instance at the task.
    private static async Task<IncidentInfo> IncidentAsync(CaseworkTestHost host, Guid vorgangId, Dictionary<string, object?> variables)
    {
        var filed = await host.StartInAsync("Bescheid", vorgangId, variables);
        return Assert.Single((await host.EngineAsync(e => e.GetProcessInstanceAsync(filed.Instance.Id))).Incidents);
    }

    private static Letterhead Teststadt => new("Gemeinde Teststadt") { Address = ["Rathausplatz 1", "12345 Teststadt"], Phone = "01234 5678-0", Email = "rathaus@teststadt.example" };

    private static Dictionary<string, object?> Bescheid() => new()
    {
        ["name"] = "Erika Müller",
        ["strasse"] = "Lindenweg 7",
        ["ort"] = "12345 Teststadt",
        ["antragsdatum"] = "2026-06-02",
        ["tenor"] = "Die Gewerbeanmeldung der Bäckerei wird bestätigt.",
        ["begruendung"] = "Die Anmeldung ist vollständig.",
    };
}
