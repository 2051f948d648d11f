using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 13.3, "Try before going live": a process designer runs a process in the browser, saves the run as a scenario,
/// deploys a changed model, and „Alle Szenarien ausführen" shows that the scenario no longer passes.
/// </summary>
public sealed class ScenariosJourneyTests : BrowserTest
{
    [Fact]
    public async Task Designer_SavesRunAsScenario_AndRunAllShowsItFailsAfterTheModelChanged()
    {
        var designer = await SignInAsync("prozessgestaltung", width: 1280);
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.EndToEnd", "Diagrams", "TestRunJourneyTests.Antrag.bpmn"));
        await DeployAsync(designer, diagram);

        await designer.GotoAsync("/prozesse/testen?prozess=antrag");
        await designer.GetByText("Für diesen Prozess ist noch kein Szenario gespeichert.", new() { Exact = false }).WaitForAsync();
        await designer.GetByLabel("Startvariablen (JSON-Objekt)").FillAsync("{\"aktenzeichen\": \"32.10-0042/2026\"}");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Schritt hinzufügen: Aufgabe erledigen" }).ClickAsync();
        await designer.Locator("#schritt-1-werte").FillAsync("{\"vollstaendig\": true}");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Schritt hinzufügen: Zeit vorstellen" }).ClickAsync();
        await designer.Locator("#schritt-2-dauer").FillAsync("P14D");
        await designer.GetByLabel("Gebühr buchen (Serviceaufgabe)").FillAsync("{\"gebuehr\": 50}");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Probelauf starten" }).ClickAsync();
        await designer.GetByText("Der Prozess ist abgeschlossen: Ende „Antrag genehmigt“.").WaitForAsync();
        await designer.Locator("[data-diagram-ready='true']").WaitForAsync();

        await designer.GetByLabel("Name des Szenarios").FillAsync("Genehmigt nach Frist");
        await designer.GetByLabel("Variable gebuehr = 50").CheckAsync();
        Assert.True(await designer.GetByLabel("Ende bei „Antrag genehmigt“").IsCheckedAsync());
        await Look.AtAsync(designer, "szenario-speichern");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Szenario speichern" }).ClickAsync();
        await designer.GetByText("Das Szenario „Genehmigt nach Frist“ ist gespeichert.").WaitForAsync();
        await designer.GetByRole(AriaRole.Cell, new() { Name = "Genehmigt nach Frist", Exact = true }).WaitForAsync();

        await designer.GetByRole(AriaRole.Button, new() { Name = "Alle Szenarien ausführen" }).ClickAsync();
        await designer.Locator("[data-scenario-summary]", new() { HasText = "1 von 1 Szenarien bestanden" }).WaitForAsync();

        await DeployAsync(designer, diagram.Replace("P14D", "P30D", StringComparison.Ordinal));
        await designer.GotoAsync("/prozesse/testen?prozess=antrag");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Alle Szenarien ausführen" }).ClickAsync();
        await designer.Locator("[data-scenario-summary]", new() { HasText = "0 von 1 Szenarien bestanden" }).WaitForAsync();
        var suite = await designer.InnerTextAsync("[data-scenario-suite]");
        Assert.Contains("Erwartet: Ende 'Antrag genehmigt', tatsächlich: wartet bei 'Widerspruchsfrist abgelaufen'.", suite, StringComparison.Ordinal);
        var row = await designer.InnerTextAsync("section.scenarios table");
        Assert.Contains("nicht bestanden", row, StringComparison.Ordinal);
        await Look.AtAsync(designer, "szenarien-nicht-bestanden");

        await designer.GetByRole(AriaRole.Link, new() { Name = "Erwartung bearbeiten: Szenario „Genehmigt nach Frist“" }).ClickAsync();
        await designer.GetByLabel("Erwartetes Ergebnis (JSON)").FillAsync("{ \"state\": \"fertig\" }");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Erwartung speichern" }).ClickAsync();
        await designer.Locator("#erwartet-fehler", new() { HasText = "expected.state: 'fertig' ist kein Endzustand" }).WaitForAsync();
        await Look.AtAsync(designer, "szenario-erwartung-fehler");

        // Simulation only: the municipality's engine has no instance of the process.
        var instances = await designer.APIRequest.GetAsync("/api/process-instances?processId=antrag");
        Assert.Equal(200, instances.Status);
        Assert.Equal(0, (await instances.JsonAsync())!.Value.GetArrayLength());
    }

    private static async Task DeployAsync(IPage designer, string diagram)
    {
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Antrag", resources = new[] { new { name = "antrag.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);
    }
}
