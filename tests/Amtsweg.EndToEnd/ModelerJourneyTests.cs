using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 13.2 and 13.4: a process designer changes a deployed process in the modeler, breaks it, sees the validator's
/// marker on the element, repairs it, saves a draft and deploys it with a comment as a new version.
/// </summary>
public sealed class ModelerJourneyTests : BrowserTest
{
    [Fact]
    public async Task Designer_RenamesATask_BreaksAndRepairsTheModel_SavesADraft_AndDeploysItWithAComment()
    {
        var designer = await SignInAsync("prozessgestaltung", width: 1400);
        var problems = new List<string>();
        await designer.Context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        designer.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        designer.PageError += (_, error) => problems.Add(error);
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "ProzessePagesTests.Baugenehmigung.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Baugenehmigung", resources = new[] { new { name = "baugenehmigung.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);

        await designer.GotoAsync("/prozesse");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Bearbeiten – Baugenehmigung prüfen" }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/modellieren?prozess=Baugenehmigung");
        await designer.Locator("[data-modeler-ready='true']").WaitForAsync();
        await designer.GetByText("Keine Probleme: Das Modell kann bereitgestellt werden.").WaitForAsync();
        await CheckAsync(designer, "modeler-1400");

        Assert.True(problems.Count == 0, "Script errors or policy violations: " + string.Join(" | ", problems));

        // The task's name, changed in the properties panel.
        await designer.Locator(".djs-element[data-element-id='Pruefen']").ClickAsync();
        await designer.Locator("[data-modeler-panel] .bio-properties-panel-header-type", new() { HasText = "Benutzeraufgabe" }).WaitForAsync();
        var name = designer.Locator("[data-modeler-panel] #bio-properties-panel-name");
        if (!await name.IsVisibleAsync())
        {
            await designer.Locator("[data-modeler-panel] .bio-properties-panel-group-header", new() { HasText = "Allgemein" }).ClickAsync();
        }

        await name.FillAsync("Unterlagen vollständig prüfen");
        await designer.Locator(".djs-element[data-element-id='Pruefen'] text").GetByText("vollständig").WaitForAsync();

        // The flow into the task removed: the validator marks the task and lists the problem.
        await designer.Locator(".djs-element[data-element-id='Flow_1']").ClickAsync(new() { Force = true });
        await designer.Locator(".djs-context-pad .entry[data-action='delete']").ClickAsync();
        var problem = designer.Locator("[data-problems] button", new() { HasText = "Unterlagen vollständig prüfen" });
        await problem.First.WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-problem-error[data-element-id='Pruefen']").WaitForAsync();
        await designer.Locator(".djs-overlay .amtsweg-problem-badge").First.WaitForAsync();
        await CheckAsync(designer, "modeler-fehler-1400");
        await problem.First.ClickAsync();
        await designer.Locator(".djs-element.selected[data-element-id='Pruefen']").WaitForAsync();

        // Repaired the way a designer does it: connect the start event to the task again.
        await designer.Locator(".djs-element[data-element-id='Eingang']").ClickAsync();
        await designer.Locator(".djs-context-pad .entry[data-action='connect']").ClickAsync();
        var target = (await designer.Locator(".djs-element[data-element-id='Pruefen'] .djs-hit").BoundingBoxAsync())!;
        await designer.Mouse.MoveAsync(target.X + (target.Width / 2), target.Y + (target.Height / 2), new() { Steps = 10 });
        await designer.Mouse.ClickAsync(target.X + (target.Width / 2), target.Y + (target.Height / 2));
        await designer.GetByText("Keine Probleme: Das Modell kann bereitgestellt werden.").WaitForAsync();
        Assert.Equal(0, await designer.Locator(".djs-element.amtsweg-problem-error").CountAsync());

        await designer.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await designer.GetByText("Entwurf gespeichert").WaitForAsync();
        await designer.SetViewportSizeAsync(1024, 900);
        await CheckAsync(designer, "modeler-entwurf-1024");

        // The draft is listed on /prozesse and opens again where the designer left it.
        await designer.GetByRole(AriaRole.Link, new() { Name = "Zurück zu den Prozessen" }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Entwurf löschen – Baugenehmigung prüfen" }).WaitForAsync();
        await CheckAsync(designer, "prozesse-entwurf-1024");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Entwurf bearbeiten – Baugenehmigung prüfen" }).ClickAsync();
        await designer.Locator("[data-modeler-ready='true']").WaitForAsync();
        await designer.Locator(".djs-element[data-element-id='Pruefen'] text").GetByText("vollständig").WaitForAsync();

        await designer.GetByLabel("Kommentar zur neuen Version").FillAsync("Prüfschritt heißt jetzt „vollständig prüfen“.");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Bereitstellen", Exact = true }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse");
        await designer.GetByText("„Baugenehmigung prüfen“ ist als Version 2 bereitgestellt. Laufende Instanzen bleiben auf ihrer Version.").WaitForAsync();
        var overview = await designer.InnerTextAsync("main");
        Assert.Contains("Version 2", overview, StringComparison.Ordinal);
        Assert.Contains("Prüfschritt heißt jetzt „vollständig prüfen“.", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("Entwürfe", overview, StringComparison.Ordinal);
        await CheckAsync(designer, "prozesse-neue-version-1024");
        Assert.True(problems.Count == 0, "Script errors or policy violations: " + string.Join(" | ", problems));
    }

    // A look at each state: a screenshot to read, and axe.
    private static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, $"{name}.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, name);
    }
}
