using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 14.3, ratings and comments: the demo's designer opens the shipped Fundsache package, sends a comment without
/// stars (refused at the stars, the comment kept), rates it with four stars, and reads the rating in the facts and the
/// municipality's name — not the designer's — above the comment; then changes it.
/// </summary>
public sealed class PackageReviewJourneyTests : BrowserTest
{
    [Fact]
    public async Task Designer_RatesAndCommentsAPackage_RefusedWithoutStarsFirst_WithoutAccessibilityViolations()
    {
        var designer = await SignInAsync("prozessgestaltung");
        await designer.GotoAsync("/bibliothek/paket?id=fundsache");
        await designer.GetByText("noch keine Bewertung").WaitForAsync();
        await designer.GetByText("Noch keine Gemeinde hat dieses Paket bewertet.").WaitForAsync();

        await designer.GetByLabel("Kommentar (freiwillig)", new() { Exact = false }).FillAsync("Die Aufbewahrungsfrist passt; Fundräder geben wir nach drei Monaten an die Versteigerung.");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Bewertung speichern" }).ClickAsync();
        await designer.Locator("#bewertung-error").WaitForAsync();
        Assert.Equal("Bitte wählen Sie eine Bewertung von 1 bis 5 Sternen.", await designer.Locator("#bewertung-error").InnerTextAsync());
        Assert.StartsWith("Die Aufbewahrungsfrist passt", await designer.Locator("#kommentar").InputValueAsync(), StringComparison.Ordinal);
        await LookAsync(designer, "bewertung-fehler");

        await designer.GetByLabel("4 Sterne – gut").CheckAsync();
        await designer.GetByRole(AriaRole.Button, new() { Name = "Bewertung speichern" }).ClickAsync();
        await designer.GetByText("Ihre Bewertung wurde gespeichert.", new() { Exact = false }).WaitForAsync();
        Assert.Contains("4,0 von 5 Sternen (eine Bewertung)", await designer.Locator("[data-rating]").InnerTextAsync(), StringComparison.Ordinal);
        var reviews = await designer.Locator("[data-reviews] ul.reviews").InnerTextAsync();
        Assert.Contains("Musterstadt", reviews, StringComparison.Ordinal);
        Assert.Contains("4 von 5 Sternen", reviews, StringComparison.Ordinal);
        Assert.Contains("Fundräder geben wir nach drei Monaten an die Versteigerung.", reviews, StringComparison.Ordinal);
        Assert.DoesNotContain("Paula", reviews, StringComparison.Ordinal);
        Assert.True(await designer.GetByLabel("4 Sterne – gut").IsCheckedAsync());
        await LookAsync(designer, "bewertung-gespeichert");

        await designer.GetByLabel("5 Sterne – sehr gut").CheckAsync();
        await designer.GetByRole(AriaRole.Button, new() { Name = "Bewertung speichern" }).ClickAsync();
        await designer.GetByText("5,0 von 5 Sternen (eine Bewertung)").WaitForAsync();
        Assert.Equal(1, await designer.Locator("[data-reviews] ul.reviews > li").CountAsync());
    }

    private static async Task LookAsync(IPage page, string name)
    {
        await Look.AtAsync(page, name);
        await EnglishWords.AssertNoneShownAsync(page, name);
    }
}
