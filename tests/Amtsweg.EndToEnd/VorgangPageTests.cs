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
        await page.OpenSectionAsync("Vermerke");
        await page.OpenActionAsync("Vermerk schreiben");
        await page.GetByLabel("Neuer Vermerk").FillAsync("Bauherr angerufen: Fläche wird nachgereicht.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vermerk speichern" }).ClickAsync();
        await page.WaitForPageAsync("**/vorgaenge/*?abschnitt=vermerke*");
        await page.Locator("#vermerke").GetByText("Bauherr angerufen: Fläche wird nachgereicht.").WaitForAsync();
        await page.OpenSectionAsync("Verlauf");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "vorgang-prozessverlauf-1280.png"), FullPage = true });
        var text = await page.InnerTextAsync("main");

        foreach (var expected in new[]
        {
            "Sabine Sachbearbeiterin hat den Prozess „Bauantrag prüfen“ gestartet.", "Die Aufgabe „Unterlagen prüfen“ wurde angelegt.",
            "Am Schritt „Große Fläche?“ ist eine Störung aufgetreten:", "Unbekannter Name 'flaeche' (Zeile 1, Spalte 1)",
            "Sabine Sachbearbeiterin hat einen Vermerk geschrieben:",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        foreach (var forbidden in new[] { "Unknown name", "line 1", "Pruefen", "Groesse", "incident-", "element-", "sachbearbeitung", instanceId })
        {
            Assert.DoesNotContain(forbidden, text, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text);
        await Accessibility.AssertNoViolationsAsync(page, "vorgang-prozessverlauf");
    }

    [Fact]
    public async Task Clerk_WorksInVorgang_OpensSectionsAddsNoteAndStartsProcessFromIt_AtOfficeAndTabletWidths()
    {
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "StartPagesTests.Gewerbeanmeldung.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Gewerbeanmeldung", resources = new[] { new { name = "gewerbeanmeldung.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);

        // A Vorgang opened by hand, with the applicant recorded: no process yet.
        var page = await SignInAsync("sachbearbeitung");
        var aktenplan = await (await page.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "32.10").GetProperty("id").GetString();
        var akte = await page.APIRequest.PostAsync("/api/akten", new() { DataObject = new { positionId = position, title = "Bäckerei Korn, Lindenweg 7" } });
        Assert.True(akte.Ok, await akte.TextAsync());
        var opened = await page.APIRequest.PostAsync("/api/vorgaenge", new() { DataObject = new { akteId = (await akte.JsonAsync())!.Value.GetProperty("id").GetString(), title = "Gewerbeummeldung Bäckerei Korn" } });
        Assert.True(opened.Ok, await opened.TextAsync());
        var vorgangId = (await opened.JsonAsync())!.Value.GetProperty("vorgang").GetProperty("id").GetString();
        var beteiligter = await page.APIRequest.PostAsync($"/api/vorgaenge/{vorgangId}/beteiligte", new() { DataObject = new { role = "Antragstellerin", name = "Erika Korn" } });
        Assert.True(beteiligter.Ok, await beteiligter.TextAsync());

        await page.GotoAsync($"/vorgaenge/{vorgangId}");
        var head = await page.InnerTextAsync(".vorgang-head");
        Assert.Contains("Erika Korn", head, StringComparison.Ordinal);
        Assert.Contains("Gewerbeummeldung Bäckerei Korn", head, StringComparison.Ordinal);
        Assert.Contains("Sabine Sachbearbeiterin (hat den Vorgang angelegt)", head, StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page, "vorgang-kopf");

        // A note, written in its section: the page comes back to it with the notice.
        await page.OpenSectionAsync("Vermerke");
        await page.OpenActionAsync("Vermerk schreiben");
        await page.GetByLabel("Neuer Vermerk").FillAsync("Betriebsinhaberin ruft wegen der Ummeldung an.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vermerk speichern" }).ClickAsync();
        await page.WaitForPageAsync("**/vorgaenge/*?abschnitt=vermerke*");
        await page.GetByText("Der Vermerk wurde gespeichert.").WaitForAsync();
        Assert.True(await page.Locator("details#vermerke[open]").IsVisibleAsync());

        // A process started from the Vorgang: its start form, an error kept, then started and filed here.
        await page.OpenSectionAsync("Prozesse");
        await page.GetByRole(AriaRole.Link, new() { Name = "Prozess für diesen Vorgang starten" }).ClickAsync();
        await page.WaitForPageAsync("**/antraege/neu?vorgang=*");
        await Accessibility.AssertNoViolationsAsync(page, "vorgang-prozess-waehlen");
        await page.GetByRole(AriaRole.Link, new() { Name = "Gewerbeanmeldung" }).ClickAsync();
        await page.WaitForPageAsync("**/antraege/neu/*?vorgang=*");
        Assert.Contains("Der Prozess wird im Vorgang", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByLabel("Betreff des Vorgangs").CountAsync());
        await page.GetByLabel("Name des Betriebs").FillAsync("Bäckerei Korn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Prozess in diesem Vorgang starten" }).ClickAsync();
        await page.Locator(".error-summary").WaitForAsync();
        Assert.Equal("Bäckerei Korn", await page.GetByLabel("Name des Betriebs").InputValueAsync());
        await Accessibility.AssertNoViolationsAsync(page, "vorgang-prozess-formularfehler");
        await page.GetByLabel("Art der Tätigkeit").SelectOptionAsync(new SelectOptionValue { Label = "Handel" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Prozess in diesem Vorgang starten" }).ClickAsync();
        await page.WaitForPageAsync("**/vorgaenge/*?abschnitt=prozesse*");
        await page.GetByText("Der Prozess wurde in diesem Vorgang gestartet.").WaitForAsync();
        // (This diagram has no drawing: the section names the process and says that it runs.)
        Assert.Contains("Der Prozess läuft.", await page.InnerTextAsync("#prozesse"), StringComparison.Ordinal);

        // Everything open, as a clerk might have it: the head, the Verlauf and the sections at three widths.
        foreach (var section in new[] { "Verlauf", "Dokumente", "Vermerke", "Beteiligte", "Wiedervorlagen" })
        {
            await page.OpenSectionAsync(section);
        }

        var verlauf = await page.InnerTextAsync("#verlauf");
        Assert.Contains("Sabine Sachbearbeiterin hat den Prozess „Gewerbeanmeldung“ gestartet.", verlauf, StringComparison.Ordinal);
        Assert.Contains("Die Aufgabe „Anmeldung prüfen“ wurde angelegt.", verlauf, StringComparison.Ordinal);
        Assert.Contains("Sabine Sachbearbeiterin hat das Dokument „Formulareingabe: Gewerbeanmeldung“ abgelegt.", verlauf, StringComparison.Ordinal);
        Assert.Contains("Sabine Sachbearbeiterin hat Erika Korn als Antragstellerin zum Vorgang hinzugefügt.", verlauf, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", await page.InnerTextAsync("main"));
        Assert.Contains("noch niemand – die Aufgabe „Anmeldung prüfen“ ist nicht übernommen", await page.InnerTextAsync(".vorgang-head"), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page, "vorgang-arbeitsplatz");
        foreach (var width in new[] { 1280, 1024, 768 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var overflow = await page.EvaluateAsync<double[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, $"vorgang-arbeitsplatz-{width}.png"), FullPage = true });
            Assert.True(overflow[0] <= overflow[1], $"{width} px: scrollWidth {overflow[0]} > innerWidth {overflow[1]}");
        }
    }
}
