using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Issue 12.1 and 12.2 in the browser: a clerk takes a task from the inbox, fills its form with an error, corrects it and completes it.</summary>
public sealed class TaskJourneyTests : BrowserTest
{
    [Fact]
    public async Task Clerk_TakesTaskFromInbox_CorrectsFormError_AndCompletesIt()
    {
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "TaskPageTests.Gewerbe.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Gewerbe", resources = new[] { new { name = "gewerbe.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);

        var page = await SignInAsync("sachbearbeitung");
        var aktenplan = await (await page.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "32.10").GetProperty("id").GetString();
        var started = await page.APIRequest.PostAsync("/api/process-instances", new()
        {
            DataObject = new { processId = "Gewerbeanmeldung", vorgang = new { positionId = position, title = "Bäckerei Korn" }, variables = new { betrieb = "Bäckerei Korn" } },
        });
        Assert.Equal(201, started.Status);
        var aktenzeichen = (await started.JsonAsync())!.Value.GetProperty("businessKey").GetString()!;

        // The inbox: the task is offered to the clerk's group, overdue, with its Vorgang.
        await page.GetByRole(AriaRole.Link, new() { Name = "Aufgaben", Exact = true }).First.ClickAsync();
        await page.WaitForPageAsync("**/aufgaben");
        await page.GetByRole(AriaRole.Link, new() { Name = "Angeboten" }).ClickAsync();
        await page.WaitForPageAsync("**/aufgaben?ansicht=Angeboten");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = aktenzeichen });
        Assert.Contains("überfällig seit 15.01.2026", await row.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "aufgaben-angeboten-1280.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, "aufgaben");

        await row.GetByRole(AriaRole.Button, new() { Name = "Aufgabe „Gewerbeanmeldung prüfen“ übernehmen" }).ClickAsync();
        await page.WaitForPageAsync("**/aufgaben/*");
        Assert.Equal("Sabine Sachbearbeiterin", await page.Locator("dt:text-is('Bearbeitung') + dd").InnerTextAsync());
        Assert.Equal("Bäckerei Korn", await page.GetByLabel("Name des Betriebs").InputValueAsync());

        // Submitted without the activity and with the permit ticked but no number: both fields are named, nothing is lost.
        await page.GetByLabel("Beschäftigte").FillAsync("3");
        await page.GetByLabel("Die Tätigkeit ist erlaubnispflichtig").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Aufgabe erledigen" }).ClickAsync();
        var summary = page.Locator(".error-summary");
        await summary.WaitForAsync();
        var summaryText = await summary.InnerTextAsync();
        Assert.Contains("Art der Tätigkeit", summaryText, StringComparison.Ordinal);
        Assert.Contains("Nummer der Erlaubnis", summaryText, StringComparison.Ordinal);
        Assert.Equal("3", await page.GetByLabel("Beschäftigte").InputValueAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "aufgabe-formularfehler-1280.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, "aufgabe-formularfehler");

        // The summary's link leads to the field; corrected, the task is done and the submission is in the Vorgang.
        await summary.GetByRole(AriaRole.Link, new() { Name = "Art der Tätigkeit" }).First.ClickAsync();
        await page.GetByLabel("Art der Tätigkeit").SelectOptionAsync(new SelectOptionValue { Label = "Handwerk" });
        await page.GetByLabel("Nummer der Erlaubnis").FillAsync("HW-2026-117");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aufgabe erledigen" }).ClickAsync();
        await page.WaitForPageAsync("**/aufgaben");
        Assert.Contains("Die Aufgabe „Gewerbeanmeldung prüfen“ ist erledigt.", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        await page.GotoAsync("/aufgaben?ansicht=Angeboten");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ins Gewerberegister eintragen" }).GetByRole(AriaRole.Link, new() { Name = aktenzeichen }).ClickAsync();
        await page.WaitForPageAsync("**/vorgaenge/*");
        var vorgang = await page.InnerTextAsync("main");
        Assert.Contains("Formulareingabe: Gewerbeanmeldung prüfen", vorgang, StringComparison.Ordinal);

        // A follow-up set in the Vorgang appears in the one list of the clerk's follow-ups.
        // The server's day is the Berlin calendar day.
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        await page.OpenSectionAsync("Wiedervorlagen");
        await page.OpenActionAsync("Wiedervorlage planen");
        await page.GetByLabel("Wiedervorlage am").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Grund", new() { Exact = true }).FillAsync("Erlaubnis HW-2026-117 bei der Handwerkskammer prüfen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wiedervorlage setzen" }).ClickAsync();
        await page.GetByText("Die Wiedervorlage wurde gesetzt.").WaitForAsync();
        await page.GotoAsync("/aufgaben");
        await page.GetByRole(AriaRole.Link, new() { Name = "Meine Wiedervorlagen" }).ClickAsync();
        await page.WaitForPageAsync("**/wiedervorlagen");
        var followUp = await page.GetByRole(AriaRole.Row).Filter(new() { HasText = aktenzeichen }).InnerTextAsync();
        Assert.Contains("heute fällig", followUp, StringComparison.Ordinal);
        Assert.Contains("Erlaubnis HW-2026-117 bei der Handwerkskammer prüfen", followUp, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "wiedervorlagen-1280.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, "wiedervorlagen");
    }

    [Fact]
    public async Task Deputy_SeesAndCompletesTheTaskOfAnAbsentColleague_Marked()
    {
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "TaskPageTests.Gewerbe.bpmn"));
        Assert.Equal(201, (await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Gewerbe", resources = new[] { new { name = "gewerbe.bpmn", content = diagram } } } })).Status);

        // Sabine takes the task, then enters her absence with Paula as deputy.
        var clerk = await SignInAsync("sachbearbeitung");
        var started = await clerk.APIRequest.PostAsync("/api/process-instances", new() { DataObject = new { processId = "Gewerbeanmeldung", businessKey = "32.10-0002/2026", variables = new { betrieb = "Café Linde" } } });
        Assert.Equal(201, started.Status);
        var instanceId = (await started.JsonAsync())!.Value.GetProperty("id").GetString();
        var taskId = (await (await clerk.APIRequest.GetAsync($"/api/tasks?processInstanceId={instanceId}")).JsonAsync())!.Value.EnumerateArray().Single().GetProperty("id").GetString();
        Assert.Equal(200, (await clerk.APIRequest.PostAsync($"/api/tasks/{taskId}/claim")).Status);
        await clerk.GotoAsync("/aufgaben");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Abwesenheit und Vertretung" }).ClickAsync();
        await clerk.WaitForPageAsync("**/abwesenheit");
        var until = DateTime.Today.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await clerk.GetByLabel("Letzter Tag").FillAsync(until);
        await clerk.GetByLabel("Vertretung").SelectOptionAsync(new SelectOptionValue { Label = "Paula Prozessgestalterin" });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Abwesenheit speichern" }).ClickAsync();
        await clerk.GetByText("Die Abwesenheit ist eingetragen.").WaitForAsync();
        Assert.Contains("Paula Prozessgestalterin", await clerk.GetByRole(AriaRole.Table).InnerTextAsync(), StringComparison.Ordinal);
        await clerk.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "abwesenheit-1280.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(clerk, "abwesenheit");

        // Paula finds Sabine's task among her own, marked, and completes it.
        await designer.GotoAsync("/aufgaben");
        var row = designer.GetByRole(AriaRole.Row).Filter(new() { HasText = "Gewerbeanmeldung prüfen" });
        Assert.Contains("Vertretung für Sabine Sachbearbeiterin", await row.InnerTextAsync(), StringComparison.Ordinal);
        await designer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "aufgaben-vertretung-1280.png"), FullPage = true });
        await row.GetByRole(AriaRole.Link, new() { Name = "Gewerbeanmeldung prüfen" }).ClickAsync();
        await designer.WaitForPageAsync("**/aufgaben/*");
        await designer.GetByLabel("Art der Tätigkeit").SelectOptionAsync(new SelectOptionValue { Label = "Handel" });
        await designer.GetByRole(AriaRole.Button, new() { Name = "Aufgabe erledigen" }).ClickAsync();
        await designer.WaitForPageAsync("**/aufgaben");
        Assert.Contains("Die Aufgabe „Gewerbeanmeldung prüfen“ ist erledigt.", await designer.InnerTextAsync("main"), StringComparison.Ordinal);
    }
}
