using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 16.1 in the browser: the operator creates Flensburg from the official code list (its name taken from the list),
/// is refused an AGS the list does not have, and creates a test municipality, which the list of municipalities marks
/// as „Testgemeinde“ like the demo's Musterstadt.
/// </summary>
public sealed class MunicipalityJourneyTests : BrowserTest
{
    [Fact]
    public async Task Operator_CreatesAMunicipalityFromTheList_IsRefusedAnUnknownAgs_AndCreatesATestMunicipality_WithoutAccessibilityViolations()
    {
        var operatorPage = await SignInAsync("betrieb");
        await operatorPage.GotoAsync("/betrieb");
        Assert.Contains("Gemeindeverzeichnis des Statistischen Bundesamtes, Stand 30.06.2026, mit 10.944 Gemeinden.", await operatorPage.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Contains("Testgemeinde", await operatorPage.Locator("tr", new() { HasText = "Musterstadt" }).InnerTextAsync(), StringComparison.Ordinal);
        await LookAsync(operatorPage, "betrieb-gemeindeverzeichnis");

        // Only the AGS: name and Land come from the code list.
        await operatorPage.Locator("#ags").FillAsync("01001000");
        await operatorPage.Locator("#verwaltung").FillAsync("verwaltung.flensburg");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Anlegen" }).ClickAsync();
        await operatorPage.GetByRole(AriaRole.Heading, new() { Name = "Die Gemeinde „Flensburg, Stadt“ wurde angelegt." }).WaitForAsync();
        var flensburg = await operatorPage.Locator("tr", new() { HasText = "Flensburg, Stadt" }).InnerTextAsync();
        Assert.Contains("Schleswig-Holstein", flensburg, StringComparison.Ordinal);
        Assert.DoesNotContain("Testgemeinde", flensburg, StringComparison.Ordinal);
        await LookAsync(operatorPage, "betrieb-gemeinde-aus-verzeichnis");

        // An AGS the list does not have: refused at its field, nothing created.
        await operatorPage.GotoAsync("/betrieb");
        await operatorPage.Locator("#ags").FillAsync("01001999");
        await operatorPage.Locator("#name").FillAsync("Schulungsstadt");
        await operatorPage.Locator("#verwaltung").FillAsync("verwaltung.schulung");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Anlegen" }).ClickAsync();
        await operatorPage.Locator("#ags-error").WaitForAsync();
        Assert.Contains("Der AGS 01001999 steht nicht im Gemeindeverzeichnis (Stand 30.06.2026).", await operatorPage.Locator("#ags-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await operatorPage.Locator("#ags").GetAttributeAsync("aria-invalid"));
        Assert.Equal(0, await operatorPage.Locator("tr", new() { HasText = "Schulungsstadt" }).CountAsync());
        await LookAsync(operatorPage, "betrieb-ags-unbekannt");

        // The same entries as a test municipality: created and marked.
        await operatorPage.Locator("#testgemeinde").CheckAsync();
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Anlegen" }).ClickAsync();
        await operatorPage.GetByRole(AriaRole.Heading, new() { Name = "Die Gemeinde „Schulungsstadt“ wurde angelegt." }).WaitForAsync();
        Assert.Contains("Testgemeinde", await operatorPage.Locator("tr", new() { HasText = "Schulungsstadt" }).InnerTextAsync(), StringComparison.Ordinal);
        await LookAsync(operatorPage, "betrieb-testgemeinde");
    }

    private static async Task LookAsync(IPage page, string name)
    {
        await Look.AtAsync(page, name);
        await EnglishWords.AssertNoneShownAsync(page, name);
    }
}
