using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 13.5 and 13.6 in the browser: the administrator creates a user, who signs in with the password shown once and
/// must set her own before anything else, then changes it; the administrator resets it (and she sets her own again);
/// the operator creates a municipality with its first administrator, who sets their own password at the first sign-in.
/// </summary>
public sealed class UserAdministrationJourneyTests : BrowserTest
{
    [Fact]
    public async Task Administrator_CreatesUser_WhoSignsInAndChangesPassword_ThenResetsIt_WithoutAccessibilityViolations()
    {
        var admin = await SignInAsync("administration");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Verwaltung", Exact = true }).First.ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Benutzer anlegen" }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/benutzer/neu");
        await Accessibility.AssertNoViolationsAsync(admin, "benutzer-neu");

        // Nothing entered, no role: the summary at the top and each message at its field.
        await admin.GetByLabel("Sachbearbeitung").UncheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Benutzer anlegen" }).ClickAsync();
        await admin.GetByText("Bitte wählen Sie mindestens eine Rolle.").First.WaitForAsync();
        await Screenshot(admin, "benutzer-neu-fehler");
        await Accessibility.AssertNoViolationsAsync(admin, "benutzer-neu-fehler");

        await admin.Locator("#benutzername").FillAsync("erika.mustermann");
        await admin.Locator("#anzeigename").FillAsync("Erika Mustermann");
        await admin.GetByLabel("Sachbearbeitung").CheckAsync();
        await admin.GetByLabel("Leitung").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Benutzer anlegen" }).ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = "Erika Mustermann wurde angelegt" }).WaitForAsync();
        var initial = (await admin.Locator("code.secret").InnerTextAsync()).Trim();
        await Screenshot(admin, "benutzer-angelegt");
        await Accessibility.AssertNoViolationsAsync(admin, "benutzer-angelegt");

        // The initial password opens only the page that sets her own; a repeat that differs is refused at its field.
        var erika = await SignInWithPasswordAsync("erika.mustermann", initial, "**/konto/kennwort");
        Assert.Equal(Server.Address + "konto/kennwort", erika.Url);
        await Accessibility.AssertNoViolationsAsync(erika, "kennwort-festlegen");
        await SetOwnPasswordAsync(erika, initial, "Rathaus-Fruehling-2026", "Rathaus-Fruehling-2027");
        await erika.Locator("#kennwort-wiederholung-error").WaitForAsync();
        await Screenshot(erika, "kennwort-festlegen-fehler");
        await Accessibility.AssertNoViolationsAsync(erika, "kennwort-festlegen-fehler");
        await erika.SetViewportSizeAsync(1024, 900);
        await Screenshot(erika, "kennwort-festlegen-fehler-1024");
        await erika.SetViewportSizeAsync(1280, 900);
        await erika.GotoAsync("/aufgaben");
        await erika.WaitForPageAsync("**/konto/kennwort?ReturnUrl=%2Faufgaben");
        await SetOwnPasswordAsync(erika, initial, "Rathaus-Fruehling-2026", "Rathaus-Fruehling-2026");
        await erika.WaitForPageAsync("**/aufgaben");

        await erika.GetByRole(AriaRole.Link, new() { Name = "Mein Konto" }).ClickAsync();
        await erika.WaitForPageAsync("**/konto");
        Assert.Contains("Sachbearbeitung, Leitung", await erika.InnerTextAsync("main"), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(erika, "konto");
        await erika.Locator("#kennwort-bisher").FillAsync("Rathaus-Fruehling-2026");
        await erika.Locator("#kennwort-neu").FillAsync("Rathaus-Sommer-2026");
        await erika.Locator("#kennwort-wiederholung").FillAsync("Rathaus-Sommer-2027");
        await erika.GetByRole(AriaRole.Button, new() { Name = "Kennwort ändern" }).ClickAsync();
        await erika.GetByText("Die beiden Eingaben des neuen Kennworts stimmen nicht überein.").First.WaitForAsync();
        await Screenshot(erika, "konto-fehler");
        await Accessibility.AssertNoViolationsAsync(erika, "konto-fehler");
        await erika.Locator("#kennwort-bisher").FillAsync("Rathaus-Fruehling-2026");
        await erika.Locator("#kennwort-neu").FillAsync("Rathaus-Sommer-2026");
        await erika.Locator("#kennwort-wiederholung").FillAsync("Rathaus-Sommer-2026");
        await erika.GetByRole(AriaRole.Button, new() { Name = "Kennwort ändern" }).ClickAsync();
        await erika.GetByText("Ihr Kennwort wurde geändert.").WaitForAsync();
        await Screenshot(erika, "konto");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Zu Erika Mustermann" }).ClickAsync();
        await admin.WaitForPageAsync(new System.Text.RegularExpressions.Regex("/verwaltung/benutzer/[0-9a-f-]{36}$"));
        await Accessibility.AssertNoViolationsAsync(admin, "benutzer");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Neues Kennwort erzeugen" }).ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = "Neues Kennwort für Erika Mustermann" }).WaitForAsync();
        var reset = (await admin.Locator("code.secret").InnerTextAsync()).Trim();
        await Screenshot(admin, "benutzer-kennwort-neu");
        await Accessibility.AssertNoViolationsAsync(admin, "benutzer-kennwort-neu");

        Assert.NotEqual(initial, reset);
        var again = await SignInWithPasswordAsync("erika.mustermann", reset, "**/konto/kennwort");
        await SetOwnPasswordAsync(again, reset, "Rathaus-Herbst-2026", "Rathaus-Herbst-2026");
        await again.WaitForPageAsync(Server.Address + "");
        Assert.Contains("Angemeldet: Erika Mustermann", await again.InnerTextAsync("header"), StringComparison.Ordinal);

        await admin.GetByRole(AriaRole.Button, new() { Name = "Zugang sperren" }).ClickAsync();
        await admin.GetByText("Der Zugang von Erika Mustermann ist gesperrt.").WaitForAsync();
        await Screenshot(admin, "benutzer-gesperrt");
        await Accessibility.AssertNoViolationsAsync(admin, "benutzer-gesperrt");
    }

    [Fact]
    public async Task Administrator_CreatesApiClient_WhichGetsATokenUntilRevoked_WithoutAccessibilityViolations()
    {
        var admin = await SignInAsync("administration");
        await admin.GotoAsync("/verwaltung");
        await admin.GetByRole(AriaRole.Link, new() { Name = "API-Clients" }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/api-clients");
        await admin.GetByRole(AriaRole.Link, new() { Name = "API-Client anlegen" }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/api-clients/neu");
        await Accessibility.AssertNoViolationsAsync(admin, "api-client-neu");

        // No name and no permission: both refused at their fields.
        await admin.GetByRole(AriaRole.Button, new() { Name = "API-Client anlegen" }).ClickAsync();
        await admin.Locator("#berechtigungen-fehler").WaitForAsync();
        Assert.Equal(2, await admin.Locator(".error-summary a").CountAsync());
        await Screenshot(admin, "api-client-neu-fehler");
        await Accessibility.AssertNoViolationsAsync(admin, "api-client-neu-fehler");

        await admin.Locator("#name").FillAsync("Druckstraße");
        await admin.GetByLabel("Aufträge abholen und erledigen").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "API-Client anlegen" }).ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = "Der API-Client „Druckstraße“ wurde angelegt" }).WaitForAsync();
        var clientId = (await admin.Locator("dd code:not(.secret)").InnerTextAsync()).Trim();
        var secret = (await admin.Locator("code.secret").InnerTextAsync()).Trim();
        await Screenshot(admin, "api-client-angelegt");
        await Accessibility.AssertNoViolationsAsync(admin, "api-client-angelegt");

        var token = await admin.APIRequest.PostAsync("/connect/token", new() { Form = TokenForm(admin, clientId, secret) });
        Assert.Equal(200, token.Status);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Zurück zu den API-Clients" }).First.ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/api-clients");
        Assert.DoesNotContain("noch nie", await admin.InnerTextAsync("table"), StringComparison.Ordinal);
        await Screenshot(admin, "api-clients");
        await Accessibility.AssertNoViolationsAsync(admin, "api-clients");
        await admin.SetViewportSizeAsync(1024, 900);
        await Screenshot(admin, "api-clients-1024");
        await admin.SetViewportSizeAsync(1280, 900);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Druckstraße" }).ClickAsync();
        await admin.WaitForPageAsync(new System.Text.RegularExpressions.Regex("/verwaltung/api-clients/[0-9a-f-]{36}$"));
        await admin.GetByRole(AriaRole.Button, new() { Name = "API-Client sperren" }).ClickAsync();
        await admin.Locator("#sperren-bestaetigt-error").WaitForAsync();
        await Screenshot(admin, "api-client-sperren-fehler");
        await Accessibility.AssertNoViolationsAsync(admin, "api-client-sperren-fehler");
        await admin.GetByLabel("Ja, „Druckstraße“ endgültig sperren").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "API-Client sperren" }).ClickAsync();
        await admin.GetByText("Der API-Client „Druckstraße“ ist gesperrt.").WaitForAsync();
        await Screenshot(admin, "api-client-gesperrt");
        await Accessibility.AssertNoViolationsAsync(admin, "api-client-gesperrt");

        var refused = await admin.APIRequest.PostAsync("/connect/token", new() { Form = TokenForm(admin, clientId, secret) });
        Assert.Equal(401, refused.Status);
    }

    private static IFormData TokenForm(IPage page, string clientId, string secret)
    {
        var form = page.APIRequest.CreateFormData();
        form.Set("grant_type", "client_credentials");
        form.Set("client_id", clientId);
        form.Set("client_secret", secret);
        return form;
    }

    [Fact]
    public async Task Operator_CreatesMunicipalityWithFirstAdministrator_AndSeesTheActiveOne_WithoutAccessibilityViolations()
    {
        var operatorPage = await SignInAsync("betrieb");
        await operatorPage.GotoAsync("/betrieb");

        // A wrong AGS and no name for a test municipality: the summary at the top links to each field, and each message stands at its field.
        await operatorPage.Locator("#ags").FillAsync("1234");
        await operatorPage.Locator("#testgemeinde").CheckAsync();
        await operatorPage.Locator("#verwaltung").FillAsync("verwaltung.stuttgart");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Anlegen" }).ClickAsync();
        await operatorPage.Locator("#ags-error").WaitForAsync();
        Assert.Contains("genau 8 Ziffern", await operatorPage.Locator("#ags-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Der Name der Gemeinde fehlt", await operatorPage.Locator("#name-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await operatorPage.Locator(".error-summary a").CountAsync());
        await Screenshot(operatorPage, "betrieb-fehler");
        await Accessibility.AssertNoViolationsAsync(operatorPage, "betrieb-fehler");
        await operatorPage.SetViewportSizeAsync(1024, 900);
        await Screenshot(operatorPage, "betrieb-fehler-1024");
        await operatorPage.SetViewportSizeAsync(1280, 900);
        await operatorPage.Locator(".error-summary a[href='#name']").ClickAsync();
        await operatorPage.Locator("#name").FillAsync("Stuttgart");
        await operatorPage.Locator("#ags").FillAsync("08111000");
        await operatorPage.Locator("#testgemeinde").UncheckAsync();
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Anlegen" }).ClickAsync();
        await operatorPage.GetByRole(AriaRole.Heading, new() { Name = "Die Gemeinde „Stuttgart“ wurde angelegt." }).WaitForAsync();
        var password = (await operatorPage.Locator("code.secret").InnerTextAsync()).Trim();
        Assert.Contains("Baden-Württemberg", await operatorPage.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        await Screenshot(operatorPage, "betrieb-gemeinde-angelegt");
        await Accessibility.AssertNoViolationsAsync(operatorPage, "betrieb-gemeinde-angelegt");

        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Stuttgart verwalten" }).ClickAsync();
        await operatorPage.WaitForPageAsync("**/verwaltung");
        Assert.Contains("Sie verwalten als Betrieb die Gemeinde „Stuttgart“.", await operatorPage.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Contains("verwaltung.stuttgart", await operatorPage.InnerTextAsync("main"), StringComparison.Ordinal);
        await Screenshot(operatorPage, "betrieb-verwaltung-aktiv");
        await Accessibility.AssertNoViolationsAsync(operatorPage, "betrieb-verwaltung-aktiv");
        await operatorPage.GotoAsync("/betrieb");
        Assert.Contains("Sie verwalten gerade die Gemeinde „Stuttgart“.", await operatorPage.InnerTextAsync("main"), StringComparison.Ordinal);
        await Screenshot(operatorPage, "betrieb-aktiv");
        await Accessibility.AssertNoViolationsAsync(operatorPage, "betrieb-aktiv");

        var firstAdministrator = await SignInWithPasswordAsync("verwaltung.stuttgart", password, "**/konto/kennwort");
        await SetOwnPasswordAsync(firstAdministrator, password, "Stuttgart-Rathaus-2026", "Stuttgart-Rathaus-2026");
        await firstAdministrator.WaitForPageAsync(Server.Address + "");
        await firstAdministrator.GotoAsync("/verwaltung");
        Assert.Contains("verwaltung.stuttgart", await firstAdministrator.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.DoesNotContain("sachbearbeitung", await firstAdministrator.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    private static async Task SetOwnPasswordAsync(IPage page, string current, string next, string repeated)
    {
        await page.Locator("#kennwort-bisher").FillAsync(current);
        await page.Locator("#kennwort-neu").FillAsync(next);
        await page.Locator("#kennwort-wiederholung").FillAsync(repeated);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kennwort festlegen" }).ClickAsync();
    }

    private async Task<IPage> SignInWithPasswordAsync(string userName, string password, string? landsAt = null)
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
        await page.GetByLabel("Kennwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForPageAsync(landsAt ?? Server.Address + "");
        return page;
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, name + ".png"), FullPage = true });
}
