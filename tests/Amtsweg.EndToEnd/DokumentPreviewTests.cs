using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 12, items 3 and 7: the bundled scripts at work under the strict Content-Security-Policy — a PDF drawn by
/// pdf.js page by page, a picture inline, and the process diagram with the current step marked by bpmn-js; beside the PDF the text read from it.
/// </summary>
public sealed class DokumentPreviewTests : BrowserTest
{
    [Theory]
    [InlineData(1280)]
    [InlineData(1024)]
    public async Task Clerk_SeesPdfPicturesAndProcessDiagram_WithoutScriptErrorsOrPolicyViolations(int width)
    {
        var page = await SignInAsync("sachbearbeitung", width);
        var problems = new List<string>();
        // Registered before any page script runs; a blocked load or inline script shows up as a violation event.
        await page.Context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);

        var aktenzeichen = await StartAntragInNewVorgangAsync(page, "Gewerbeanmeldung Café Lindenweg");

        await page.GotoAsync("/vorgaenge");
        await page.GetByRole(AriaRole.Link, new() { Name = aktenzeichen, Exact = true }).ClickAsync();
        await page.WaitForPageAsync("**/vorgaenge/*");
        var vorgangUrl = page.Url;
        await UploadAsync(page, "gewerbeanmeldung.pdf", "application/pdf",
            TestPdfs.Create(["Gewerbeanmeldung", "Betrieb: Café Lindenweg"], ["Anlage: Lageplan", "Seite zwei"]));
        await UploadAsync(page, "lageplan.png", "image/png", TestScans.Png("Lageplan Lindenweg 7"));

        // The diagram: drawn from the deployed XML when its section opens, the open task "Antrag prüfen" marked as the current step.
        await page.OpenSectionAsync("Prozesse");
        await page.Locator("[data-diagram-ready='true']").WaitForAsync();
        Assert.True(await page.Locator(".djs-element.amtsweg-active[data-element-id='Pruefen']").IsVisibleAsync());
        Assert.True(await page.Locator(".djs-element.amtsweg-completed[data-element-id='Eingang']").IsVisibleAsync());
        Assert.Contains("Gelb hervorgehoben: der aktuelle Schritt.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page, "vorgang-diagramm");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, $"vorgang-diagramm-{width}.png"), FullPage = true });

        // The PDF: page 1 drawn into the canvas, then page 2 by the navigation.
        await page.GetByRole(AriaRole.Link, new() { Name = "Version 1 ansehen: gewerbeanmeldung.pdf" }).ClickAsync();
        await page.WaitForPageAsync("**/dokumente/*/ansicht");
        await page.Locator("[data-pdf-rendered='1']").WaitForAsync();
        Assert.True(await DrawnAsync(page), "the first page is blank");
        Assert.Equal("Seite 1 von 2", await page.InnerTextAsync("[data-pdf-status]"));
        // The text read from the PDF when it was filed, on demand under the pages.
        await page.OpenSectionAsync("Erkannter Text");
        Assert.Contains("Betrieb: Café Lindenweg", await page.InnerTextAsync("#erkannter-text pre"), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page, "dokument-pdf");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, $"dokument-pdf-{width}.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Nächste Seite" }).ClickAsync();
        await page.Locator("[data-pdf-rendered='2']").WaitForAsync();
        Assert.Equal("Seite 2 von 2", await page.InnerTextAsync("[data-pdf-status]"));
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Nächste Seite" }).IsDisabledAsync());

        // The picture: shown inline from the content endpoint.
        await page.GotoAsync(vorgangUrl);
        await page.OpenSectionAsync("Dokumente");
        await page.GetByRole(AriaRole.Link, new() { Name = "Version 1 ansehen: lageplan.png" }).ClickAsync();
        await page.WaitForPageAsync("**/dokumente/*/ansicht");
        var picture = page.GetByRole(AriaRole.Img, new() { Name = "lageplan" });
        await picture.WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('img.document-image').complete");
        Assert.True(await picture.EvaluateAsync<int>("img => img.naturalWidth") > 100);
        await Accessibility.AssertNoViolationsAsync(page, "dokument-bild");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, $"dokument-bild-{width}.png"), FullPage = true });

        Assert.True(problems.Count == 0, "Browser errors: " + string.Join(" | ", problems));
    }

    private static async Task UploadAsync(IPage page, string name, string mediaType, byte[] content)
    {
        await page.OpenSectionAsync("Dokumente");
        await page.OpenActionAsync("Dokument hinzufügen");
        await page.GetByLabel("Datei").SetInputFilesAsync(new FilePayload { Name = name, MimeType = mediaType, Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = "Dokument ablegen" }).ClickAsync();
        await page.GetByText($"„{name}“", new() { Exact = false }).First.WaitForAsync();
        // A scan is read (OCR) in the background; the page lists it after a reload (explicit wait, bounded).
        var link = page.GetByRole(AriaRole.Link, new() { Name = $"Version 1 ansehen: {name}" });
        for (var attempt = 0; attempt < 240 && await link.CountAsync() == 0; attempt++)
        {
            await page.ReloadAsync();
        }

        await link.WaitForAsync();
    }

    // Some pixel of the canvas is darker than the white paper: the text was drawn.
    private static Task<bool> DrawnAsync(IPage page) => page.Locator("canvas.pdf-page").EvaluateAsync<bool>(
        "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; for (let i = 0; i < d.length; i += 4) { if (d[i] < 128) return true; } return false; }");
}
