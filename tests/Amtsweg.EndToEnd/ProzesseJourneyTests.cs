using System.Text.RegularExpressions;
using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Issue 13.1: the process designer finds a failed instance on the Prozesse pages and repairs it in the browser.</summary>
public sealed partial class ProzesseJourneyTests : BrowserTest
{
    [Fact]
    public async Task Designer_FiltersInstances_OpensTheFailedOne_RetriesIt_AndTheIncidentIsGone()
    {
        // Two instances: one runs, the other stopped at its gateway because the clerk completed the check without the area.
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "ProzessePagesTests.Baugenehmigung.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Baugenehmigung", resources = new[] { new { name = "baugenehmigung.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);
        var failing = await StartAsync(designer, "63-0042/2026");
        await StartAsync(designer, "63-0043/2026");
        var clerk = await SignInAsync("sachbearbeitung");
        var tasks = (await (await clerk.APIRequest.GetAsync($"/api/tasks?processInstanceId={failing}")).JsonAsync())!.Value;
        var completed = await clerk.APIRequest.PostAsync($"/api/tasks/{tasks.EnumerateArray().Single().GetProperty("id").GetString()}/complete", new() { DataObject = new { variables = new { } } });
        Assert.Equal(409, completed.Status);

        await designer.GotoAsync("/");
        await designer.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Prozesse" }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse");
        await designer.GetByRole(AriaRole.Cell, new() { Name = "Baugenehmigung prüfen", Exact = true }).WaitForAsync();
        await Look.AtAsync(designer, "prozesse");

        await designer.GetByRole(AriaRole.Link, new() { Name = "Prozessinstanzen", Exact = true }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/instanzen");
        await designer.GetByLabel("Prozess", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Baugenehmigung prüfen" });
        await designer.GetByLabel("Zustand").SelectOptionAsync(new SelectOptionValue { Label = "mit Störung" });
        await designer.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await designer.WaitForPageAsync(FilteredList());
        await designer.GetByRole(AriaRole.Link, new() { Name = "63-0042/2026" }).WaitForAsync();
        Assert.Equal(0, await designer.GetByRole(AriaRole.Link, new() { Name = "63-0043/2026" }).CountAsync());
        await Look.AtAsync(designer, "prozesse-instanzen");

        await designer.GetByRole(AriaRole.Link, new() { Name = "63-0042/2026" }).ClickAsync();
        await designer.WaitForPageAsync($"**/prozesse/instanzen/{failing}");
        await designer.Locator("[data-diagram-ready='true']").WaitForAsync();
        var before = await designer.InnerTextAsync("main");
        foreach (var expected in new[] { "Prozess „Baugenehmigung prüfen“ – 63-0042/2026", "Baugenehmigung prüfen, Version 1", "Störung am Schritt „Große Fläche?“", "Die Aufgabe „Unterlagen prüfen“ wurde angelegt." })
        {
            Assert.Contains(expected, before, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(Uuid(), before);
        Assert.DoesNotContain("Groesse", before, StringComparison.Ordinal);
        // The condition that failed is on the flow "Gross"; the gateway it leaves is marked too, where the eye finds it.
        Assert.Equal(1, await designer.Locator("[data-element-id='Gross'].amtsweg-incident").CountAsync());
        Assert.Equal(1, await designer.Locator("[data-element-id='Groesse'].amtsweg-incident").CountAsync());
        await Look.AtAsync(designer, "prozesse-instanz-stoerung");

        await designer.GetByRole(AriaRole.Button, new() { Name = "Schritt „Große Fläche?“ erneut versuchen" }).ClickAsync();
        await designer.GetByText("Die Störung am Schritt „Große Fläche?“ ist zurückgesetzt; der Schritt wird erneut versucht.").WaitForAsync();
        await designer.GetByText("Dieser Prozess hat keine offene Störung.").WaitForAsync();
        await designer.Locator("[data-diagram-ready='true']").WaitForAsync();
        await Look.AtAsync(designer, "prozesse-instanz-behoben");

        await designer.GetByRole(AriaRole.Link, new() { Name = "Zurück zu den Prozessinstanzen" }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/instanzen");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Störungen", Exact = true }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/stoerungen");
        await designer.GetByText("Es gibt keine offene Störung.").WaitForAsync();
        await Look.AtAsync(designer, "prozesse-stoerungen");
    }

    private static async Task<string> StartAsync(IPage designer, string businessKey)
    {
        var started = await designer.APIRequest.PostAsync("/api/process-instances", new() { DataObject = new { processId = "Baugenehmigung", businessKey, variables = new { antragsteller = "Erika Mustermann" } } });
        Assert.Equal(201, started.Status);
        return (await started.JsonAsync())!.Value.GetProperty("id").GetString()!;
    }

    [GeneratedRegex("/prozesse/instanzen\\?prozess=Baugenehmigung&version=&zustand=stoerung")]
    private static partial Regex FilteredList();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();
}
