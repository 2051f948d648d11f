using System.Text;
using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// A process waits for the dog's vaccination certificate. The clerk files the certificate into the Vorgang, sees on its
/// page what the process waits for, and reports it with that document; the process goes on to its next task, and the
/// Verlauf says who reported it.
/// </summary>
public sealed class WaitingProcessJourneyTests : BrowserTest
{
    [Fact]
    public async Task Clerk_SeesWhatTheProcessWaitsFor_AndReportsTheArrivedDocument_WithoutAccessibilityViolations()
    {
        var designer = await SignInAsync("prozessgestaltung");
        var diagram = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Server.Tests", "Diagrams", "WaitingProcessTests.Nachweis.bpmn"));
        var deployed = await designer.APIRequest.PostAsync("/api/deployments", new() { DataObject = new { name = "Hundeanmeldung", resources = new[] { new { name = "nachweis.bpmn", content = diagram } } } });
        Assert.Equal(201, deployed.Status);

        var clerk = await SignInAsync("sachbearbeitung");
        var aktenplan = await (await clerk.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "32.10").GetProperty("id").GetString();
        var started = await clerk.APIRequest.PostAsync("/api/process-instances", new()
        {
            DataObject = new { processId = "Nachweis", variables = new { antragsnummer = "H-2026-17" }, vorgang = new { positionId = position, title = "Hundeanmeldung Bello" } },
        });
        Assert.Equal(201, started.Status);
        var instanceId = (await started.JsonAsync())!.Value.GetProperty("id").GetString();
        var vorgang = await (await clerk.APIRequest.GetAsync($"/api/process-instances/{instanceId}/vorgang")).JsonAsync();
        var vorgangUrl = "/vorgaenge/" + vorgang!.Value.GetProperty("vorgang").GetProperty("id").GetString();

        // The certificate arrives and is filed into the Vorgang.
        await clerk.GotoAsync(vorgangUrl);
        await clerk.OpenSectionAsync("Dokumente");
        await clerk.OpenActionAsync("Dokument hinzufügen");
        await clerk.Locator("#titel").FillAsync("Impfnachweis Bello");
        await clerk.GetByLabel("Datei").SetInputFilesAsync(new FilePayload { Name = "impfnachweis.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("Tollwutimpfung Bello, gültig bis 2029") });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Dokument ablegen" }).ClickAsync();
        var filed = clerk.GetByRole(AriaRole.Link, new() { Name = "Version 1 ansehen: impfnachweis.txt" });
        for (var attempt = 0; attempt < 240 && await filed.CountAsync() == 0; attempt++)
        {
            await clerk.ReloadAsync();
        }

        await filed.WaitForAsync();

        // The head and the process section say what the process waits for.
        await clerk.GotoAsync(vorgangUrl);
        Assert.Contains("„Impfnachweis eingegangen“", await clerk.Locator("dl.vorgang-head").InnerTextAsync(), StringComparison.Ordinal);
        await clerk.OpenSectionAsync("Prozesse");
        var waiting = clerk.Locator(".waiting");
        Assert.Contains("Der Prozess wartet auf „Impfnachweis eingegangen“.", await waiting.InnerTextAsync(), StringComparison.Ordinal);
        var choice = clerk.GetByLabel("Eingegangenes Dokument (freiwillig)");
        Assert.Equal(["ohne Dokument", "Impfnachweis Bello vom "], (await choice.Locator("option").AllInnerTextsAsync()).Select(o => o[..Math.Min(o.Length, 23)]));
        await choice.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await LookAsync(clerk, "prozess-wartet");

        await clerk.GetByRole(AriaRole.Button, new() { Name = "„Impfnachweis eingegangen“ melden" }).ClickAsync();
        await clerk.GetByText("Die Meldung wurde an den Prozess übergeben; er läuft weiter.").WaitForAsync();
        Assert.Equal(0, await clerk.Locator(".waiting").CountAsync());
        Assert.Contains("Anmeldung prüfen", await clerk.Locator("dl.vorgang-head").InnerTextAsync(), StringComparison.Ordinal);
        await LookAsync(clerk, "prozess-gemeldet");

        await clerk.OpenSectionAsync("Verlauf");
        await clerk.GetByText("Sabine Sachbearbeiterin hat am Schritt „Impfnachweis eingegangen“ den Eingang gemeldet.", new() { Exact = false }).WaitForAsync();
    }

    private static async Task LookAsync(IPage page, string name)
    {
        await Look.AtAsync(page, name);
        await EnglishWords.AssertNoneShownAsync(page, name);
    }
}
