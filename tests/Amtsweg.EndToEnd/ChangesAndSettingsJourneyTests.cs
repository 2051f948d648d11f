using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 13.4 and 13.5: a designer sees the changes of the diagram to the running version, listed and marked on the
/// diagram; an administrator sets the municipality's session timeout and gets a German message for one out of range.
/// </summary>
public sealed class ChangesAndSettingsJourneyTests : BrowserTest
{
    [Fact]
    public async Task Designer_SeesTheChangesToTheRunningVersion_ListedAndMarkedOnTheDiagram()
    {
        var designer = await SignInAsync("prozessgestaltung", width: 1280);
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "ProzessePagesTests.Baugenehmigung.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Baugenehmigung", resources = new[] { new { name = "baugenehmigung.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);

        await designer.GotoAsync("/prozesse/modellieren?prozess=Baugenehmigung");
        await designer.Locator("[data-modeler-ready='true']").WaitForAsync();
        await designer.GetByRole(AriaRole.Button, new() { Name = "Änderungen anzeigen" }).ClickAsync();
        await designer.GetByText("Keine Änderungen gegenüber der laufenden Version 1").WaitForAsync();

        await designer.Locator(".djs-element[data-element-id='Pruefen']").ClickAsync();
        await designer.Locator("[data-modeler-panel] .bio-properties-panel-header-type", new() { HasText = "Benutzeraufgabe" }).WaitForAsync();
        var name = designer.Locator("[data-modeler-panel] #bio-properties-panel-name");
        if (!await name.IsVisibleAsync())
        {
            await designer.Locator("[data-modeler-panel] .bio-properties-panel-group-header", new() { HasText = "Allgemein" }).ClickAsync();
        }

        await name.FillAsync("Unterlagen vollständig prüfen");
        await designer.GetByText("Das Diagramm wurde seither geändert. Zeigen Sie die Änderungen erneut an.").WaitForAsync();
        await designer.Locator(".djs-element[data-element-id='Flow_1']").ClickAsync(new() { Force = true });
        await designer.Locator(".djs-context-pad .entry[data-action='delete']").ClickAsync();

        await designer.GetByRole(AriaRole.Button, new() { Name = "Änderungen anzeigen" }).ClickAsync();
        await designer.GetByText("Gegenüber der laufenden Version 1: 0 neu, 1 geändert, 1 entfernt.").WaitForAsync();
        await designer.GetByText("Benutzeraufgabe „Unterlagen vollständig prüfen“ ist geändert.").WaitForAsync();
        await designer.GetByText("Der Sequenzfluss von „Antrag eingegangen“ nach „Unterlagen prüfen“ ist entfernt.").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-change-changed[data-element-id='Pruefen']").WaitForAsync();
        await designer.Locator(".modeler-changes").ScrollIntoViewIfNeededAsync();
        await CheckAsync(designer, "modeler-aenderungen-1280");
        await designer.SetViewportSizeAsync(1024, 900);
        await CheckAsync(designer, "modeler-aenderungen-1024");

        // A change to the diagram makes the list outdated: the markers go.
        await designer.Locator(".djs-element[data-element-id='Bescheid']").ClickAsync();
        await designer.Locator("[data-modeler-panel] #bio-properties-panel-name").FillAsync("Bescheid schreiben");
        await designer.GetByText("Das Diagramm wurde seither geändert. Zeigen Sie die Änderungen erneut an.").WaitForAsync();
        Assert.Equal(0, await designer.Locator(".djs-element.amtsweg-change-changed").CountAsync());
    }

    [Fact]
    public async Task Administrator_SetsTheSessionTimeout_AndIsToldWhenItIsOutOfRange()
    {
        var admin = await SignInAsync("administration", width: 1280);

        await admin.GotoAsync("/verwaltung");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Einstellungen der Gemeinde" }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/einstellungen");
        await CheckAsync(admin, "einstellungen-1280");

        await admin.GetByLabel("Abmeldung nach Inaktivität (Minuten)").FillAsync("5");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Einstellungen speichern" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Bitte geben Sie eine ganze Zahl von Minuten zwischen 15 und 480 an." }).WaitForAsync();
        await admin.SetViewportSizeAsync(1024, 900);
        await CheckAsync(admin, "einstellungen-fehler-1024");

        await admin.GetByLabel("Abmeldung nach Inaktivität (Minuten)").FillAsync("60");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Einstellungen speichern" }).ClickAsync();
        await admin.GetByText("Die Einstellungen sind gespeichert.").WaitForAsync();
        Assert.Equal("60", await admin.GetByLabel("Abmeldung nach Inaktivität (Minuten)").InputValueAsync());
        await CheckAsync(admin, "einstellungen-gespeichert-1024");
    }

    private static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, $"{name}.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, name);
    }
}
