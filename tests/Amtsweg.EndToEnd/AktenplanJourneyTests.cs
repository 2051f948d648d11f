using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Issue 13.5: the administrator keeps the Aktenplan in the browser.</summary>
public sealed class AktenplanJourneyTests : BrowserTest
{
    [Fact]
    public async Task Administrator_AddsPositionAndChangesItsRetention_AndIsToldWhenAReasonIsMissing()
    {
        var page = await SignInAsync("administration");
        await page.GotoAsync("/verwaltung");
        await page.GetByRole(AriaRole.Link, new() { Name = "Aktenplan", Exact = true }).ClickAsync();
        await page.WaitForPageAsync("**/verwaltung/aktenplan");

        await page.GetByText("Neue Position anlegen").ClickAsync();
        await page.GetByLabel("Übergeordnete Position").SelectOptionAsync(new SelectOptionValue { Label = "32.10 Gewerbeangelegenheiten" });
        await page.GetByLabel("Kennzeichen").FillAsync("32.10.1");
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Reisegewerbe");
        await page.GetByLabel("Aufbewahrung (Jahre)").First.FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Position anlegen" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("Die Position 32.10.1 „Reisegewerbe“ ist angelegt.").WaitForAsync();

        var position = page.Locator(".aktenplan-tree li", new() { Has = page.GetByText("Reisegewerbe", new() { Exact = true }) }).Last;
        await position.GetByText("Aufbewahrung ändern").ClickAsync();
        await position.GetByLabel("Aufbewahrung (Jahre)").FillAsync("10");
        await position.GetByLabel("Begründung").FillAsync(" ");
        await position.GetByRole(AriaRole.Button, new() { Name = "Aufbewahrung speichern" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).GetByText("Die Begründung").WaitForAsync();

        // The form stays open with what was typed.
        position = page.Locator(".aktenplan-tree li", new() { Has = page.GetByText("Reisegewerbe", new() { Exact = true }) }).Last;
        Assert.Equal("10", await position.GetByLabel("Aufbewahrung (Jahre)").InputValueAsync());
        await position.GetByLabel("Begründung").FillAsync("Neue Aufbewahrungsregel des Kreisarchivs");
        await position.GetByRole(AriaRole.Button, new() { Name = "Aufbewahrung speichern" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("Die Aufbewahrung der Position 32.10.1 „Reisegewerbe“ ist geändert.").WaitForAsync();
        position = page.Locator(".aktenplan-tree li", new() { Has = page.GetByText("Reisegewerbe", new() { Exact = true }) }).Last;
        Assert.Contains("Aufbewahrung 10 Jahre, danach vom Archiv bewerten lassen · 0 Akten", await position.InnerTextAsync(), StringComparison.Ordinal);
        await Look.AtAsync(page, "verwaltung-aktenplan");
    }
}
