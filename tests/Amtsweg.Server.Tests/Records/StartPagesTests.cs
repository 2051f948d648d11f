using System.Net;
using System.Net.Http.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Records;

/// <summary>Issue 12.4: a clerk creates an Akte, opens a Vorgang and takes in an Antrag in the browser.</summary>
public class StartPagesTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = ProcessFilingTests.Json;

    [Theory]
    [AllProviders]
    public async Task NewAkte_CreatesAkteUnderChosenPosition_AndTheListSaysSo(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (_, gewerbe) = await CreatePlanAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var page = await clerk.GetStringAsync("/akten/neu");
        var created = await clerk.PostAsync("/akten/neu", await FormAsync(clerk, "/akten/neu", ("position", gewerbe.Id.ToString()), ("titel", "Bäckerei Korn")));
        var list = await clerk.GetStringAsync(created.Headers.Location!.OriginalString);
        var akte = await factory.RecordsAsync(municipality, db => db.Akten.SingleAsync());

        Assert.Contains("<optgroup label=\"32 Öffentliche Ordnung\">", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{gewerbe.Id}\">32.10 Gewerbeangelegenheiten</option>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"/vorgaenge?akte={akte.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(("32.10-0001/2026", "Bäckerei Korn", gewerbe.Id), (akte.Aktenzeichen, akte.Title, akte.PositionId));
        Assert.Contains("Die Akte 32.10-0001/2026 „Bäckerei Korn“ wurde angelegt.", list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/vorgaenge/neu?akte={akte.Id}\"", list, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task NewAkte_ShowsErrorsKeepsValuesAndCreatesNothing_WhenTitleIsMissingOrPositionIsForeign(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var (_, gewerbe) = await CreatePlanAsync(factory, municipality);
        var foreignPosition = await factory.CreatePositionAsync(foreign);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var auditBefore = await factory.AuditActionsAsync(municipality);

        var untitled = await clerk.PostAsync("/akten/neu", await FormAsync(clerk, "/akten/neu", ("position", gewerbe.Id.ToString()), ("titel", "  ")));
        var untitledHtml = await untitled.Content.ReadAsStringAsync();
        var foreignChoice = await clerk.PostAsync("/akten/neu", await FormAsync(clerk, "/akten/neu", ("position", foreignPosition.Id.ToString()), ("titel", "Fremde Akte")));
        var foreignHtml = await foreignChoice.Content.ReadAsStringAsync();
        var tooLong = await clerk.PostAsync("/akten/neu", await FormAsync(clerk, "/akten/neu", ("position", gewerbe.Id.ToString()), ("titel", new string('A', 501))));

        Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
        Assert.Contains("<a href=\"#titel\">Geben Sie den Titel der Akte an.</a>", untitledHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("<a href=\"#titel\">Der Titel darf höchstens 500 Zeichen lang sein.</a>", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{gewerbe.Id}\" selected=\"selected\">", untitledHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, foreignChoice.StatusCode);
        Assert.Contains("<a href=\"#position\">Wählen Sie die Aktenplanposition der Akte aus.</a>", foreignHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Fremde Akte\"", foreignHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(foreignPosition.Id.ToString(), foreignHtml, StringComparison.Ordinal);
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.Akten.CountAsync()));
        Assert.Equal(0, await factory.RecordsAsync(foreign, db => db.Akten.CountAsync()));
        Assert.Equal(auditBefore, await factory.AuditActionsAsync(municipality));
    }

    [Theory]
    [AllProviders]
    public async Task NewVorgang_OpensVorgangInChosenAkte_AndRefusesMissingTitleOrForeignAkte(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var (_, gewerbe) = await CreatePlanAsync(factory, municipality);
        var akte = await CreateAkteAsync(factory, municipality, gewerbe.Id, "Bäckerei Korn");
        var foreignAkte = await CreateAkteAsync(factory, foreign, (await factory.CreatePositionAsync(foreign)).Id, "Fremde Akte");
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var page = $"/vorgaenge/neu?akte={akte.Id}";

        var shown = await clerk.GetStringAsync(page);
        var untitled = await clerk.PostAsync("/vorgaenge/neu", await FormAsync(clerk, page, ("akte", akte.Id.ToString()), ("titel", "")));
        var untitledHtml = await untitled.Content.ReadAsStringAsync();
        var foreignChoice = await clerk.PostAsync("/vorgaenge/neu", await FormAsync(clerk, page, ("akte", foreignAkte.Id.ToString()), ("titel", "Irrläufer")));
        var foreignHtml = await foreignChoice.Content.ReadAsStringAsync();
        var countAfterRefusals = await factory.RecordsAsync(municipality, db => db.Vorgaenge.CountAsync()) + await factory.RecordsAsync(foreign, db => db.Vorgaenge.CountAsync());
        var opened = await clerk.PostAsync("/vorgaenge/neu", await FormAsync(clerk, page, ("akte", akte.Id.ToString()), ("titel", "Gewerbeanmeldung Bäckerei Korn")));
        var vorgang = await factory.RecordsAsync(municipality, db => db.Vorgaenge.SingleAsync());
        var vorgangPage = await clerk.GetStringAsync(opened.Headers.Location!.OriginalString);

        Assert.Contains("<optgroup label=\"32.10 Gewerbeangelegenheiten\">", shown, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{akte.Id}\" selected=\"selected\">32.10-0001/2026 – Bäckerei Korn</option>", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
        Assert.Contains("<a href=\"#titel\">Geben Sie den Betreff des Vorgangs an.</a>", untitledHtml, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{akte.Id}\" selected=\"selected\">", untitledHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, foreignChoice.StatusCode);
        Assert.Contains("<a href=\"#akte\">Wählen Sie die Akte aus, in der der Vorgang angelegt wird.</a>", foreignHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Irrläufer\"", foreignHtml, StringComparison.Ordinal);
        Assert.Equal(0, countAfterRefusals);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/vorgaenge/{vorgang.Id}", opened.Headers.Location!.OriginalString);
        Assert.Equal(("32.10-0001/2026-1", "Gewerbeanmeldung Bäckerei Korn", akte.Id), (vorgang.Aktenzeichen, vorgang.Title, vorgang.AkteId));
        Assert.Contains("Der Vorgang wurde angelegt.", vorgangPage, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task NewAntrag_ListsTheLatestVersionOfEachProcessByName(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await DeployAsync(factory, municipality, "StartPagesTests.Gewerbeanmeldung.bpmn");
        var latest = await DeployAsync(factory, municipality, "StartPagesTests.Gewerbeanmeldung.bpmn", "<bpmn:endEvent id=\"Ende\" name=\"Anmeldung geprüft\">", "<bpmn:endEvent id=\"Ende\" name=\"Anmeldung erledigt\">");
        var withoutForm = await DeployAsync(factory, municipality, "ProcessesApiTests.Antrag.bpmn");
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var page = await clerk.GetStringAsync("/antraege/neu");

        Assert.Contains($"<a href=\"/antraege/neu/{latest}\">Gewerbeanmeldung</a>", page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/antraege/neu/{withoutForm}\">Antrag prüfen</a>", page, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(page, "href=\"/antraege/neu/[0-9a-f-]{36}\"").Count);
        Assert.True(page.IndexOf("Antrag prüfen", StringComparison.Ordinal) < page.IndexOf(">Gewerbeanmeldung<", StringComparison.Ordinal), "ordered by name");
        Assert.Contains("mit Antragsformular", page, StringComparison.Ordinal);
        Assert.Contains("ohne Formular", page, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task AntragForm_OpensVorgangStartsProcessAndFilesSubmission_WithoutTheHiddenField(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (_, gewerbe) = await CreatePlanAsync(factory, municipality);
        var definition = await DeployAsync(factory, municipality, "StartPagesTests.Gewerbeanmeldung.bpmn");
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var page = $"/antraege/neu/{definition}";

        var shown = await clerk.GetStringAsync(page);
        var started = await clerk.PostAsync(page, await FormAsync(clerk, page,
            ("betrieb", "Bäckerei Korn"), ("taetigkeit", "handwerk"), ("erlaubnisNummer", "eingeschmuggelt"),
            ("__position", gewerbe.Id.ToString()), ("__titel", "Gewerbeanmeldung Bäckerei Korn")));
        var location = started.Headers.Location!.OriginalString;
        var vorgangPage = await clerk.GetStringAsync(location);
        var vorgang = await clerk.GetFromJsonAsync<VorgangResponse>("/api" + location, Json);
        var instance = await clerk.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{Assert.Single(vorgang!.Processes).ProcessInstanceId}", Json);
        var audit = await factory.AuditActionsAsync(municipality);

        Assert.Contains("<h1>Antrag aufnehmen: Gewerbeanmeldung</h1>", shown, StringComparison.Ordinal);
        Assert.Contains("name=\"betrieb\"", shown, StringComparison.Ordinal);
        Assert.Contains("value=\"Gewerbeanmeldung\"", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Contains("Der Antrag wurde aufgenommen", vorgangPage, StringComparison.Ordinal);
        Assert.Equal(("32.10-0001/2026-1", "Gewerbeanmeldung Bäckerei Korn"), (vorgang.Vorgang.Aktenzeichen, vorgang.Vorgang.Title));
        Assert.Equal(("32.10-0001/2026-1", definition), (instance!.BusinessKey, instance.ProcessDefinitionId));
        Assert.Equal(["Pruefen"], instance.ActiveElementIds);
        Assert.Equal("Bäckerei Korn", instance.Variables["betrieb"]!.GetValue<string>());
        Assert.Equal("handwerk", instance.Variables["taetigkeit"]!.GetValue<string>());
        Assert.False(instance.Variables.ContainsKey("erlaubnisNummer"));
        var filed = Assert.Single(vorgang.Dokumente).Versions[0];
        Assert.Equal(("Formulareingabe: Gewerbeanmeldung", "Formular", "application/pdf", "Formulareingabe Gewerbeanmeldung.pdf"), (filed.Title, filed.DokumentType, filed.MediaType, filed.FileName));
        var text = await factory.RecordsAsync(municipality, db => db.SearchEntries.Select(e => e.Text).ToListAsync());
        Assert.Contains(text, t => t.Contains("Name des Betriebs", StringComparison.Ordinal) && t.Contains("Bäckerei Korn", StringComparison.Ordinal) && t.Contains("Handwerk", StringComparison.Ordinal));
        Assert.Equal(1, audit.Count(a => a == AuditActions.AkteCreated));
        Assert.Equal(1, audit.Count(a => a == AuditActions.ProcessLinked));
    }

    [Theory]
    [AllProviders]
    public async Task AntragForm_ShowsEveryErrorKeepsValuesAndStartsNothing_WhenFormOrVorgangFieldsAreInvalid(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        await CreatePlanAsync(factory, municipality);
        var foreignPosition = await factory.CreatePositionAsync(foreign);
        var definition = await DeployAsync(factory, municipality, "StartPagesTests.Gewerbeanmeldung.bpmn");
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var page = $"/antraege/neu/{definition}";
        var auditBefore = await factory.AuditActionsAsync(municipality);

        var refused = await clerk.PostAsync(page, await FormAsync(clerk, page,
            ("betrieb", ""), ("taetigkeit", "handel"), ("erlaubnispflichtig", "true"),
            ("__position", foreignPosition.Id.ToString()), ("__titel", "<script>alert(1)</script>")));
        var html = await refused.Content.ReadAsStringAsync();
        var instances = await clerk.GetFromJsonAsync<List<UserTaskInfo>>("/api/tasks", Json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "class=\"error-summary\""));
        Assert.Contains("<a href=\"#vorgang-position\">Wählen Sie die Aktenplanposition des neuen Vorgangs aus.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#field-betrieb\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#field-erlaubnisNummer\">", html, StringComparison.Ordinal);
        Assert.Contains("value=\"handel\" selected=\"selected\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Empty(instances!);
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.Akten.CountAsync()));
        Assert.Equal(0, await factory.RecordsAsync(foreign, db => db.Akten.CountAsync()));
        Assert.Equal(auditBefore, await factory.AuditActionsAsync(municipality));
    }

    // The start form binds the REST API as it binds the page: the engine's start command checks it.
    [Theory]
    [AllProviders]
    public async Task ApiStart_IsRefusedWithTheFieldErrors_OrStartsWithTheFormsValuesOnly(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (_, gewerbe) = await CreatePlanAsync(factory, municipality);
        await DeployAsync(factory, municipality, "StartPagesTests.Gewerbeanmeldung.bpmn");
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var vorgang = new { positionId = gewerbe.Id, title = "Gewerbeanmeldung über die Schnittstelle" };

        var refused = await clerk.PostAsJsonAsync("/api/process-instances", new { processId = "Gewerbeanmeldung", vorgang, variables = new { taetigkeit = "schmuggel", erlaubnispflichtig = true } });
        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var nothing = await clerk.GetFromJsonAsync<List<UserTaskInfo>>("/api/tasks", Json);
        var akten = await factory.RecordsAsync(municipality, db => db.Akten.CountAsync());
        var started = await clerk.PostAsJsonAsync("/api/process-instances", new
        {
            processId = "Gewerbeanmeldung",
            vorgang,
            variables = new { betrieb = "Imbiss Ada", taetigkeit = "handel", erlaubnisNummer = "versteckt", rolle = "Leitung" },
        });
        var instance = await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Die Eingaben passen nicht zum Startformular des Prozesses: 3 Felder sind nicht richtig ausgefüllt.", problem.GetProperty("title").GetString());
        Assert.Equal(["betrieb", "taetigkeit", "erlaubnisNummer"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("key").GetString()));
        Assert.Empty(nothing!);
        Assert.Equal(0, akten);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        // The start form's values, and the Vorgang's Aktenzeichen the platform sets beside them (issue 14).
        Assert.Equal(["aktenzeichen", "betrieb", "erlaubnispflichtig", "taetigkeit"], instance!.Variables.Keys.Order(StringComparer.Ordinal));
        Assert.False(instance.Variables["erlaubnispflichtig"]!.GetValue<bool>()); // an unticked checkbox
    }

    [Theory]
    [AllProviders]
    public async Task AntragForm_StartsProcessWithoutStartForm_WithVorgangFieldsOnly(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (_, gewerbe) = await CreatePlanAsync(factory, municipality);
        var definition = await DeployAsync(factory, municipality, "ProcessesApiTests.Antrag.bpmn");
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var page = $"/antraege/neu/{definition}";

        var shown = await clerk.GetStringAsync(page);
        var untitled = await clerk.PostAsync(page, await FormAsync(clerk, page, ("__position", gewerbe.Id.ToString()), ("__titel", "")));
        var untitledHtml = await untitled.Content.ReadAsStringAsync();
        var started = await clerk.PostAsync(page, await FormAsync(clerk, page, ("__position", gewerbe.Id.ToString()), ("__titel", "Antrag Müller")));
        var vorgang = await clerk.GetFromJsonAsync<VorgangResponse>("/api" + started.Headers.Location!.OriginalString, Json);

        Assert.Contains("Dieser Prozess hat kein Antragsformular", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
        Assert.Contains("<a href=\"#vorgang-titel\">Geben Sie den Betreff des neuen Vorgangs an.</a>", untitledHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal("Antrag Müller", vorgang!.Vorgang.Title);
        Assert.Equal("Antrag", Assert.Single(vorgang.Processes).ProcessId);
        Assert.Empty(vorgang.Dokumente);
    }

    [Theory]
    [AllProviders]
    public async Task AntragForm_AnswersNotFound_ForAnotherMunicipalitysProcess(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var (_, gewerbe) = await CreatePlanAsync(factory, municipality);
        await DeployAsync(factory, municipality, "ProcessesApiTests.Antrag.bpmn");
        var foreignDefinition = await DeployAsync(factory, foreign, "StartPagesTests.Gewerbeanmeldung.bpmn");
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, "/akten/neu");

        var list = await clerk.GetStringAsync("/antraege/neu");
        var shown = await clerk.GetAsync($"/antraege/neu/{foreignDefinition}");
        var posted = await clerk.PostAsync($"/antraege/neu/{foreignDefinition}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["betrieb"] = "Bäckerei Korn",
            ["taetigkeit"] = "handel",
            ["__position"] = gewerbe.Id.ToString(),
            ["__titel"] = "Fremder Prozess",
        }));

        Assert.DoesNotContain(foreignDefinition.ToString(), list, StringComparison.Ordinal);
        Assert.DoesNotContain("Gewerbeanmeldung", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.Akten.CountAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task StartPages_AreRefused_ForOperatorsWithoutCaseWork(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (_, gewerbe) = await CreatePlanAsync(factory, municipality);
        var definition = await DeployAsync(factory, municipality, "StartPagesTests.Gewerbeanmeldung.bpmn");
        var akte = await CreateAkteAsync(factory, municipality, gewerbe.Id, "Bäckerei Korn");
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(operatorClient, "/");

        var answers = new List<HttpResponseMessage>();
        foreach (var path in new[] { "/akten/neu", "/vorgaenge/neu", "/antraege/neu", $"/antraege/neu/{definition}" })
        {
            answers.Add(await operatorClient.GetAsync(path));
            answers.Add(await operatorClient.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["position"] = gewerbe.Id.ToString(),
                ["akte"] = akte.Id.ToString(),
                ["titel"] = "Betrieb",
                ["betrieb"] = "Bäckerei Korn",
                ["taetigkeit"] = "handel",
                ["__position"] = gewerbe.Id.ToString(),
                ["__titel"] = "Betrieb",
            })));
        }

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.Redirect, "/fehler/403"), (answer.StatusCode, answer.Headers.Location!.AbsolutePath)));
        Assert.Equal(1, await factory.RecordsAsync(municipality, db => db.Akten.CountAsync()));
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.Vorgaenge.CountAsync()));
    }

    /// <summary>The Aktenplan "32 Öffentliche Ordnung" with "32.10 Gewerbeangelegenheiten" below it.</summary>
    internal static async Task<(AktenplanPosition Parent, AktenplanPosition Child)> CreatePlanAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var executor = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
        var parent = await executor.ExecuteAsync(new CreateAktenplanPositionCommand("32", "Öffentliche Ordnung", null, 10, DisposalRule.Appraise), "test", CancellationToken.None);
        var child = await executor.ExecuteAsync(new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", "32", 10, DisposalRule.Appraise), "test", CancellationToken.None);
        return (parent, child);
    }

    internal static async Task<Akte> CreateAkteAsync(AmtswegFactory factory, Municipality municipality, Guid positionId, string title)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(new CreateAkteCommand(positionId, title), "test", CancellationToken.None);
    }

    /// <summary>Deploys a diagram of <c>Diagrams</c> (optionally with one text replaced); returns its process definition's id.</summary>
    internal static async Task<Guid> DeployAsync(AmtswegFactory factory, Municipality municipality, string diagram, string? replace = null, string? with = null)
    {
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", diagram));
        if (replace is not null)
        {
            bpmn = bpmn.Replace(replace, with, StringComparison.Ordinal);
        }

        var response = await designer.PostAsJsonAsync("/api/deployments", new DeployRequest(diagram, [new DeployResource(diagram.Split('.')[1] + ".bpmn", bpmn)]));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Assert.Single((await response.Content.ReadFromJsonAsync<DeploymentInfo>(Json))!.ProcessDefinitions).Id;
    }

    /// <summary>The fields posted as the browser posts the page's form, with the page's antiforgery token.</summary>
    internal static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, string page, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", await AmtswegFactory.AntiforgeryTokenAsync(client, page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
}
