using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests;

/// <summary>Issue 12.1: the inbox's views, counts and pages, and the number of the clerk's tasks in the navigation.</summary>
public partial class InboxPageTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Inbox_CountsAndPagesTheViews_AndTheNavigationCountsTheClerksTasks(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "TaskPageTests.Gewerbe.bpmn"));
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Gewerbe", [new DeployResource("gewerbe.bpmn", bpmn)]))).StatusCode);
        var instances = new List<Guid>();
        for (var i = 1; i <= 27; i++)
        {
            var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Gewerbeanmeldung", $"32.10-{i:0000}/2026", null));
            instances.Add((await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!.Id);
        }

        // 27 tasks offered to the clerk's group: 25 on the first page, 2 on the second; a page beyond shows the last.
        var offered = await clerk.GetStringAsync("/aufgaben?ansicht=Angeboten");
        Assert.Contains("Angeboten <span class=\"count\">(27)</span>", offered, StringComparison.Ordinal);
        Assert.Contains("Meine Aufgaben <span class=\"count\">(0)</span>", offered, StringComparison.Ordinal);
        Assert.Equal(25, TaskLinks().Count(offered));
        Assert.Equal(2, TaskLinks().Count(await clerk.GetStringAsync("/aufgaben?ansicht=Angeboten&seite=2")));
        Assert.Equal(2, TaskLinks().Count(await clerk.GetStringAsync("/aufgaben?ansicht=Angeboten&seite=9")));
        Assert.DoesNotContain("class=\"nav-count\"", offered, StringComparison.Ordinal);

        // Two taken: they are the clerk's, counted in the navigation, and no longer offered.
        foreach (var instance in instances.Take(2))
        {
            var task = Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance}", Json))!);
            Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{task.Id}/claim", null)).StatusCode);
        }

        var mine = await clerk.GetStringAsync("/aufgaben");
        Assert.Equal(2, TaskLinks().Count(mine));
        Assert.Contains("Meine Aufgaben <span class=\"count\">(2)</span>", mine, StringComparison.Ordinal);
        Assert.Contains("Angeboten <span class=\"count\">(25)</span>", mine, StringComparison.Ordinal);
        Assert.Contains("<span class=\"nav-count\">2</span><span class=\"visually-hidden\"> zugewiesen</span>", mine, StringComparison.Ordinal);
        Assert.Contains("<span class=\"nav-count\">2</span>", await clerk.GetStringAsync("/vorgaenge"), StringComparison.Ordinal);

        // A clerk of another municipality sees none of them.
        var stranger = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());
        Assert.Contains("Angeboten <span class=\"count\">(0)</span>", await stranger.GetStringAsync("/aufgaben?ansicht=Angeboten"), StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task TaskPage_HandsTheTaskToAColleague_AndRefusesWithoutAChoice(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var colleague = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var stranger = await factory.CreateUserAsync(await factory.CreateMunicipalityAsync(), Roles.Sachbearbeitung);
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "TaskPageTests.Gewerbe.bpmn"));
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Gewerbe", [new DeployResource("gewerbe.bpmn", bpmn)]))).StatusCode);
        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Gewerbeanmeldung", "32.10-0001/2026", null));
        var instance = (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!.Id;
        var task = Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance}", Json))!);
        var page = $"/aufgaben/{task.Id}";
        Assert.DoesNotContain("Weitergeben an", await clerk.GetStringAsync(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{task.Id}/claim", null)).StatusCode);

        // The form offers the colleague; without a choice, or with a user of another municipality, nothing changes.
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, page);
        Assert.Contains($"<option value=\"{colleague.User.UserName}\">", await clerk.GetStringAsync(page), StringComparison.Ordinal);
        foreach (var wrong in new[] { "", stranger.User.UserName! })
        {
            var refused = await clerk.PostAsync(page + "?handler=Delegate", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["assignee"] = wrong }));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Bitte wählen Sie aus, an wen die Aufgabe gehen soll.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.NotEqual(colleague.User.UserName, Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance}", Json))!).Assignee);
        var handed = await clerk.PostAsync(page + "?handler=Delegate", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["assignee"] = colleague.User.UserName! }));

        Assert.Equal(HttpStatusCode.Redirect, handed.StatusCode);
        Assert.Equal("/aufgaben", handed.Headers.Location!.OriginalString);
        Assert.Contains("Die Aufgabe „Gewerbeanmeldung prüfen“ ist jetzt bei Sachbearbeitung Test.", await clerk.GetStringAsync("/aufgaben"), StringComparison.Ordinal);
        Assert.Equal(colleague.User.UserName, Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance}", Json))!).Assignee);
    }

    [GeneratedRegex("""<td>\s*<a href="/aufgaben/[0-9a-f-]{36}">""")]
    private static partial Regex TaskLinks();
}
