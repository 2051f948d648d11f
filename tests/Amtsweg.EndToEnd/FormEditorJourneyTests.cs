using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 13.2: a process designer opens a deployed form in the form editor, renames a field, breaks its validation pattern,
/// sees the marker at the field, repairs it, saves a draft and deploys it with a comment as a new version — without a
/// script error or a violation of the content security policy.
/// </summary>
public sealed class FormEditorJourneyTests : BrowserTest
{
    [Fact]
    public async Task Designer_RenamesAField_BreaksAndRepairsIt_SavesADraft_AndDeploysItWithAComment()
    {
        var designer = await SignInAsync("prozessgestaltung", width: 1280);
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
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Antrag", resources = new[] { new { name = "antrag.form", content = Antrag } } } });
        Assert.Equal(201, deployed.Status);

        await designer.GotoAsync("/prozesse");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Formulare", Exact = true }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/formulare");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Bearbeiten – Antrag_Zuschuss" }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/formulare/bearbeiten?formular=Antrag_Zuschuss");
        await designer.Locator("[data-editor-ready='true']").WaitForAsync();
        await designer.GetByText("Keine Probleme: Das Formular kann bereitgestellt werden.").WaitForAsync();
        Assert.True(problems.Count == 0, "Script errors or policy violations: " + string.Join(" | ", problems));
        await CheckAsync(designer, "formular-editor-1280");
        // The palette and the properties panel speak German: the form's own properties, and every group of a field's.
        await designer.Locator(".fjs-palette").GetByText("Textfeld", new() { Exact = true }).WaitForAsync(new() { Timeout = 5000 });
        await designer.Locator(".bio-properties-panel-header-type", new() { HasText = "Formular" }).WaitForAsync();
        await EnglishWords.AssertNoneShownAsync(designer, "Formular geöffnet");
        await designer.Locator(".fjs-element[data-id='Field_Personen']").ClickAsync();
        await designer.Locator(".fjs-editor-selected[data-id='Field_Personen']").WaitForAsync();
        await OpenEveryGroupAsync(designer);
        await CheckAsync(designer, "formular-editor-zahl-1280");
        await EnglishWords.AssertNoneShownAsync(designer, "Eigenschaften eines Zahlenfeldes");

        // The field's label, changed in the properties panel.
        var field = designer.Locator(".fjs-element[data-id='Field_Antragsteller']");
        await field.ClickAsync();
        await designer.Locator(".fjs-editor-selected[data-id='Field_Antragsteller']").WaitForAsync();
        var label = designer.Locator("#bio-properties-panel-label");
        if (!await label.IsVisibleAsync())
        {
            await designer.Locator(".bio-properties-panel-group-header", new() { HasText = "Allgemein" }).ClickAsync();
        }

        await label.FillAsync("Name der antragstellenden Person");
        await field.GetByText("Name der antragstellenden Person").WaitForAsync();
        await OpenEveryGroupAsync(designer);
        await EnglishWords.AssertNoneShownAsync(designer, "Eigenschaften eines Textfeldes");

        // A validation pattern that is no regular expression: the server's check marks the field and lists the problem.
        var pattern = designer.Locator("#bio-properties-panel-pattern");
        if (!await pattern.IsVisibleAsync())
        {
            await designer.Locator(".bio-properties-panel-group-header", new() { HasText = "Prüfung" }).ClickAsync();
        }

        await pattern.FillAsync("[a-");
        var problem = designer.Locator("[data-problems] button", new() { HasText = "kein gültiger regulärer Ausdruck" });
        await problem.WaitForAsync();
        await designer.Locator(".fjs-element.amtsweg-field-problem.error[data-id='Field_Antragsteller']").WaitForAsync();
        await designer.GetByText("Das Formular hat ein Problem. Ein Klick wählt die Komponente im Editor aus.").WaitForAsync();
        await CheckAsync(designer, "formular-editor-fehler-1280");
        await designer.Locator(".fjs-element[data-id='Field_Personen']").ClickAsync();
        await problem.ClickAsync();
        await designer.Locator(".fjs-editor-selected[data-id='Field_Antragsteller']").WaitForAsync();

        await designer.Locator("#bio-properties-panel-pattern").FillAsync("[A-Za-zÄÖÜäöüß .-]+");
        await designer.GetByText("Keine Probleme: Das Formular kann bereitgestellt werden.").WaitForAsync();
        Assert.Equal(0, await designer.Locator(".amtsweg-field-problem").CountAsync());

        await designer.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await designer.GetByText("Entwurf gespeichert").WaitForAsync();
        await designer.SetViewportSizeAsync(1024, 900);
        await CheckAsync(designer, "formular-editor-entwurf-1024");

        // The draft is listed and opens again where the designer left it.
        await designer.GetByRole(AriaRole.Link, new() { Name = "Zurück zu den Formularen" }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/formulare");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Entwurf löschen – Antrag_Zuschuss" }).WaitForAsync();
        await CheckAsync(designer, "formulare-entwurf-1024");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Entwurf bearbeiten – Antrag_Zuschuss" }).First.ClickAsync();
        await designer.Locator("[data-editor-ready='true']").WaitForAsync();
        await designer.Locator(".fjs-element[data-id='Field_Antragsteller']").GetByText("Name der antragstellenden Person").WaitForAsync();

        // The changes to the running version, line by line.
        await designer.GetByRole(AriaRole.Button, new() { Name = "Änderungen anzeigen" }).ClickAsync();
        await designer.GetByText("Verglichen mit der bereitgestellten Version 1 des Formulars:").WaitForAsync();
        var changes = designer.Locator("[data-changes-result]");
        await changes.Locator("ins.line-added", new() { HasText = "Name der antragstellenden Person" }).WaitForAsync();
        Assert.Equal(1, await changes.Locator("del.line-removed", new() { HasText = "\"label\"" }).CountAsync());
        await CheckAsync(designer, "formular-aenderungen-1024");

        await designer.GetByLabel("Kommentar zur neuen Version").FillAsync("Beschriftung geschlechtergerecht, Name geprüft.");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Bereitstellen", Exact = true }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/formulare");
        await designer.GetByText("Das Formular „Antrag_Zuschuss“ ist als Version 2 bereitgestellt.").WaitForAsync();
        var list = await designer.InnerTextAsync("main");
        Assert.Contains("Version 2", list, StringComparison.Ordinal);
        Assert.Contains("Beschriftung geschlechtergerecht, Name geprüft.", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Entwürfe", list, StringComparison.Ordinal);
        await CheckAsync(designer, "formulare-neue-version-1024");

        var stored = await (await designer.APIRequest.GetAsync("/prozesse/formulare/bearbeiten?formular=Antrag_Zuschuss")).TextAsync();
        Assert.Contains("Name der antragstellenden Person", stored, StringComparison.Ordinal);
        Assert.True(problems.Count == 0, "Script errors or policy violations: " + string.Join(" | ", problems));
    }

    // The properties panel shows a group's fields when the group is open; the closed ones are opened one by one (a list
    // group without entries has nothing to open).
    private static async Task OpenEveryGroupAsync(IPage page)
    {
        var headers = page.Locator(".bio-properties-panel-group-header");
        for (var i = 0; i < await headers.CountAsync(); i++)
        {
            var header = headers.Nth(i);
            var classes = await header.GetAttributeAsync("class") ?? "";
            var emptyList = classes.Contains("empty", StringComparison.Ordinal) && await header.Locator(".bio-properties-panel-add-entry").CountAsync() > 0;
            if (!classes.Split(' ').Contains("open") && !emptyList)
            {
                await header.ClickAsync();
                await Assertions.Expect(header).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bopen\b"));
            }
        }
    }

    // A look at each state: a screenshot to read, and axe.
    private static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, $"{name}.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, name);
    }

    private const string Antrag = """
        {
          "components": [
            {
              "label": "Antragsteller",
              "type": "textfield",
              "layout": { "row": "Row_1", "columns": null },
              "id": "Field_Antragsteller",
              "key": "antragsteller",
              "validate": { "required": true }
            },
            {
              "label": "Anzahl Personen",
              "type": "number",
              "layout": { "row": "Row_2", "columns": null },
              "id": "Field_Personen",
              "key": "personen"
            }
          ],
          "type": "default",
          "id": "Antrag_Zuschuss",
          "executionPlatform": "Camunda Cloud",
          "executionPlatformVersion": "8.6.0",
          "exporter": { "name": "Camunda Modeler", "version": "5.31.0" },
          "schemaVersion": 18
        }
        """;
}
