using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
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
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "TaskPageTests.Gewerbe.bpmn"));
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Gewerbe", [new DeployResource("gewerbe.bpmn", bpmn)]))).StatusCode);
        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Gewerbeanmeldung", "32.10-0001/2026", null));
        var instance = await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json);
        var task = Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance!.Id}", Json))!);

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
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "TaskPageTests.Gewerbe.bpmn"));
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Gewerbe", [new DeployResource("gewerbe.bpmn", bpmn)]))).StatusCode);
        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Gewerbeanmeldung", "32.10-0003/2026", null));
        var instance = await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json);
        var task = Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance!.Id}", Json))!);
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

    private static FormUrlEncodedContent Form(string token, string betrieb) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["betrieb"] = betrieb,
        ["taetigkeit"] = "handel",
    });
}
