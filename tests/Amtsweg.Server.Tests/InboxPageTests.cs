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

    [GeneratedRegex("""<td>\s*<a href="/aufgaben/[0-9a-f-]{36}">""")]
    private static partial Regex TaskLinks();
}
