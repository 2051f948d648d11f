using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Issue 15.6: a designer builds a form from the FIM catalogue instead of typing it.</summary>
public sealed class FimImportJourneyTests : BrowserTest
{
    private static string Message(string folder, string file) => Path.Combine(TestPaths.Shared, "standards", "xdatenfelder", folder, file);

    [Fact]
    public async Task Designer_ImportsFimDataSchema_SeesNotes_AndIsToldWhenTheFileIsBroken()
    {
        var page = await SignInAsync("prozessgestaltung");
        await page.GotoAsync("/prozesse/formulare");

        await page.GetByText("Aus FIM-Datenschema importieren").ClickAsync();
        await page.GetByLabel("XDatenfelder-Datei (Datenschema oder Datenfeldgruppe)").SetInputFilesAsync(Message("xdf3-messages", "unknown-namespace.xml"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importieren" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).GetByText("Die Datei wurde nicht importiert, es ist nichts gespeichert").WaitForAsync();
        await Look.AtAsync(page, "prozesse-formulare-fim-fehler");

        await page.GetByLabel("XDatenfelder-Datei (Datenschema oder Datenfeldgruppe)").SetInputFilesAsync(Message("xdf3-messages", "simple.xml"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importieren" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Entwurf „G60000000088“ aus „Anschrift Inland“ angelegt" }).WaitForAsync();
        Assert.Contains("ist optional", await page.Locator(".fim-notes").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByText("Übernommen wurden ein Feld und 2 Gruppen.").WaitForAsync();
        await Look.AtAsync(page, "prozesse-formulare-fim-import");

        await page.GetByRole(AriaRole.Link, new() { Name = "Entwurf im Formulareditor öffnen – G60000000088" }).ClickAsync();
        await page.WaitForPageAsync("**/prozesse/formulare/bearbeiten?entwurf=*");
        await page.Locator("[data-editor-ready='true']").WaitForAsync();
        await page.GetByText("Keine Probleme: Das Formular kann bereitgestellt werden.").WaitForAsync();
        await page.Locator(".fjs-element[data-id='Feld_strasse']").GetByText("Straße").First.WaitForAsync();
        await Look.AtAsync(page, "prozesse-formulare-fim-editor");
    }
}
