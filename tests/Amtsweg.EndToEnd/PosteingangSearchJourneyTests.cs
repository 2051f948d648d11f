using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Issue 12.6: a scanned letter that waits in the Posteingang is found by its words and filed from the hit.</summary>
public sealed class PosteingangSearchJourneyTests : BrowserTest
{
    [Fact]
    public async Task Clerk_FindsAScanWaitingInThePosteingang_AndFilesItFromTheSearchHit()
    {
        var page = await SignInAsync("sachbearbeitung");
        var aktenzeichen = await StartAntragInNewVorgangAsync(page, "Hundesteuer Familie Berger");

        await page.GotoAsync("/posteingang");
        await page.GetByLabel("Dateien").SetInputFilesAsync(new FilePayload
        {
            Name = "scan-0042.png",
            MimeType = "image/png",
            Buffer = TestScans.Png("Widerspruch gegen den Bescheid", "zur Hundesteuer vom 2. November"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Hochladen", Exact = true }).ClickAsync();
        await page.WaitForPageAsync("**/posteingang**");

        // The scan goes through OCR in the background; the search finds it once its text is known.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var hit = page.Locator(".hits li", new() { HasText = "im Posteingang" });
        do
        {
            await page.GotoAsync("/suche?q=Hundesteuer");
        }
        while (await hit.CountAsync() == 0 && DateTime.UtcNow < deadline && await DelayAsync());

        Assert.Equal(1, await hit.CountAsync());
        Assert.Contains("Hundesteuer", await hit.Locator(".snippet mark").AllInnerTextsAsync());
        await hit.GetByLabel("Aktenzeichen des Vorgangs").FillAsync(aktenzeichen);
        await Accessibility.AssertNoViolationsAsync(page, "suche-posteingang");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "suche-posteingang.png"), FullPage = true });

        await hit.GetByRole(AriaRole.Button, new() { Name = "Ablegen in Vorgang" }).ClickAsync();
        await page.GetByText($"1 Dokument(e) im Vorgang {aktenzeichen} abgelegt.").WaitForAsync();
        Assert.Equal(0, await hit.CountAsync());
        Assert.Contains(aktenzeichen, await page.InnerTextAsync(".hits"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "suche-posteingang-abgelegt.png"), FullPage = true });
    }

    private static async Task<bool> DelayAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        return true;
    }
}
