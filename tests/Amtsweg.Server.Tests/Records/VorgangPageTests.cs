using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amtsweg.Casework;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Vermerke.Add;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Records;

/// <summary>
/// Issue 10, point 6: clerks read the Vorgang page in German, with names — never element ids, process keys, history
/// codes, login names or process instance ids.
/// </summary>
public partial class VorgangPageTests
{
    private static readonly JsonSerializerOptions Json = ProcessFilingTests.Json;

    [Theory]
    [AllProviders]
    public async Task VorgangPage_ShowsNamesAndGermanSentences_NotIdsCodesOrLoginNames(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:JobExecutor:Enabled"] = "false" });
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        // "Bescheid versenden" loses its name: a step without name is called by its kind, never by its id "Versenden".
        // (The replacement once missed the attribute, so the unnamed step was never shown; the diagram is checked below.)
        var diagram = Diagram().Replace(" name=\"Bescheid versenden\"", "", StringComparison.Ordinal);
        Assert.DoesNotContain("Bescheid versenden", diagram, StringComparison.Ordinal);
        (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Bescheid", [new DeployResource("bescheid.bpmn", diagram)]))).EnsureSuccessStatusCode();
        var clerkUser = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var clerk = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AmtswegFactory.PostSignInAsync(clerk, clerkUser.User.UserName!, clerkUser.InitialPassword)).StatusCode);

        // The first instance files its form and a letter ("Prozess <id>" in the e-file); the second stops with an incident.
        var first = await StartAsync(clerk, new VorgangTarget(PositionId: position.Id, Title: "Sondernutzung Weiß"));
        var vorgangId = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{first.Id}/vorgang", Json))!.Vorgang.Id;
        await CompleteAsync(clerk, first.Id, new { name = "Jürgen Weiß", entscheidung = "genehmigt", gebuehr = 45 });
        await RunJobsAsync(factory, municipality);
        var second = await StartAsync(clerk, new VorgangTarget(VorgangId: vorgangId));
        await CompleteAsync(clerk, second.Id, new { bemerkung = "ohne Namen" });
        await RunJobsAsync(factory, municipality);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        (await clerk.PostAsJsonAsync($"/api/vorgaenge/{vorgangId}/vermerke", new AddVermerkRequest("Rückruf vereinbart"))).EnsureSuccessStatusCode();

        var html = await clerk.GetStringAsync($"/vorgaenge/{vorgangId}");
        var page = WebUtility.HtmlDecode(html);
        var verlauf = Visible(Section(html, "verlauf"));
        // What a person sees: the text without tags and attributes (anchors and links carry ids, and are not shown).
        var visible = Visible(html);

        foreach (var expected in new[]
        {
            "Sachbearbeitung Test hat den Prozess „Antrag bescheiden“ gestartet.",
            "Die Aufgabe „Antrag prüfen“ wurde angelegt.",
            "Sachbearbeitung Test hat die Aufgabe „Antrag prüfen“ erledigt.",
            "Der Prozess hat den Schritt „Bescheid erzeugen“ erreicht.",
            // "Bescheid versenden" lost its name: the step is called by its kind, never by its id "Versenden".
            "Die Aufgabe „Benutzeraufgabe“ wurde angelegt.",
            "Am Schritt „Bescheid erzeugen“ ist eine Störung aufgetreten:",
            "Der Platzhalter {{name}} hat keinen Wert",
            "Prozess „Antrag bescheiden“ hat das Dokument „Bescheid für Jürgen Weiß“ abgelegt.",
            "Sachbearbeitung Test hat das Dokument „Formulareingabe: Antrag prüfen“ abgelegt.",
            "Sachbearbeitung Test hat den Vorgang angelegt.",
            "Sachbearbeitung Test hat einen Vermerk geschrieben:",
            "Rückruf vereinbart",
        })
        {
            Assert.Contains(expected, verlauf, StringComparison.Ordinal);
        }

        // Newest first: the note was written last, the first process started first.
        Assert.True(verlauf.IndexOf("Rückruf vereinbart", StringComparison.Ordinal) < verlauf.IndexOf("„Antrag bescheiden“ gestartet", StringComparison.Ordinal), verlauf);
        Assert.Contains("abgelegt vom Prozess „Antrag bescheiden“", page, StringComparison.Ordinal);
        Assert.Contains("Prozess „Antrag bescheiden“", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(GuidPattern(), visible);
        foreach (var forbidden in new[] { "Pruefen", "Erzeugen", "Versenden", "Eingang", "Erledigt", "Flow_", "Bescheid“", "userTask", "serviceTask" })
        {
            Assert.DoesNotContain(forbidden, verlauf, StringComparison.Ordinal);
        }

        // Elsewhere an id is never shown on its own (file names are made from names too).
        foreach (var forbidden in new[]
        {
            "|Pruefen|", "„Pruefen“", "|Erzeugen|", "|Versenden|", "„Versenden“", "|Eingang|", "|Erledigt|", "Flow_", "Prozess Bescheid", "incident-created",
            "user-task-completed", "element-entered", "userTask", "serviceTask", "|Active|", "|Completed|", clerkUser.User.UserName!,
        })
        {
            Assert.DoesNotContain(forbidden, visible, StringComparison.Ordinal);
        }
    }

    [Theory]
    [AllProviders]
    public async Task VorgangPage_HeadShowsApplicantStateDeadlineResponsibleAndLinks(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (_, gewerbe) = await StartPagesTests.CreatePlanAsync(factory, municipality);
        var clerk = await ProcessFilingTests.DeployAndSignInClerkAsync(factory, municipality);
        var instance = await ProcessFilingTests.StartAsync(clerk, new VorgangTarget(PositionId: gewerbe.Id, Title: "Gewerbeanmeldung Bäckerei Korn"));
        var vorgang = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instance.Id}/vorgang", Json))!.Vorgang;
        var page = $"/vorgaenge/{vorgang.Id}";
        var before = Visible(Head(await clerk.GetStringAsync(page)));
        var task = Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance.Id}", Json))!);
        (await clerk.PostAsync($"/api/tasks/{task.Id}/claim", null)).EnsureSuccessStatusCode();
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, page);
        var later = new DateOnly(2026, 11, 20);
        var sooner = new DateOnly(2026, 11, 9);
        var added = await clerk.PostAsync(page + "?handler=Beteiligter", Form(token, ("role", "Antragstellerin"), ("name", "Erika Korn"), ("address", ""), ("email", ""), ("birthDate", "")));
        await clerk.PostAsync(page + "?handler=Beteiligter", Form(token, ("role", "Nachbar"), ("name", "Otto Nachbar"), ("address", ""), ("email", ""), ("birthDate", "")));
        await clerk.PostAsync(page + "?handler=Wiedervorlage", Form(token, ("dueOn", later.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("reason", "Später")));
        await clerk.PostAsync(page + "?handler=Wiedervorlage", Form(token, ("dueOn", sooner.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("reason", "Unterlagen anfordern")));
        var html = await clerk.GetStringAsync(page);
        var head = Visible(Head(html));

        Assert.Contains("|Antragsteller/in|nicht erfasst|", before, StringComparison.Ordinal);
        Assert.Contains("|Nächste Frist|keine|", before, StringComparison.Ordinal);
        Assert.Contains("noch niemand – die Aufgabe „Antrag prüfen“ ist nicht übernommen", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(page + "?abschnitt=beteiligte#beteiligte", added.Headers.Location!.OriginalString);
        foreach (var expected in new[]
        {
            "|Aktenzeichen|32.10-0001/2026-1|", "|Betreff|Gewerbeanmeldung Bäckerei Korn|", "|Antragsteller/in|Erika Korn|", "|Status|offen|",
            "|09.11.2026|Wiedervorlage: Unterlagen anfordern|", "|Zuständig|", "Sachbearbeitung Test – Aufgabe „Antrag prüfen“",
            "|32.10-0001/2026 Gewerbeanmeldung Bäckerei Korn|", "|32.10 Gewerbeangelegenheiten|",
        })
        {
            Assert.Contains(expected, head, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Otto Nachbar", head, StringComparison.Ordinal);
        Assert.Contains($"href=\"/vorgaenge?akte={vorgang.AkteId}\"", Head(html), StringComparison.Ordinal);
        Assert.Contains($"href=\"/vorgaenge?position={gewerbe.Id}\"", Head(html), StringComparison.Ordinal);
        Assert.DoesNotMatch(GuidPattern(), head);
        // The Beteiligte section was asked for by the redirect; the others stay closed until asked for.
        Assert.Matches("<details class=\"section\" id=\"beteiligte\" open", await clerk.GetStringAsync(added.Headers.Location!.OriginalString));
        Assert.Matches("<details class=\"section\" id=\"verlauf\" open", html);
        Assert.DoesNotMatch("<details class=\"section\" id=\"vermerke\" open", html);
    }

    [Theory]
    [AllProviders]
    public async Task VorgangPage_ClosesOnlyWithConfirmation_AndShowsItInHeadAndVerlauf(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var clerk = await ProcessFilingTests.DeployAndSignInClerkAsync(factory, municipality);
        var instance = await ProcessFilingTests.StartAsync(clerk, new VorgangTarget(PositionId: position.Id, Title: "Gewerbeanmeldung"));
        var id = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instance.Id}/vorgang", Json))!.Vorgang.Id;
        var page = $"/vorgaenge/{id}";
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, page);

        var unconfirmed = await clerk.PostAsync(page + "?handler=Close", Form(token));
        var refusedHtml = await unconfirmed.Content.ReadAsStringAsync();
        var stillOpen = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/vorgaenge/{id}", Json))!.Vorgang.State;
        var closed = await clerk.PostAsync(page + "?handler=Close", Form(token, ("confirmed", "true")));
        var html = await clerk.GetStringAsync(closed.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Bitte bestätigen Sie, dass der Vorgang zu den Akten verfügt werden soll.", refusedHtml, StringComparison.Ordinal);
        Assert.Matches("<details class=\"section\" id=\"abschluss\" open", refusedHtml);
        Assert.Equal("Open", stillOpen);
        Assert.Equal(page + "?abschnitt=abschluss#abschluss", closed.Headers.Location!.OriginalString);
        Assert.Contains("Der Vorgang wurde zu den Akten verfügt (zdA).", html, StringComparison.Ordinal);
        Assert.Contains("|Status|zu den Akten verfügt (zdA) am 02.11.2026|", Visible(Head(html)), StringComparison.Ordinal);
        Assert.Contains("Sachbearbeitung Test hat den Vorgang zu den Akten verfügt (zdA).", Visible(Section(html, "verlauf")), StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Vermerk", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/antraege/neu?vorgang=", html, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task StartProcess_FromVorgang_KeepsFormErrors_ThenStartsInThisVorgangAndFilesSubmission(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (_, gewerbe) = await StartPagesTests.CreatePlanAsync(factory, municipality);
        var definition = await StartPagesTests.DeployAsync(factory, municipality, "StartPagesTests.Gewerbeanmeldung.bpmn");
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var vorgangId = await OpenVorgangAsync(factory, municipality, gewerbe.Id);
        var vorgangPage = await clerk.GetStringAsync($"/vorgaenge/{vorgangId}?abschnitt=prozesse");
        var choices = await clerk.GetStringAsync($"/antraege/neu?vorgang={vorgangId}");
        var page = $"/antraege/neu/{definition}?vorgang={vorgangId}";
        var shown = await clerk.GetStringAsync(page);
        var auditBefore = await factory.AuditActionsAsync(municipality);

        var refused = await clerk.PostAsync(page, await StartPagesTests.FormAsync(clerk, page, ("betrieb", ""), ("taetigkeit", "handel")));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        var auditAfterRefusal = await factory.AuditActionsAsync(municipality);
        var started = await clerk.PostAsync(page, await StartPagesTests.FormAsync(clerk, page, ("betrieb", "Bäckerei Korn"), ("taetigkeit", "handwerk")));
        var location = started.Headers.Location!.OriginalString;
        var after = await clerk.GetStringAsync(location);
        var vorgang = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/vorgaenge/{vorgangId}", Json))!;

        Assert.Contains($"href=\"/antraege/neu?vorgang={vorgangId}\"", vorgangPage, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/antraege/neu/{definition}?vorgang={vorgangId}\">Gewerbeanmeldung</a>", choices, StringComparison.Ordinal);
        Assert.Contains("Der Prozess wird im Vorgang 32.10-0001/2026-1 „Umbau Bäckerei“ gestartet.", WebUtility.HtmlDecode(shown), StringComparison.Ordinal);
        Assert.Contains("name=\"betrieb\"", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"__position\"", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<a href=\"#field-betrieb\">", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"handel\" selected=\"selected\"", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(auditBefore, auditAfterRefusal);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"/vorgaenge/{vorgangId}?abschnitt=prozesse#prozesse", location);
        Assert.Contains("Der Prozess wurde in diesem Vorgang gestartet.", after, StringComparison.Ordinal);
        Assert.Contains("Sachbearbeitung Test hat den Prozess „Gewerbeanmeldung“ gestartet.", Visible(Section(after, "verlauf")), StringComparison.Ordinal);
        var process = Assert.Single(vorgang.Processes);
        var instance = await clerk.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{process.ProcessInstanceId}", Json);
        Assert.Equal(("32.10-0001/2026-1", "Bäckerei Korn"), (instance!.BusinessKey, instance.Variables["betrieb"]!.GetValue<string>()));
        Assert.Equal("Formulareingabe: Gewerbeanmeldung", Assert.Single(vorgang.Dokumente).Versions[0].Title);
        Assert.Equal(1, (await factory.AuditActionsAsync(municipality)).Count(a => a == AuditActions.AkteCreated));
    }

    [Theory]
    [AllProviders]
    public async Task StartProcess_IsRefusedAndStartsNothing_WhenVorgangIsClosed(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (_, gewerbe) = await StartPagesTests.CreatePlanAsync(factory, municipality);
        var definition = await StartPagesTests.DeployAsync(factory, municipality, "ProcessesApiTests.Antrag.bpmn");
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var vorgangId = await OpenVorgangAsync(factory, municipality, gewerbe.Id);
        var page = $"/antraege/neu/{definition}?vorgang={vorgangId}";
        var form = await StartPagesTests.FormAsync(clerk, "/antraege/neu");
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(new CloseVorgangCommand(vorgangId), "test", CancellationToken.None);
        }

        var auditBefore = await factory.AuditActionsAsync(municipality);
        var choices = await clerk.GetAsync($"/antraege/neu?vorgang={vorgangId}");
        var shown = await clerk.GetAsync(page);
        var posted = await clerk.PostAsync(page, form);
        var postedHtml = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, choices.StatusCode);
        Assert.DoesNotContain($"/antraege/neu/{definition}", await choices.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, shown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Contains("Der Vorgang 32.10-0001/2026-1 ist zu den Akten verfügt (zdA). Für einen abgeschlossenen Vorgang kann kein Prozess gestartet werden", postedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<button type=\"submit\">", postedHtml, StringComparison.Ordinal);
        Assert.Equal(auditBefore, await factory.AuditActionsAsync(municipality));
        Assert.Empty((await clerk.GetFromJsonAsync<VorgangResponse>($"/api/vorgaenge/{vorgangId}", Json))!.Processes);
    }

    // Tenancy (the Vorgang is a query parameter, so the route meta-test does not see it): another municipality's
    // Vorgang is not found on either page, and nothing is started in it.
    [Theory]
    [AllProviders]
    public async Task StartProcess_AnswersNotFound_ForAnotherMunicipalitysVorgang(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var (_, foreignPosition) = await StartPagesTests.CreatePlanAsync(factory, foreign);
        var foreignVorgang = await OpenVorgangAsync(factory, foreign, foreignPosition.Id);
        var definition = await StartPagesTests.DeployAsync(factory, municipality, "ProcessesApiTests.Antrag.bpmn");
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var page = $"/antraege/neu/{definition}?vorgang={foreignVorgang}";

        var choices = await clerk.GetAsync($"/antraege/neu?vorgang={foreignVorgang}");
        var shown = await clerk.GetAsync(page);
        var posted = await clerk.PostAsync(page, await StartPagesTests.FormAsync(clerk, "/antraege/neu"));

        Assert.Equal(HttpStatusCode.NotFound, choices.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Empty((await factory.RecordsAsync(foreign, db => db.VorgangProcesses.ToListAsync())));
    }

    // Issue 10: completing a task whose next condition names a missing variable answered "Incident at 'Groesse':
    // Expected the condition ... Unknown name 'flaeche' (line 1, column 1)"; the clerk reads German, on the page too.
    [Theory]
    [AllProviders]
    public async Task Bug_FailedCompletion_AnsweredInEnglish_WhenConditionNamesAnUnknownVariable(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "VorgangPageTests.Flaeche.bpmn"));
        (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Bauantrag", [new DeployResource("bauantrag.bpmn", bpmn)]))).EnsureSuccessStatusCode();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var started = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Bauantrag", null, null, new VorgangTarget(PositionId: position.Id, Title: "Carport Lindenweg 7")));
        var instance = (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
        var vorgangId = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instance.Id}/vorgang", Json))!.Vorgang.Id;
        var task = Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance.Id}", Json))!);

        var completed = await clerk.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { variables = new { bemerkung = "vollständig" } });

        using var problem = JsonDocument.Parse(await completed.Content.ReadAsStringAsync());
        var title = problem.RootElement.GetProperty("title").GetString()!;
        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/{vorgangId}"));
        const string german = "Die Bedingung 'flaeche > 100' muss wahr oder falsch ergeben, ergab aber null: Unbekannter Name 'flaeche' (Zeile 1, Spalte 1).";
        Assert.Equal(HttpStatusCode.Conflict, completed.StatusCode);
        Assert.Equal("engine.incident", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("Der Prozess wurde durch eine Störung angehalten: " + german, title);
        Assert.Contains("Am Schritt „Große Fläche?“ ist eine Störung aufgetreten:", page, StringComparison.Ordinal);

        // The task page tells the same when the clerk completes there (it showed the engine's English exception text).
        var taskPage = $"/aufgaben/{task.Id}";
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, taskPage);
        var onPage = await clerk.PostAsync(taskPage + "?handler=Complete", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var shown = WebUtility.HtmlDecode(await onPage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, onPage.StatusCode);
        Assert.Contains("Der Prozess wurde durch eine Störung angehalten: " + german, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Incident at", shown, StringComparison.Ordinal);
        Assert.Contains(german, page, StringComparison.Ordinal);
        Assert.Contains("Große Fläche?", page, StringComparison.Ordinal);
        foreach (var english in new[] { "Unknown name", "line 1", "Expected the condition", "Incident at", "Groesse" })
        {
            Assert.DoesNotContain(english, title + page, StringComparison.Ordinal);
        }
    }

    private static async Task<Guid> OpenVorgangAsync(AmtswegFactory factory, Municipality municipality, Guid positionId)
    {
        var akte = await StartPagesTests.CreateAkteAsync(factory, municipality, positionId, "Umbau Bäckerei");
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return (await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(new OpenVorgangCommand(akte.Id, "Umbau Bäckerei"), "test", CancellationToken.None)).Id;
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]);

    // The text a person sees: tags replaced by "|", entities decoded (ids in attributes are not shown).
    private static string Visible(string html) => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", "|")), @"\s*\|[\s|]*", "|");

    private static string Head(string html) => Regex.Match(html, "<dl class=\"facts vorgang-head\".*?</dl>", RegexOptions.Singleline).Value;

    private static string Section(string html, string id) => Regex.Match(html, $"<details class=\"section\" id=\"{id}\".*?</details>", RegexOptions.Singleline).Value;

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    private static string Diagram() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessDocumentsTests.Bescheid.bpmn"));

    private static async Task<ProcessInstanceInfo> StartAsync(HttpClient client, VorgangTarget target)
    {
        var response = await client.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Bescheid", null, null, target));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
    }

    private static async Task CompleteAsync(HttpClient client, Guid instanceId, object variables)
    {
        var task = Assert.Single((await client.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instanceId}", Json))!);
        (await client.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { variables })).EnsureSuccessStatusCode();
    }

    private static async Task RunJobsAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        await scope.ServiceProvider.GetRequiredService<IProcessEngine>().ExecuteDueJobsAsync();
    }
}
