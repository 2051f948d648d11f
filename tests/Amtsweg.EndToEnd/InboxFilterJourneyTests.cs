using System.Globalization;
using System.Text.RegularExpressions;
using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>Issue 12.1 in the browser: a clerk filters the inbox, saves the filter under a name and opens it again from its link.</summary>
public sealed partial class InboxFilterJourneyTests : BrowserTest
{
    [Fact]
    public async Task Clerk_FiltersInbox_SavesTheFilter_AndOpensItFromTheLink()
    {
        var designer = await SignInAsync("prozessgestaltung");
        foreach (var (name, file) in new[] { ("Gewerbe", "TaskPageTests.Gewerbe.bpmn"), ("Fristen", "InboxFilterTests.Fristen.bpmn") })
        {
            var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", file));
            var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name, resources = new[] { new { name = file, content = diagram } } } });
            Assert.Equal(201, deployed.Status);
        }

        // An overdue Fristen task, one due later, and an (overdue) Gewerbeanmeldung, all offered to the clerks.
        var clerk = await SignInAsync("sachbearbeitung");
        string Day(int days) => DateTime.UtcNow.Date.AddDays(days).AddHours(10).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        foreach (var due in new[] { Day(-3), Day(20) })
        {
            var started = await clerk.APIRequest.PostAsync("/api/process-instances", new() { DataObject = new { processId = "Fristen", variables = new { gruppen = new[] { "Sachbearbeitung" }, due } } });
            Assert.Equal(201, started.Status);
        }

        Assert.Equal(201, (await clerk.APIRequest.PostAsync("/api/process-instances", new() { DataObject = new { processId = "Gewerbeanmeldung", businessKey = "32.10-0003/2026" } })).Status);

        // Filtered by process and due date in the form (a GET form: the address keeps the filter).
        await clerk.GotoAsync("/aufgaben?ansicht=Angeboten");
        await clerk.GetByLabel("Prozess").SelectOptionAsync(new SelectOptionValue { Label = "Fristenkontrolle" });
        await clerk.GetByLabel("Fälligkeit").SelectOptionAsync(new SelectOptionValue { Label = "überfällig" });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Anwenden" }).ClickAsync();
        await clerk.WaitForPageAsync(FilteredAddress());
        await clerk.GetByText("Eine Aufgabe passt zum Filter.").WaitForAsync();
        var rows = clerk.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        Assert.Equal(2, await rows.CountAsync());
        Assert.Contains("überfällig seit", await rows.Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await clerk.GetByRole(AriaRole.Row).Filter(new() { HasText = "Gewerbeanmeldung prüfen" }).CountAsync());

        // Saved under a name, it appears as a link above the list and opens again from another view.
        await clerk.GetByLabel("Name für diesen Filter").FillAsync("Fristen überfällig");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Filter speichern" }).ClickAsync();
        await clerk.GetByText("Der Filter „Fristen überfällig“ ist gespeichert.").WaitForAsync();
        await clerk.GotoAsync("/aufgaben");
        await clerk.GetByRole(AriaRole.Navigation, new() { Name = "Gespeicherte Filter" }).GetByRole(AriaRole.Link, new() { Name = "Fristen überfällig" }).ClickAsync();
        await clerk.WaitForPageAsync(FilteredAddress());
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Angeboten" }).ClickAsync();
        await clerk.WaitForPageAsync(new Regex("ansicht=Angeboten&prozess=Fristen&faellig=Ueberfaellig$"));
        await clerk.GetByText("Eine Aufgabe passt zum Filter.").WaitForAsync();
        Assert.Equal("Fristen", await clerk.GetByLabel("Prozess").InputValueAsync());
        Assert.Equal("Ueberfaellig", await clerk.GetByLabel("Fälligkeit").InputValueAsync());
        await clerk.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "aufgaben-filter-1280.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(clerk, "aufgaben-filter");

        // Deleted, it is gone.
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Filter „Fristen überfällig“ löschen" }).ClickAsync();
        await clerk.GetByText("Der Filter „Fristen überfällig“ ist gelöscht.").WaitForAsync();
        Assert.Equal(0, await clerk.GetByRole(AriaRole.Link, new() { Name = "Fristen überfällig" }).CountAsync());
    }

    [GeneratedRegex("prozess=Fristen&faellig=Ueberfaellig")]
    private static partial Regex FilteredAddress();
}
