using System.Text;
using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Pages at the widths of office screens and a tablet: nothing runs out of the window.</summary>
public sealed class LayoutTests : BrowserTest
{
    [Theory]
    [InlineData(1280)]
    [InlineData(1024)]
    [InlineData(768)]
    public async Task Bug_VorgangPage_HasNoHorizontalOverflow_WithEverySectionOpen(int width)
    {
        var designer = await SignInAsync(Server, "prozessgestaltung", width);
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "ProcessesApiTests.Antrag.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Antrag", resources = new[] { new { name = "antrag.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);
        var page = await SignInAsync(Server, "sachbearbeitung", width);
        var aktenplan = await (await page.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "32.10").GetProperty("id").GetString();
        var started = await page.APIRequest.PostAsync("/api/process-instances", new()
        {
            DataObject = new { processId = "Antrag", vorgang = new { positionId = position, title = "Gewerbeanmeldung mit einem recht langen Titel für die Breite" } },
        });
        Assert.Equal(201, started.Status);
        var aktenzeichen = (await started.JsonAsync())!.Value.GetProperty("businessKey").GetString()!;
        await page.GotoAsync("/vorgaenge");
        await page.GetByRole(AriaRole.Link, new() { Name = aktenzeichen, Exact = true }).ClickAsync();
        await page.WaitForPageAsync("**/vorgaenge/*");
        await page.OpenSectionAsync("Dokumente");
        await page.OpenActionAsync("Dokument hinzufügen");
        await page.GetByLabel("Datei").SetInputFilesAsync(new FilePayload
        {
            Name = "Nachweis_Meisterbrief_Konditorenhandwerk_Handwerkskammer_Oberbayern_2026.txt",
            MimeType = "text/plain",
            Buffer = Encoding.UTF8.GetBytes("Meisterbrief im Konditorenhandwerk, ausgestellt von der Handwerkskammer."),
        });
        await page.GetByLabel("Dokumentart").FillAsync("Nachweis");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dokument ablegen" }).ClickAsync();
        await page.GetByText("wurde geprüft und als Dokument abgelegt.").WaitForAsync();

        // The long file name and every section open, the process diagram drawn: nothing runs out of the window.
        foreach (var section in new[] { "Verlauf", "Dokumente", "Prozesse", "Vermerke", "Beteiligte", "Wiedervorlagen", "Abschließen" })
        {
            await page.OpenSectionAsync(section);
        }

        await page.Locator("[data-diagram-ready='true']").WaitForAsync();
        var layout = await page.EvaluateAsync<double[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, $"vorgang-{width}.png"), FullPage = true });

        Assert.True(layout[0] <= layout[1], $"scrollWidth {layout[0]} > innerWidth {layout[1]}");
    }

    [Fact]
    public async Task PosteingangPage_ShowsGermanNotice_WhenTesseractIsMissing_WithoutAccessibilityViolations()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Amtsweg__Records__Intake__TesseractCommand"] = "/nonexistent/amtsweg-e2e/tesseract",
            ["Amtsweg__Records__Intake__OcrMyPdfCommand"] = "off",
        });
        var page = await SignInAsync(server, "sachbearbeitung", 1280);
        await page.GotoAsync("/posteingang");
        await page.GetByLabel("Dateien").SetInputFilesAsync(new FilePayload { Name = "scan.png", MimeType = "image/png", Buffer = TestScans.Png("Antrag auf Baugenehmigung") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Hochladen" }).ClickAsync();
        // The item is processed in the background; the page shows it after a reload (explicit wait, bounded).
        for (var attempt = 0; attempt < 120 && await page.GetByText("Wartet auf Einrichtung").CountAsync() == 0; attempt++)
        {
            await page.ReloadAsync();
        }


        var text = await page.InnerTextAsync("main");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "posteingang-ohne-tesseract.png"), FullPage = true });

        Assert.Contains("es fehlt: tesseract", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/nonexistent", text, StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page, "posteingang-ohne-tesseract");
    }

    private async Task<IPage> SignInAsync(ServerProcess server, string userName, int width)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address.ToString(), Locale = "de-DE", ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync(userName);
        await page.GetByLabel("Kennwort").FillAsync(server.Passwords[userName]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForPageAsync(server.Address + "");
        return page;
    }
}
