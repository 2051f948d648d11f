using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Issue 12.6: a scanned letter that waits in the Posteingang is found by its words and filed from the hit.</summary>
public sealed class PosteingangSearchJourneyTests : BrowserTest
{
    [Fact]
    public async Task Clerk_FindsAScanWaitingInThePosteingang_AndFilesItFromTheSearchHit()
    {
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "ProcessesApiTests.Antrag.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Antrag", resources = new[] { new { name = "antrag.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);
        var page = await SignInAsync("sachbearbeitung");
        var aktenplan = await (await page.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "32.10").GetProperty("id").GetString();
        var started = await page.APIRequest.PostAsync("/api/process-instances", new()
        {
            DataObject = new { processId = "Antrag", vorgang = new { positionId = position, title = "Hundesteuer Familie Berger" } },
        });
        Assert.Equal(201, started.Status);
        var aktenzeichen = (await started.JsonAsync())!.Value.GetProperty("businessKey").GetString()!;

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
