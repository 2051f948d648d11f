using Amtsweg.Testing;
using Microsoft.Playwright;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 13.5 and 13.7 in the browser: the administrator adapts the shipped Bescheid, is told the line of an unknown
/// placeholder, sees the preview on the letterhead and saves; a clerk then writes a Bescheid and the filed PDF has the change.
/// </summary>
public sealed class LetterTemplateJourneyTests : BrowserTest
{
    private const string Changed = "über Ihren Antrag vom {{antragsdatum}} hat die Gemeinde nach Prüfung so entschieden:";

    [Fact]
    public async Task Administrator_AdaptsTheBescheid_SeesItOnTheLetterhead_AndTheClerksFiledLetterHasTheChange()
    {
        var admin = await SignInAsync("administration");
        await admin.GotoAsync("/verwaltung");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Briefvorlagen", Exact = true }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/briefvorlagen");
        await Look.AtAsync(admin, "verwaltung-briefvorlagen");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Anpassen – Bescheid" }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/briefvorlagen/bearbeiten?vorlage=bescheid");
        var text = admin.GetByLabel("Text der Vorlage");
        var shipped = await text.InputValueAsync();
        Assert.Contains("entscheiden wir wie folgt:", shipped, StringComparison.Ordinal);

        // A misspelt placeholder: refused with its line, nothing saved, the text kept.
        await text.FillAsync(shipped.Replace("über Ihren Antrag vom {{antragsdatum}} entscheiden wir wie folgt:", "über Ihren Antrag vom {{antragsdatm}} entscheiden wir wie folgt:", StringComparison.Ordinal));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Vorlage speichern" }).ClickAsync();
        await admin.Locator(".error-summary").WaitForAsync();
        Assert.Contains("Zeile 11: Der Platzhalter {{antragsdatm}} nennt „antragsdatm“.", await admin.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("{{antragsdatm}}", await text.InputValueAsync(), StringComparison.Ordinal);
        await Look.AtAsync(admin, "verwaltung-briefvorlage-fehler");

        // Corrected and previewed on the municipality's letterhead with example values.
        await text.FillAsync(shipped.Replace("über Ihren Antrag vom {{antragsdatum}} entscheiden wir wie folgt:", Changed, StringComparison.Ordinal));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Vorschau" }).ClickAsync();
        var sheet = admin.Locator(".letter-sheet");
        await sheet.WaitForAsync();
        Assert.Equal("Gemeinde Musterstadt", await sheet.Locator(".letter-sender").InnerTextAsync());
        Assert.Contains("hat die Gemeinde nach Prüfung so entschieden:", await sheet.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("[Entscheidung (Tenor)]", await sheet.InnerTextAsync(), StringComparison.Ordinal);
        await Look.AtAsync(admin, "verwaltung-briefvorlage-vorschau");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Vorlage speichern" }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/briefvorlagen");
        await admin.GetByRole(AriaRole.Status).GetByText("Die Vorlage „Bescheid“ ist gespeichert.").WaitForAsync();
        Assert.Contains("eigene Fassung einer mitgelieferten", await admin.InnerTextAsync("main"), StringComparison.Ordinal);

        // The clerk writes a Bescheid in a Vorgang and files it: the PDF carries the municipality's wording.
        var clerk = await SignInAsync("sachbearbeitung");
        var vorgangId = await OpenVorgangAsync(clerk);
        await clerk.GotoAsync($"/vorgaenge/{vorgangId}/brief");
        await clerk.GetByLabel("Bescheid", new() { Exact = true }).CheckAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await clerk.WaitForPageAsync("**/brief?vorlage=bescheid");
        await clerk.GetByLabel("Andere Anschrift").CheckAsync();
        await clerk.Locator("#anschrift").FillAsync("Erika Müller\nLindenweg 7\n99999 Musterstadt");
        await clerk.GetByLabel("Datum des Antrags").FillAsync("2026-11-02");
        await clerk.GetByLabel("Entscheidung (Tenor)").FillAsync("Die Genehmigung für das Gartenhaus wird erteilt.");
        await clerk.GetByLabel("Begründung").FillAsync("Alle Voraussetzungen liegen vor.");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Ablegen" }).ClickAsync();
        await clerk.WaitForPageAsync($"**/vorgaenge/{vorgangId}?abschnitt=dokumente#dokumente");
        var vorgang = await (await clerk.APIRequest.GetAsync($"/api/vorgaenge/{vorgangId}")).JsonAsync();
        var version = vorgang!.Value.GetProperty("dokumente").EnumerateArray().Select(d => d.GetProperty("versions")[0])
            .Single(v => v.GetProperty("dokumentType").GetString() == "Schreiben");
        var pdf = await (await clerk.APIRequest.GetAsync($"/api/dokument-versionen/{version.GetProperty("id").GetString()}/content")).BodyAsync();
        using var document = PdfPigDocument.Open(pdf);
        var filed = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("über Ihren Antrag vom 02.11.2026 hat die Gemeinde nach Prüfung so entschieden:", filed, StringComparison.Ordinal);
        Assert.Contains("Die Genehmigung für das Gartenhaus wird erteilt.", filed, StringComparison.Ordinal);
    }

    /// <summary>An Akte under 63 and a Vorgang in it, through the API.</summary>
    private static async Task<string> OpenVorgangAsync(IPage page)
    {
        var aktenplan = await (await page.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "63").GetProperty("id").GetString();
        var akte = await page.APIRequest.PostAsync("/api/akten", new() { DataObject = new { positionId = position, title = "Bauanträge 2026" } });
        Assert.Equal(201, akte.Status);
        var akteId = (await akte.JsonAsync())!.Value.GetProperty("id").GetString();
        var vorgang = await page.APIRequest.PostAsync("/api/vorgaenge", new() { DataObject = new { akteId, title = "Bauantrag Gartenhaus" } });
        Assert.Equal(201, vorgang.Status);
        return (await vorgang.JsonAsync())!.Value.GetProperty("vorgang").GetProperty("id").GetString()!;
    }
}
