using System.Text;
using System.Text.Json;
using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>The e-file's main path, in Debian's Chromium against the real server with the demo municipality.</summary>
public sealed class EFileJourneyTests : BrowserTest
{
    [Fact]
    public async Task DemoClerk_StartsProcessInNewVorgang_FindsItInListDetailAndSearch_WithoutAccessibilityViolations()
    {
        // The clerk starts the process for an application that arrived: a new Akte and Vorgang under 32.10.
        var page = await SignInAsync("sachbearbeitung");
        var aktenzeichen = await StartAntragInNewVorgangAsync(page, "Gewerbeanmeldung Bäckerei Schmidt");
        Assert.EndsWith("-1", aktenzeichen, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Vorgänge", Exact = true }).ClickAsync();
        await page.WaitForPageAsync("**/vorgaenge");
        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "offen" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter anwenden" }).ClickAsync();
        await page.WaitForPageAsync("**/vorgaenge?status=Open**");
        Assert.Contains("Gewerbeanmeldung Bäckerei Schmidt", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page, "vorgaenge");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "vorgaenge.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = aktenzeichen, Exact = true }).ClickAsync();
        await page.WaitForPageAsync("**/vorgaenge/*");
        Assert.Contains("Die Aufgabe „Antrag prüfen“ wurde angelegt.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.OpenSectionAsync("Dokumente");
        await page.OpenActionAsync("Dokument hinzufügen");
        await page.GetByLabel("Datei").SetInputFilesAsync(new FilePayload
        {
            Name = "meisterbrief.txt",
            MimeType = "text/plain",
            Buffer = Encoding.UTF8.GetBytes("Meisterbrief im Konditorenhandwerk, ausgestellt von der Handwerkskammer."),
        });
        await page.GetByLabel("Dokumentart").FillAsync("Nachweis");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dokument ablegen" }).ClickAsync();
        await page.GetByText("„meisterbrief.txt“ wurde geprüft und als Dokument abgelegt.").WaitForAsync();
        Assert.Contains("meisterbrief.txt", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        var titleCell = page.GetByRole(AriaRole.Cell, new() { Name = "meisterbrief", Exact = true });
        var titleLines = await titleCell.EvaluateAsync<int>("cell => { const r = document.createRange(); r.selectNodeContents(cell); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }");
        Assert.Equal(1, titleLines); // the title once broke into "meiste / rbrief"
        await Accessibility.AssertNoViolationsAsync(page, "vorgang");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "vorgang.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Suche", Exact = true }).ClickAsync();
        await page.GetByLabel("Suchbegriffe").FillAsync("Meisterbriefe Handwerkskammer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen", Exact = true }).ClickAsync();
        await page.GetByText("1 Treffer").WaitForAsync();
        Assert.Contains("Handwerkskammer", await page.Locator(".snippet mark").AllInnerTextsAsync());
        await Accessibility.AssertNoViolationsAsync(page, "suche");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "suche.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "meisterbrief" }).ClickAsync();
        await page.WaitForPageAsync("**/vorgaenge/*");
        Assert.Contains(aktenzeichen, await page.InnerTextAsync("h1"), StringComparison.Ordinal);

        var (exitCode, output, error) = await Server.RunCliAsync("search", "--tenant", "09999999", "Meisterbrief", "--json");
        Assert.True(exitCode == 0, output + error);
        var hits = JsonDocument.Parse(output).RootElement;
        Assert.Equal(aktenzeichen, Assert.Single(hits.EnumerateArray()).GetProperty("aktenzeichen").GetString());
    }
}
