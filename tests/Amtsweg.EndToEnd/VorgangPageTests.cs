using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Issue 10, point 6: the Vorgang page as a clerk sees it — names and German sentences, no ids, codes or login names.</summary>
public sealed class VorgangPageTests : BrowserTest
{
    [Fact]
    public async Task VorgangPage_ShowsHistoryIncidentAndVermerk_InGermanWithNames()
    {
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "VorgangPageTests.Flaeche.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Bauantrag", resources = new[] { new { name = "bauantrag.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);

        // The clerk starts the process in a new Vorgang and completes the first task without the area the gateway asks for.
        var page = await SignInAsync("sachbearbeitung");
        var aktenplan = await (await page.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "32.10").GetProperty("id").GetString();
        var started = await page.APIRequest.PostAsync("/api/process-instances", new()
        {
            DataObject = new { processId = "Bauantrag", vorgang = new { positionId = position, title = "Carport Lindenweg 7" } },
        });
        Assert.Equal(201, started.Status);
        var instance = (await started.JsonAsync())!.Value;
        var instanceId = instance.GetProperty("id").GetString()!;
        var aktenzeichen = instance.GetProperty("businessKey").GetString()!;
        var tasks = (await (await page.APIRequest.GetAsync($"/api/tasks?processInstanceId={instanceId}")).JsonAsync())!.Value;
        var taskId = tasks.EnumerateArray().Single().GetProperty("id").GetString();
        var completed = await page.APIRequest.PostAsync($"/api/tasks/{taskId}/complete", new() { DataObject = new { variables = new { bemerkung = "Unterlagen vollständig" } } });
        Assert.Equal(409, completed.Status);

        await page.GotoAsync("/vorgaenge");
        await page.GetByRole(AriaRole.Link, new() { Name = aktenzeichen, Exact = true }).ClickAsync();
        await page.WaitForPageAsync("**/vorgaenge/*");
        await page.GetByLabel("Neuer Vermerk").FillAsync("Bauherr angerufen: Fläche wird nachgereicht.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vermerk speichern" }).ClickAsync();
        await page.GetByText("Bauherr angerufen: Fläche wird nachgereicht.").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "vorgang-prozessverlauf-1280.png"), FullPage = true });
        var text = await page.InnerTextAsync("main");

        foreach (var expected in new[]
        {
            "Prozess „Bauantrag prüfen“", "Unterlagen prüfen", "Große Fläche?", "Prozess gestartet", "Aufgabe erstellt", "Störung aufgetreten",
            "Unbekannter Name 'flaeche' (Zeile 1, Spalte 1)", "Sabine Sachbearbeiterin",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        foreach (var forbidden in new[] { "Unknown name", "line 1", "Pruefen", "Groesse", "incident-", "element-", "sachbearbeitung", instanceId })
        {
            Assert.DoesNotContain(forbidden, text, StringComparison.Ordinal);
        }

        await Accessibility.AssertNoViolationsAsync(page, "vorgang-prozessverlauf");
    }
}
