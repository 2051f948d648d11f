using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 15.1 in the browser: the administrator stores the API key of the Gewerberegister, replaces it with user name
/// and password, and deletes it; a wrong entry is refused at its field; the value is never shown again.
/// </summary>
public sealed class SecretsJourneyTests : BrowserTest
{
    private const string Value = "register-schluessel-nicht-zeigen";

    [Fact]
    public async Task Administrator_AddsReplacesAndDeletesCredentials_WithoutSeeingTheValueAgain_AndWithoutAccessibilityViolations()
    {
        var admin = await SignInAsync("administration");
        await admin.GotoAsync("/verwaltung");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Zugangsdaten für Fachverfahren" }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/geheimnisse");
        await admin.GetByText("Es sind noch keine Zugangsdaten gespeichert.").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(admin, "geheimnisse-leer");

        // A name with capitals and spaces and no kind: refused at both fields, the value not sent back.
        await admin.Locator("#name").FillAsync("Gewerbe Register");
        await admin.Locator("#wert").FillAsync(Value);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await admin.Locator("#name-error").WaitForAsync();
        Assert.Contains("nur Kleinbuchstaben", await admin.Locator("#name-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Bitte wählen Sie die Art der Zugangsdaten.", await admin.Locator("#art-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("", await admin.Locator("#wert").InputValueAsync());
        Assert.DoesNotContain(Value, await admin.ContentAsync(), StringComparison.Ordinal);
        await Screenshot(admin, "geheimnisse-fehler");
        await Accessibility.AssertNoViolationsAsync(admin, "geheimnisse-fehler");

        await admin.Locator("#name").FillAsync("gewerberegister");
        await admin.GetByLabel("API-Schlüssel", new() { Exact = true }).CheckAsync();
        await admin.Locator("#wert").FillAsync(Value);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await admin.GetByText("Die Zugangsdaten „gewerberegister“ sind gespeichert.").WaitForAsync();
        Assert.Contains("API-Schlüssel", await admin.InnerTextAsync("table"), StringComparison.Ordinal);
        Assert.DoesNotContain(Value, await admin.ContentAsync(), StringComparison.Ordinal);

        await admin.Locator("#name").FillAsync("gewerberegister");
        await admin.GetByLabel("Benutzername und Passwort", new() { Exact = true }).CheckAsync();
        await admin.Locator("#benutzername").FillAsync("rathaus-teststadt");
        await admin.Locator("#wert").FillAsync("ein-passwort");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await admin.GetByText("Die Zugangsdaten „gewerberegister“ sind ersetzt.").WaitForAsync();
        Assert.Equal(1, await admin.Locator("table tbody tr").CountAsync());
        Assert.Contains("Benutzername und Passwort", await admin.InnerTextAsync("table"), StringComparison.Ordinal);
        await Screenshot(admin, "geheimnisse");
        await Accessibility.AssertNoViolationsAsync(admin, "geheimnisse");
        await admin.SetViewportSizeAsync(1024, 900);
        await Screenshot(admin, "geheimnisse-1024");
        await admin.SetViewportSizeAsync(1280, 900);

        await admin.GetByRole(AriaRole.Button, new() { Name = "Zugangsdaten „gewerberegister“ löschen" }).ClickAsync();
        await admin.GetByText("Die Zugangsdaten „gewerberegister“ sind gelöscht.").WaitForAsync();
        await admin.GetByText("Es sind noch keine Zugangsdaten gespeichert.").WaitForAsync();
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, name + ".png"), FullPage = true });
}
