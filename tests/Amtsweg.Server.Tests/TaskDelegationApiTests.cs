using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Features.Tasks.Delegate;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests;

/// <summary>Handing a task over through <c>POST /api/tasks/{id}/delegate</c> (Engine README, "Task permissions").</summary>
public class TaskDelegationApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Delegate_HandsTaskToColleague_WhenAssigneeDelegates(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var (clerk, _) = await SignInAsync(factory, municipality, Roles.Sachbearbeitung);
        var (colleague, colleagueName) = await SignInAsync(factory, municipality, Roles.Sachbearbeitung);
        var (instanceId, taskId) = await StartAsync(designer);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);

        var delegated = await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new DelegateTaskRequest(colleagueName));
        var task = await TaskAsync(designer, instanceId);
        var completed = await colleague.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { });

        Assert.Equal(HttpStatusCode.OK, delegated.StatusCode);
        Assert.Equal(colleagueName, task.Assignee);
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Delegate_IsForbiddenWithGermanProblem_WhenTargetIsNoCandidate(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var (clerk, clerkName) = await SignInAsync(factory, municipality, Roles.Sachbearbeitung);
        var designerUser = await factory.CreateUserAsync(municipality, Roles.Prozessgestaltung);
        var (instanceId, taskId) = await StartAsync(designer);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);

        var refused = await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new DelegateTaskRequest(designerUser.User.UserName));
        var body = await refused.Content.ReadAsStringAsync();
        var unknown = await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new DelegateTaskRequest("niemand"));
        var unknownBody = await unknown.Content.ReadAsStringAsync();
        var task = await TaskAsync(designer, instanceId);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("engine.task-forbidden", body, StringComparison.Ordinal);
        Assert.Contains("gehört nicht zu den vorgesehenen Bearbeitern dieser Aufgabe", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("engine.task-assignee-unknown", unknownBody, StringComparison.Ordinal);
        Assert.Equal(clerkName, task.Assignee);
    }

    [Theory]
    [AllProviders]
    public async Task Delegate_ReassignsTaskOfColleague_WhenCallerIsLeitung(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var (clerk, _) = await SignInAsync(factory, municipality, Roles.Sachbearbeitung);
        var (colleague, colleagueName) = await SignInAsync(factory, municipality, Roles.Sachbearbeitung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var (instanceId, taskId) = await StartAsync(designer);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);

        var byColleague = await colleague.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new DelegateTaskRequest(colleagueName));
        var byHead = await head.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new DelegateTaskRequest(colleagueName));
        var task = await TaskAsync(designer, instanceId);

        Assert.Equal(HttpStatusCode.Forbidden, byColleague.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byHead.StatusCode);
        Assert.Equal(colleagueName, task.Assignee);
    }

    private static async Task<(HttpClient Client, string UserName)> SignInAsync(AmtswegFactory factory, Municipality municipality, string role)
    {
        var user = await factory.CreateUserAsync(municipality, role);
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword)).StatusCode);
        return (client, user.User.UserName!);
    }

    private static async Task<UserTaskInfo> TaskAsync(HttpClient client, Guid instanceId) =>
        Assert.Single((await client.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instanceId}", Json))!);

    private static async Task<(Guid InstanceId, Guid TaskId)> StartAsync(HttpClient designer)
    {
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessesApiTests.Antrag.bpmn"));
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Antrag", [new DeployResource("antrag.bpmn", bpmn)]))).StatusCode);
        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", "32.10-0001/2026", null));
        var instance = await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json);
        var tasks = await designer.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance!.Id}", Json);
        return (instance.Id, Assert.Single(tasks!).Id);
    }
}
