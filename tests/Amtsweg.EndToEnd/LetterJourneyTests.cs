using System.Text.RegularExpressions;
using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Issue 12.5 in the browser: a clerk writes a Nachforderung from the Vorgang, previews it, files it and finds it.</summary>
public sealed partial class LetterJourneyTests : BrowserTest
{
    [Fact]
    public async Task Clerk_WritesNachforderungFromTheVorgang_PreviewsFilesAndFindsIt()
    {
        var page = await SignInAsync("sachbearbeitung");
        var vorgangId = await OpenVorgangWithApplicantAsync(page);

        await page.GotoAsync($"/vorgaenge/{vorgangId}");
        await page.OpenSectionAsync("Dokumente");
        await page.GetByRole(AriaRole.Link, new() { Name = "Brief schreiben" }).ClickAsync();
        await page.WaitForPageAsync("**/brief");
        Assert.True(await page.GetByLabel("Nachforderung von Unterlagen").IsCheckedAsync());
        await Accessibility.AssertNoViolationsAsync(page, "brief-vorlage");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "brief-vorlage-1280.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await page.WaitForPageAsync("**/brief?vorlage=nachforderung");

        // Sent without the documents: named at the field, nothing filed; then filled in and previewed.
        await page.GetByLabel("Frist").FillAsync("2027-01-06");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorschau" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        Assert.Contains("Bitte füllen Sie „Fehlende Unterlagen“ aus.", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("2027-01-06", await page.GetByLabel("Frist").InputValueAsync());
        await Accessibility.AssertNoViolationsAsync(page, "brief-fehler");
        await page.GetByLabel("Fehlende Unterlagen").FillAsync("Lageplan im Maßstab 1:500\nBauzeichnungen (Grundrisse, Schnitte, Ansichten)\nBaubeschreibung");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorschau" }).ClickAsync();
        var sheet = page.Locator(".letter-sheet");
        await sheet.WaitForAsync();
        var preview = await sheet.InnerTextAsync();
        Assert.Contains("Gemeinde Musterstadt", preview, StringComparison.Ordinal);
        Assert.Contains("Erika Müller", preview, StringComparison.Ordinal);
        Assert.Contains("Bauantrag Gartenhaus Lindenweg 7 – fehlende Unterlagen", preview, StringComparison.Ordinal);
        Assert.Contains("Bitte reichen Sie die Unterlagen bis zum 06.01.2027 bei uns ein.", preview, StringComparison.Ordinal);
        Assert.Equal(3, await sheet.Locator(".letter-list li").CountAsync());
        await Accessibility.AssertNoViolationsAsync(page, "brief-vorschau");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "brief-vorschau-1280.png"), FullPage = true });
        await page.SetViewportSizeAsync(1024, 900);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "brief-vorschau-1024.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);

        // Filed: back on the Vorgang with the notice, the letter among its documents.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ablegen" }).ClickAsync();
        await page.WaitForPageAsync(VorgangPage());
        var vorgang = await page.InnerTextAsync("main");
        Assert.Contains("Das Schreiben „Bauantrag Gartenhaus Lindenweg 7 – fehlende Unterlagen“ ist als Dokument im Vorgang abgelegt.", vorgang, StringComparison.Ordinal);
        Assert.Contains("Schreiben", await page.Locator("#dokumente table").First.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "brief-abgelegt-1280.png"), FullPage = true });

        // Search finds it by a word of its text.
        await page.GetByRole(AriaRole.Link, new() { Name = "Suche", Exact = true }).ClickAsync();
        await page.GetByLabel("Suchbegriffe").FillAsync("Baubeschreibung");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen", Exact = true }).ClickAsync();
        await page.GetByText("1 Treffer").WaitForAsync();
        Assert.Contains("Bauantrag Gartenhaus Lindenweg 7 – fehlende Unterlagen", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    /// <summary>An Akte under 63, a Vorgang in it and the applicant with her address, through the API.</summary>
    private static async Task<string> OpenVorgangWithApplicantAsync(IPage page)
    {
        var aktenplan = await (await page.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "63").GetProperty("id").GetString();
        var akte = await page.APIRequest.PostAsync("/api/akten", new() { DataObject = new { positionId = position, title = "Bauanträge 2026" } });
        Assert.Equal(201, akte.Status);
        var akteId = (await akte.JsonAsync())!.Value.GetProperty("id").GetString();
        var vorgang = await page.APIRequest.PostAsync("/api/vorgaenge", new() { DataObject = new { akteId, title = "Bauantrag Gartenhaus Lindenweg 7" } });
        Assert.Equal(201, vorgang.Status);
        var vorgangId = (await vorgang.JsonAsync())!.Value.GetProperty("vorgang").GetProperty("id").GetString()!;
        var beteiligter = await page.APIRequest.PostAsync($"/api/vorgaenge/{vorgangId}/beteiligte", new()
        {
            DataObject = new { role = "Antragstellerin", name = "Erika Müller", address = "Lindenweg 7, 99999 Musterstadt" },
        });
        Assert.Equal(201, beteiligter.Status);
        return vorgangId;
    }

    [GeneratedRegex("/vorgaenge/[0-9a-f]{8}-[0-9a-f-]{27}\\?abschnitt=dokumente")]
    private static partial Regex VorgangPage();
}
