using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Forms;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Features.Tasks.Complete;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests;

/// <summary>Issue 12.2: the REST API completes a task only with what its form allows.</summary>
public class TaskFormApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Complete_Answers400WithTheFieldErrors_AndLeavesTheTaskOpen_WhenTheFormIsNotSatisfied(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var (instance, task) = await StartAsync(designer, clerk, "TaskPageTests.Gewerbe.bpmn", "Gewerbeanmeldung", "32.10-0001/2026");

        var refused = await clerk.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new CompleteTaskRequest(new()
        {
            ["taetigkeit"] = JsonSerializer.SerializeToElement("landwirtschaft"),
            ["erlaubnispflichtig"] = JsonSerializer.SerializeToElement(true),
        }));
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        var stillOpen = await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance.Id}", Json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("engine.task-form-invalid", problem.GetProperty("code").GetString());
        Assert.Equal("Die Eingaben passen nicht zum Formular der Aufgabe: 3 Felder sind nicht richtig ausgefüllt.", problem.GetProperty("title").GetString());
        Assert.Equal(
            ["betrieb", "taetigkeit", "erlaubnisNummer"],
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("key").GetString()));
        Assert.Equal("Pruefen", Assert.Single(stillOpen!).ElementId);

        var completed = await clerk.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new CompleteTaskRequest(new()
        {
            ["betrieb"] = JsonSerializer.SerializeToElement("Bäckerei Korn"),
            ["taetigkeit"] = JsonSerializer.SerializeToElement("handwerk"),
            ["beschaeftigte"] = JsonSerializer.SerializeToElement(3),
        }));
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task TaskPage_SendsTheSecondClerkBackToTheInboxWithGermanMessage_WhenAColleagueCompletedTheTaskMeanwhile(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var colleague = await factory.SignInAsClerkAsync(municipality);
        var (instance, task) = await StartAsync(designer, clerk, "TaskPageTests.Gewerbe.bpmn", "Gewerbeanmeldung", "32.10-0003/2026");
        var page = $"/aufgaben/{task.Id}";

        // Both have the page open; the colleague completes first, then the clerk submits the stale page.
        var clerkToken = await AmtswegFactory.AntiforgeryTokenAsync(clerk, page);
        var colleagueToken = await AmtswegFactory.AntiforgeryTokenAsync(colleague, page);
        var first = await colleague.PostAsync(page + "?handler=Complete", Form(colleagueToken, "Bäckerei Korn"));
        var second = await clerk.PostAsync(page + "?handler=Complete", Form(clerkToken, "Bäckerei Korn (alt)"));
        var inbox = await clerk.GetStringAsync("/aufgaben");
        var open = await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance.Id}", Json);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/aufgaben", second.Headers.Location!.OriginalString);
        Assert.Contains("Diese Aufgabe ist bereits erledigt.", inbox, StringComparison.Ordinal);
        Assert.Equal("Eintragen", Assert.Single(open!).ElementId);
    }

    [Theory]
    [AllProviders]
    public async Task TaskPage_AddsAndRemovesListItemsWithoutScript_AndCompletesOnlyWithTheSubmitButton(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var (instance, task) = await StartAsync(designer, clerk, "TaskFormApiTests.Anlagen.bpmn", "Bauantrag", "63.10-0001/2026");
        var page = $"/aufgaben/{task.Id}";
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, page);

        // „Eintrag hinzufügen“ with the first item still empty elsewhere: no errors yet, the values kept, the new item focused.
        var added = await clerk.PostAsync(page + "?handler=Complete", Post(token, ("bauherr", ""), ("anlagen[0].bezeichnung", "Lageplan"), (FormListEdit.ButtonName, "hinzufuegen:anlagen")));
        var addedHtml = await added.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Matches("name=\"anlagen\\[0\\]\\.bezeichnung\"[^>]* value=\"Lageplan\"", addedHtml);
        Assert.Contains("<fieldset class=\"form-list-item\" tabindex=\"-1\" autofocus=\"autofocus\"><legend class=\"form-legend\">Eintrag 2</legend>", addedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("error-summary", addedHtml, StringComparison.Ordinal);

        // „Eintrag 1 entfernen“: the second item moves up.
        var removed = await clerk.PostAsync(page + "?handler=Complete", Post(token, ("bauherr", "Karin Brandt"), ("anlagen[0].bezeichnung", "Lageplan"), ("anlagen[1].bezeichnung", "Bauzeichnung"), (FormListEdit.ButtonName, "entfernen:anlagen[0]")));
        var removedHtml = await removed.Content.ReadAsStringAsync();
        Assert.Matches("name=\"anlagen\\[0\\]\\.bezeichnung\"[^>]* value=\"Bauzeichnung\"", removedHtml);
        Assert.DoesNotContain("Lageplan", removedHtml, StringComparison.Ordinal);
        Assert.Equal(["Erfassen"], (await designer.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{instance.Id}", Json))!.ActiveElementIds);

        // The submit button completes the task with the list as shown.
        var completed = await clerk.PostAsync(page + "?handler=Complete", Post(token, ("bauherr", "Karin Brandt"), ("anlagen[0].bezeichnung", "Bauzeichnung"), ("anlagen[1].bezeichnung", "Statik")));
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        var after = (await designer.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{instance.Id}", Json))!;
        Assert.Equal(["Pruefen"], after.ActiveElementIds);
        Assert.Equal("""[{"bezeichnung":"Bauzeichnung"},{"bezeichnung":"Statik"}]""", after.Variables["anlagen"]!.ToJsonString());
    }

    // Deploys the test diagram as the designer and starts its process; the instance and its one open task, as the clerk sees it.
    private static async Task<(ProcessInstanceInfo Instance, UserTaskInfo Task)> StartAsync(HttpClient designer, HttpClient clerk, string diagram, string processId, string businessKey)
    {
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", diagram));
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest(processId, [new DeployResource(diagram, bpmn)]))).StatusCode);
        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest(processId, businessKey, null));
        var instance = (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
        return (instance, Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance.Id}", Json))!));
    }

    private static FormUrlEncodedContent Post(string token, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    private static FormUrlEncodedContent Form(string token, string betrieb) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["betrieb"] = betrieb,
        ["taetigkeit"] = "handel",
    });
}
