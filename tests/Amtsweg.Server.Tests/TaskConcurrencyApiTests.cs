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

public class TaskConcurrencyApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Complete_IsConflictProblemForOneClerk_WhenTwoClerksCompleteSameTaskAtOnce(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var anna = await factory.SignInAsClerkAsync(municipality);
        var ben = await factory.SignInAsClerkAsync(municipality);
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessesApiTests.Antrag.bpmn"));
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Antrag", [new DeployResource("antrag.bpmn", bpmn)]))).StatusCode);
        for (var round = 0; round < 10; round++)
        {
            var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", $"32.10-{round:D4}/2026", null));
            var instance = (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
            var task = Assert.Single((await designer.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance.Id}", Json))!);

            var responses = await Task.WhenAll(CompleteAsync(anna, task.Id, "anna"), CompleteAsync(ben, task.Id, "ben"));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.NoContent);
            var refused = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.NoContent);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(problem.GetProperty("code").GetString(), new[] { "engine.concurrent-modification", "engine.invalid-state" });
            Assert.Empty((await designer.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance.Id}", Json))!);
        }
    }

    private static async Task<HttpResponseMessage> CompleteAsync(HttpClient clerk, Guid taskId, string name)
    {
        await Task.Yield();
        return await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new CompleteTaskRequest(new() { ["bearbeiter"] = JsonSerializer.SerializeToElement(name) }));
    }
}
