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

public class TaskPermissionsApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Claim_IsForbiddenWithGermanProblem_WhenClerkClaimsTaskForLeitung(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var (instanceId, taskId) = await StartAsync(designer, "Leitung");

        var refused = await clerk.PostAsync($"/api/tasks/{taskId}/claim", null);
        var body = await refused.Content.ReadAsStringAsync();
        var afterRefusal = await TaskAsync(designer, instanceId);
        var claimed = await head.PostAsync($"/api/tasks/{taskId}/claim", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("engine.task-forbidden", body, StringComparison.Ordinal);
        Assert.Contains("Sie gehören nicht zu den vorgesehenen Bearbeitern dieser Aufgabe.", body, StringComparison.Ordinal);
        Assert.Null(afterRefusal.Assignee);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Complete_IsForbiddenWithGermanProblem_WhenTaskIsClaimedByColleague(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var colleague = await factory.SignInAsClerkAsync(municipality);
        var (instanceId, taskId) = await StartAsync(designer, "Sachbearbeitung");
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);

        var refused = await colleague.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new CompleteTaskRequest(new() { ["genehmigt"] = JsonSerializer.SerializeToElement(true) }));
        var body = await refused.Content.ReadAsStringAsync();
        var afterRefusal = await TaskAsync(designer, instanceId);
        var completed = await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new CompleteTaskRequest(null));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("engine.task-forbidden", body, StringComparison.Ordinal);
        Assert.Contains("Diese Aufgabe ist einer anderen Person zugewiesen; nur sie darf sie bearbeiten.", body, StringComparison.Ordinal);
        Assert.Equal(Amtsweg.Engine.Persistence.UserTaskState.Created, afterRefusal.State);
        Assert.NotNull(afterRefusal.Assignee);
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
    }

    private static async Task<UserTaskInfo> TaskAsync(HttpClient client, Guid instanceId) =>
        Assert.Single((await client.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instanceId}", Json))!);

    private static async Task<(Guid InstanceId, Guid TaskId)> StartAsync(HttpClient designer, string candidateGroup)
    {
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessesApiTests.Antrag.bpmn"))
            .Replace("candidateGroups=\"Sachbearbeitung\"", $"candidateGroups=\"{candidateGroup}\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Antrag", [new DeployResource("antrag.bpmn", bpmn)]))).StatusCode);
        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", "32.10-0001/2026", null));
        var instance = await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json);
        var tasks = await designer.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance!.Id}", Json);
        return (instance.Id, Assert.Single(tasks!).Id);
    }
}
