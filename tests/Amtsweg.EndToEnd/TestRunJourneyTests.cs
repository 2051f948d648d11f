using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 13.3: a process designer opens the test run of a deployed process, first types JSON that does not parse and sees
/// it at its field, then enters start variables and task results, runs it and sees the path on the diagram, the steps and
/// where it stopped.
/// </summary>
public sealed class TestRunJourneyTests : BrowserTest
{
    [Fact]
    public async Task Designer_RunsAProcessInTheBrowser_SeesBadInputAtItsField_AndThePathOnTheDiagram()
    {
        var designer = await SignInAsync("prozessgestaltung", width: 1280);
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.EndToEnd", "Diagrams", "TestRunJourneyTests.Antrag.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Antrag", resources = new[] { new { name = "antrag.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);

        await designer.GotoAsync("/prozesse");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Probelauf – Antrag" }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/testen?prozess=antrag");

        await designer.GetByLabel("Startvariablen (JSON-Objekt)").FillAsync("{\"aktenzeichen\": ");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Probelauf starten" }).ClickAsync();
        await designer.GetByText("Der Probelauf wurde nicht gestartet. Bitte korrigieren Sie die markierten Eingaben.").WaitForAsync();
        await designer.Locator("#start-fehler", new() { HasText = "Das ist kein gültiges JSON" }).WaitForAsync();
        await Look.AtAsync(designer, "probelauf-fehler");

        await designer.GetByLabel("Startvariablen (JSON-Objekt)").FillAsync("{\"aktenzeichen\": \"32.10-0042/2026\"}");
        await designer.GetByLabel("Unterlagen prüfen (Benutzeraufgabe)").FillAsync("{\"vollstaendig\": false}");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Probelauf starten" }).ClickAsync();
        await designer.GetByText("Der Probelauf hält an: Der Prozess wartet bei „Unterlagen nachgereicht“.").WaitForAsync();
        await designer.Locator("[data-diagram-ready='true']").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-active[data-element-id='nachgereicht']").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-completed[data-element-id='pruefen']").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-taken[data-element-id='f5']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal(0, await designer.Locator(".djs-element.amtsweg-taken[data-element-id='f3']").CountAsync());
        await Look.AtAsync(designer, "probelauf-wartet");

        await designer.GetByLabel("Unterlagen prüfen (Benutzeraufgabe)").FillAsync("{\"vollstaendig\": true}");
        await designer.GetByLabel("Gebühr buchen (Serviceaufgabe)").FillAsync("{\"gebuehr\": 50}");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Probelauf starten" }).ClickAsync();
        await designer.GetByText("Der Prozess ist abgeschlossen: Ende „Antrag genehmigt“.").WaitForAsync();
        await designer.Locator("[data-diagram-ready='true']").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-completed[data-element-id='genehmigt']").WaitForAsync();
        var steps = await designer.InnerTextAsync("main table");
        Assert.Contains("Widerspruchsfrist abgelaufen", steps, StringComparison.Ordinal);
        Assert.Contains("gebuehr = 50", steps, StringComparison.Ordinal);
        await Look.AtAsync(designer, "probelauf-abgeschlossen");
    }
}
