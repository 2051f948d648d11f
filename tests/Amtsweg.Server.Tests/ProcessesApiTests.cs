using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests;

public class ProcessesApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task UserTask_RunsThroughDeployStartClaimComplete_ByApi(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var colleague = await factory.SignInAsClerkAsync(municipality);

        var deployed = await designer.PostAsJsonAsync("/api/deployments", Deployment());
        var definitions = await clerk.GetFromJsonAsync<List<ProcessDefinitionInfo>>("/api/process-definitions", Json);
        var started = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", "32.10-0001/2026", null));
        var instance = await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json);
        var tasks = await clerk.GetFromJsonAsync<List<UserTaskInfo>>("/api/tasks", Json);
        var task = Assert.Single(tasks!);
        var claimed = await clerk.PostAsync($"/api/tasks/{task.Id}/claim", null);
        var claimedAgain = await colleague.PostAsync($"/api/tasks/{task.Id}/claim", null);
        var completed = await clerk.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new CompleteTaskRequest(new() { ["genehmigt"] = JsonSerializer.SerializeToElement(true) }));
        var finished = await clerk.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{instance!.Id}", Json);

        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        Assert.Equal(("Antrag", 1), (Assert.Single(definitions!).ProcessId, definitions![0].Version));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(["Pruefen"], instance.ActiveElementIds);
        Assert.Equal(("Pruefen", "antrag-pruefen"), (task.ElementId, task.FormId));
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, claimedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        Assert.Equal(ProcessInstanceState.Completed, finished!.State);
        Assert.Equal("32.10-0001/2026", finished.BusinessKey);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_IsRefusedWithGermanProblems_AndNothingIsDeployed_WhenModelIsNotExecutable(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var broken = File.ReadAllText(DiagramPath).Replace("sourceRef=\"Pruefen\" targetRef=\"Erledigt\"", "sourceRef=\"Pruefen\" targetRef=\"Nirgendwo\"", StringComparison.Ordinal);

        var response = await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("kaputt", [new DeployResource("antrag.bpmn", File.ReadAllText(DiagramPath).Replace("Antrag", "Zweiter", StringComparison.Ordinal)), new DeployResource("kaputt.bpmn", broken)]));
        var definitions = await designer.GetFromJsonAsync<List<ProcessDefinitionInfo>>("/api/process-definitions", Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("deployment-invalid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(definitions!);
    }

    [Theory]
    [AllProviders]
    public async Task InstanceAndTaskEndpoints_AnswerNotFound_ForAnotherTenant(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (instanceId, taskId) = await StartInstanceAsync(factory, await factory.CreateMunicipalityAsync("Fremdstadt"));
        var stranger = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync("Eigenstadt"));

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/process-instances/{instanceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/tasks/{taskId}/unclaim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new CompleteTaskRequest(null))).StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<List<UserTaskInfo>>("/api/tasks", Json))!);
        Assert.Empty((await stranger.GetFromJsonAsync<List<ProcessDefinitionInfo>>("/api/process-definitions", Json))!);
    }

    internal static async Task<(Guid InstanceId, Guid TaskId)> StartInstanceAsync(AmtswegFactory factory, Municipality municipality)
    {
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        (await designer.PostAsJsonAsync("/api/deployments", Deployment())).EnsureSuccessStatusCode();
        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", null, null));
        var instance = await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json);
        var tasks = await designer.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance!.Id}", Json);
        return (instance.Id, Assert.Single(tasks!).Id);
    }

    private static string DiagramPath => Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessesApiTests.Antrag.bpmn");

    private static DeployRequest Deployment() => new("Antrag", [new DeployResource("antrag.bpmn", File.ReadAllText(DiagramPath))]);
}
