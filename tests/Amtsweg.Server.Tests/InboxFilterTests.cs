using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Tasks.Pages;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests;

/// <summary>Issue 12.1: the inbox's filters and sort order, saved filters, and GET /api/tasks as the inbox lists.</summary>
public partial class InboxFilterTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Inbox_FiltersAndSorts_AndTheTabsKeepTheFilter(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var tasks = await StartTasksAsync(factory, municipality);

        // The factory's clock: Monday, 2 November 2026, 9:00 in Berlin.
        async Task<IEnumerable<string>> ListedAsync(string query)
        {
            var html = await clerk.GetStringAsync("/aufgaben?ansicht=Angeboten&" + query);
            return TaskIds().Matches(html).Select(m => tasks.Single(t => t.Value == Guid.Parse(m.Groups[1].Value)).Key);
        }

        Assert.Equal(["overdue", "today", "week", "later", "none"], await ListedAsync("prozess=Fristen"));
        Assert.Equal(["overdue"], await ListedAsync("prozess=Fristen&faellig=Ueberfaellig"));
        Assert.Equal(["gewerbe", "overdue"], await ListedAsync("faellig=Ueberfaellig"));
        Assert.Equal(["today"], await ListedAsync("faellig=Heute"));
        Assert.Equal(["today", "week"], await ListedAsync("faellig=Woche"));
        Assert.Equal(["none"], await ListedAsync("faellig=Ohne"));
        Assert.Equal(["overdue"], await ListedAsync("wiedervorlage=true"));
        Assert.Equal(["gewerbe"], await ListedAsync("suche=GEWERBE"));
        Assert.Empty(await ListedAsync("suche=Bauantrag"));
        Assert.Equal(["later", "none", "week", "today", "overdue"], await ListedAsync("prozess=Fristen&sortierung=Neueste"));
        Assert.Equal(["overdue", "today", "week", "none", "later"], await ListedAsync("prozess=Fristen&sortierung=Aelteste"));

        // The tabs count their whole view and keep the filter; the list says how many match.
        var filtered = await clerk.GetStringAsync("/aufgaben?ansicht=Angeboten&prozess=Fristen&faellig=Woche");
        Assert.Contains("Angeboten <span class=\"count\">(6)</span>", filtered, StringComparison.Ordinal);
        Assert.Contains("href=\"/aufgaben?ansicht=Meine&amp;prozess=Fristen&amp;faellig=Woche\"", filtered, StringComparison.Ordinal);
        Assert.Contains("2 Aufgaben passen zum Filter.", filtered, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Fristen\" selected=\"selected\">Fristenkontrolle</option>", filtered, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Gewerbeanmeldung\">Gewerbeanmeldung</option>", filtered, StringComparison.Ordinal);

        // An unknown value is left out with a message: the whole view is listed.
        var bad = await clerk.GetStringAsync("/aufgaben?ansicht=Angeboten&faellig=Morgen");
        Assert.Contains("Ein Filterwert ist ungültig und wurde nicht angewendet.", bad, StringComparison.Ordinal);
        Assert.Equal(6, TaskIds().Count(bad));
        Assert.DoesNotContain("Ein Filterwert", await clerk.GetStringAsync("/aufgaben?ansicht=Angeboten&seite=zwei"), StringComparison.Ordinal);
    }

    // A clerk searches for the Vorgang on the desk: by its Aktenzeichen or subject, not only by the task's name.
    [Theory]
    [AllProviders]
    public async Task Inbox_FindsTheTasksOfAVorgang_ByItsAktenzeichenOrSubject(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var tasks = await StartTasksAsync(factory, municipality);
        var started = await clerk.PostAsJsonAsync("/api/process-instances", new { processId = "Gewerbeanmeldung", vorgang = new { positionId = position.Id, title = "Imbiss Müller am Markt" } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instance = (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            tasks["imbiss"] = Assert.Single(await scope.ServiceProvider.GetRequiredService<IProcessEngine>().QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id })).Id;
        }

        async Task<IEnumerable<string>> ListedAsync(string text)
        {
            var response = await clerk.GetAsync("/aufgaben?ansicht=Angeboten&suche=" + Uri.EscapeDataString(text));
            Assert.True(response.IsSuccessStatusCode, string.Join("\n", factory.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => e.Message + " " + e.Exception)));
            var html = await response.Content.ReadAsStringAsync();
            return TaskIds().Matches(html).Select(m => tasks.Single(t => t.Value == Guid.Parse(m.Groups[1].Value)).Key).Order(StringComparer.Ordinal);
        }

        Assert.Equal(["imbiss"], await ListedAsync("MÜLLER am"));
        Assert.Equal(["imbiss"], await ListedAsync(instance.BusinessKey!));
        Assert.Equal(["gewerbe", "imbiss"], await ListedAsync("gewerbe"));
        Assert.Empty(await ListedAsync("Bäckerei"));
        Assert.Contains("Suche in Aufgabe, Aktenzeichen und Betreff", await clerk.GetStringAsync("/aufgaben"), StringComparison.Ordinal);
    }

    [Fact]
    public void QueryString_KeepsFilterOrderAndPage_ForPagerAndTabs()
    {
        var filter = InboxFilter.Of("Fristen", DueFilter.Heute, true, " Frist & Co ", InboxSort.Neueste);

        Assert.Equal("ansicht=Angeboten&prozess=Fristen&faellig=Heute&wiedervorlage=true&suche=Frist%20%26%20Co&sortierung=Neueste&seite=3", filter.QueryString(InboxView.Angeboten, 3));
        Assert.Equal("ansicht=Meine", InboxFilter.Of(" ", null, false, "", InboxSort.Faelligkeit).QueryString(InboxView.Meine));
    }

    [Theory]
    [AllProviders]
    public async Task SavedFilters_AreSavedOpenedAndDeleted_ByTheirOwnerOnly(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var owner = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var clerk = await SignInAsync(factory, owner);
        var colleague = await factory.SignInAsClerkAsync(municipality);
        var stranger = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());
        var tasks = await StartTasksAsync(factory, municipality);
        const string filtered = "/aufgaben?ansicht=Angeboten&prozess=Fristen&faellig=Ueberfaellig";
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, filtered);
        Task<HttpResponseMessage> SaveAsync(string name, string process = "Fristen", string due = "Ueberfaellig") =>
            clerk.PostAsync("/aufgaben?handler=SaveFilter", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["ansicht"] = "Angeboten",
                ["prozess"] = process,
                ["faellig"] = due,
                ["wiedervorlage"] = "false",
                ["suche"] = "",
                ["sortierung"] = "Faelligkeit",
                ["name"] = name,
            }));
        Task<int> CountAsync() => PlatformAsync(factory, municipality, db => db.SavedTaskFilters.CountAsync());

        var saved = await SaveAsync(" Fristen überfällig ");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(filtered, saved.Headers.Location!.OriginalString);
        Assert.Contains("Der Filter „Fristen überfällig“ ist gespeichert.", await clerk.GetStringAsync(filtered), StringComparison.Ordinal);

        // Empty, over-long and duplicate names, and a filter that filters nothing, are refused; nothing is saved.
        foreach (var (name, process, due, message) in new[]
        {
            ("  ", "Fristen", "Ueberfaellig", "Bitte geben Sie dem Filter einen Namen."),
            (new string('x', 81), "Fristen", "Ueberfaellig", "Der Name darf höchstens 80 Zeichen lang sein."),
            ("fristen ÜBERFÄLLIG", "Fristen", "", "Sie haben bereits einen Filter „fristen ÜBERFÄLLIG“. Bitte wählen Sie einen anderen Namen."),
            ("Alles", "", "", "Wählen Sie zuerst einen Filter oder eine Sortierung, die Sie speichern möchten."),
        })
        {
            var refused = await SaveAsync(name, process, due);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(message, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(1, await CountAsync());

        // The link above the list opens it in the current view; it is the owner's only.
        var mine = await clerk.GetStringAsync("/aufgaben?ansicht=Angeboten");
        Assert.Contains($"<a href=\"{filtered.Replace("&", "&amp;", StringComparison.Ordinal)}\">Fristen überfällig</a>", mine, StringComparison.Ordinal);
        var opened = await clerk.GetStringAsync(filtered);
        Assert.Contains("aria-current=\"true\">Fristen überfällig</a>", opened, StringComparison.Ordinal);
        Assert.Equal([tasks["overdue"]], TaskIds().Matches(opened).Select(m => Guid.Parse(m.Groups[1].Value)));
        Assert.DoesNotContain("Fristen überfällig", await colleague.GetStringAsync("/aufgaben"), StringComparison.Ordinal);

        // Another user, or a user of another municipality, cannot delete it.
        var id = await PlatformAsync(factory, municipality, db => db.SavedTaskFilters.Select(f => f.Id).SingleAsync());
        foreach (var other in new[] { colleague, stranger })
        {
            var otherToken = await AmtswegFactory.AntiforgeryTokenAsync(other, "/aufgaben?ansicht=Angeboten&faellig=Heute");
            var denied = await other.PostAsync("/aufgaben?handler=DeleteFilter", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = otherToken, ["id"] = id.ToString() }));
            Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        }

        Assert.Equal(1, await CountAsync());

        // A saved filter whose process is no longer deployed still opens: no tasks, the process named as gone.
        await PlatformAsync(factory, municipality, async db =>
        {
            db.SavedTaskFilters.Add(new SavedTaskFilter { Id = Guid.CreateVersion7(), UserName = owner.User.UserName!, Name = "Alter Prozess", ProcessId = "Abgeschafft", CreatedAt = factory.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });
        var gone = await clerk.GetAsync("/aufgaben?ansicht=Angeboten&prozess=Abgeschafft");
        var goneHtml = await gone.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, gone.StatusCode);
        Assert.Contains("Keine Aufgabe passt zu diesem Filter.", goneHtml, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Abgeschafft\" selected=\"selected\">Nicht mehr bereitgestellter Prozess</option>", goneHtml, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"true\">Alter Prozess</a>", goneHtml, StringComparison.Ordinal);

        // The owner deletes it.
        var deleted = await clerk.PostAsync("/aufgaben?handler=DeleteFilter&ansicht=Angeboten", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["id"] = id.ToString() }));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/aufgaben?ansicht=Angeboten", deleted.Headers.Location!.OriginalString);
        Assert.Contains("Der Filter „Fristen überfällig“ ist gelöscht.", await clerk.GetStringAsync("/aufgaben?ansicht=Angeboten"), StringComparison.Ordinal);
        Assert.Equal(["Alter Prozess"], await PlatformAsync(factory, municipality, db => db.SavedTaskFilters.Select(f => f.Name).ToListAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task ApiTasks_WithoutFilters_ListsMineOfferedAndTheAbsentColleagues(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var absent = await factory.CreateUserAsync(municipality, Roles.Leitung);
        var deputy = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var other = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var tasks = new Dictionary<string, Guid>();
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            await DeployFristenAsync(engine);
            foreach (var (name, groups) in new[] { ("absent's", new[] { "Sachbearbeitung" }), ("colleague's", ["Sachbearbeitung"]), ("offered", ["Sachbearbeitung"]), ("offered to Leitung", ["Leitung"]) })
            {
                tasks[name] = await StartAsync(engine, factory, new { gruppen = groups });
            }

            await engine.ClaimUserTaskAsync(tasks["absent's"], absent.User.UserName!);
            await engine.ClaimUserTaskAsync(tasks["colleague's"], other.User.UserName!);
            var today = Amtsweg.Data.BerlinTime.Today(factory.Clock);
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.Absences.Add(new Absence { Id = Guid.CreateVersion7(), UserName = absent.User.UserName!, DeputyUserName = deputy.User.UserName!, From = today.AddDays(-1), Until = today.AddDays(3), CreatedBy = absent.User.UserName!, CreatedAt = factory.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        async Task<IEnumerable<string>> ListedAsync(CreatedUser user)
        {
            var list = await (await SignInAsync(factory, user)).GetFromJsonAsync<List<UserTaskInfo>>("/api/tasks", Json);
            return list!.Select(task => tasks.Single(t => t.Value == task.Id).Key);
        }

        // The deputy gets the absent colleague's task and what is offered to the absent's group, oldest first; never a
        // task another colleague has taken.
        Assert.Equal(["absent's", "offered", "offered to Leitung"], await ListedAsync(deputy));
        Assert.Equal(["colleague's", "offered"], await ListedAsync(other));
    }

    [Theory]
    [AllProviders]
    public async Task InboxAndNavigation_CountTheClerksTasksOnce_PerRequest(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var queries = new System.Collections.Concurrent.ConcurrentQueue<UserTaskPageQuery>();
        factory.TestServices = services => CountingEngine.Register(services, queries);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var tasks = await StartTasksAsync(factory, municipality);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{tasks["today"]}/claim", null)).StatusCode);

        // The inbox's tab and the navigation show one number from one count of "Meine Aufgaben".
        foreach (var (address, assignedQueries) in new[] { ("/aufgaben?ansicht=Angeboten", 1), ("/aufgaben", 1), ("/aufgaben?faellig=Heute", 2) })
        {
            queries.Clear();
            var html = await clerk.GetStringAsync(address);
            Assert.Contains("Meine Aufgaben <span class=\"count\">(1)</span>", html, StringComparison.Ordinal);
            Assert.Contains("<span class=\"nav-count\">1</span>", html, StringComparison.Ordinal);
            Assert.Equal(assignedQueries, queries.Count(q => q.AssignedTo is not null));
        }

        // Elsewhere the navigation counts them itself.
        queries.Clear();
        Assert.Contains("<span class=\"nav-count\">1</span>", await clerk.GetStringAsync("/vorgaenge"), StringComparison.Ordinal);
        Assert.Equal(1, queries.Count(q => q.AssignedTo is not null));
    }

    /// <summary>The server's engine, watched: records every page query.</summary>
    public class CountingEngine : System.Reflection.DispatchProxy
    {
        private IProcessEngine _inner = null!;
        private System.Collections.Concurrent.ConcurrentQueue<UserTaskPageQuery> _queries = null!;

        /// <summary>Wraps the registered engine.</summary>
        public static void Register(IServiceCollection services, System.Collections.Concurrent.ConcurrentQueue<UserTaskPageQuery> queries)
        {
            var original = services.Last(d => d.ServiceType == typeof(IProcessEngine));
            services.Remove(original);
            services.AddScoped(provider =>
            {
                var engine = Create<IProcessEngine, CountingEngine>();
                var counting = (CountingEngine)(object)engine;
                counting._inner = (IProcessEngine)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!);
                counting._queries = queries;
                return engine;
            });
        }

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IProcessEngine.PageUserTasksAsync))
            {
                _queries.Enqueue((UserTaskPageQuery)args![0]!);
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (System.Reflection.TargetInvocationException error) when (error.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error.InnerException);
                throw;
            }
        }
    }

    private static async Task<Dictionary<string, Guid>> StartTasksAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        var gewerbe = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Diagrams", "TaskPageTests.Gewerbe.bpmn"));
        await engine.DeployAsync(new DeploymentRequest("Gewerbe", [new DeploymentResource("gewerbe.bpmn", gewerbe)]));
        await DeployFristenAsync(engine);
        var tasks = new Dictionary<string, Guid>();
        var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "Gewerbeanmeldung" });
        tasks["gewerbe"] = Assert.Single(await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id })).Id;
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        foreach (var (name, due, followUp) in new[]
        {
            ("overdue", "2026-10-30T10:00:00Z", "2026-11-01T08:00:00Z"),
            ("today", "2026-11-02T15:00:00Z", "2026-11-05T08:00:00Z"),
            ("week", "2026-11-06T10:00:00Z", null),
            ("none", null, null),
            ("later", "2026-11-20T10:00:00Z", null),
        })
        {
            tasks[name] = await StartAsync(engine, factory, new { gruppen = new[] { Roles.Sachbearbeitung }, due, followUp });
        }

        return tasks;
    }

    private static async Task DeployFristenAsync(IProcessEngine engine)
    {
        var fristen = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Diagrams", "InboxFilterTests.Fristen.bpmn"));
        await engine.DeployAsync(new DeploymentRequest("Fristen", [new DeploymentResource("fristen.bpmn", fristen)]));
    }

    private static async Task<Guid> StartAsync(IProcessEngine engine, AmtswegFactory factory, object variables)
    {
        var values = JsonSerializer.SerializeToElement(variables).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "Fristen", Variables = values });
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        return Assert.Single(await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id })).Id;
    }

    private static async Task<HttpClient> SignInAsync(AmtswegFactory factory, CreatedUser user)
    {
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword)).StatusCode);
        return client;
    }

    private static async Task<T> PlatformAsync<T>(AmtswegFactory factory, Municipality municipality, Func<PlatformDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await query(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
    }

    [GeneratedRegex("""<td>\s*<a href="/aufgaben/([0-9a-f-]{36})">""")]
    private static partial Regex TaskIds();
}
