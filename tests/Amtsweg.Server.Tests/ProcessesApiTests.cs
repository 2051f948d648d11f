using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Features.Tasks.Complete;
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
        Assert.Equal(("Pruefen", null), (task.ElementId, task.FormId));
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

    // Regression (security test, issue 17): a clerk could store a 20 MB string or a 2-million-element list in a task completion.
    [Theory]
    [AllProviders]
    public async Task Bug_TaskCompletion_StoredAHugeVariable(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (instanceId, taskId) = await StartInstanceAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var huge = "{\"variables\": {\"text\": \"" + new string('x', 3 * 1024 * 1024) + "\"}}";

        var completed = await clerk.PostAsync($"/api/tasks/{taskId}/complete", new StringContent(huge, System.Text.Encoding.UTF8, "application/json"));
        var instance = await clerk.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{instanceId}", Json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, completed.StatusCode);
        Assert.Contains("engine.variable-too-large", await completed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ProcessInstanceState.Active, instance!.State);
        Assert.Equal(["Pruefen"], instance.ActiveElementIds);
    }

    // Regression (security test, issue 17): a lone UTF-16 surrogate in a variable answered 500.
    [Theory]
    [AllProviders]
    public async Task Bug_LoneSurrogateInVariable_AnsweredInternalError(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (instanceId, taskId) = await StartInstanceAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var completed = await clerk.PostAsync($"/api/tasks/{taskId}/complete", new StringContent("{\"variables\": {\"name\": \"A\\ud800B\"}}", System.Text.Encoding.UTF8, "application/json"));
        var instance = await clerk.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{instanceId}", Json);

        Assert.Equal(HttpStatusCode.BadRequest, completed.StatusCode);
        Assert.Contains("engine.variable-invalid", await completed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ProcessInstanceState.Active, instance!.State);
    }

    // Regression (security test, issue 17): numbers beyond the decimal range were silently changed (1e400 stored as
    // 1.797e308, a 39-digit integer rounded, 1e-400 as 0). FEEL keeps 34 digits at any exponent; more digits are refused.
    [Theory]
    [AllProviders]
    public async Task Bug_NumbersOutsideDecimalRange_WereSilentlyChanged(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        (await designer.PostAsJsonAsync("/api/deployments", Deployment())).EnsureSuccessStatusCode();

        var kept = await designer.PostAsync("/api/process-instances", new StringContent(
            "{\"processId\": \"Antrag\", \"variables\": {\"gross\": 1e400, \"klein\": 1e-400, \"genau\": 1234567890123456789012345678901234}}", System.Text.Encoding.UTF8, "application/json"));
        var refused = await designer.PostAsync("/api/process-instances", new StringContent(
            "{\"processId\": \"Antrag\", \"variables\": {\"lang\": 123456789012345678901234567890123456789}}", System.Text.Encoding.UTF8, "application/json"));
        var instance = await kept.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json);

        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        Assert.Equal(Amtsweg.Feel.FeelNumber.Parse("1e400"), Amtsweg.Feel.FeelNumber.Parse(instance!.Variables["gross"]!.ToJsonString()));
        Assert.Equal(Amtsweg.Feel.FeelNumber.Parse("1e-400"), Amtsweg.Feel.FeelNumber.Parse(instance.Variables["klein"]!.ToJsonString()));
        Assert.Equal("1234567890123456789012345678901234", instance.Variables["genau"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("engine.variable-invalid", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
