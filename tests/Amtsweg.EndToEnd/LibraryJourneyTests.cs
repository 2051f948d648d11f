using System.Text.Json.Nodes;
using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 14.3, the library in the browser: a designer of the demo municipality searches the library, reads a package
/// it does not have, adopts it (a wrong fee first, refused at its field), and updates the shipped Hundesteuer package to
/// a newer version that another municipality brought, seeing the changed step marked on the diagram.
/// </summary>
public sealed class LibraryJourneyTests : BrowserTest
{
    [Fact]
    public async Task Designer_SearchesReadsAndAdoptsAPackage_ThenUpdatesAShippedOne()
    {
        // Another municipality of the installation brings two versions the demo does not have: the tests' small
        // Hundesteuer package, and version 1.1.0 of the shipped Hundesteuer package with one step renamed.
        var created = await Server.RunCliAsync("tenant", "create", "--ags", "09111222", "--name", "Nachbarstadt", "--test");
        Assert.True(created.ExitCode == 0, created.Output + created.Error);
        var small = Copy(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Library.Tests", "Packages", "gueltig"));
        var newer = Copy(Path.Combine(TestPaths.RepositoryRoot, "library", "hundesteuer"));
        try
        {
            var manifestPath = Path.Combine(newer, "amtsweg-package.json");
            var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
            manifest["version"] = "1.1.0";
            await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());
            var bpmnPath = Path.Combine(newer, "prozesse", "hundesteuer.bpmn");
            var bpmn = await File.ReadAllTextAsync(bpmnPath);
            Assert.Contains("id=\"anmeldungPruefen\" name=\"Anmeldung prüfen\"", bpmn, StringComparison.Ordinal);
            await File.WriteAllTextAsync(bpmnPath, bpmn.Replace("id=\"anmeldungPruefen\" name=\"Anmeldung prüfen\"", "id=\"anmeldungPruefen\" name=\"Anmeldung und Nachweise prüfen\"", StringComparison.Ordinal));
            foreach (var folder in new[] { small, newer })
            {
                var imported = await Server.RunCliAsync("package", "import", folder, "--tenant", "09111222", "--unsigned");
                Assert.True(imported.ExitCode == 0, imported.Output + imported.Error);
            }
        }
        finally
        {
            Directory.Delete(small, recursive: true);
            Directory.Delete(newer, recursive: true);
        }

        // Search, an empty result, the package page with its diagram.
        var designer = await SignInAsync("prozessgestaltung", width: 1280);
        await designer.GetByRole(AriaRole.Link, new() { Name = "Bibliothek", Exact = true }).ClickAsync();
        await designer.WaitForURLAsync("**/bibliothek");
        await designer.GetByLabel("Suche", new() { Exact = true }).FillAsync("zeitmaschine");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        await designer.GetByText("Kein Paket passt zu Ihrer Suche.").WaitForAsync();
        await designer.GetByLabel("Suche", new() { Exact = true }).FillAsync("HUNDESTEUER");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        await designer.GetByText("2 von 9 Paketen gefunden.").WaitForAsync();
        await CheckAsync(designer, "bibliothek-suche-1280");
        await designer.GetByRole(AriaRole.Link, new() { Name = "Hundesteuer: Anmeldung (Testpaket)", Exact = true }).ClickAsync();
        await designer.GetByRole(AriaRole.Heading, new() { Name = "Dokumentation", Exact = true }).WaitForAsync();
        await designer.GetByText("Das Modell „Hundeanmeldung“ enthält kein Diagramm-Layout").WaitForAsync();
        await CheckAsync(designer, "bibliothek-paket-ohne-layout-1280");

        // Adopt: a fee that is no number is refused at its field, then adopted with a local fee.
        await designer.GetByRole(AriaRole.Link, new() { Name = "Übernehmen", Exact = true }).ClickAsync();
        await designer.WaitForURLAsync("**/bibliothek/uebernehmen?*");
        Assert.Equal("90", await designer.GetByLabel("Steuer je Hund (Euro/Jahr) (EUR)").InputValueAsync());
        await designer.GetByLabel("Steuer je Hund (Euro/Jahr) (EUR)").FillAsync("neunzig");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Übernehmen", Exact = true }).ClickAsync();
        await designer.Locator("#parameter-steuerErsterHund-error").GetByText("Erwartet wird eine Zahl, zum Beispiel 12,50.").WaitForAsync();
        await CheckAsync(designer, "bibliothek-uebernehmen-fehler-1280");
        await designer.GetByLabel("Steuer je Hund (Euro/Jahr) (EUR)").FillAsync("120,50");
        await designer.GetByRole(AriaRole.Button, new() { Name = "Übernehmen", Exact = true }).ClickAsync();
        await designer.GetByText("„Hundesteuer: Anmeldung (Testpaket)“ Version 1.0.0 wurde übernommen").WaitForAsync();
        await designer.GetByRole(AriaRole.Link, new() { Name = "Hundeanmeldung", Exact = true }).WaitForAsync();
        await CheckAsync(designer, "bibliothek-uebernommen-1280");

        // Update the shipped Hundesteuer package at 1024 px: the renamed step is marked on the new diagram.
        var narrow = await SignInAsync("prozessgestaltung", width: 1024);
        await narrow.GotoAsync("/bibliothek?suche=hundesteuer");
        await narrow.GetByRole(AriaRole.Link, new() { Name = "Hundesteuer: An- und Abmeldung", Exact = true }).ClickAsync();
        await narrow.GetByText("Version 1.1.0 ist verfügbar.").First.WaitForAsync();
        await narrow.Locator("[data-diagram-ready='true']").WaitForAsync();
        await CheckAsync(narrow, "bibliothek-paket-1024");
        await narrow.GetByRole(AriaRole.Link, new() { Name = "Aktualisieren", Exact = true }).ClickAsync();
        await narrow.WaitForURLAsync("**/bibliothek/aktualisieren?*");
        await narrow.Locator("[data-diagram-ready='true']").WaitForAsync();
        await narrow.Locator(".djs-element.amtsweg-change-changed[data-element-id='anmeldungPruefen']").WaitForAsync();
        await narrow.GetByText("Anmeldung und Nachweise prüfen", new() { Exact = false }).First.WaitForAsync();
        await CheckAsync(narrow, "bibliothek-aktualisieren-1024");
        await narrow.GetByRole(AriaRole.Button, new() { Name = "Aktualisierung übernehmen" }).ClickAsync();
        await narrow.GetByText("„Hundesteuer: An- und Abmeldung“ wurde von Version 1.0.0 auf 1.1.0 aktualisiert.", new() { Exact = false }).WaitForAsync();
        await CheckAsync(narrow, "bibliothek-aktualisiert-1024");
        await narrow.GotoAsync("/bibliothek?suche=hundesteuer");
        var list = await narrow.InnerTextAsync("main");
        Assert.Contains("übernommen in Version 1.1.0", list, StringComparison.Ordinal);
        Assert.Contains("2 Gemeinden (Version 1.1.0: 2)", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Nachbarstadt", list, StringComparison.Ordinal);
    }

    private static string Copy(string source)
    {
        var target = Path.Combine(Path.GetTempPath(), "amtsweg-bibliothek-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var path = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(file, path);
        }

        return target;
    }

    private static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, $"{name}.png"), FullPage = true });
        await Accessibility.AssertNoViolationsAsync(page, name);
    }
}
