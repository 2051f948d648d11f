using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Processes;

/// <summary>
/// Issue 13.4 and 13.5, Vier-Augen-Prinzip for deployments: the switch on <c>/verwaltung/einstellungen</c>, the request the
/// modeler and the form editor make instead of deploying, and its page <c>/prozesse/freigaben/{id}</c> — approval by a
/// second person (also Leitung), rejection with a reason, withdrawal, and everything refused with nothing changed.
/// </summary>
public sealed class DeploymentApprovalTests
{
    private const string Modeler = "/prozesse/modellieren";
    private const string FormEditor = "/prozesse/formulare/bearbeiten";
    private const string DecisionEditor = "/prozesse/entscheidungen/bearbeiten";
    private const string Settings = "/verwaltung/einstellungen";
    private const string Audit = "Amtsweg.Audit.Deployments";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Settings_TurnFourEyesOnAndOff_AndAuditEachChange(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var before = await admin.GetStringAsync(Settings);
        var on = await SetFourEyesAsync(admin, true);
        var page = await admin.GetStringAsync(Settings);
        var storedOn = (await MunicipalityAsync(factory, municipality.Id)).FourEyesDeployments;
        var off = await SetFourEyesAsync(admin, false);
        var storedOff = (await MunicipalityAsync(factory, municipality.Id)).FourEyesDeployments;
        var odd = await PostSettingsAsync(admin, new() { ["sitzungsdauer"] = "30", ["vieraugen"] = "vielleicht" });

        Assert.Contains("Vier-Augen-Prinzip bei Bereitstellungen", WebUtility.HtmlDecode(before), StringComparison.Ordinal);
        Assert.DoesNotContain("checked", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Contains("checked=\"checked\"", page, StringComparison.Ordinal);
        Assert.True(storedOn);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(storedOff);
        Assert.Equal(HttpStatusCode.BadRequest, odd.StatusCode);
        Assert.False((await MunicipalityAsync(factory, municipality.Id)).FourEyesDeployments);
        var audits = factory.Logs.Entries.Where(e => e.Category == "Amtsweg.Audit.Settings").Select(e => e.Message).ToList();
        Assert.Equal(2, audits.Count(m => m.Contains("four-eyes for deployments", StringComparison.Ordinal)));
        Assert.Contains(audits, m => m.Contains("four-eyes for deployments False -> True", StringComparison.Ordinal));
        Assert.Contains(audits, m => m.Contains("four-eyes for deployments True -> False", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Settings_AreForAdministrationOnly()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);

        var page = await designer.GetAsync(Settings);

        Assert.Contains("/fehler/403", page.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_WithFourEyes_MakesARequest_DeploysNothing_AndThePagesSayItWaits(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        await ModelerChangesTests.DeployByApiAsync(designer, ModelerChangesTests.Baugenehmigung());
        await TurnOnFourEyesAsync(factory, municipality);
        var modelerPage = WebUtility.HtmlDecode(await designer.GetStringAsync(Modeler + "?prozess=Baugenehmigung"));

        var submitted = await SubmitAsync(designer, Edited(), "Fläche für die Leitung auf 250 m² angehoben");
        var next = (await Answer(submitted)).GetProperty("next").GetString()!;
        var definitions = await DefinitionsAsync(designer);
        var detail = WebUtility.HtmlDecode(await head.GetStringAsync(next));
        var list = WebUtility.HtmlDecode(await head.GetStringAsync("/prozesse/freigaben"));
        var overview = WebUtility.HtmlDecode(await head.GetStringAsync("/prozesse"));
        var modelerAfter = WebUtility.HtmlDecode(await designer.GetStringAsync(Modeler + "?prozess=Baugenehmigung"));
        var xml = await head.GetStringAsync(next + "?handler=Xml");
        var clerkList = await clerk.GetAsync("/prozesse/freigaben");
        var clerkDetail = await clerk.GetAsync(next);

        Assert.Contains("Zur Freigabe vorlegen", modelerPage, StringComparison.Ordinal);
        Assert.Contains("Ihre Gemeinde hat das Vier-Augen-Prinzip eingeschaltet", modelerPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Matches("^/prozesse/freigaben/[0-9a-f-]{36}$", next);
        Assert.Contains("wartet auf Freigabe", (await Answer(submitted)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(definitions, d => d.ProcessId == "Baugenehmigung").Version);
        Assert.Contains("Freigabe: Prozess „Baugenehmigung prüfen“", detail, StringComparison.Ordinal);
        Assert.Contains("Offen – wartet auf Freigabe", detail, StringComparison.Ordinal);
        Assert.Contains("Fläche für die Leitung auf 250 m² angehoben", detail, StringComparison.Ordinal);
        Assert.Contains("Version 1", detail, StringComparison.Ordinal);
        Assert.Contains("data-changed=\"Gross\"", detail, StringComparison.Ordinal);
        Assert.Contains("Freigeben und bereitstellen", detail, StringComparison.Ordinal);
        Assert.Contains("Prozess „Baugenehmigung prüfen“", list, StringComparison.Ordinal);
        Assert.Contains("Eine Version wartet auf Freigabe.", overview, StringComparison.Ordinal);
        Assert.Contains("Eine Version wartet schon auf Freigabe", modelerAfter, StringComparison.Ordinal);
        Assert.Equal(Edited(), xml);
        Assert.Contains("/fehler/403", clerkList.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", clerkDetail.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var audit = Assert.Single(factory.Logs.Entries, e => e.Category == Audit);
        Assert.Contains("for Process Baugenehmigung (based on version 1) made by", audit.Message, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Approve_ByLeitung_DeploysWithBothNames_RemovesTheDraft_AndRunningInstancesStayOnTheirVersion(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var colleague = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await ModelerChangesTests.DeployByApiAsync(designer, ModelerChangesTests.Baugenehmigung());
        var running = await (await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Baugenehmigung", null, null))).Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json);
        await TurnOnFourEyesAsync(factory, municipality);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Modeler + "?prozess=Baugenehmigung");
        var saved = await Answer(await ModelerChangesTests.PostAsync(designer, token, "Save", new() { ["xml"] = Edited() }));
        var draft = saved.GetProperty("draft").GetString()!;
        var next = (await Answer(await SubmitAsync(designer, Edited(), "Grenze 250 m²", draft, saved.GetProperty("revision").GetInt32()))).GetProperty("next").GetString()!;

        var approved = await DecideAsync(head, next, "Approve");
        var page = WebUtility.HtmlDecode(await head.GetStringAsync(approved.Headers.Location!.OriginalString));
        var again = await DecideAsync(colleague, next, "Approve");
        var definitions = await DefinitionsAsync(designer);
        var instance = await designer.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{running!.Id}", Json);
        var overview = WebUtility.HtmlDecode(await designer.GetStringAsync("/prozesse"));

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(next, approved.Headers.Location!.OriginalString);
        Assert.Contains("Freigegeben: „Baugenehmigung prüfen“ ist als Version 2 bereitgestellt.", page, StringComparison.Ordinal);
        Assert.Contains("Freigegeben und bereitgestellt", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Freigeben und bereitstellen", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Diese Version wurde bereits von", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var versions = definitions.Where(d => d.ProcessId == "Baugenehmigung").OrderBy(d => d.Version).ToList();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Matches("^Grenze 250 m² \\(Vier-Augen-Prinzip: vorgelegt von .+, freigegeben von .+\\)$", versions[1].DeploymentComment);
        Assert.Contains("Vier-Augen-Prinzip: vorgelegt von", overview, StringComparison.Ordinal);
        Assert.Equal(versions[0].Id, instance!.ProcessDefinitionId);
        Assert.Equal(Amtsweg.Engine.Persistence.ProcessInstanceState.Active, instance.State);
        Assert.False(await DraftExistsAsync(factory, municipality, Guid.Parse(draft)));
        Assert.DoesNotContain("data-open-approvals", overview, StringComparison.Ordinal);
        Assert.Contains(factory.Logs.Entries, e => e.Category == Audit && e.Message.Contains("approved by", StringComparison.Ordinal) && e.Message.Contains("deployed as version 2", StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task Approve_IsRefused_WhenWhoeverAskedApproves_AndNothingIsDeployed(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await ModelerChangesTests.DeployByApiAsync(designer, ModelerChangesTests.Baugenehmigung());
        await TurnOnFourEyesAsync(factory, municipality);
        var next = (await Answer(await SubmitAsync(designer, Edited(), "Grenze 250 m²"))).GetProperty("next").GetString()!;
        var own = WebUtility.HtmlDecode(await designer.GetStringAsync(next));

        var refused = await DecideAsync(designer, next, "Approve");
        var rejected = await DecideAsync(designer, next, "Reject", new() { ["begruendung"] = "Doch nicht" });

        Assert.Contains("Sie haben diese Version selbst vorgelegt.", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Freigeben und bereitstellen", own, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Sie haben diese Version selbst zur Freigabe vorgelegt. Nach dem Vier-Augen-Prinzip muss eine zweite Person sie freigeben", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, rejected.StatusCode);
        Assert.Equal(1, (await DefinitionsAsync(designer)).Single(d => d.ProcessId == "Baugenehmigung").Version);
        Assert.Equal(DeploymentApprovalState.Open, (await RequestAsync(factory, municipality, next)).State);
    }

    [Theory]
    [AllProviders]
    public async Task Approve_IsRefused_WhenAnotherVersionWasDeployedInBetween(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        await ModelerChangesTests.DeployByApiAsync(designer, ModelerChangesTests.Baugenehmigung());
        await TurnOnFourEyesAsync(factory, municipality);
        var next = (await Answer(await SubmitAsync(designer, Edited(), "Grenze 250 m²"))).GetProperty("next").GetString()!;
        // Another way in (the operator's command line, which runs the engine directly) brought version 2 meanwhile.
        await DeployDirectlyAsync(factory, municipality, "Baugenehmigung.bpmn", ModelerChangesTests.Baugenehmigung().Replace("Unterlagen prüfen", "Unterlagen sichten", StringComparison.Ordinal));

        var refused = await DecideAsync(head, next, "Approve");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Inzwischen wurde Version 2 bereitgestellt. Diese Anfrage beruht auf Version 1; sie wird nicht freigegeben", html, StringComparison.Ordinal);
        Assert.Equal(2, (await DefinitionsAsync(designer)).Where(d => d.ProcessId == "Baugenehmigung").Max(d => d.Version));
        Assert.Equal(DeploymentApprovalState.Open, (await RequestAsync(factory, municipality, next)).State);
    }

    [Fact]
    public async Task Approve_IsRefused_WhenTheModelNoLongerValidates()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        // A condition that is no FEEL: what a check added to the engine after the request would find.
        var broken = ModelerChangesTests.Baugenehmigung().Replace("=flaeche &gt; 100", "= flaeche &gt;", StringComparison.Ordinal);
        var id = await InsertRequestAsync(factory, municipality, broken, "jemand");

        var refused = await DecideAsync(head, $"/prozesse/freigaben/{id}", "Approve");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Nicht freigegeben: Das Modell hat inzwischen Fehler", html, StringComparison.Ordinal);
        Assert.Contains("data-approval-problem", html, StringComparison.Ordinal);
        Assert.DoesNotContain(await DefinitionsAsync(designer), d => d.ProcessId == "Baugenehmigung");
        Assert.Equal(DeploymentApprovalState.Open, (await RequestAsync(factory, municipality, $"/prozesse/freigaben/{id}")).State);
    }

    [Theory]
    [AllProviders]
    public async Task Approve_TwoAtTheSameMoment_DeployOnce_AndTheSecondGetsAConflict(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        await ModelerChangesTests.DeployByApiAsync(designer, ModelerChangesTests.Baugenehmigung());
        await TurnOnFourEyesAsync(factory, municipality);
        var next = (await Answer(await SubmitAsync(designer, Edited(), "Grenze 250 m²"))).GetProperty("next").GetString()!;
        var headToken = await AmtswegFactory.AntiforgeryTokenAsync(head, next);
        var adminToken = await AmtswegFactory.AntiforgeryTokenAsync(admin, next);

        var results = await Task.WhenAll(
            PostAsync(head, next, "Approve", headToken, []),
            PostAsync(admin, next, "Reject", adminToken, new() { ["begruendung"] = "Bitte erst mit dem Bauamt klären." }));

        var statuses = results.Select(r => r.StatusCode).Order().ToList();
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Conflict], statuses);
        var request = await RequestAsync(factory, municipality, next);
        var versions = (await DefinitionsAsync(designer)).Where(d => d.ProcessId == "Baugenehmigung").Select(d => d.Version).Order().ToList();
        if (request.State == DeploymentApprovalState.Approved)
        {
            Assert.Equal([1, 2], versions);
        }
        else
        {
            Assert.Equal(DeploymentApprovalState.Rejected, request.State);
            Assert.Equal([1], versions);
        }
    }

    [Theory]
    [AllProviders]
    public async Task Reject_NeedsAReason_ThenRecordsItAndDeploysNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        await ModelerChangesTests.DeployByApiAsync(designer, ModelerChangesTests.Baugenehmigung());
        await TurnOnFourEyesAsync(factory, municipality);
        var next = (await Answer(await SubmitAsync(designer, Edited(), "Grenze 250 m²"))).GetProperty("next").GetString()!;

        var withoutReason = await DecideAsync(head, next, "Reject", new() { ["begruendung"] = "   " });
        var stillOpen = (await RequestAsync(factory, municipality, next)).State;
        var rejected = await DecideAsync(head, next, "Reject", new() { ["begruendung"] = "Die Grenze bleibt bei 100 m²." });
        var page = WebUtility.HtmlDecode(await designer.GetStringAsync(next));
        var withdrawLate = await DecideAsync(designer, next, "Withdraw");

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Contains("<a href=\"#begruendung\">Bitte begründen Sie die Ablehnung.</a>", WebUtility.HtmlDecode(await withoutReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(DeploymentApprovalState.Open, stillOpen);
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Contains("data-approval-state=\"rejected\"", page, StringComparison.Ordinal);
        Assert.Contains("Abgelehnt von", page, StringComparison.Ordinal);
        Assert.Contains("Die Grenze bleibt bei 100 m².", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, withdrawLate.StatusCode);
        Assert.Equal(1, (await DefinitionsAsync(designer)).Single(d => d.ProcessId == "Baugenehmigung").Version);
        Assert.Contains(factory.Logs.Entries, e => e.Category == Audit && e.Message.Contains("rejected by", StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task Withdraw_OnlyByWhoeverAsked_ThenANewRequestMayBeMade(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var colleague = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await ModelerChangesTests.DeployByApiAsync(designer, ModelerChangesTests.Baugenehmigung());
        await TurnOnFourEyesAsync(factory, municipality);
        var next = (await Answer(await SubmitAsync(designer, Edited(), "Grenze 250 m²"))).GetProperty("next").GetString()!;

        var second = await SubmitAsync(colleague, Edited(), "Noch eine Version");
        var foreignWithdraw = await DecideAsync(colleague, next, "Withdraw");
        var withdrawn = await DecideAsync(designer, next, "Withdraw");
        var third = await SubmitAsync(colleague, Edited(), "Jetzt meine Version");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.StartsWith("Für „Baugenehmigung prüfen“ wartet schon eine Version auf Freigabe", (await Answer(second)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, foreignWithdraw.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(DeploymentApprovalState.Withdrawn, (await RequestAsync(factory, municipality, next)).State);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Contains(factory.Logs.Entries, e => e.Category == Audit && e.Message.Contains("withdrawn by", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_AModelWithErrors_IsRefused_AndNothingIsStored()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await TurnOnFourEyesAsync(factory, municipality);
        var broken = ModelerChangesTests.Baugenehmigung().Replace("=flaeche &gt; 100", "= flaeche &gt;", StringComparison.Ordinal);

        var refused = await SubmitAsync(designer, broken, "Kaputt");
        var noComment = await SubmitAsync(designer, Edited(), " ");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.StartsWith("Nicht zur Freigabe vorgelegt: Das Modell hat Fehler.", (await Answer(refused)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains((await Answer(refused)).GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetString() == "BPMN107");
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().DeploymentApprovals.CountAsync());
    }

    [Fact]
    public async Task Deploy_WithoutFourEyes_DeploysAtOnce_AsBefore()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);

        var deployed = await SubmitAsync(designer, Edited(), "Erste Version");

        Assert.Equal(HttpStatusCode.OK, deployed.StatusCode);
        Assert.Equal("/prozesse", (await Answer(deployed)).GetProperty("next").GetString());
        Assert.Equal(1, (await DefinitionsAsync(designer)).Single(d => d.ProcessId == "Baugenehmigung").Version);
    }

    [Theory]
    [AllProviders]
    public async Task FormEditor_WithFourEyes_MakesARequest_WithALineDiff_AndTheApprovalDeploysTheForm(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, FormEditor);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(designer, FormEditor, "Deploy", token, new() { ["schema"] = Form("Name"), ["comment"] = "Erste Fassung" })).StatusCode);
        await TurnOnFourEyesAsync(factory, municipality);

        var submitted = await PostAsync(designer, FormEditor, "Deploy", token, new() { ["schema"] = Form("Name der Antragstellerin"), ["comment"] = "Beschriftung" });
        var next = (await Answer(submitted)).GetProperty("next").GetString()!;
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(next));
        var versionsBefore = await FormVersionsAsync(factory, municipality);
        var approved = await DecideAsync(admin, next, "Approve");
        var versionsAfter = await FormVersionsAsync(factory, municipality);

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("Freigabe: Formular „Antrag_Zuschuss“", page, StringComparison.Ordinal);
        Assert.Contains("Verglichen mit der bereitgestellten Version 1 des Formulars", page, StringComparison.Ordinal);
        Assert.Contains("entfernte Zeile: </span>      \"label\": \"Name\",</del>", page, StringComparison.Ordinal);
        Assert.Contains("neue Zeile: </span>      \"label\": \"Name der Antragstellerin\",</ins>", page, StringComparison.Ordinal);
        Assert.Equal([1], versionsBefore);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal([1, 2], versionsAfter);
    }

    [Theory]
    [AllProviders]
    public async Task DecisionEditor_WithFourEyes_MakesARequest_WithALineDiff_AndTheApprovalByLeitungDeploysTheFile(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, DecisionEditor);
        Assert.Equal(HttpStatusCode.OK, (await DecisionEditorPageTests.PostAsync(designer, token, "Deploy", new() { ["xml"] = DecisionEditorPageTests.Gebuehr(), ["comment"] = "Erste Fassung", ["revision"] = "0" })).StatusCode);
        await TurnOnFourEyesAsync(factory, municipality);
        var saved = await DecisionEditorPageTests.Answer(await DecisionEditorPageTests.PostAsync(designer, token, "Save", new() { ["xml"] = Raised(), ["revision"] = "0" }));
        var draft = saved.GetProperty("draft").GetString()!;
        var editor = WebUtility.HtmlDecode(await designer.GetStringAsync($"{DecisionEditor}?entwurf={draft}"));

        var submitted = await DecisionEditorPageTests.PostAsync(designer, token, "Deploy", new() { ["xml"] = Raised(), ["comment"] = "Gebühr über 100 Euro auf 60 Euro", ["entwurf"] = draft, ["revision"] = "1" });
        var next = (await Answer(submitted)).GetProperty("next").GetString()!;
        var versionsWaiting = await DecisionVersionsAsync(factory, municipality);
        var editorAfter = WebUtility.HtmlDecode(await designer.GetStringAsync($"{DecisionEditor}?entwurf={draft}"));
        var detail = WebUtility.HtmlDecode(await head.GetStringAsync(next));
        var list = WebUtility.HtmlDecode(await head.GetStringAsync("/prozesse/freigaben"));
        var approved = await DecideAsync(head, next, "Approve");
        var page = WebUtility.HtmlDecode(await head.GetStringAsync(next));
        var versions = await DecisionVersionsAsync(factory, municipality);

        Assert.Contains("Zur Freigabe vorlegen", editor, StringComparison.Ordinal);
        Assert.Contains("Ihre Gemeinde hat das Vier-Augen-Prinzip eingeschaltet", editor, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Matches("^/prozesse/freigaben/[0-9a-f-]{36}$", next);
        Assert.Equal("Die Entscheidung „Gebühren“ ist noch nicht bereitgestellt: Die Version wartet auf Freigabe durch eine zweite Person (Vier-Augen-Prinzip).", (await Answer(submitted)).GetProperty("message").GetString());
        Assert.Equal([1], versionsWaiting.Select(v => v.Version));
        Assert.Contains("Eine Version wartet schon auf Freigabe", editorAfter, StringComparison.Ordinal);
        Assert.Contains("Freigabe: Entscheidung „Gebühren“", detail, StringComparison.Ordinal);
        Assert.Contains("Gebühr über 100 Euro auf 60 Euro", detail, StringComparison.Ordinal);
        Assert.Contains("Verglichen mit der Datei der bereitgestellten Version 1 von „Gebühr“:", detail, StringComparison.Ordinal);
        Assert.Contains("entfernte Zeile: </span>          <text>50</text></del>", detail, StringComparison.Ordinal);
        Assert.Contains("neue Zeile: </span>          <text>60</text></ins>", detail, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(detail, "<(ins|del) class=\"line"), m => m.Groups[1].Value == "ins");
        Assert.Contains("Freigeben und bereitstellen", detail, StringComparison.Ordinal);
        Assert.Contains("Entscheidung „Gebühren“", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("Freigegeben: „Gebühren“ ist als Version 2 bereitgestellt.", page, StringComparison.Ordinal);
        Assert.Equal([1, 2], versions.Select(v => v.Version).Order());
        var second = versions.Single(v => v.Version == 2);
        Assert.Matches("^Gebühr über 100 Euro auf 60 Euro \\(Vier-Augen-Prinzip: vorgelegt von .+, freigegeben von .+\\)$", second.DeploymentComment);
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            Assert.Equal(Raised(), await engine.GetDecisionDefinitionXmlAsync(second.Id));
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            Assert.False(await db.DecisionDrafts.AnyAsync(d => d.Id == Guid.Parse(draft)));
            Assert.Equal(2, (await db.DeploymentApprovals.SingleAsync()).DeployedVersion);
        }

        Assert.Contains(factory.Logs.Entries, e => e.Category == Audit && e.Message.Contains("for Decision Definitions_Gebuehr (based on version 1) made by", StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task DecisionApproval_IsRefused_ForWhoeverAsked_AndWhenTheDecisionWasDeployedInBetween(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        await DeployDirectlyAsync(factory, municipality, "Definitions_Gebuehr.dmn", DecisionEditorPageTests.Gebuehr());
        await TurnOnFourEyesAsync(factory, municipality);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, DecisionEditor);
        var next = (await Answer(await DecisionEditorPageTests.PostAsync(designer, token, "Deploy", new() { ["xml"] = Raised(), ["comment"] = "60 Euro", ["revision"] = "0" }))).GetProperty("next").GetString()!;

        var own = await DecideAsync(designer, next, "Approve");
        // The operator's command line brought version 2 of the decision meanwhile.
        await DeployDirectlyAsync(factory, municipality, "Definitions_Gebuehr.dmn", DecisionEditorPageTests.Gebuehr().Replace("<text>20</text>", "<text>25</text>", StringComparison.Ordinal));
        var stale = await DecideAsync(head, next, "Approve");

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("Sie haben diese Version selbst zur Freigabe vorgelegt.", WebUtility.HtmlDecode(await own.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Inzwischen wurde Version 2 der Entscheidung „Gebühr“ bereitgestellt. Diese Anfrage beruht auf Version 1 dieser Entscheidung; sie wird nicht freigegeben", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal([1, 2], (await DecisionVersionsAsync(factory, municipality)).Select(v => v.Version).Order());
        Assert.Equal(DeploymentApprovalState.Open, (await RequestAsync(factory, municipality, next)).State);
    }

    // Regression: the base of a DMN request was the highest version among the file's decisions, so a newer version of a
    // lower decision, deployed from another file in between, went unnoticed and the approval deployed over it.
    [Theory]
    [AllProviders]
    public async Task DecisionApproval_IsRefused_WhenALowerDecisionOfTheFileGotANewerVersionFromAnotherFile(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        // „Gebühr“ at version 3 and „Zuschlag“ at version 1 in the file; the file's highest version is 3.
        await DeployDirectlyAsync(factory, municipality, "Definitions_Gebuehr.dmn", DecisionEditorPageTests.Gebuehr());
        await DeployDirectlyAsync(factory, municipality, "Definitions_Gebuehr.dmn", DecisionEditorPageTests.Gebuehr().Replace("<text>20</text>", "<text>25</text>", StringComparison.Ordinal));
        await DeployDirectlyAsync(factory, municipality, "Definitions_Gebuehr.dmn", WithZuschlag("10"));
        await TurnOnFourEyesAsync(factory, municipality);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, DecisionEditor);
        var next = (await Answer(await DecisionEditorPageTests.PostAsync(designer, token, "Deploy", new() { ["xml"] = WithZuschlag("12"), ["comment"] = "Zuschlag 12 Euro", ["revision"] = "0" }))).GetProperty("next").GetString()!;
        var stored = await RequestAsync(factory, municipality, next);

        // Another file brings version 2 of „Zuschlag“; the highest version among the file's decisions is still 3.
        await DeployDirectlyAsync(factory, municipality, "Definitions_Zuschlag.dmn", ZuschlagAlone("15"));
        var page = WebUtility.HtmlDecode(await head.GetStringAsync(next));
        var stale = await DecideAsync(head, next, "Approve");

        Assert.Equal(3, stored.BaseVersion);
        Assert.Equal("""{"gebuehr":3,"zuschlag":1}""", stored.BaseDecisionVersions);
        Assert.Contains("Inzwischen ist Version 2 der Entscheidung „Zuschlag“ bereitgestellt: Diese Vorlage beruht auf einer älteren Version und kann nicht freigegeben werden.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Inzwischen wurde Version 2 der Entscheidung „Zuschlag“ bereitgestellt. Diese Anfrage beruht auf Version 1 dieser Entscheidung; sie wird nicht freigegeben", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], (await DecisionVersionsAsync(factory, municipality)).Select(v => v.Version).Order());
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var zuschlag = (await scope.ServiceProvider.GetRequiredService<IProcessEngine>().ListDecisionDefinitionsAsync()).Where(d => d.DecisionId == "zuschlag").ToList();
            Assert.Equal([1, 2], zuschlag.Select(v => v.Version).Order());
        }

        Assert.Equal(DeploymentApprovalState.Open, (await RequestAsync(factory, municipality, next)).State);
    }

    [Theory]
    [AllProviders]
    public async Task DecisionApproval_IsRefused_WhenADecisionOfTheFileWasFirstDeployedFromAnotherFileInBetween(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        await DeployDirectlyAsync(factory, municipality, "Definitions_Gebuehr.dmn", DecisionEditorPageTests.Gebuehr());
        await TurnOnFourEyesAsync(factory, municipality);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, DecisionEditor);
        var next = (await Answer(await DecisionEditorPageTests.PostAsync(designer, token, "Deploy", new() { ["xml"] = WithZuschlag("12"), ["comment"] = "Neu: Zuschlag", ["revision"] = "0" }))).GetProperty("next").GetString()!;

        await DeployDirectlyAsync(factory, municipality, "Definitions_Zuschlag.dmn", ZuschlagAlone("15"));
        var stale = await DecideAsync(head, next, "Approve");

        Assert.Equal("""{"gebuehr":1}""", (await RequestAsync(factory, municipality, next)).BaseDecisionVersions);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Inzwischen wurde Version 1 der Entscheidung „Zuschlag“ bereitgestellt. Diese Anfrage beruht auf keiner bereitgestellten Version dieser Entscheidung; sie wird nicht freigegeben", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal([1], (await DecisionVersionsAsync(factory, municipality)).Select(v => v.Version));
    }

    [Theory]
    [AllProviders]
    public async Task ApiDeployment_IsRefusedWithFourEyes_AndDeploysNothing_ButWorksWithout(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);

        var without = await designer.PostAsJsonAsync("/api/deployments", new { name = "Baugenehmigung", resources = new[] { new { name = "Baugenehmigung.bpmn", content = ModelerChangesTests.Baugenehmigung() } } });
        await TurnOnFourEyesAsync(factory, municipality);
        var with = await designer.PostAsJsonAsync("/api/deployments", new { name = "Baugenehmigung", resources = new[] { new { name = "Baugenehmigung.bpmn", content = Edited() } } });
        var problem = await Answer(with);

        Assert.Equal(HttpStatusCode.Created, without.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, with.StatusCode);
        Assert.Equal("application/problem+json", with.Content.Headers.ContentType?.MediaType);
        Assert.Equal("deployment.four-eyes-required", problem.GetProperty("code").GetString());
        Assert.StartsWith("Ihre Gemeinde stellt neue Versionen nur nach der Freigabe durch eine zweite Person bereit (Vier-Augen-Prinzip). Es wurde nichts bereitgestellt", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await DefinitionsAsync(designer)).Single(d => d.ProcessId == "Baugenehmigung").Version);
    }

    [Fact]
    public async Task Request_OfAnotherMunicipality_IsNotFound_ForEveryHandler()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var head = await factory.SignInAsAsync(own, Roles.Leitung);
        var id = await InsertRequestAsync(factory, foreign, ModelerChangesTests.Baugenehmigung(), "jemand");
        var url = $"/prozesse/freigaben/{id}";
        var token = await AmtswegFactory.AntiforgeryTokenAsync(head, "/prozesse/freigaben");

        var get = await head.GetAsync(url);
        var xml = await head.GetAsync(url + "?handler=Xml");
        var approve = await PostAsync(head, url, "Approve", token, []);
        var reject = await PostAsync(head, url, "Reject", token, new() { ["begruendung"] = "Nein" });
        var withdraw = await PostAsync(head, url, "Withdraw", token, []);
        var list = await head.GetStringAsync("/prozesse/freigaben");

        Assert.Equal(
            [HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { get.StatusCode, xml.StatusCode, approve.StatusCode, reject.StatusCode, withdraw.StatusCode });
        Assert.Contains("Keine Version wartet auf Freigabe.", list, StringComparison.Ordinal);
        Assert.Equal(DeploymentApprovalState.Open, (await RequestAsync(factory, foreign, url)).State);
    }

    [Fact]
    public void DeploymentComment_KeepsBothNames_AndShortensALongComment()
    {
        var comment = Features.Processes.Approvals.ApprovalModel.DeploymentComment(new string('x', DeploymentRequest.CommentMaxLength), "Anna Antrag", "Bernd Bescheid");

        Assert.Equal(DeploymentRequest.CommentMaxLength, comment.Length);
        Assert.EndsWith("… (Vier-Augen-Prinzip: vorgelegt von Anna Antrag, freigegeben von Bernd Bescheid)", comment, StringComparison.Ordinal);
    }

    /// <summary>Stores an open request directly, as if a designer of <paramref name="municipality"/> had made it.</summary>
    internal static async Task<Guid> InsertRequestAsync(AmtswegFactory factory, Municipality municipality, string bpmn, string requestedBy)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var request = new DeploymentApproval
        {
            Id = Guid.CreateVersion7(),
            Kind = DeploymentApprovalKind.Process,
            SubjectId = "Baugenehmigung",
            Name = "Baugenehmigung prüfen",
            ResourceName = "Baugenehmigung.bpmn",
            Content = bpmn,
            Comment = "Neue Fassung",
            RequestedBy = requestedBy,
            RequestedAt = DateTimeOffset.UtcNow,
            State = DeploymentApprovalState.Open,
            Revision = 1,
        };
        db.DeploymentApprovals.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    /// <summary>Deploys through the engine itself, as the operator's command line does (the Vier-Augen-Prinzip does not hold it back).</summary>
    private static async Task DeployDirectlyAsync(AmtswegFactory factory, Municipality municipality, string resourceName, string content)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        await scope.ServiceProvider.GetRequiredService<IProcessEngine>().DeployAsync(new DeploymentRequest(resourceName, [new DeploymentResource(resourceName, content)], "betrieb"));
    }

    private static async Task<List<DecisionDefinitionInfo>> DecisionVersionsAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return [.. (await scope.ServiceProvider.GetRequiredService<IProcessEngine>().ListDecisionDefinitionsAsync()).Where(d => d.DecisionId == "gebuehr")];
    }

    // The fee file with a second decision, „Zuschlag“, a literal expression.
    private static string WithZuschlag(string amount) => DecisionEditorPageTests.Gebuehr().Replace("  </decision>\n  <dmndi:DMNDI>", $"""
          </decision>
          <decision id="zuschlag" name="Zuschlag">
            <variable id="Variable_Zuschlag" name="zuschlag" typeRef="number" />
            <literalExpression id="LiteralExpression_Zuschlag">
              <text>{amount}</text>
            </literalExpression>
          </decision>
          <dmndi:DMNDI>
        """.TrimEnd(), StringComparison.Ordinal);

    // Another file with only „Zuschlag“ in it.
    private static string ZuschlagAlone(string amount) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_Zuschlag" name="Zuschlag" namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="zuschlag" name="Zuschlag">
            <variable id="Variable_Zuschlag" name="zuschlag" typeRef="number" />
            <literalExpression id="LiteralExpression_Zuschlag">
              <text>{amount}</text>
            </literalExpression>
          </decision>
        </definitions>
        """;

    private static string Raised() => DecisionEditorPageTests.Gebuehr().Replace("<text>50</text>", "<text>60</text>", StringComparison.Ordinal);

    private static string Edited() => ModelerChangesTests.Baugenehmigung().Replace("=flaeche &gt; 100", "=flaeche &gt; 250", StringComparison.Ordinal);

    private static string Form(string label) => $$"""
        {
          "id": "Antrag_Zuschuss",
          "type": "default",
          "components": [
            {
              "label": "{{label}}",
              "type": "textfield",
              "id": "Field_Name",
              "key": "name"
            }
          ],
          "schemaVersion": 18
        }
        """;

    private static async Task TurnOnFourEyesAsync(AmtswegFactory factory, Municipality municipality)
    {
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        Assert.Equal(HttpStatusCode.Redirect, (await SetFourEyesAsync(admin, true)).StatusCode);
    }

    private static Task<HttpResponseMessage> SetFourEyesAsync(HttpClient admin, bool on) =>
        PostSettingsAsync(admin, on ? new() { ["sitzungsdauer"] = "30", ["vieraugen"] = "an" } : new() { ["sitzungsdauer"] = "30" });

    private static async Task<HttpResponseMessage> PostSettingsAsync(HttpClient admin, Dictionary<string, string> fields)
    {
        var token = await AmtswegFactory.AntiforgeryTokenAsync(admin, Settings);
        fields["__RequestVerificationToken"] = token;
        return await admin.PostAsync(Settings, new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient designer, string xml, string comment, string? draft = null, int revision = 0)
    {
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Modeler);
        var fields = new Dictionary<string, string> { ["xml"] = xml, ["comment"] = comment, ["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (draft is not null)
        {
            fields["entwurf"] = draft;
        }

        return await ModelerChangesTests.PostAsync(designer, token, "Deploy", fields);
    }

    /// <summary>Posts a decision as the request page's form does (the token as a form field).</summary>
    private static async Task<HttpResponseMessage> DecideAsync(HttpClient client, string url, string handler, Dictionary<string, string>? fields = null)
    {
        var token = await AmtswegFactory.AntiforgeryTokenAsync(client, "/prozesse/freigaben");
        return await PostAsync(client, url, handler, token, fields ?? []);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string handler, string token, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}?handler={handler}") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> Answer(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<List<ProcessDefinitionInfo>> DefinitionsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<ProcessDefinitionInfo>>("/api/process-definitions", Json))!;

    private static async Task<List<int>> FormVersionsAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return [.. (await scope.ServiceProvider.GetRequiredService<IProcessEngine>().ListFormDefinitionsAsync())
            .Where(f => f.FormId == "Antrag_Zuschuss").Select(f => f.Version).Order()];
    }

    private static async Task<DeploymentApproval> RequestAsync(AmtswegFactory factory, Municipality municipality, string url)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var id = Guid.Parse(url[(url.LastIndexOf('/') + 1)..]);
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().DeploymentApprovals.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    private static async Task<bool> DraftExistsAsync(AmtswegFactory factory, Municipality municipality, Guid draft)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().ProcessDrafts.AnyAsync(d => d.Id == draft);
    }

    private static async Task<Municipality> MunicipalityAsync(AmtswegFactory factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Municipalities.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
