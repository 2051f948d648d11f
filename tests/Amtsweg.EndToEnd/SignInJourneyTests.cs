using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>A new user's first minutes, in Debian's Chromium against the real server.</summary>
public sealed class SignInJourneyTests : BrowserTest
{
    [Fact]
    public async Task DemoClerk_SignsInSeesStartPageAndSignsOut_WithoutAccessibilityViolations()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.Address.ToString(), Locale = "de-DE" });
        var password = Server.Passwords["sachbearbeitung"];

        await page.GotoAsync("/");
        Assert.EndsWith("/anmelden?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        await AssertNoViolationsAsync(page, "anmelden");
        await page.GetByLabel("Benutzername").FillAsync("sachbearbeitung");
        await page.GetByLabel("Kennwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();

        await page.WaitForPageAsync(Server.Address + "");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" });
        foreach (var item in new[] { "Aufgaben", "Vorgänge", "Posteingang", "Suche" })
        {
            Assert.True(await navigation.GetByRole(AriaRole.Link, new() { Name = item, Exact = true }).IsVisibleAsync(), item);
        }

        Assert.Contains("Gemeinde: Musterstadt", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "startseite-sachbearbeitung.png"), FullPage = true });
        await AssertNoViolationsAsync(page, "start");

        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await page.WaitForPageAsync("**/anmelden?abgemeldet=true");
        Assert.Contains("Sie wurden abgemeldet.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoAdministrator_SeesAdministration_WithoutAccessibilityViolations()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.Address.ToString(), Locale = "de-DE" });

        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync("administration");
        await page.GetByLabel("Kennwort").FillAsync(Server.Passwords["administration"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForPageAsync(Server.Address + "");
        await page.GetByRole(AriaRole.Link, new() { Name = "Verwaltung", Exact = true }).First.ClickAsync();

        await page.WaitForPageAsync("**/verwaltung");
        Assert.Contains("sachbearbeitung", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "verwaltung.png"), FullPage = true });
        await AssertNoViolationsAsync(page, "verwaltung");
    }

    private static Task AssertNoViolationsAsync(IPage page, string name) => Accessibility.AssertNoViolationsAsync(page, name);
}
