using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 13.5 in the browser: the administrator creates the team „Bauamt“ and adds a clerk; a process offers a task to
/// <c>bauamt</c>; the clerk finds it under „Angeboten“, named „Bauamt“ on the task page, and a clerk outside the team does not.
/// </summary>
public sealed class TeamJourneyTests : BrowserTest
{
    [Fact]
    public async Task Administrator_CreatesTeamWithClerk_AndTaskOfferedToTeamReachesOnlyItsMember_WithoutAccessibilityViolations()
    {
        var admin = await SignInAsync("administration");
        await admin.GotoAsync("/verwaltung");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Gruppen", Exact = true }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/gruppen");
        await Accessibility.AssertNoViolationsAsync(admin, "gruppen-leer");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Gruppe anlegen" }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/gruppen/neu");
        await Accessibility.AssertNoViolationsAsync(admin, "gruppe-neu");

        // A role's name as key and no name: both refused at their fields, nothing saved.
        await admin.Locator("#schluessel").FillAsync("sachbearbeitung");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Gruppe anlegen" }).ClickAsync();
        await admin.Locator("#schluessel-error").WaitForAsync();
        Assert.Contains("ist der Name einer Rolle", await admin.Locator("#schluessel-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Bitte geben Sie den Namen der Gruppe an.", await admin.Locator("#name-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await admin.Locator(".error-summary a").CountAsync());
        await Screenshot(admin, "gruppe-neu-fehler");
        await Accessibility.AssertNoViolationsAsync(admin, "gruppe-neu-fehler");

        await admin.Locator("#name").FillAsync("Bauamt");
        await admin.Locator("#schluessel").FillAsync("bauamt");
        await admin.Locator("#beschreibung").FillAsync("Bauanträge, Bauaufsicht und Bauleitplanung");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Gruppe anlegen" }).ClickAsync();
        await admin.WaitForPageAsync(new System.Text.RegularExpressions.Regex("/verwaltung/gruppen/[0-9a-f-]{36}$"));
        await admin.GetByText("Die Gruppe „Bauamt“ mit dem Schlüssel bauamt wurde angelegt.").WaitForAsync();

        var clerkOption = await admin.Locator("#mitglied option", new() { HasText = "(sachbearbeitung)" }).GetAttributeAsync("value");
        await admin.Locator("#mitglied").SelectOptionAsync(clerkOption!);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Hinzufügen" }).ClickAsync();
        await admin.GetByText("gehört jetzt zur Gruppe.").WaitForAsync();
        Assert.Equal(1, await admin.Locator("table tbody tr").CountAsync());
        await Screenshot(admin, "gruppe");
        await Accessibility.AssertNoViolationsAsync(admin, "gruppe");
        await admin.SetViewportSizeAsync(1024, 900);
        await Screenshot(admin, "gruppe-1024");
        await admin.SetViewportSizeAsync(1280, 900);

        // A second clerk, outside the team.
        await admin.GotoAsync("/verwaltung/benutzer/neu");
        await admin.Locator("#benutzername").FillAsync("bernd.beispiel");
        await admin.Locator("#anzeigename").FillAsync("Bernd Beispiel");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Benutzer anlegen" }).ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = "Bernd Beispiel wurde angelegt" }).WaitForAsync();
        var initial = (await admin.Locator("code.secret").InnerTextAsync()).Trim();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Zu Bernd Beispiel" }).ClickAsync();
        await admin.WaitForPageAsync(new System.Text.RegularExpressions.Regex("/verwaltung/benutzer/[0-9a-f-]{36}$"));
        Assert.False(await admin.GetByLabel("Bauamt").IsCheckedAsync());
        await Screenshot(admin, "benutzer-gruppen");
        await Accessibility.AssertNoViolationsAsync(admin, "benutzer-gruppen");

        await admin.GotoAsync("/verwaltung/gruppen");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Bauamt" }).WaitForAsync();
        Assert.Contains("bauamt", await admin.InnerTextAsync("table"), StringComparison.Ordinal);
        await Screenshot(admin, "gruppen");
        await Accessibility.AssertNoViolationsAsync(admin, "gruppen");
        await admin.SetViewportSizeAsync(1024, 900);
        await Screenshot(admin, "gruppen-1024");
        await admin.SetViewportSizeAsync(1280, 900);

        // The designer's process offers its task to the team's key.
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "TeamTasksTests.Bauantrag.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Bauantrag", resources = new[] { new { name = "bauantrag.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);
        var started = await designer.APIRequest.PostAsync("/api/process-instances", new() { DataObject = new { processId = "Bauantrag", businessKey = "63.10-0001/2026" } });
        Assert.Equal(201, started.Status);

        var clerk = await SignInAsync("sachbearbeitung");
        await clerk.GotoAsync("/aufgaben?ansicht=Angeboten");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Bauantrag prüfen" }).ClickAsync();
        await clerk.WaitForPageAsync(new System.Text.RegularExpressions.Regex("/aufgaben/[0-9a-f-]{36}$"));
        Assert.Contains("Bauamt", await clerk.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.DoesNotContain("bauamt", await clerk.InnerTextAsync("main"), StringComparison.Ordinal);
        await Screenshot(clerk, "aufgabe-gruppe");
        await Accessibility.AssertNoViolationsAsync(clerk, "aufgabe-gruppe");

        var bernd = await SignInWithNewPasswordAsync("bernd.beispiel", initial, "Bauhof-Winter-2026");
        await bernd.GotoAsync("/aufgaben?ansicht=Angeboten");
        await bernd.GetByRole(AriaRole.Heading, new() { Level = 1 }).WaitForAsync();
        Assert.DoesNotContain("Bauantrag prüfen", await bernd.InnerTextAsync("main"), StringComparison.Ordinal);
        await Screenshot(bernd, "angeboten-ohne-gruppe");
    }

    private async Task<IPage> SignInWithNewPasswordAsync(string userName, string initial, string password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Address.ToString(),
            Locale = "de-DE",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync(userName);
        await page.GetByLabel("Kennwort").FillAsync(initial);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForPageAsync("**/konto/kennwort");
        await page.Locator("#kennwort-bisher").FillAsync(initial);
        await page.Locator("#kennwort-neu").FillAsync(password);
        await page.Locator("#kennwort-wiederholung").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kennwort festlegen" }).ClickAsync();
        await page.WaitForPageAsync(Server.Address + "");
        return page;
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, name + ".png"), FullPage = true });
}
