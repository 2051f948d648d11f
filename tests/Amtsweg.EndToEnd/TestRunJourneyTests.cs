using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 13.3: a process designer opens the test run of a deployed process, first types JSON that does not parse and sees
/// it at its field, then enters start variables and an ordered list of steps (a task completed, a message received, the
/// clock moved on past the timer, the task completed again), moves and removes steps, runs it and sees the path on the
/// diagram, what happened and at which step and why it stopped.
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
        await designer.GetByRole(AriaRole.Link, new() { Name = "Probelauf – Antrag", Exact = true }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/testen?prozess=antrag");

        await designer.GetByLabel("Startvariablen (JSON-Objekt)").FillAsync("{\"aktenzeichen\": ");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Probelauf starten" }).ClickAsync();
        await designer.GetByText("Der Probelauf wurde nicht gestartet. Bitte korrigieren Sie die markierten Eingaben.").WaitForAsync();
        await designer.Locator("#start-fehler", new() { HasText = "Das ist kein gültiges JSON" }).WaitForAsync();
        await Look.AtAsync(designer, "probelauf-fehler");

        await designer.GetByLabel("Startvariablen (JSON-Objekt)").FillAsync("{\"aktenzeichen\": \"32.10-0042/2026\"}");
        await AddStepAsync(designer, "Aufgabe erledigen", 1);
        Assert.Equal("pruefen", await designer.Locator("#schritt-1-aufgabe").InputValueAsync());
        await designer.Locator("#schritt-1-werte").FillAsync("{\"vollstaendig\": false}");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Probelauf starten" }).ClickAsync();
        await designer.GetByText("Der Probelauf hält an: Der Prozess wartet bei „Unterlagen nachgereicht“.").WaitForAsync();
        await designer.Locator("[data-diagram-ready='true']").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-active[data-element-id='nachgereicht']").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-completed[data-element-id='pruefen']").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-taken[data-element-id='f5']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal(0, await designer.Locator(".djs-element.amtsweg-taken[data-element-id='f3']").CountAsync());
        await Look.AtAsync(designer, "probelauf-wartet");

        // The documents arrive by message, the file is checked again, and the objection period runs out: each typed value
        // stays in the form while steps are added and moved.
        await AddStepAsync(designer, "Nachricht empfangen", 2);
        Assert.Equal("unterlagen-nachgereicht", await designer.Locator("#schritt-2-nachricht").InputValueAsync());
        await designer.Locator("#schritt-2-variablen").FillAsync("{\"nachgereichtAm\": \"2026-01-07\"}");
        await AddStepAsync(designer, "Zeit vorstellen", 3);
        await designer.Locator("#schritt-3-dauer").FillAsync("P14D");
        await AddStepAsync(designer, "Aufgabe erledigen", 4);
        await designer.Locator("#schritt-4-werte").FillAsync("{\"vollstaendig\": true}");
        await designer.Locator("#schritt-4-rolle").FillAsync("sachbearbeitung");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Nach oben – Schritt 4" }).ClickAsync();
        await designer.Locator("#schritt-3 legend", new() { HasText = "Schritt 3: Aufgabe erledigen" }).WaitForAsync();
        Assert.Equal("{\"vollstaendig\": true}", await designer.Locator("#schritt-3-werte").InputValueAsync());
        Assert.Equal("sachbearbeitung", await designer.Locator("#schritt-3-rolle").InputValueAsync());
        Assert.Equal("P14D", await designer.Locator("#schritt-4-dauer").InputValueAsync());
        await designer.GetByLabel("Gebühr buchen (Serviceaufgabe)").FillAsync("{\"gebuehr\": 50}");

        // Without the correlation key nobody waits for the message: the run says at which step it stopped and why.
        await designer.GetByRole(AriaRole.Button, new() { Name = "Probelauf starten" }).ClickAsync();
        await designer.Locator("[data-test-run-stopped]", new() { HasText = "Ausgeführt wurden 1 von 4 Schritten. Schritt 2: Niemand wartet auf die Nachricht 'unterlagen-nachgereicht'." }).WaitForAsync();
        await designer.Locator("#schritt-2 .step-state", new() { HasText = "Hier hielt der Probelauf an" }).WaitForAsync();
        await Look.AtAsync(designer, "probelauf-schritt-angehalten");

        await designer.Locator("#schritt-2-schluessel").FillAsync("32.10-0042/2026");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Probelauf starten" }).ClickAsync();
        await designer.GetByText("Der Prozess ist abgeschlossen: Ende „Antrag genehmigt“.").WaitForAsync();
        await designer.Locator("[data-test-run-stopped]", new() { HasText = "Alle Schritte wurden ausgeführt (4)." }).WaitForAsync();
        await designer.Locator("[data-diagram-ready='true']").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-completed[data-element-id='nachgereicht']").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-completed[data-element-id='frist']").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-completed[data-element-id='genehmigt']").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-taken[data-element-id='f6']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var steps = await designer.InnerTextAsync("main table");
        Assert.Contains("Unterlagen nachgereicht", steps, StringComparison.Ordinal);
        Assert.Contains("nachgereichtAm = 2026-01-07", steps, StringComparison.Ordinal);
        Assert.Contains("Widerspruchsfrist abgelaufen", steps, StringComparison.Ordinal);
        Assert.Contains("gebuehr = 50", steps, StringComparison.Ordinal);
        await EnglishWords.AssertNoneShownAsync(designer, "probelauf-abgeschlossen");
        await Look.AtAsync(designer, "probelauf-abgeschlossen");

        await designer.GetByRole(AriaRole.Button, new() { Name = "Entfernen – Schritt 4" }).ClickAsync();
        await designer.Locator("#schritt-3 legend", new() { HasText = "Schritt 3: Aufgabe erledigen" }).WaitForAsync();
        Assert.Equal(0, await designer.Locator("#schritt-4").CountAsync());
    }

    /// <summary>Adds a step with the button of its kind and waits until the page shows it as step <paramref name="number"/>.</summary>
    private static async Task AddStepAsync(IPage page, string kind, int number)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Schritt hinzufügen: {kind}", Exact = true }).ClickAsync();
        await page.Locator($"#schritt-{number} legend", new() { HasText = $"Schritt {number}: {kind}" }).WaitForAsync();
    }
}
