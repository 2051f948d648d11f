using System.Text.RegularExpressions;
using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Issue 12.4 in the browser: a clerk takes in an Antrag from its start form, and creates an Akte and a Vorgang.</summary>
public sealed partial class StartJourneyTests : BrowserTest
{
    [Fact]
    public async Task Clerk_TakesInAntragFromStartForm_CorrectsErrors_AndTheVorgangOpensWithTheSubmission()
    {
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "StartPagesTests.Gewerbeanmeldung.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Gewerbeanmeldung", resources = new[] { new { name = "gewerbeanmeldung.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);

        // From the start page's tile to the choice of process, then to its start form.
        var page = await SignInAsync("sachbearbeitung");
        await page.GetByRole(AriaRole.Link, new() { Name = "Antrag aufnehmen" }).ClickAsync();
        await page.WaitForPageAsync("**/antraege/neu");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "antrag-prozess-1280.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, "antrag-prozess");
        await page.GetByRole(AriaRole.Link, new() { Name = "Gewerbeanmeldung" }).ClickAsync();
        await page.WaitForPageAsync("**/antraege/neu/*");
        Assert.Equal("Gewerbeanmeldung", await page.GetByLabel("Betreff des Vorgangs").InputValueAsync());

        // Sent without the activity, with the permit ticked but no number and without a position: all named at once.
        await page.GetByLabel("Name des Betriebs").FillAsync("Bäckerei Korn");
        await page.GetByLabel("Die Tätigkeit ist erlaubnispflichtig").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Antrag aufnehmen und Vorgang anlegen" }).ClickAsync();
        var summary = page.Locator(".error-summary");
        await summary.WaitForAsync();
        var summaryText = await summary.InnerTextAsync();
        Assert.Contains("Art der Tätigkeit", summaryText, StringComparison.Ordinal);
        Assert.Contains("Nummer der Erlaubnis", summaryText, StringComparison.Ordinal);
        Assert.Contains("Wählen Sie die Aktenplanposition des neuen Vorgangs aus.", summaryText, StringComparison.Ordinal);
        Assert.Equal("Bäckerei Korn", await page.GetByLabel("Name des Betriebs").InputValueAsync());
        Assert.Equal(1, await page.Locator(".error-summary").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "antrag-formularfehler-1280.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, "antrag-formularfehler");
        await page.SetViewportSizeAsync(1024, 900);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "antrag-formularfehler-1024.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);

        // Corrected with the keyboard where a clerk would use it; the Vorgang opens with the filed submission.
        await page.GetByLabel("Art der Tätigkeit").SelectOptionAsync(new SelectOptionValue { Label = "Handwerk" });
        await page.GetByLabel("Nummer der Erlaubnis").FillAsync("HW-2026-117");
        await page.GetByLabel("Aktenplanposition").SelectOptionAsync(new SelectOptionValue { Label = "32.10 Gewerbeangelegenheiten" });
        await page.GetByLabel("Betreff des Vorgangs").FillAsync("Gewerbeanmeldung Bäckerei Korn");
        await page.GetByLabel("Betreff des Vorgangs").PressAsync("Enter");
        await page.WaitForPageAsync(VorgangPage());
        var vorgang = await page.InnerTextAsync("main");
        Assert.Contains("Der Antrag wurde aufgenommen", vorgang, StringComparison.Ordinal);
        Assert.Contains("Gewerbeanmeldung Bäckerei Korn", vorgang, StringComparison.Ordinal);
        Assert.Contains("Formulareingabe: Gewerbeanmeldung", vorgang, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "antrag-vorgang-1280.png"), FullPage = true });

        // The task of the started process waits in the inbox.
        await page.GotoAsync("/aufgaben?ansicht=Angeboten");
        Assert.Contains("Anmeldung prüfen", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clerk_CreatesAkteAndVorgang_FromTheVorgangList()
    {
        var page = await SignInAsync("sachbearbeitung");
        await page.GetByRole(AriaRole.Link, new() { Name = "Vorgänge", Exact = true }).First.ClickAsync();
        await page.WaitForPageAsync("**/vorgaenge");
        await page.GetByRole(AriaRole.Link, new() { Name = "Neue Akte" }).ClickAsync();
        await page.WaitForPageAsync("**/akten/neu");

        // Sent empty: both fields are named; then filled in.
        await page.GetByRole(AriaRole.Button, new() { Name = "Akte anlegen" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        Assert.Contains("Geben Sie den Titel der Akte an.", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "akte-neu-fehler-1280.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, "akte-neu-fehler");
        await page.SetViewportSizeAsync(1024, 900);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "akte-neu-fehler-1024.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByLabel("Aktenplanposition").SelectOptionAsync(new SelectOptionValue { Label = "32.10 Gewerbeangelegenheiten" });
        await page.GetByLabel("Titel der Akte").FillAsync("Bäckerei Korn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Akte anlegen" }).ClickAsync();
        await page.WaitForPageAsync(AkteList());
        Assert.Contains("„Bäckerei Korn“ wurde angelegt.", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // From the Akte's list straight to a new Vorgang in it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Neuer Vorgang in dieser Akte" }).ClickAsync();
        await page.WaitForPageAsync(NewVorgangPage());
        Assert.Contains("Bäckerei Korn", await page.GetByLabel("Akte").Locator("option:checked").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "vorgang-neu-1280.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, "vorgang-neu");
        await page.SetViewportSizeAsync(1024, 900);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "vorgang-neu-1024.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByLabel("Betreff des Vorgangs").FillAsync("Gewerbeanmeldung Bäckerei Korn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorgang anlegen" }).ClickAsync();
        await page.WaitForPageAsync(VorgangPage());
        var vorgang = await page.InnerTextAsync("main");
        Assert.Contains("Der Vorgang wurde angelegt.", vorgang, StringComparison.Ordinal);
        Assert.Contains("Gewerbeanmeldung Bäckerei Korn", vorgang, StringComparison.Ordinal);
    }

    [GeneratedRegex("/vorgaenge/[0-9a-f]{8}-[0-9a-f-]{27}$")]
    private static partial Regex VorgangPage();

    [GeneratedRegex("/vorgaenge\\?akte=[0-9a-f-]{36}$")]
    private static partial Regex AkteList();

    [GeneratedRegex("/vorgaenge/neu\\?akte=[0-9a-f-]{36}$")]
    private static partial Regex NewVorgangPage();
}
