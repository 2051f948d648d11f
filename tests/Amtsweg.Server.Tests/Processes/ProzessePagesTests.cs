using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Features.Tasks.Complete;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Processes;

/// <summary>Issue 13.1: the Prozesse pages — who sees them, the instance filter, the instance page and repairing incidents.</summary>
public class ProzessePagesTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Pages_AreRefusedToClerk_AndLeitungReadsButCannotRepair(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (instanceId, incidentId) = await StartFailingAsync(factory, municipality, "63-0001/2026");
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var page = $"/prozesse/instanzen/{instanceId}";

        var clerkRefusals = new List<string?>();
        foreach (var path in new[] { "/prozesse", "/prozesse/instanzen", "/prozesse/stoerungen", page })
        {
            clerkRefusals.Add((await clerk.GetAsync(path)).Headers.Location?.OriginalString);
        }

        var headPage = await head.GetStringAsync(page);
        var headIncidents = await head.GetStringAsync("/prozesse/stoerungen");
        var token = await AmtswegFactory.AntiforgeryTokenAsync(head, page);
        var posts = new List<string?>
        {
            (await head.PostAsync(page + "?handler=Retry", Form(token, incidentId))).Headers.Location?.OriginalString,
            (await head.PostAsync(page + "?handler=Resolve", Form(token, incidentId))).Headers.Location?.OriginalString,
            (await head.PostAsync(page + "?handler=Cancel", Form(token, null))).Headers.Location?.OriginalString,
            (await head.PostAsync("/prozesse/stoerungen?handler=Retry", Form(token, incidentId))).Headers.Location?.OriginalString,
        };
        var instance = await designer.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{instanceId}", Json);

        // Pages answer a refusal with the error page (403), as every page of the server does.
        Assert.All(clerkRefusals, location => Assert.Contains("/fehler/403", location, StringComparison.Ordinal));
        Assert.DoesNotContain("href=\"/prozesse\"", await clerk.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("href=\"/prozesse\"", await designer.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("Störung am Schritt „Große Fläche?“", headPage, StringComparison.Ordinal);
        Assert.Contains("Große Fläche?", headIncidents, StringComparison.Ordinal);
        Assert.Contains("<h2>Variablen</h2>", headPage, StringComparison.Ordinal);
        foreach (var button in new[] { "Erneut versuchen", "Als gelöst markieren", "Instanz abbrechen" })
        {
            Assert.DoesNotContain(button, headPage, StringComparison.Ordinal);
            Assert.DoesNotContain(button, headIncidents, StringComparison.Ordinal);
        }

        Assert.All(posts, location => Assert.Contains("/fehler/403", location, StringComparison.Ordinal));
        Assert.Equal(ProcessInstanceState.Active, instance!.State);
        Assert.Null(Assert.Single(instance.Incidents).ResolvedAt);
    }

    [Theory]
    [AllProviders]
    public async Task InstanceList_FiltersAndPagesInTheDatabase_AndTellsBadValuesInGerman(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (failing, _) = await StartFailingAsync(factory, municipality, "63-0001/2026");
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var running = new List<Guid>();
        for (var i = 2; i <= 26; i++)
        {
            running.Add(await StartAsync(designer, $"63-{i:0000}/2026"));
        }

        var byKey = await designer.GetStringAsync("/prozesse/instanzen?schluessel=63-0007%2F2026");
        var failed = await designer.GetStringAsync("/prozesse/instanzen?prozess=Baugenehmigung&zustand=stoerung");
        var completed = await designer.GetStringAsync("/prozesse/instanzen?zustand=abgeschlossen");
        var firstPage = await designer.GetStringAsync("/prozesse/instanzen");
        var secondPage = await designer.GetStringAsync("/prozesse/instanzen?seite=2");
        var startedToday = await designer.GetStringAsync("/prozesse/instanzen?von=2026-11-02&bis=2026-11-02&schluessel=63-0001%2F2026");
        var startedBefore = await designer.GetStringAsync("/prozesse/instanzen?bis=2026-11-01");
        var badDate = await designer.GetAsync("/prozesse/instanzen?von=32.13.2026&schluessel=63-0001%2F2026");
        var badState = await designer.GetStringAsync("/prozesse/instanzen?zustand=kaputt");
        var reversed = await designer.GetStringAsync("/prozesse/instanzen?von=2026-11-05&bis=2026-11-01");
        var versionOne = await designer.GetStringAsync("/prozesse/instanzen?prozess=Baugenehmigung&version=1");
        var noSuchVersion = await designer.GetStringAsync("/prozesse/instanzen?prozess=Baugenehmigung&version=99");
        var versionAlone = await designer.GetStringAsync("/prozesse/instanzen?version=1&schluessel=63-0001%2F2026");
        var badVersion = await designer.GetStringAsync("/prozesse/instanzen?prozess=Baugenehmigung&version=zwei");

        Assert.Single(Links(byKey));
        Assert.Contains("63-0007/2026", byKey, StringComparison.Ordinal);
        Assert.Equal([failing], Links(failed));
        Assert.Contains("mit einer Störung", failed, StringComparison.Ordinal);
        Assert.Empty(Links(completed));
        Assert.Contains("Keine Prozessinstanz passt zu diesem Filter.", completed, StringComparison.Ordinal);
        Assert.Equal(25, Links(firstPage).Count);
        Assert.Contains("Nächste Seite", firstPage, StringComparison.Ordinal);
        Assert.Single(Links(secondPage));
        Assert.DoesNotContain("Nächste Seite", secondPage, StringComparison.Ordinal);
        Assert.Equal(26, Links(firstPage).Concat(Links(secondPage)).Distinct().Count());
        Assert.Equal([failing], Links(startedToday));
        Assert.Empty(Links(startedBefore));
        Assert.Equal(HttpStatusCode.OK, badDate.StatusCode);
        var badDateHtml = await badDate.Content.ReadAsStringAsync();
        Assert.Contains("<span class=\"form-error\" id=\"von-fehler\">Bitte geben Sie das Datum „gestartet ab“ als Datum an, z. B. 01.11.2026.</span>", badDateHtml, StringComparison.Ordinal);
        Assert.Equal([failing], Links(badDateHtml));
        Assert.Contains("Diesen Zustand gibt es nicht.", badState, StringComparison.Ordinal);
        Assert.Equal(25, Links(badState).Count);
        Assert.Contains("Das Datum „gestartet bis“ darf nicht vor „gestartet ab“ liegen.", reversed, StringComparison.Ordinal);
        Assert.Contains(failing, Links(versionOne));
        Assert.Empty(Links(noSuchVersion));
        Assert.Contains("Eine Version gehört zu einem Prozess: Bitte wählen Sie auch den Prozess.", versionAlone, StringComparison.Ordinal);
        Assert.Single(Links(versionAlone));
        Assert.Contains("Bitte geben Sie die Version als ganze Zahl ab 1 an, z. B. 2.", badVersion, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task InstancePage_ShowsNamesDiagramAndHistory_AndRetryRemovesTheIncidentOnce(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (instanceId, incidentId) = await StartFailingAsync(factory, municipality, "63-0001/2026");
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var page = $"/prozesse/instanzen/{instanceId}";

        var before = await designer.GetStringAsync(page);
        var adminView = await admin.GetStringAsync(page);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, page);
        var retried = await designer.PostAsync(page + "?handler=Retry", Form(token, incidentId));
        var after = await designer.GetStringAsync(page);
        var retriedAgain = await designer.PostAsync(page + "?handler=Retry", Form(token, incidentId));
        var refusal = await designer.GetStringAsync(page);
        var foreignIncident = await designer.PostAsync(page + "?handler=Resolve", Form(token, Guid.NewGuid()));
        var incidents = await designer.GetFromJsonAsync<List<IncidentInfo>>($"/api/process-instances/{instanceId}/incidents", Json);

        foreach (var expected in new[]
        {
            "Prozess „Baugenehmigung prüfen“ – 63-0001/2026", "Baugenehmigung prüfen, Version 1", "läuft", "mit einer Störung",
            "Störung am Schritt „Große Fläche?“", "data-incidents=\"Gross\"", "data-active=\"Pruefen\"",
            "Die Aufgabe „Unterlagen prüfen“ wurde angelegt.", "<td>antragsteller</td>", "Erika Mustermann", "Erneut versuchen",
        })
        {
            Assert.Contains(expected, before, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<h2>Variablen</h2>", adminView, StringComparison.Ordinal);
        Assert.DoesNotContain("Erika Mustermann", adminView, StringComparison.Ordinal);
        Assert.Contains("Erneut versuchen", adminView, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(page, retried.Headers.Location!.OriginalString);
        Assert.Contains("Die Störung am Schritt „Große Fläche?“ ist zurückgesetzt; der Schritt wird erneut versucht.", after, StringComparison.Ordinal);
        Assert.Contains("Dieser Prozess hat keine offene Störung.", after, StringComparison.Ordinal);
        Assert.Contains("data-incidents=\"\"", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, retriedAgain.StatusCode);
        Assert.Contains("Diese Störung ist bereits behoben.", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("ist zurückgesetzt", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreignIncident.StatusCode);
        var incident = Assert.Single(incidents!);
        Assert.Equal(incidentId, incident.Id);
        Assert.NotNull(incident.ResolvedAt);
    }

    [Theory]
    [AllProviders]
    public async Task InstancePage_CancelsOnlyAfterConfirmation_AndRefusesASecondCancel(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (instanceId, _) = await StartFailingAsync(factory, municipality, "63-0001/2026");
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var page = $"/prozesse/instanzen/{instanceId}";

        var plain = await admin.GetStringAsync(page);
        var confirm = await admin.GetStringAsync(page + "?abbrechen=ja");
        var token = await AmtswegFactory.AntiforgeryTokenAsync(admin, page);
        var canceled = await admin.PostAsync(page + "?handler=Cancel", Form(token, null));
        var after = await admin.GetStringAsync(page);
        var canceledAgain = await admin.PostAsync(page + "?handler=Cancel", Form(token, null));
        var refusal = await admin.GetStringAsync(page);

        Assert.DoesNotContain("Instanz wirklich abbrechen?", plain, StringComparison.Ordinal);
        Assert.Contains($"href=\"{page}?abbrechen=ja#abbrechen-titel\"", plain, StringComparison.Ordinal);
        Assert.Contains("Instanz wirklich abbrechen?", confirm, StringComparison.Ordinal);
        Assert.Contains("Ja, Instanz abbrechen", confirm, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, canceled.StatusCode);
        Assert.Contains("Die Prozessinstanz ist abgebrochen.", after, StringComparison.Ordinal);
        Assert.Contains("abgebrochen", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Instanz abbrechen</a>", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, canceledAgain.StatusCode);
        Assert.Contains("Der Prozess ist bereits beendet.", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task IncidentsPage_ListsOnlyTheMunicipalitysOpenIncidents_AndResolvesOne(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync("Eigenstadt");
        var other = await factory.CreateMunicipalityAsync("Fremdstadt");
        var (instanceId, incidentId) = await StartFailingAsync(factory, municipality, "63-0001/2026");
        var (_, foreignIncident) = await StartFailingAsync(factory, other, "63-0999/2026");
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var before = await admin.GetStringAsync("/prozesse/stoerungen");
        var token = await AmtswegFactory.AntiforgeryTokenAsync(admin, "/prozesse/stoerungen");
        var foreign = await admin.PostAsync("/prozesse/stoerungen?handler=Resolve", Form(token, foreignIncident));
        var resolved = await admin.PostAsync("/prozesse/stoerungen?handler=Resolve", Form(token, incidentId));
        var after = await admin.GetStringAsync("/prozesse/stoerungen");
        var overview = await admin.GetStringAsync("/prozesse");

        Assert.Contains($"<a href=\"/prozesse/instanzen/{instanceId}\">Baugenehmigung prüfen – 63-0001/2026</a>", before, StringComparison.Ordinal);
        Assert.Contains("<td>Große Fläche?</td>", before, StringComparison.Ordinal);
        Assert.Contains("flaeche", before, StringComparison.Ordinal);
        Assert.DoesNotContain("63-0999/2026", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        Assert.Equal("/prozesse/stoerungen", resolved.Headers.Location!.OriginalString);
        Assert.Contains("Die Störung am Schritt „Große Fläche?“ ist als gelöst markiert.", after, StringComparison.Ordinal);
        Assert.Contains("Es gibt keine offene Störung.", after, StringComparison.Ordinal);
        Assert.Contains("Baugenehmigung prüfen", overview, StringComparison.Ordinal);
        Assert.Contains("Version 1", overview, StringComparison.Ordinal);
        Assert.Contains("/prozesse/instanzen?prozess=Baugenehmigung&amp;zustand=stoerung", overview, StringComparison.Ordinal);
        Assert.Contains("Laufende (1)", overview, StringComparison.Ordinal);
        Assert.Contains("Mit Störung (0)", WebUtility.HtmlDecode(overview), StringComparison.Ordinal);
        Assert.Contains("· 1 laufend", overview, StringComparison.Ordinal);
    }

    /// <summary>
    /// Deploys the Baugenehmigung process, starts it with a business key and completes its first task without the area
    /// its gateway reads: the completion is refused with an incident at „Große Fläche?“, the task stays open.
    /// </summary>
    internal static async Task<(Guid InstanceId, Guid IncidentId)> StartFailingAsync(AmtswegFactory factory, Municipality municipality, string businessKey)
    {
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var instanceId = await StartAsync(designer, businessKey);
        var task = Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instanceId}", Json))!);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new CompleteTaskRequest(null))).StatusCode);
        var incident = Assert.Single((await clerk.GetFromJsonAsync<List<IncidentInfo>>($"/api/process-instances/{instanceId}/incidents", Json))!);
        return (instanceId, incident.Id);
    }

    private static async Task<Guid> StartAsync(HttpClient designer, string businessKey)
    {
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProzessePagesTests.Baugenehmigung.bpmn"));
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Baugenehmigung", [new DeployResource("baugenehmigung.bpmn", bpmn)]))).StatusCode);
        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Baugenehmigung", businessKey, new() { ["antragsteller"] = JsonSerializer.SerializeToElement("Erika Mustermann") }));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!.Id;
    }

    private static FormUrlEncodedContent Form(string token, Guid? incidentId)
    {
        var values = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        if (incidentId is { } id)
        {
            values["incidentId"] = id.ToString();
        }

        return new FormUrlEncodedContent(values);
    }

    // The instance links of the list, in order.
    private static List<Guid> Links(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, """<td><a href="/prozesse/instanzen/([0-9a-f-]{36})">""").Select(m => Guid.Parse(m.Groups[1].Value))];
}
