using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 12, item 8: the clerk's main journey with the keyboard alone, and with a dynamic list whose items are added
/// without JavaScript — from the navigation to the inbox, taking the task, a form error, the correction, done.
/// </summary>
public sealed class KeyboardJourneyTests : BrowserTest
{
    [Fact]
    public async Task Clerk_TakesAndCompletesATaskWithAListForm_WithTheKeyboardAlone()
    {
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "TaskFormApiTests.Anlagen.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Bauantrag", resources = new[] { new { name = "bauantrag.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);
        var page = await SignInAsync("sachbearbeitung");
        var aktenplan = await (await page.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "32.10").GetProperty("id").GetString();
        var started = await page.APIRequest.PostAsync("/api/process-instances", new()
        {
            DataObject = new { processId = "Bauantrag", vorgang = new { positionId = position, title = "Bauantrag Lindenweg 7" } },
        });
        Assert.Equal(201, started.Status);

        // From the start page through the navigation to the tasks offered to the clerk's group; taken with Enter.
        await page.TabToAsync("Aufgaben");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync("**/aufgaben");
        await page.TabToAsync("Angeboten");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync("**/aufgaben?ansicht=Angeboten");
        await page.TabToAsync("Aufgabe „Anlagen erfassen“ übernehmen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync("**/aufgaben/*");

        // The first Anlage, then „Eintrag hinzufügen“: the page comes back with the new item focused, the first kept.
        await page.TabToAsync("Bezeichnung der Anlage");
        await page.Keyboard.TypeAsync("Lageplan");
        await page.TabToAsync("Eintrag hinzufügen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.activeElement.tagName === 'FIELDSET'");
        Assert.Equal("Eintrag 2", await page.FocusedNameAsync());
        await page.Keyboard.PressAsync("Tab");
        Assert.StartsWith("Bezeichnung der Anlage", await page.FocusedNameAsync(), StringComparison.Ordinal);
        await page.Keyboard.TypeAsync("Bauzeichnung");
        Assert.Equal("Lageplan", await page.Locator("[name='anlagen[0].bezeichnung']").InputValueAsync());
        await Accessibility.AssertNoViolationsAsync(page, "aufgabe-liste");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "aufgabe-liste-tastatur-1280.png"), FullPage = true });

        // Enter in a field submits the form (it does not remove the first item): the Bauherr is missing, and the
        // summary has the focus; its link puts the focus into the field.
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.activeElement.classList.contains('error-summary')");
        Assert.Equal(["Lageplan", "Bauzeichnung"], await page.Locator("[name$='].bezeichnung']").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)"));
        await page.TabToAsync("Bauherr");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.activeElement.id === 'field-bauherr'");
        await page.Keyboard.TypeAsync("Karin Brandt");
        await page.TabToAsync("Aufgabe erledigen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync("**/aufgaben");
        Assert.Contains("Die Aufgabe „Anlagen erfassen“ ist erledigt.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clerk_TakesInAnAntragAndWritesANoteInItsVorgang_WithTheKeyboardAlone()
    {
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "StartPagesTests.Gewerbeanmeldung.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Gewerbeanmeldung", resources = new[] { new { name = "gewerbeanmeldung.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);
        var page = await SignInAsync("sachbearbeitung");

        // From the start page's tile to the process, then its start form: a select is chosen by typing, as a keyboard user does.
        await page.TabToAsync("Antrag aufnehmen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync("**/antraege/neu");
        await page.TabToAsync("Gewerbeanmeldung");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync("**/antraege/neu/*");
        await page.TabToAsync("Name des Betriebs");
        await page.Keyboard.TypeAsync("Bäckerei Korn");
        await page.TabToAsync("Art der Tätigkeit");
        await page.Keyboard.TypeAsync("Handw");
        await page.TabToAsync("Aktenplanposition");
        await page.Keyboard.TypeAsync("32.10");
        Assert.Equal("Handwerk", await page.GetByLabel("Art der Tätigkeit").Locator("option:checked").InnerTextAsync());
        Assert.StartsWith("32.10", await page.GetByLabel("Aktenplanposition").Locator("option:checked").InnerTextAsync(), StringComparison.Ordinal);
        await page.TabToAsync("Antrag aufnehmen und Vorgang anlegen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync("**/vorgaenge/*");
        Assert.Contains("Der Antrag wurde aufgenommen", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // In the Vorgang: the section's link, the action behind its summary, the note, saved.
        await page.TabToAsync("Vermerke");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync("**/vorgaenge/*?abschnitt=vermerke#vermerke");
        await page.TabToAsync("Vermerk schreiben");
        await page.Keyboard.PressAsync("Enter");
        await page.TabToAsync("Neuer Vermerk");
        await page.Keyboard.TypeAsync("Antragsteller telefonisch erreicht, Unterlagen folgen.");
        await page.TabToAsync("Vermerk speichern");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByText("Der Vermerk wurde gespeichert.").WaitForAsync();
        Assert.Contains("Antragsteller telefonisch erreicht, Unterlagen folgen.", await page.InnerTextAsync("#vermerke"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "vorgang-vermerk-tastatur-1280.png"), FullPage = true });
    }
}
