using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 13.7, the designer's journey with the Vier-Augen-Prinzip (issue 13.4 and 13.5): the administrator turns it on; the
/// designer changes a model, sees a validation marker, runs the test run, sees the changes and submits the version; the
/// same designer cannot approve it; Leitung approves; the new version is live and a running instance stays on its version.
/// </summary>
public sealed class FourEyesJourneyTests : BrowserTest
{
    [Fact]
    public async Task Designer_SubmitsAVersion_LeitungApprovesIt_AndTheRunningInstanceStaysOnItsVersion()
    {
        // Version 1 goes live before the switch: with the Vier-Augen-Prinzip on, POST /api/deployments deploys nothing.
        var designer = await SignInAsync("prozessgestaltung", width: 1280);
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "ProzessePagesTests.Baugenehmigung.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Baugenehmigung", resources = new[] { new { name = "baugenehmigung.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);
        var started = await designer.APIRequest.PostAsync("/api/process-instances", new() { DataObject = new { processId = "Baugenehmigung" } });
        Assert.Equal(201, started.Status);
        var instance = (await started.JsonAsync())!.Value;
        var instanceId = instance.GetProperty("id").GetString();
        var version1 = instance.GetProperty("processDefinitionId").GetString();

        var admin = await SignInAsync("administration", width: 1280);
        await admin.GotoAsync("/verwaltung/einstellungen");
        await admin.GetByLabel("Vier-Augen-Prinzip bei Bereitstellungen").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Einstellungen speichern" }).ClickAsync();
        await admin.GetByText("Die Einstellungen sind gespeichert.").WaitForAsync();
        Assert.True(await admin.GetByLabel("Vier-Augen-Prinzip bei Bereitstellungen").IsCheckedAsync());
        await CheckAsync(admin, "vieraugen-einstellungen-1280");

        // A change with a validation marker, repaired; then the task renamed and the draft saved.
        await designer.GotoAsync("/prozesse/modellieren?prozess=Baugenehmigung");
        await designer.Locator("[data-modeler-ready='true']").WaitForAsync();
        await designer.GetByText("Ihre Gemeinde hat das Vier-Augen-Prinzip eingeschaltet").WaitForAsync();
        await designer.Locator(".djs-element[data-element-id='Flow_1']").ClickAsync(new() { Force = true });
        await designer.Locator(".djs-context-pad .entry[data-action='delete']").ClickAsync();
        await designer.Locator(".djs-element.amtsweg-problem-error[data-element-id='Pruefen']").WaitForAsync();
        await designer.Locator(".djs-element[data-element-id='Eingang']").ClickAsync();
        await designer.Locator(".djs-context-pad .entry[data-action='connect']").ClickAsync();
        var target = (await designer.Locator(".djs-element[data-element-id='Pruefen'] .djs-hit").BoundingBoxAsync())!;
        await designer.Mouse.MoveAsync(target.X + (target.Width / 2), target.Y + (target.Height / 2), new() { Steps = 10 });
        await designer.Mouse.ClickAsync(target.X + (target.Width / 2), target.Y + (target.Height / 2));
        await designer.GetByText("Keine Probleme: Das Modell kann bereitgestellt werden.").WaitForAsync();
        await designer.Locator(".djs-element[data-element-id='Pruefen']").ClickAsync();
        var name = designer.Locator("[data-modeler-panel] #bio-properties-panel-name");
        if (!await name.IsVisibleAsync())
        {
            await designer.Locator("[data-modeler-panel] .bio-properties-panel-group-header", new() { HasText = "Allgemein" }).ClickAsync();
        }

        await name.FillAsync("Unterlagen vollständig prüfen");
        await designer.Locator(".djs-element[data-element-id='Pruefen'] text").GetByText("vollständig").WaitForAsync();
        await designer.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await designer.GetByText("Entwurf gespeichert").WaitForAsync();

        // The test run of the draft, once.
        await designer.GotoAsync("/prozesse/modellieren?prozess=Baugenehmigung");
        await designer.Locator("[data-modeler-ready='true']").WaitForAsync();
        await designer.GetByRole(AriaRole.Link, new() { Name = "Probelauf" }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/testen?entwurf=*");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Probelauf starten" }).ClickAsync();
        await designer.Locator("[data-diagram-ready='true']").WaitForAsync();

        // The changes to the running version, then the submission.
        await designer.GotoAsync("/prozesse/modellieren?prozess=Baugenehmigung");
        await designer.Locator("[data-modeler-ready='true']").WaitForAsync();
        await designer.GetByRole(AriaRole.Button, new() { Name = "Änderungen anzeigen" }).ClickAsync();
        await designer.GetByText("Benutzeraufgabe „Unterlagen vollständig prüfen“ ist geändert.").WaitForAsync();
        await designer.GetByLabel("Kommentar zur neuen Version").FillAsync("Prüfschritt heißt jetzt „vollständig prüfen“.");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Zur Freigabe vorlegen" }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/freigaben/*");
        await designer.GetByText("Die Version wartet auf Freigabe durch eine zweite Person").WaitForAsync();
        await designer.GetByText("Offen – wartet auf Freigabe").WaitForAsync();
        await designer.GetByText("Sie haben diese Version selbst vorgelegt.").WaitForAsync();
        Assert.Equal(0, await designer.GetByRole(AriaRole.Button, new() { Name = "Freigeben und bereitstellen" }).CountAsync());
        await designer.Locator("[data-diagram-ready='true']").WaitForAsync();
        await designer.Locator(".djs-element.amtsweg-change-changed[data-element-id='Pruefen']").WaitForAsync();
        await CheckAsync(designer, "vieraugen-vorgelegt-1280");
        var requestUrl = designer.Url;

        // Leitung finds it from /prozesse and approves it.
        var head = await SignInAsync("leitung", width: 1024);
        await head.GotoAsync("/prozesse");
        await head.GetByRole(AriaRole.Link, new() { Name = "Eine Version wartet auf Freigabe." }).ClickAsync();
        await head.WaitForPageAsync("**/prozesse/freigaben");
        await CheckAsync(head, "vieraugen-liste-1024");
        await head.GetByRole(AriaRole.Link, new() { Name = "Prozess „Baugenehmigung prüfen“" }).ClickAsync();
        await head.Locator("[data-diagram-ready='true']").WaitForAsync();
        await CheckAsync(head, "vieraugen-freigabe-1024");
        await head.GetByRole(AriaRole.Button, new() { Name = "Freigeben und bereitstellen" }).ClickAsync();
        await head.GetByText("Freigegeben: „Baugenehmigung prüfen“ ist als Version 2 bereitgestellt.").WaitForAsync();
        await CheckAsync(head, "vieraugen-freigegeben-1024");
        Assert.Equal(requestUrl, head.Url);

        await head.GotoAsync("/prozesse");
        var overview = await head.InnerTextAsync("main");
        Assert.Contains("Version 2", overview, StringComparison.Ordinal);
        Assert.Contains("Vier-Augen-Prinzip: vorgelegt von Paula Prozessgestalterin, freigegeben von Lars Leiter", overview, StringComparison.Ordinal);
        var running = (await (await designer.APIRequest.GetAsync($"/api/process-instances/{instanceId}")).JsonAsync())!.Value;
        Assert.Equal(version1, running.GetProperty("processDefinitionId").GetString());
    }

    [Fact]
    public async Task Designer_SubmitsADecision_LeitungSeesTheLinesAndApprovesIt()
    {
        var admin = await SignInAsync("administration", width: 1024);
        await admin.GotoAsync("/verwaltung/einstellungen");
        await admin.GetByLabel("Vier-Augen-Prinzip bei Bereitstellungen").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Einstellungen speichern" }).ClickAsync();
        await admin.GetByText("Die Einstellungen sind gespeichert.").WaitForAsync();

        var designer = await SignInAsync("prozessgestaltung", width: 1024);
        await designer.GotoAsync("/prozesse/entscheidungen/bearbeiten");
        await designer.Locator("[data-editor-ready='true']").WaitForAsync();
        await designer.GetByText("Keine Probleme: Die Entscheidung kann bereitgestellt werden.").WaitForAsync();
        await designer.GetByText("Ihre Gemeinde hat das Vier-Augen-Prinzip eingeschaltet").WaitForAsync();
        Assert.Equal(0, await designer.GetByRole(AriaRole.Button, new() { Name = "Bereitstellen", Exact = true }).CountAsync());
        await CheckAsync(designer, "vieraugen-entscheidung-editor-1024");
        await designer.GetByLabel("Kommentar zur neuen Version").FillAsync("Gebühr nach Betrag, erste Fassung.");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Zur Freigabe vorlegen" }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/freigaben/*");
        await designer.GetByText("Die Version wartet auf Freigabe durch eine zweite Person").WaitForAsync();
        var requestUrl = designer.Url;

        var head = await SignInAsync("leitung", width: 1024);
        await head.GotoAsync(requestUrl);
        await head.GetByRole(AriaRole.Heading, new() { Name = "Freigabe: Entscheidung „Gebühr“" }).WaitForAsync();
        await head.GetByText("Die Entscheidungen dieser Datei wurden bisher nicht bereitgestellt; alle Zeilen sind neu.").WaitForAsync();
        Assert.True(await head.Locator(".text-diff ins").CountAsync() > 10);
        await CheckAsync(head, "vieraugen-entscheidung-freigabe-1024");
        await head.GetByRole(AriaRole.Button, new() { Name = "Freigeben und bereitstellen" }).ClickAsync();
        await head.GetByText("Freigegeben: „Gebühr“ ist als Version 1 bereitgestellt.").WaitForAsync();

        await head.GotoAsync("/prozesse/entscheidungen");
        var list = await head.InnerTextAsync("main");
        Assert.Contains("Vier-Augen-Prinzip: vorgelegt von Paula Prozessgestalterin, freigegeben von Lars Leiter", list, StringComparison.Ordinal);
    }

    private static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, $"{name}.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, name);
    }
}
