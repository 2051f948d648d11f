using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amtsweg.Casework;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Vermerke.Add;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Records;

/// <summary>
/// Issue 10, point 6: clerks read the Vorgang page in German, with names — never element ids, process keys, history
/// codes, login names or process instance ids.
/// </summary>
public class VorgangPageTests
{
    private static readonly JsonSerializerOptions Json = ProcessFilingTests.Json;

    [Theory]
    [AllProviders]
    public async Task VorgangPage_ShowsNamesAndGermanSentences_NotIdsCodesOrLoginNames(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:JobExecutor:Enabled"] = "false" });
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        // "Bescheid versenden" loses its name: a step without name reads "Schritt", never its id "Versenden".
        var diagram = Diagram().Replace("name=\"Bescheid versenden\" ", "", StringComparison.Ordinal);
        (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Bescheid", [new DeployResource("bescheid.bpmn", diagram)]))).EnsureSuccessStatusCode();
        var clerkUser = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var clerk = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AmtswegFactory.PostSignInAsync(clerk, clerkUser.User.UserName!, clerkUser.InitialPassword)).StatusCode);

        // The first instance files its form and a letter ("Prozess <id>" in the e-file); the second stops with an incident.
        var first = await StartAsync(clerk, new VorgangTarget(PositionId: position.Id, Title: "Sondernutzung Weiß"));
        var vorgangId = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{first.Id}/vorgang", Json))!.Vorgang.Id;
        await CompleteAsync(clerk, first.Id, new { name = "Jürgen Weiß", entscheidung = "genehmigt", gebuehr = 45 });
        await RunJobsAsync(factory, municipality);
        var second = await StartAsync(clerk, new VorgangTarget(VorgangId: vorgangId));
        await CompleteAsync(clerk, second.Id, new { bemerkung = "ohne Namen" });
        await RunJobsAsync(factory, municipality);
        (await clerk.PostAsJsonAsync($"/api/vorgaenge/{vorgangId}/vermerke", new AddVermerkRequest("Rückruf vereinbart"))).EnsureSuccessStatusCode();

        var html = await clerk.GetStringAsync($"/vorgaenge/{vorgangId}");
        var page = WebUtility.HtmlDecode(html);
        // What a person sees: the text without tags and attributes (anchors like id="prozess-<id>" are not shown).
        var visible = WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", "|"));

        foreach (var expected in new[]
        {
            "Prozess „Antrag bescheiden“", "Antrag prüfen", "Bescheid erzeugen", ">Schritt<", "Prozess gestartet", "Aufgabe erledigt",
            "Störung aufgetreten: ", "Der Platzhalter {{name}} hat keinen Wert", "abgelegt vom Prozess „Antrag bescheiden“",
            "von Sachbearbeitung Test am", "Rückruf vereinbart", ">Sachbearbeitung Test<",
        })
        {
            Assert.Contains(expected, page, StringComparison.Ordinal);
        }

        foreach (var forbidden in new[]
        {
            "|Pruefen|", "|Erzeugen|", "|Versenden|", "|Eingang|", "Prozess Bescheid", "incident-created", "user-task-completed", "element-entered",
            clerkUser.User.UserName!, first.Id.ToString("D"), second.Id.ToString("D"),
        })
        {
            Assert.DoesNotContain(forbidden, visible, StringComparison.Ordinal);
        }
    }

    // Issue 10: completing a task whose next condition names a missing variable answered "Incident at 'Groesse':
    // Expected the condition ... Unknown name 'flaeche' (line 1, column 1)"; the clerk reads German, on the page too.
    [Theory]
    [AllProviders]
    public async Task Bug_FailedCompletion_AnsweredInEnglish_WhenConditionNamesAnUnknownVariable(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "VorgangPageTests.Flaeche.bpmn"));
        (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Bauantrag", [new DeployResource("bauantrag.bpmn", bpmn)]))).EnsureSuccessStatusCode();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var started = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Bauantrag", null, null, new VorgangTarget(PositionId: position.Id, Title: "Carport Lindenweg 7")));
        var instance = (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
        var vorgangId = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instance.Id}/vorgang", Json))!.Vorgang.Id;
        var task = Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance.Id}", Json))!);

        var completed = await clerk.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { variables = new { bemerkung = "vollständig" } });

        using var problem = JsonDocument.Parse(await completed.Content.ReadAsStringAsync());
        var title = problem.RootElement.GetProperty("title").GetString()!;
        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/{vorgangId}"));
        const string german = "Die Bedingung 'flaeche > 100' muss wahr oder falsch ergeben, ergab aber null: Unbekannter Name 'flaeche' (Zeile 1, Spalte 1).";
        Assert.Equal(HttpStatusCode.Conflict, completed.StatusCode);
        Assert.Equal("engine.incident", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("Der Prozess wurde durch eine Störung angehalten: " + german, title);
        Assert.Contains("Störung aufgetreten: " + german, page, StringComparison.Ordinal);
        Assert.Contains("Große Fläche?", page, StringComparison.Ordinal);
        foreach (var english in new[] { "Unknown name", "line 1", "Expected the condition", "Incident at", "Groesse" })
        {
            Assert.DoesNotContain(english, title + page, StringComparison.Ordinal);
        }
    }

    private static string Diagram() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessDocumentsTests.Bescheid.bpmn"));

    private static async Task<ProcessInstanceInfo> StartAsync(HttpClient client, VorgangTarget target)
    {
        var response = await client.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Bescheid", null, null, target));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
    }

    private static async Task CompleteAsync(HttpClient client, Guid instanceId, object variables)
    {
        var task = Assert.Single((await client.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instanceId}", Json))!);
        (await client.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { variables })).EnsureSuccessStatusCode();
    }

    private static async Task RunJobsAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        await scope.ServiceProvider.GetRequiredService<IProcessEngine>().ExecuteDueJobsAsync();
    }
}
