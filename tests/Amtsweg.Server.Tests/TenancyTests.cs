using System.Net;
using System.Net.Http.Json;
using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Features.Administration.Users;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Amtsweg.Server.Tests;

public class TenancyTests
{
    // Tables that belong to the platform, not to a tenant, and why.
    private static readonly Dictionary<Type, string> PlatformTables = new()
    {
        [typeof(Municipality)] = "the tenants themselves",
        [typeof(AppRole)] = "the fixed roles shared by all tenants",
        [typeof(IdentityUserRole<Guid>)] = "links a filtered user to a role",
        [typeof(IdentityUserClaim<Guid>)] = "hangs off a filtered user",
        [typeof(IdentityUserLogin<Guid>)] = "hangs off a filtered user",
        [typeof(IdentityUserToken<Guid>)] = "hangs off a filtered user",
        [typeof(IdentityRoleClaim<Guid>)] = "hangs off a platform role",
        [typeof(DataProtectionKey)] = "installation-wide cookie keys",
        [typeof(LibraryPackage)] = "the package versions the installation knows, offered to every municipality",
        [typeof(CatalogueSubscription)] = "the catalogues the installation pulls packages from, run by the operator",
        [typeof(PinnedPublisherKey)] = "the publishers' keys the installation trusts, for every municipality",
    };

    [Fact]
    public async Task EveryEntityType_IsTenantFilteredOrDeclaredPlatformTable()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = factory.Services.CreateAsyncScope();
        var unfiltered = new List<string>();
        foreach (var module in scope.ServiceProvider.GetServices<ModuleDbContext>())
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            foreach (var entityType in context.Model.GetEntityTypes())
            {
                var filtered = entityType.FindAnnotation(TenantModel.FilteredAnnotation) is not null && entityType.GetDeclaredQueryFilters().Count > 0;
                var tenantOwned = typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType) || entityType.ClrType == typeof(AppUser);
                if ((tenantOwned && !filtered) || (!tenantOwned && !PlatformTables.ContainsKey(entityType.ClrType)))
                {
                    unfiltered.Add($"{module.Module}: {entityType.ClrType.Name}");
                }
            }
        }

        Assert.True(unfiltered.Count == 0, "Entity types without tenant filter and not declared platform tables: " + string.Join(", ", unfiltered));
    }

    [Theory]
    [AllProviders]
    public async Task UserEndpoints_AnswerNotFound_ForUserOfAnotherTenant(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var foreignUser = await factory.CreateUserAsync(foreign, Roles.Sachbearbeitung);
        var ownUser = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var admin = await factory.SignInAsAsync(own, Roles.Administration);

        var foreignResponse = await admin.GetAsync($"/api/users/{foreignUser.User.Id}");
        var ownResponse = await admin.GetAsync($"/api/users/{ownUser.User.Id}");
        var list = await admin.GetFromJsonAsync<List<UserResponse>>("/api/users");

        Assert.Equal(HttpStatusCode.NotFound, foreignResponse.StatusCode);
        Assert.Contains("\"code\":\"not-found\"", await foreignResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
        Assert.DoesNotContain(list!, user => user.Id == foreignUser.User.Id);
        Assert.Contains(list!, user => user.Id == ownUser.User.Id);
    }

    [Theory]
    [AllProviders]
    public async Task EveryRouteWithParameter_HasCrossTenantCase(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var foreignUser = await factory.CreateUserAsync(foreign, Roles.Sachbearbeitung);
        var clerk = await factory.SignInAsClerkAsync(own);
        var admin = await factory.SignInAsAsync(own, Roles.Administration);
        var (foreignInstance, foreignTask) = await ProcessesApiTests.StartInstanceAsync(factory, foreign);
        var (foreignFailing, foreignIncident) = await IncidentsApiTests.StartFailingInstanceAsync(factory, foreign);
        var head = await factory.SignInAsAsync(own, Roles.Leitung);
        var foreignIntake = await Posteingang.PosteingangApiTests.ReceiveAsync(factory, foreign, "Schreiben", "brief.txt");
        var ownVorgang = await Posteingang.PosteingangApiTests.CreateVorgangAsync(factory, own);
        var foreignFiled = await Records.RecordsTenancy.CreateFiledVorgangAsync(factory, foreign);
        var ownClerk = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var foreignJob = await StartExternalJobAsync(factory, foreign);
        var (_, ownApiClient) = await ApiClients.BearerAuthenticationTests.ClientWithAntragAsync(factory, ApiScopes.Jobs);
        var worker = ApiClients.BearerAuthenticationTests.Bearer(factory, await ApiClients.BearerAuthenticationTests.TokenAsync(factory, ownApiClient));
        var (_, foreignAdHoc) = await ApiClients.WorkerApiAdHocTests.StartAdHocAsync(factory, foreign);
        var instancesClient = await ApiClients.WorkerApiAdHocTests.ClientAsync(factory, own, ApiScopes.ProcessInstances);
        var foreignDefinition = await Records.StartPagesTests.DeployAsync(factory, foreign, "StartPagesTests.Gewerbeanmeldung.bpmn");
        var designer = await factory.SignInAsAsync(own, Roles.Prozessgestaltung);
        var foreignApiClient = await Administration.ApiClientPagesTests.CreateClientAsync(factory, foreign, "Fremdverfahren", ApiScopes.Jobs);
        var foreignApproval = await Processes.DeploymentApprovalTests.InsertRequestAsync(factory, foreign, Processes.ModelerChangesTests.Baugenehmigung(), "jemand");
        var foreignTeam = await Administration.TeamPages.CreateTeamAsync(factory, foreign, "bauamt", "Bauamt");
        var (foreignHook, _) = await Webhooks.WebhookSender.CreateHookAsync(await factory.SignInAsAsync(foreign, Roles.Administration), "fremde-kasse");
        var (_, ownHookKey) = await Webhooks.WebhookSender.CreateHookAsync(admin, "eigene-kasse");

        // Every route with a parameter, and what a user of another tenant gets there.
        var cases = new Dictionary<string, Func<Task<HttpStatusCode>>>
        {
            ["/api/users/{id:guid}"] = async () => (await admin.GetAsync($"/api/users/{foreignUser.User.Id}")).StatusCode,
            ["verwaltung/benutzer/{id:guid}"] = async () => (await admin.GetAsync($"/verwaltung/benutzer/{foreignUser.User.Id}")).StatusCode,
            ["verwaltung/api-clients/{id:guid}"] = async () => (await admin.GetAsync($"/verwaltung/api-clients/{foreignApiClient.Client.Id}")).StatusCode,
            ["verwaltung/gruppen/{id:guid}"] = async () => (await admin.GetAsync($"/verwaltung/gruppen/{foreignTeam.Id}")).StatusCode,
            ["verwaltung/webhooks/{id:guid}"] = async () => (await admin.GetAsync($"/verwaltung/webhooks/{foreignHook}")).StatusCode,
            ["/api/hooks/{name}"] = async () =>
                (await Webhooks.WebhookSender.SendAsync(factory.CreateClient(), "fremde-kasse", "{}", ownHookKey, factory.Clock.GetUtcNow().ToUnixTimeSeconds())).StatusCode,
            ["/api/municipalities/{id:guid}"] = async () => (await clerk.GetAsync($"/api/municipalities/{foreign.Id}")).StatusCode,
            ["/api/process-instances/{id:guid}"] = async () => (await clerk.GetAsync($"/api/process-instances/{foreignInstance}")).StatusCode,
            ["/api/tasks/{id:guid}/claim"] = async () => (await clerk.PostAsync($"/api/tasks/{foreignTask}/claim", null)).StatusCode,
            ["aufgaben/{id:guid}"] = async () => (await clerk.GetAsync($"/aufgaben/{foreignTask}")).StatusCode,
            ["antraege/neu/{id:guid}"] = async () => (await clerk.GetAsync($"/antraege/neu/{foreignDefinition}")).StatusCode,
            ["/api/tasks/{id:guid}/unclaim"] = async () => (await clerk.PostAsync($"/api/tasks/{foreignTask}/unclaim", null)).StatusCode,
            ["/api/tasks/{id:guid}/complete"] = async () => (await clerk.PostAsync($"/api/tasks/{foreignTask}/complete", JsonContent.Create(new { }))).StatusCode,
            ["/api/process-instances/{id:guid}/incidents"] = async () => (await clerk.GetAsync($"/api/process-instances/{foreignFailing}/incidents")).StatusCode,
            ["/api/incidents/{id:guid}/retry"] = async () => (await head.PostAsync($"/api/incidents/{foreignIncident}/retry", JsonContent.Create(new { }))).StatusCode,
            ["/api/incidents/{id:guid}/resolve"] = async () => (await head.PostAsync($"/api/incidents/{foreignIncident}/resolve", null)).StatusCode,
            ["/api/process-instances/{id:guid}/cancel"] = async () => (await head.PostAsync($"/api/process-instances/{foreignInstance}/cancel", null)).StatusCode,
            ["/api/posteingang/{id:guid}"] = async () => (await clerk.GetAsync($"/api/posteingang/{foreignIntake.Id}")).StatusCode,
            ["/api/posteingang/{id:guid}/file"] = async () => (await clerk.PostAsync($"/api/posteingang/{foreignIntake.Id}/file", JsonContent.Create(new { vorgangId = ownVorgang.Id }))).StatusCode,
            ["/api/posteingang/{id:guid}/retry"] = async () => (await clerk.PostAsync($"/api/posteingang/{foreignIntake.Id}/retry", null)).StatusCode,
            ["/api/tasks/{id:guid}/delegate"] = async () => (await head.PostAsJsonAsync($"/api/tasks/{foreignTask}/delegate", new { assignee = ownClerk.User.UserName })).StatusCode,
            ["/api/process-instances/{id:guid}/timers/{elementId}/due-date"] = async () =>
                (await clerk.PostAsJsonAsync($"/api/process-instances/{foreignInstance}/timers/wait/due-date", new { dueAt = DateTimeOffset.UtcNow.AddDays(30) })).StatusCode,
            ["/v2/jobs/{jobKey}/completion"] = async () => (await worker.PostAsJsonAsync($"/v2/jobs/{foreignJob}/completion", new { })).StatusCode,
            ["/v2/jobs/{jobKey}/failure"] = async () => (await worker.PostAsJsonAsync($"/v2/jobs/{foreignJob}/failure", new { retries = 0 })).StatusCode,
            ["/v2/jobs/{jobKey}/error"] = async () => (await worker.PostAsJsonAsync($"/v2/jobs/{foreignJob}/error", new { errorCode = "x" })).StatusCode,
            ["/v2/jobs/{jobKey}"] = async () => (await worker.PatchAsJsonAsync($"/v2/jobs/{foreignJob}", new { changeset = new { retries = 5 } })).StatusCode,
            ["/v2/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation"] = async () =>
                (await instancesClient.PostAsJsonAsync($"/v2/element-instances/ad-hoc-activities/{foreignAdHoc}/activation", new { elements = new[] { new { elementId = "lageplan" } } })).StatusCode,
            ["/v2/element-instances/{elementInstanceKey}"] = async () => (await instancesClient.GetAsync($"/v2/element-instances/{foreignAdHoc}")).StatusCode,
            ["prozesse/instanzen/{id:guid}"] = async () => (await designer.GetAsync($"/prozesse/instanzen/{foreignFailing}")).StatusCode,
            ["prozesse/freigaben/{id:guid}"] = async () => (await head.GetAsync($"/prozesse/freigaben/{foreignApproval}")).StatusCode,

            // The operator names the municipality; another one's incident under it is not found (Operations/MunicipalityHealthTests).
            ["betrieb/zustand/stoerungen/{id:guid}"] = async () =>
                (await (await factory.SignInAsAsync(null, Roles.Betrieb)).GetAsync($"/betrieb/zustand/stoerungen/{foreignIncident}?gemeinde={own.Ags}")).StatusCode,
        };
        Records.RecordsTenancy.AddCases(cases, clerk, foreignFiled);
        var expected = new Dictionary<string, HttpStatusCode>
        {
            ["/api/users/{id:guid}"] = HttpStatusCode.NotFound,
            ["verwaltung/benutzer/{id:guid}"] = HttpStatusCode.NotFound, // every handler: Administration/UserAdministrationPageTests
            ["verwaltung/api-clients/{id:guid}"] = HttpStatusCode.NotFound, // every handler: Administration/ApiClientPagesTests
            ["verwaltung/gruppen/{id:guid}"] = HttpStatusCode.NotFound, // every handler: Administration/TeamPagesTests
            ["verwaltung/webhooks/{id:guid}"] = HttpStatusCode.NotFound, // every handler: Administration/WebhookPagesTests
            ["/api/hooks/{name}"] = HttpStatusCode.Unauthorized, // another municipality's hook does not take this one's key: Webhooks/WebhookReceivingTests
            ["/api/municipalities/{id:guid}"] = HttpStatusCode.Forbidden, // operators only; they manage all tenants
            ["/api/process-instances/{id:guid}"] = HttpStatusCode.NotFound,
            ["/api/tasks/{id:guid}/claim"] = HttpStatusCode.NotFound,
            ["aufgaben/{id:guid}"] = HttpStatusCode.NotFound,
            ["antraege/neu/{id:guid}"] = HttpStatusCode.NotFound,
            ["/api/tasks/{id:guid}/unclaim"] = HttpStatusCode.NotFound,
            ["/api/tasks/{id:guid}/complete"] = HttpStatusCode.NotFound,
            ["/api/process-instances/{id:guid}/incidents"] = HttpStatusCode.NotFound,
            ["/api/incidents/{id:guid}/retry"] = HttpStatusCode.NotFound,
            ["/api/incidents/{id:guid}/resolve"] = HttpStatusCode.NotFound,
            ["/api/process-instances/{id:guid}/cancel"] = HttpStatusCode.NotFound,
            ["/api/posteingang/{id:guid}"] = HttpStatusCode.NotFound,
            ["/api/posteingang/{id:guid}/file"] = HttpStatusCode.NotFound,
            ["/api/posteingang/{id:guid}/retry"] = HttpStatusCode.NotFound,
            ["/api/tasks/{id:guid}/delegate"] = HttpStatusCode.NotFound,
            ["/api/process-instances/{id:guid}/timers/{elementId}/due-date"] = HttpStatusCode.NotFound,
            ["/v2/jobs/{jobKey}/completion"] = HttpStatusCode.NotFound,
            ["/v2/jobs/{jobKey}/failure"] = HttpStatusCode.NotFound,
            ["/v2/jobs/{jobKey}/error"] = HttpStatusCode.NotFound,
            ["/v2/jobs/{jobKey}"] = HttpStatusCode.NotFound,
            ["/v2/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation"] = HttpStatusCode.NotFound,
            ["/v2/element-instances/{elementInstanceKey}"] = HttpStatusCode.NotFound,
            ["prozesse/instanzen/{id:guid}"] = HttpStatusCode.NotFound,
            ["prozesse/freigaben/{id:guid}"] = HttpStatusCode.NotFound, // every handler: Processes/DeploymentApprovalTests
            ["betrieb/zustand/stoerungen/{id:guid}"] = HttpStatusCode.NotFound,
        };
        foreach (var route in Records.RecordsTenancy.Routes)
        {
            expected[route] = HttpStatusCode.NotFound;
        }

        // Routes whose parameters are no ids of tenant data.
        var withoutTenantData = new HashSet<string>(StringComparer.Ordinal)
        {
            "fehler/{code:int}",
            "anmelden/extern/{handler?}",
            "/openapi/{documentName}.json",
            "/api/bibliothek/pakete/{id}/{version}", // the installation's published catalogue: anonymous, no tenant's data (Library/CatalogueTests)
        };
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(endpoint => endpoint.RoutePattern)
            .Where(pattern => pattern.Parameters.Count > 0)
            .Select(pattern => pattern.RawText!)
            .Distinct()
            .ToList();

        var uncovered = routes.Where(route => !cases.ContainsKey(route) && !withoutTenantData.Contains(route)).ToList();
        Assert.True(uncovered.Count == 0, "Routes with parameters lack a cross-tenant case: " + string.Join(", ", uncovered));
        foreach (var (route, request) in cases)
        {
            Assert.Equal(expected[route], await request());
        }
    }

    /// <summary>Starts an instance waiting at an external job in the municipality; returns the job's id.</summary>
    private static async Task<Guid> StartExternalJobAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        var diagram = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ExternalJobsTests.Melderegister.bpmn"));
        await engine.DeployAsync(new DeploymentRequest("Melderegister", [new DeploymentResource("melderegister.bpmn", diagram)]));
        var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "service" });
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
        return await db.Jobs.Where(job => job.ProcessInstanceId == instance.Id && job.Kind == JobKind.ExternalTask).Select(job => job.Id).SingleAsync();
    }

    [Fact]
    public async Task RowLevelSecurity_HidesEveryRow_WhenRawSqlHasNoTenantContext()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Postgres);
        var first = await factory.CreateMunicipalityAsync("Erststadt");
        var second = await factory.CreateMunicipalityAsync("Zweitstadt");
        await factory.CreateUserAsync(first, Roles.Sachbearbeitung);
        await factory.CreateUserAsync(first, Roles.Leitung);
        await factory.CreateUserAsync(second, Roles.Sachbearbeitung);

        await using var connection = new NpgsqlConnection(factory.Store.Postgres!.ApplicationConnectionString);
        await connection.OpenAsync();
        var withoutContext = await ScalarAsync<long>(connection, "SELECT count(*) FROM \"AspNetUsers\"");
        await ScalarAsync<string>(connection, $"SELECT set_config('amtsweg.tenant_id', '{first.Id}', false)");
        var withFirst = await ScalarAsync<long>(connection, "SELECT count(*) FROM \"AspNetUsers\"");
        await ScalarAsync<string>(connection, "SELECT set_config('amtsweg.tenant_id', '', false)");
        var insert = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<int>(connection,
            $"INSERT INTO \"AspNetUsers\" (\"Id\", \"TenantId\", \"DisplayName\", \"CreatedAt\", \"EmailConfirmed\", \"PhoneNumberConfirmed\", \"TwoFactorEnabled\", \"LockoutEnabled\", \"AccessFailedCount\") VALUES ('{Guid.CreateVersion7()}', '{second.Id}', 'x', now(), false, false, false, true, 0)"));

        Assert.Equal(0, withoutContext);
        Assert.Equal(2, withFirst);
        Assert.Equal("42501", insert.SqlState);
    }

    [Fact]
    public async Task RowLevelSecurity_IsForcedOnEveryTenantTable_AndServerRoleOwnsNothing()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Postgres);
        await using var scope = factory.Services.CreateAsyncScope();
        var tables = scope.ServiceProvider.GetServices<ModuleDbContext>()
            .SelectMany(module => ((DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType)).Model.GetEntityTypes())
            .Where(type => type.FindAnnotation(TenantModel.FilteredAnnotation) is not null)
            .Select(type => type.GetTableName()!)
            .ToList();
        await using var connection = new NpgsqlConnection(factory.Store.Postgres!.AdminConnectionString);
        await connection.OpenAsync();

        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            Assert.True(await ScalarAsync<bool>(connection, $"SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = '{table}'"), table);
        }

        Assert.Equal(0, await ScalarAsync<long>(connection, $"SELECT count(*) FROM pg_tables WHERE tableowner = '{TestDatabases.ApplicationRole}'"));
        Assert.False(await ScalarAsync<bool>(connection, $"SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = '{TestDatabases.ApplicationRole}'"));
    }

    [Theory]
    [AllProviders]
    public async Task Query_SeesNoUsers_WhenNoTenantIsResolved(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var user = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Clear();

        var visible = await db.Users.CountAsync();

        Assert.Equal(0, visible);
        Assert.Null(await db.Users.SingleOrDefaultAsync(u => u.Id == user.User.Id));
    }

    // GET /api/process-instances has no id in its route: a foreign municipality's instances never appear in it, also
    // not when a filter names exactly what only the other municipality has (its process, its business key).
    [Theory]
    [AllProviders]
    public async Task TestRunPage_AnswersNotFound_ForDraftOrProcessOfAnotherTenant(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var designer = await factory.SignInAsAsync(own, Roles.Prozessgestaltung);
        var foreignDesigner = await factory.SignInAsAsync(foreign, Roles.Prozessgestaltung);
        await Processes.TestRunPageTests.DeployAsync(foreignDesigner);
        var foreignDraft = await Processes.TestRunPageTests.SaveDraftAsync(foreignDesigner, Processes.TestRunPageTests.Antrag());
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, "/prozesse");

        var draftPage = await designer.GetAsync($"/prozesse/testen?entwurf={foreignDraft}");
        var draftXml = await designer.GetAsync($"/prozesse/testen?handler=Xml&entwurf={foreignDraft}");
        var processPage = await designer.GetAsync("/prozesse/testen?prozess=antrag");
        var processXml = await designer.GetAsync("/prozesse/testen?handler=Xml&prozess=antrag");
        var run = await designer.PostAsync($"/prozesse/testen?handler=Run&entwurf={foreignDraft}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["start"] = "{}", ["__RequestVerificationToken"] = token }));
        var foreignOwnPage = await foreignDesigner.GetAsync($"/prozesse/testen?entwurf={foreignDraft}");

        Assert.Equal(HttpStatusCode.NotFound, draftPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, draftXml.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, processPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, processXml.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, run.StatusCode);
        Assert.Equal(HttpStatusCode.OK, foreignOwnPage.StatusCode);
    }

    // The saved scenarios of /prozesse/testen are named by ?szenario=, ?bearbeiten= and ?loeschen=: a foreign
    // municipality's scenario of a process with the same id is a 404 for every handler, and stays as it was.
    [Theory]
    [AllProviders]
    public async Task TestRunScenarios_AnswerNotFound_ForScenarioOfAnotherTenant(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var designer = await factory.SignInAsAsync(own, Roles.Prozessgestaltung);
        var foreignDesigner = await factory.SignInAsAsync(foreign, Roles.Prozessgestaltung);
        await Processes.TestRunPageTests.DeployAsync(designer);
        await Processes.TestRunPageTests.DeployAsync(foreignDesigner);
        await Processes.ScenariosPageTests.SaveAsync(foreignDesigner, "Fremdes Szenario");
        var foreignId = await Processes.ScenariosPageTests.IdAsync(foreignDesigner, "Fremdes Szenario");
        var query = $"prozess=antrag&szenario={foreignId}";

        var open = await designer.GetAsync($"/prozesse/testen?{query}");
        var edit = await designer.GetAsync($"/prozesse/testen?prozess=antrag&bearbeiten={foreignId}");
        var delete = await designer.GetAsync($"/prozesse/testen?prozess=antrag&loeschen={foreignId}");
        var download = await designer.GetAsync($"/prozesse/testen?handler=Download&{query}");
        var editPost = await Processes.ScenariosPageTests.PostAsync(designer, "Edit", query, [new("erwartet", "{ \"state\": \"waiting\" }"), new("revision", "1")]);
        var deletePost = await Processes.ScenariosPageTests.PostAsync(designer, "Delete", query, [new("revision", "1")]);
        var ownList = await designer.GetStringAsync("/prozesse/testen?prozess=antrag");
        var foreignDownload = await foreignDesigner.GetAsync($"/prozesse/testen?handler=Download&{query}");

        Assert.All([open, edit, delete, download, editPost, deletePost], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.DoesNotContain("Fremdes Szenario", ownList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, foreignDownload.StatusCode);
        Assert.Contains("\"state\": \"completed\"", await foreignDownload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task DecisionPages_AnswerNotFound_ForDraftOrDecisionOfAnotherTenant(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var designer = await factory.SignInAsAsync(own, Roles.Prozessgestaltung);
        var foreignDesigner = await factory.SignInAsAsync(foreign, Roles.Prozessgestaltung);
        const string page = "/prozesse/entscheidungen/bearbeiten";
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, page);
        var foreignToken = await AmtswegFactory.AntiforgeryTokenAsync(foreignDesigner, page);
        var xml = Processes.DecisionEditorPageTests.Gebuehr();
        Assert.Equal(HttpStatusCode.OK, (await Processes.DecisionEditorPageTests.PostAsync(foreignDesigner, foreignToken, "Deploy", new() { ["xml"] = xml, ["comment"] = "Erste Fassung", ["revision"] = "0" })).StatusCode);
        var foreignDraft = (await Processes.DecisionEditorPageTests.Answer(await Processes.DecisionEditorPageTests.PostAsync(foreignDesigner, foreignToken, "Save", new() { ["xml"] = xml, ["revision"] = "0" }))).GetProperty("draft").GetString()!;
        var foreignList = await foreignDesigner.GetStringAsync("/prozesse/entscheidungen");
        var foreignVersion = System.Text.RegularExpressions.Regex.Match(foreignList, "handler=Download&amp;id=([0-9a-f-]+)").Groups[1].Value;

        var draftPage = await designer.GetAsync($"{page}?entwurf={foreignDraft}");
        var decisionPage = await designer.GetAsync($"{page}?entscheidung=gebuehr");
        var download = await designer.GetAsync($"/prozesse/entscheidungen?handler=Download&id={foreignVersion}");
        var save = await Processes.DecisionEditorPageTests.PostAsync(designer, token, "Save", new() { ["xml"] = xml, ["entwurf"] = foreignDraft, ["revision"] = "1" });
        var deploy = await Processes.DecisionEditorPageTests.PostAsync(designer, token, "Deploy", new() { ["xml"] = xml, ["comment"] = "Fremd", ["entwurf"] = foreignDraft, ["revision"] = "1" });
        var delete = await Processes.DecisionEditorPageTests.PostAsync(designer, token, "DeleteDraft", new() { ["id"] = foreignDraft });
        var ownList = await designer.GetStringAsync("/prozesse/entscheidungen");
        var foreignOwnPage = await foreignDesigner.GetAsync($"{page}?entwurf={foreignDraft}");
        var foreignDownload = await foreignDesigner.GetAsync($"/prozesse/entscheidungen?handler=Download&id={foreignVersion}");

        Assert.NotEmpty(foreignVersion);
        Assert.Equal(HttpStatusCode.NotFound, draftPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, decisionPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deploy.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Contains("Es sind noch keine Entscheidungen bereitgestellt.", ownList, StringComparison.Ordinal);
        Assert.DoesNotContain("entwurf=", ownList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, foreignOwnPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, foreignDownload.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task ProcessInstanceList_ShowsNoInstanceOfAnotherTenant_WhenFilterNamesIt(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var (foreignFailing, _) = await IncidentsApiTests.StartFailingInstanceAsync(factory, foreign);
        var (foreignInstance, _) = await ProcessesApiTests.StartInstanceAsync(factory, foreign);
        var head = await factory.SignInAsAsync(own, Roles.Leitung);
        var foreignHead = await factory.SignInAsAsync(foreign, Roles.Leitung);

        var all = await head.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/process-instances");
        var byProcess = await head.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/process-instances?processId=Betrag&state=Incident");
        var seenByForeign = await foreignHead.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/process-instances");

        Assert.Empty(all!);
        Assert.Empty(byProcess!);
        Assert.Equal(new[] { foreignFailing, foreignInstance }.Order(), seenByForeign!.Select(i => i.GetProperty("id").GetGuid()).Order());
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
