using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Issue 13.5: the administrator sets the letterhead in the browser and sees it on a sample letter.</summary>
public sealed class LetterheadJourneyTests : BrowserTest
{
    [Fact]
    public async Task Administrator_ChangesLetterhead_IsToldWhatIsWrong_AndSeesItOnTheSampleLetter()
    {
        var page = await SignInAsync("administration");
        await page.GotoAsync("/verwaltung");
        await page.GetByRole(AriaRole.Link, new() { Name = "Briefkopf", Exact = true }).ClickAsync();
        await page.WaitForPageAsync("**/verwaltung/briefkopf");

        // A text file as logo and a wrong e-mail address: both refused at their fields, nothing saved.
        var notAnImage = Path.Combine(TestPaths.Artifacts, "kein-bild.png");
        await File.WriteAllTextAsync(notAnImage, "Kein Bild.");
        await page.GetByLabel("Name im Briefkopf").FillAsync("Gemeinde Musterstadt – Der Bürgermeister");
        await page.GetByLabel("E-Mail").FillAsync("rathaus bei musterstadt");
        await page.GetByLabel("Logo oder Wappen").SetInputFilesAsync(notAnImage);
        await page.GetByRole(AriaRole.Button, new() { Name = "Briefkopf speichern" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).GetByText("Das Logo muss eine PNG- oder JPEG-Bilddatei sein.").WaitForAsync();
        Assert.Contains("Bitte geben Sie eine E-Mail-Adresse wie rathaus@musterstadt.de an.", await page.InnerTextAsync(".error-summary"), StringComparison.Ordinal);
        Assert.Equal("Gemeinde Musterstadt – Der Bürgermeister", await page.GetByLabel("Name im Briefkopf").InputValueAsync());
        await Accessibility.AssertNoViolationsAsync(page, "briefkopf-fehler");

        await page.GetByLabel("E-Mail").FillAsync("buergermeister@musterstadt.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Briefkopf speichern" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("Der Briefkopf ist gespeichert.").WaitForAsync();

        var sample = page.Locator(".letter-sheet");
        Assert.Equal("Gemeinde Musterstadt – Der Bürgermeister", await sample.Locator(".letter-sender").InnerTextAsync());
        Assert.Contains("buergermeister@musterstadt.example", await sample.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await sample.GetByRole(AriaRole.Img, new() { Name = "Logo: Gemeinde Musterstadt – Der Bürgermeister" }).IsVisibleAsync());
        Assert.Contains("Zuletzt geändert von Anton Administrator", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Look.AtAsync(page, "verwaltung-briefkopf");
    }
}
