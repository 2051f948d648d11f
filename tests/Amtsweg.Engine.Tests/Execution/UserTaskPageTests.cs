using Amtsweg.Data.Providers;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>The inbox's query: filtered, sorted, paged and counted in the database (issue 12.1).</summary>
public sealed class UserTaskPageTests
{
    [Theory]
    [AllProviders]
    public async Task Page_SortsDueFirstAndPages_WithTotal(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(UserTaskPageTests));
        var tasks = new Dictionary<string, Guid>();
        foreach (var (name, due) in new[] { ("due-12", "2026-03-12T09:00:00Z"), ("none-1", null), ("due-10", "2026-03-10T09:00:00Z"), ("due-11", "2026-03-11T09:00:00Z"), ("none-2", null) })
        {
            var instance = await host.StartAsync("inbox", new { due });
            tasks[name] = (await host.SingleTaskAsync(instance.Id)).Id;
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        string Name(UserTaskInfo task) => tasks.Single(t => t.Value == task.Id).Key;
        var first = await host.Engine.PageUserTasksAsync(new UserTaskPageQuery { Take = 2 });
        var second = await host.Engine.PageUserTasksAsync(new UserTaskPageQuery { Skip = 2, Take = 2 });
        var last = await host.Engine.PageUserTasksAsync(new UserTaskPageQuery { Skip = 4, Take = 2 });
        var count = await host.Engine.PageUserTasksAsync(new UserTaskPageQuery { Take = 0 });
        var beyond = await host.Engine.PageUserTasksAsync(new UserTaskPageQuery { Skip = 5 });

        Assert.Equal(["due-10", "due-11"], first.Tasks.Select(Name));
        Assert.Equal(["due-12", "none-1"], second.Tasks.Select(Name));
        Assert.Equal(["none-2"], last.Tasks.Select(Name));
        Assert.All([first, second, last, count, beyond], page => Assert.Equal(5, page.Total));
        Assert.Empty(count.Tasks);
        Assert.Empty(beyond.Tasks);

        // Assigned tasks: only those of the users asked for; a completed task is not open any more.
        await host.Engine.ClaimUserTaskAsync(tasks["none-1"], "clara");
        await host.Engine.ClaimUserTaskAsync(tasks["due-11"], "ben");
        await host.Engine.ClaimUserTaskAsync(tasks["due-12"], "anna");
        await host.Engine.CompleteUserTaskAsync(tasks["due-12"], null, "anna");
        Assert.Equal(["none-1"], (await host.Engine.PageUserTasksAsync(new UserTaskPageQuery { AssignedTo = ["clara"] })).Tasks.Select(Name));
        Assert.Equal(["due-11", "none-1"], (await host.Engine.PageUserTasksAsync(new UserTaskPageQuery { AssignedTo = ["clara", "ben", "anna"] })).Tasks.Select(Name));
        Assert.Equal(4, (await host.Engine.PageUserTasksAsync(new UserTaskPageQuery())).Total);
    }

    [Theory]
    [AllProviders]
    public async Task Page_OffersUnassignedTasks_ByCandidateUserGroupOrNone(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(UserTaskPageTests));
        var tasks = new Dictionary<string, Guid>();
        async Task StartAsync(string name, string[] groups, string[] users, string? assignee = null)
        {
            var instance = await host.StartAsync("inbox", new { groups, users, assignee });
            tasks[name] = (await host.SingleTaskAsync(instance.Id)).Id;
        }

        await StartAsync("group, other case", ["Sachbearbeitung"], []);
        await StartAsync("user anna", [], ["anna"]);
        await StartAsync("no candidates", [], []);
        await StartAsync("group containing leitung", ["abteilungsleitung"], []);
        await StartAsync("user containing anna", [], ["annabell"]);
        await StartAsync("group, assigned", ["sachbearbeitung"], [], assignee: "ben");
        await StartAsync("second of two groups", ["bauamt", "leitung"], []);

        async Task<IEnumerable<string>> OfferedAsync(params TaskCaller[] callers)
        {
            var page = await host.Engine.PageUserTasksAsync(new UserTaskPageQuery { OfferedTo = callers, Take = 100 });
            Assert.Equal(page.Tasks.Count, page.Total);
            return page.Tasks.Select(task => tasks.Single(t => t.Value == task.Id).Key).Order();
        }

        var clara = new TaskCaller("clara", ["sachbearbeitung", "leitung"]);
        var anna = new TaskCaller("anna", []);
        Assert.Equal(["group, other case", "no candidates", "second of two groups"], await OfferedAsync(clara));
        Assert.Equal(["no candidates", "user anna"], await OfferedAsync(anna));
        Assert.Equal(["group, other case", "no candidates", "second of two groups", "user anna"], await OfferedAsync(clara, anna));
        Assert.Equal(["no candidates"], await OfferedAsync(new TaskCaller("paula", ["bau"])));
    }

    [Theory]
    [AllProviders]
    public async Task Page_FiltersByProcessDueFollowUpAndName_InTheDatabase(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(UserTaskPageTests));
        var tasks = new Dictionary<string, Guid>();
        foreach (var (name, process, due, followUp) in new[]
        {
            ("overdue", "inbox", "2026-03-01T09:00:00Z", "2026-03-01T09:00:00Z"),
            ("this week", "inbox", "2026-03-05T09:00:00Z", null),
            ("gewerbe without due", "gewerbe", null, "2026-03-10T09:00:00Z"),
            ("gewerbe later", "gewerbe", "2026-03-20T09:00:00Z", null),
        })
        {
            var instance = await host.StartAsync(process, new { due, followUp });
            tasks[name] = (await host.SingleTaskAsync(instance.Id)).Id;
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        async Task<IEnumerable<string>> FoundAsync(UserTaskPageQuery query)
        {
            var page = await host.Engine.PageUserTasksAsync(query with { Take = 100 });
            Assert.Equal(page.Tasks.Count, page.Total);
            return page.Tasks.Select(task => tasks.Single(t => t.Value == task.Id).Key).Order();
        }

        var today = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(["gewerbe later", "gewerbe without due"], await FoundAsync(new() { ProcessId = "gewerbe" }));
        Assert.Empty(await FoundAsync(new() { ProcessId = "no-longer-deployed" }));
        Assert.Equal(["overdue"], await FoundAsync(new() { DueBefore = today }));
        Assert.Equal(["overdue"], await FoundAsync(new() { DueBefore = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.FromHours(1)) }));
        Assert.Equal(["this week"], await FoundAsync(new() { DueFrom = today, DueBefore = today.AddDays(8) }));
        Assert.Equal(["gewerbe later", "this week"], await FoundAsync(new() { DueFrom = today }));
        Assert.Equal(["gewerbe without due"], await FoundAsync(new() { WithoutDueDate = true }));
        Assert.Equal(["overdue"], await FoundAsync(new() { FollowUpBefore = today.AddDays(1) }));
        Assert.Equal(["gewerbe without due", "overdue"], await FoundAsync(new() { FollowUpBefore = today.AddDays(9) }));
        Assert.Equal(["gewerbe later", "gewerbe without due"], await FoundAsync(new() { NameContains = " GEWERBEANZEIGE " }));
        Assert.Equal(["overdue", "this week"], await FoundAsync(new() { NameContains = "antrag prüfen" }));
        Assert.Equal(["gewerbe later"], await FoundAsync(new() { ProcessId = "gewerbe", DueFrom = today }));
        Assert.Empty(await FoundAsync(new() { NameContains = "Bauantrag" }));
    }

    [Theory]
    [AllProviders]
    public async Task Page_SortsNewestOrOldestFirst_WhenAsked(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(UserTaskPageTests));
        var tasks = new Dictionary<string, Guid>();
        foreach (var (name, due) in new[] { ("first", "2026-03-12T09:00:00Z"), ("second", null), ("third", "2026-03-10T09:00:00Z") })
        {
            var instance = await host.StartAsync("inbox", new { due });
            tasks[name] = (await host.SingleTaskAsync(instance.Id)).Id;
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        async Task<IEnumerable<string>> SortedAsync(UserTaskSort sort, int skip = 0) =>
            (await host.Engine.PageUserTasksAsync(new UserTaskPageQuery { Sort = sort, Skip = skip, Take = 2 })).Tasks.Select(task => tasks.Single(t => t.Value == task.Id).Key);

        Assert.Equal(["third", "first"], await SortedAsync(UserTaskSort.Due));
        Assert.Equal(["third", "second"], await SortedAsync(UserTaskSort.Newest));
        Assert.Equal(["first"], await SortedAsync(UserTaskSort.Newest, skip: 2));
        Assert.Equal(["first", "second"], await SortedAsync(UserTaskSort.Oldest));
        Assert.Equal(["third"], await SortedAsync(UserTaskSort.Oldest, skip: 2));
    }

    // The inbox's search finds a Vorgang's tasks by its Aktenzeichen: the server passes the Vorgang's instances.
    [Theory]
    [AllProviders]
    public async Task Page_FindsTasksOfGivenInstancesAndTheirCalledInstances_WhenTextIsGiven(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(UserTaskPageTests));
        var searched = await host.StartAsync("antrag");
        var other = await host.StartAsync("antrag");
        var instances = await host.Engine.QueryProcessInstancesAsync(new ProcessInstanceQuery());
        var calledBySearched = Assert.Single(instances, i => i.ParentProcessInstanceId == searched.Id).Id;
        async Task<IEnumerable<string>> FoundAsync(string text, params Guid[] filed) =>
            (await host.Engine.PageUserTasksAsync(new UserTaskPageQuery { NameContains = text, OrInProcessInstances = filed }))
                .Tasks.Select(t => (t.ProcessInstanceId == searched.Id || t.ProcessInstanceId == calledBySearched ? "gesucht: " : "andere: ") + t.Name)
                .Order(StringComparer.Ordinal);

        // The text is no task's name: the tasks of the given instance and of the instance it called.
        Assert.Equal(["gesucht: Antrag prüfen", "gesucht: Stellungnahme schreiben"], await FoundAsync("63-0001/2026", searched.Id));
        Assert.Empty(await FoundAsync("63-0001/2026"));

        // Names still match in every instance.
        Assert.Equal(["andere: Stellungnahme schreiben", "gesucht: Antrag prüfen", "gesucht: Stellungnahme schreiben"], await FoundAsync("STELLUNGNAHME", searched.Id));
        Assert.Equal(["andere: Antrag prüfen", "andere: Stellungnahme schreiben"], await FoundAsync("x", other.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Engine.PageUserTasksAsync(new UserTaskPageQuery { NameContains = "x", OrInProcessInstances = [.. Enumerable.Range(0, 1_001).Select(_ => Guid.NewGuid())] }));
    }
}
