using System.Diagnostics;
using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 12.5 and 12.8 in the browser: a clerk decides a task, the process writes the Bescheid on the municipality's
/// letterhead, and the letter is in the Vorgang's documents and found by search.
/// </summary>
public sealed class ProcessLetterJourneyTests : BrowserTest
{
    [Fact]
    public async Task Clerk_CompletesTheDecision_AndTheProcessFilesTheBescheidOnLetterhead_FoundBySearch()
    {
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.EndToEnd", "Diagrams", "ProcessLetterJourneyTests.Sondernutzung.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Sondernutzung", resources = new[] { new { name = "sondernutzung.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);

        var page = await SignInAsync("sachbearbeitung");
        var aktenplan = await (await page.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "32.10").GetProperty("id").GetString();
        var started = await page.APIRequest.PostAsync("/api/process-instances", new()
        {
            DataObject = new
            {
                processId = "Sondernutzung",
                vorgang = new { positionId = position, title = "Sondernutzung Gehweg Marktstraße 3" },
                variables = new { antragsteller = "Erika Müller", anschrift = "Marktstraße 3, 99999 Musterstadt", antragsdatum = "2026-11-20" },
            },
        });
        Assert.Equal(201, started.Status);
        var instance = (await started.JsonAsync())!.Value;
        var aktenzeichen = instance.GetProperty("businessKey").GetString()!;

        // The clerk takes the decision from the inbox and completes it in the browser.
        await page.GotoAsync("/aufgaben?ansicht=Angeboten");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = aktenzeichen });
        await row.GetByRole(AriaRole.Button, new() { Name = "Aufgabe „Über den Antrag entscheiden“ übernehmen" }).ClickAsync();
        await page.WaitForPageAsync("**/aufgaben/*");
        await page.GetByLabel("Entscheidung").FillAsync("Die Sondernutzung des Gehwegs vor dem Haus Marktstraße 3 für einen Verkaufsstand wird vom 1. Dezember bis 24. Dezember 2026 erlaubt.");
        await page.GetByLabel("Begründung").FillAsync("Der Gehweg bleibt neben dem Stand mindestens 1,50 Meter breit; Fußgänger werden nicht behindert.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aufgabe erledigen" }).ClickAsync();
        await page.WaitForPageAsync("**/aufgaben");
        Assert.Contains("Die Aufgabe „Über den Antrag entscheiden“ ist erledigt.", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // The letter task ran with the completion: the Bescheid is among the Vorgang's documents.
        var vorgang = await (await page.APIRequest.GetAsync($"/api/process-instances/{instance.GetProperty("id").GetString()}/vorgang")).JsonAsync();
        var vorgangId = vorgang!.Value.GetProperty("vorgang").GetProperty("id").GetString();
        await page.GotoAsync($"/vorgaenge/{vorgangId}");
        await page.OpenSectionAsync("Dokumente");
        var documents = await page.Locator("#dokumente table").First.InnerTextAsync();
        Assert.Contains("Bescheid: Sondernutzung Gehweg Marktstraße 3", documents, StringComparison.Ordinal);
        Assert.Contains("Schreiben", documents, StringComparison.Ordinal);
        Assert.Contains("Formulareingabe: Über den Antrag entscheiden", documents, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "prozess-bescheid-dokumente-1280.png"), FullPage = true });

        // The PDF as filed, one page rendered for a look as a clerk would take it out of the file.
        var letter = vorgang.Value.GetProperty("dokumente").EnumerateArray().Select(d => d.GetProperty("versions")[0])
            .Single(v => v.GetProperty("dokumentType").GetString() == "Schreiben");
        var pdf = await (await page.APIRequest.GetAsync($"/api/dokument-versionen/{letter.GetProperty("id").GetString()}/content")).BodyAsync();
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        var pdfPath = Path.Combine(TestPaths.Artifacts, "prozess-bescheid.pdf");
        await File.WriteAllBytesAsync(pdfPath, pdf);
        if (File.Exists("/usr/bin/pdftoppm"))
        {
            using var render = Process.Start("/usr/bin/pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdfPath, Path.Combine(TestPaths.Artifacts, "prozess-bescheid-seite-1")]);
            await render.WaitForExitAsync();
        }

        // Search finds it by a word of its text.
        // "Widerspruch" is only in the letter: the form submission holds the decision too.
        await page.GotoAsync("/suche?q=Verkaufsstand%20Widerspruch");
        await page.GetByText("1 Treffer").WaitForAsync();
        Assert.Contains("Bescheid: Sondernutzung Gehweg Marktstraße 3", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, "prozess-bescheid-suche-1280.png"), FullPage = true });
    }
}
