using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 13.2: a process designer makes a new decision table in the decision editor, writes a rule cell that is no FEEL,
/// sees the marker at the cell and at the decision in the diagram, repairs it, saves a draft and deploys it with a comment
/// — without a script error or a violation of the content security policy.
/// </summary>
public sealed class DecisionEditorJourneyTests : BrowserTest
{
    [Fact]
    public async Task Designer_MakesADecision_BreaksAndRepairsARuleCell_SavesADraft_AndDeploysItWithAComment()
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

        await designer.GotoAsync("/prozesse");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Entscheidungen", Exact = true }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/entscheidungen");
        // The demo municipality has the decisions of its standard processes (library/) deployed.
        await designer.GetByText("Gebühren für die Herausgabe").First.WaitForAsync();
        await CheckAsync(designer, "entscheidungen-1280");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Neue Entscheidung" }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/entscheidungen/bearbeiten");
        await designer.Locator("[data-editor-ready='true']").WaitForAsync();
        await designer.GetByText("Keine Probleme: Die Entscheidung kann bereitgestellt werden.").WaitForAsync();
        var decision = designer.Locator(".djs-element[data-element-id^='Entscheidung_']");
        await decision.First.WaitForAsync();
        await CheckAsync(designer, "entscheidung-diagramm-1280");
        await EnglishWords.AssertNoneShownAsync(designer, "Diagramm");
        await decision.First.ClickAsync();
        await designer.Locator(".djs-context-pad .entry").First.WaitForAsync();
        await EnglishWords.AssertNoneShownAsync(designer, "Kontextmenü der Entscheidung im Diagramm");

        // The decision table, opened from the views above the editor.
        await designer.Locator("[data-decision-views] button", new() { HasText = "Gebühr" }).ClickAsync();
        var cell = designer.Locator("td[data-row-id='Rule_1'][data-col-id='Input_1']");
        await cell.WaitForAsync();
        await CheckAsync(designer, "entscheidung-tabelle-1280");
        await WalkTheTableInGermanAsync(designer, cell);

        // A rule cell that is no FEEL: the server's check marks the cell and lists the problem with rule and column.
        await EditCellAsync(designer, cell, "<");
        var problem = designer.Locator("[data-problems] button", new() { HasText = "Regel 1, Eingabe „Betrag“" });
        await problem.WaitForAsync();
        await designer.Locator("td.amtsweg-cell-problem.error[data-row-id='Rule_1'][data-col-id='Input_1']").WaitForAsync();
        await designer.GetByText("Die Entscheidung hat ein Problem. Ein Klick öffnet die Stelle im Editor.").WaitForAsync();
        await CheckAsync(designer, "entscheidung-fehler-tabelle-1280");

        // In the diagram the decision carries the marker and a badge.
        await designer.Locator("[data-decision-views] button", new() { HasText = "Diagramm" }).ClickAsync();
        await designer.Locator(".djs-element.amtsweg-problem-error[data-element-id^='Entscheidung_']").WaitForAsync();
        await designer.Locator(".djs-overlay .amtsweg-problem-badge").First.WaitForAsync();
        await CheckAsync(designer, "entscheidung-fehler-diagramm-1280");

        // A click on the problem opens the table at the cell; repaired there.
        await problem.ClickAsync();
        await cell.WaitForAsync();
        await designer.Locator("td.amtsweg-cell-problem.error[data-row-id='Rule_1'][data-col-id='Input_1']").WaitForAsync();
        await EditCellAsync(designer, cell, "Delete");
        await designer.GetByText("Keine Probleme: Die Entscheidung kann bereitgestellt werden.").WaitForAsync();
        Assert.Equal(0, await designer.Locator(".amtsweg-cell-problem").CountAsync());

        await designer.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await designer.GetByText("Entwurf gespeichert").WaitForAsync();
        await designer.SetViewportSizeAsync(1024, 900);
        await CheckAsync(designer, "entscheidung-entwurf-1024");

        // The draft is listed and opens again where the designer left it.
        await designer.GetByRole(AriaRole.Link, new() { Name = "Zurück zu den Entscheidungen" }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/entscheidungen");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Entwurf löschen – Gebühr" }).WaitForAsync();
        await CheckAsync(designer, "entscheidungen-entwurf-1024");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Gebühr", Exact = true }).ClickAsync();
        await designer.Locator("[data-editor-ready='true']").WaitForAsync();
        await designer.Locator("[data-decision-views] button", new() { HasText = "Gebühr" }).ClickAsync();
        await designer.Locator("td[data-row-id='Rule_1'][data-col-id='Input_1']", new() { HasText = "< 100" }).WaitForAsync();

        await designer.GetByLabel("Kommentar zur neuen Version").FillAsync("Gebühr nach Betrag, erste Fassung.");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Bereitstellen", Exact = true }).ClickAsync();
        await designer.WaitForPageAsync("**/prozesse/entscheidungen");
        await designer.GetByText("Bereitgestellt: „Gebühr“ als Version 1.").WaitForAsync();
        var list = await designer.InnerTextAsync("main");
        Assert.Contains("Version 1", list, StringComparison.Ordinal);
        Assert.Contains("Gebühr nach Betrag, erste Fassung.", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Entwürfe", list, StringComparison.Ordinal);
        await CheckAsync(designer, "entscheidungen-bereitgestellt-1024");
        Assert.True(problems.Count == 0, "Script errors or policy violations: " + string.Join(" | ", problems));
    }

    // The table's head, its hit policies, a column's editor with its types, a rule's context menu and a cell's editor:
    // each opened, looked at, and read for English words (dmn-js draws them unless our translation reaches them).
    private static async Task WalkTheTableInGermanAsync(IPage page, ILocator cell)
    {
        await page.Locator(".hit-policy-value, .hit-policy-edit-policy-select", new() { HasText = "Eindeutig" }).First.WaitForAsync();
        await page.Locator("th.input-cell .input-variable", new() { HasText = "Zahl" }).WaitForAsync();
        await EnglishWords.AssertNoneShownAsync(page, "Tabelle");

        await page.Locator(".hit-policy-edit-policy-select").ClickAsync();
        await page.Locator(".dms-select-options .option", new() { HasText = "Sammeln (Summe)" }).WaitForAsync();
        await CheckAsync(page, "entscheidung-trefferrichtlinien-1280");
        await EnglishWords.AssertNoneShownAsync(page, "Trefferrichtlinien");
        await page.Keyboard.PressAsync("Escape");
        await page.Locator(".dms-select-options").WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await page.Locator("th.input-cell").First.DblClickAsync();
        var typeSelect = page.Locator(".context-menu .type-ref-edit-select");
        await typeSelect.WaitForAsync();
        Assert.Equal("Zahl", await typeSelect.Locator("input").InputValueAsync());
        await typeSelect.ClickAsync();
        await page.Locator(".dms-select-options .option", new() { HasText = "Wahrheitswert" }).WaitForAsync();
        await CheckAsync(page, "entscheidung-eingabe-typen-1280");
        await EnglishWords.AssertNoneShownAsync(page, "Eingabe mit ihren Typen");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Escape");
        await page.Locator(".context-menu").WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await cell.ClickAsync(new() { Button = MouseButton.Right });
        await page.Locator(".context-menu").WaitForAsync();
        await EnglishWords.AssertNoneShownAsync(page, "Kontextmenü einer Regel");
        await page.Keyboard.PressAsync("Escape");
        await page.Locator(".context-menu").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    // A cell of a dmn-js decision table is edited in place, at the start of its text: a character typed there, or the first
    // one deleted. (Replacing the whole text makes Chromium keep the old text's look in a <span style>, which the CSP
    // refuses; dmn-js keeps only the text either way.)
    private static async Task EditCellAsync(IPage page, ILocator cell, string edit)
    {
        await cell.ClickAsync();
        var editable = cell.Locator("[contenteditable]").First;
        await editable.FocusAsync();
        await page.Keyboard.PressAsync("Home");
        if (edit == "Delete")
        {
            await page.Keyboard.PressAsync("Delete");
        }
        else
        {
            await page.Keyboard.TypeAsync(edit);
        }
    }

    // A look at each state: a screenshot to read, and axe.
    private static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, $"{name}.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, name);
    }
}
