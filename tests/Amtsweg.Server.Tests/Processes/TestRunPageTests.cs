using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.Pages;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using static Amtsweg.Server.Tests.Processes.TestRunSteps;

namespace Amtsweg.Server.Tests.Processes;

/// <summary>
/// Issue 13.3: the test run page <c>/prozesse/testen</c> — who may run it, the path, steps and variables it shows, that bad
/// input is shown at its field and nothing runs, and that a run never starts an instance in the municipality's engine.
/// </summary>
public class TestRunPageTests
{
    private const string Page = "/prozesse/testen";

    [Theory]
    [AllProviders]
    public async Task TestRun_IsForDesignersAdministrationAndLeitung_ClerksAreRefused(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        await DeployAsync(designer);

        var designerPage = await designer.GetStringAsync($"{Page}?prozess=antrag");
        var adminPage = await admin.GetAsync($"{Page}?prozess=antrag");
        var headRun = await RunAsync(head, "antrag", new Dictionary<string, string> { ["start"] = "{}", ["ergebnis[gebuehr]"] = "{}" }.With(TaskStep(0, "pruefen", "{\"vollstaendig\": true}"), ClockStep(1, "P14D")));
        var clerkPage = await clerk.GetAsync($"{Page}?prozess=antrag");
        var clerkXml = await clerk.GetAsync($"{Page}?handler=Xml&prozess=antrag");
        var unknown = await designer.GetAsync($"{Page}?prozess=gibtsnicht");
        var nothing = await designer.GetAsync(Page);
        var overview = await head.GetStringAsync("/prozesse");

        Assert.Contains("<h1>Probelauf: Antrag</h1>", designerPage, StringComparison.Ordinal);
        Assert.Contains("Probelauf mit der bereitgestellten Version 1.", designerPage, StringComparison.Ordinal);
        Assert.Contains("Gebühr buchen <span class=\"hint\">(Serviceaufgabe)</span>", designerPage, StringComparison.Ordinal);
        Assert.Contains("name=\"ergebnis[gebuehr]\"", designerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"ergebnis[pruefen]\"", designerPage, StringComparison.Ordinal);
        Assert.Contains("value=\"neu-aufgabe\"", designerPage, StringComparison.Ordinal);
        Assert.Contains("value=\"neu-nachricht\"", designerPage, StringComparison.Ordinal);
        Assert.Contains("value=\"neu-zeit\"", designerPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, adminPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, headRun.StatusCode);
        Assert.Contains("Der Prozess ist abgeschlossen: Ende „Antrag genehmigt“.", await headRun.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("/fehler/403", clerkPage.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", clerkXml.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
        Assert.Contains("href=\"/prozesse/testen?prozess=antrag\"", overview, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Run_ShowsPathStepsVariablesAndOutcome_AndStartsNoInstanceInTheEngine(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await DeployAsync(designer);

        var completed = await RunAsync(designer, "antrag", new Dictionary<string, string>
        {
            ["start"] = "{\"aktenzeichen\": \"32.10-0042/2026\"}",
            ["ergebnis[gebuehr]"] = "{\"gebuehr\": 50}",
        }.With(TaskStep(0, "pruefen", "{\"vollstaendig\": true}"), ClockStep(1, "P14D")));
        var waiting = await RunAsync(designer, "antrag", new Dictionary<string, string> { ["start"] = "{\"aktenzeichen\": \"A\"}" }.With(TaskStep(0, "pruefen", "{\"vollstaendig\": false}")));
        var incident = await RunAsync(designer, "antrag", new Dictionary<string, string> { ["start"] = "{}" }.With(TaskStep(0, "pruefen", "{}")));
        var xml = await designer.GetAsync($"{Page}?handler=Xml&prozess=antrag");
        var instances = await designer.GetStringAsync("/prozesse");

        var html = await completed.Content.ReadAsStringAsync();
        Assert.Contains("Der Prozess ist abgeschlossen: Ende „Antrag genehmigt“.", html, StringComparison.Ordinal);
        Assert.Contains("data-flows=\"f1 f2 f3 f4 f7\"", html, StringComparison.Ordinal);
        Assert.Contains("data-completed=\"eingang pruefen vollstaendigGw gebuehr frist genehmigt\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>Widerspruchsfrist abgelaufen</td>", html, StringComparison.Ordinal);
        Assert.Contains("<li><code>gebuehr</code> = 50</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li><code>vollstaendig</code> = true</li>", html, StringComparison.Ordinal);
        Assert.Contains("Virtuelle Zeit am Ende: ", html, StringComparison.Ordinal);
        Assert.Contains("{\"aktenzeichen\": \"32.10-0042/2026\"}</textarea>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("Der Probelauf hält an: Der Prozess wartet bei „Unterlagen nachgereicht“.", await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var incidentHtml = await incident.Content.ReadAsStringAsync();
        Assert.Contains("Der Probelauf ist bei „Vollständig?“ mit einer Störung stehen geblieben", incidentHtml, StringComparison.Ordinal);
        Assert.Contains("data-incidents=\"", incidentHtml, StringComparison.Ordinal);
        Assert.Equal("application/xml", xml.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<bpmn:process id=\"antrag\"", await xml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Laufende (0)", instances, StringComparison.Ordinal);
        Assert.Contains("Abgeschlossene (0)", instances, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Run_ShowsBadInputAtItsField_AndRunsNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await DeployAsync(designer);

        var notJson = await Html(await RunAsync(designer, "antrag", new Dictionary<string, string> { ["start"] = "{\"betrag\": " }.With(TaskStep(0, "pruefen", "{\"vollstaendig\": true}"))));
        var notObject = await Html(await RunAsync(designer, "antrag", new() { ["start"] = "{}", ["ergebnis[gebuehr]"] = "[true]" }));
        var badName = await Html(await RunAsync(designer, "antrag", new() { ["start"] = "{\"mein betrag\": 1}" }));
        var unknownTask = await Html(await RunAsync(designer, "antrag", new() { ["start"] = "{}", ["ergebnis[gibtsnicht]"] = "{}" }));
        var userTaskResult = await Html(await RunAsync(designer, "antrag", new() { ["start"] = "{}", ["ergebnis[pruefen]"] = "{}" }));
        var withoutToken = await designer.PostAsync($"{Page}?handler=Run&prozess=antrag", new FormUrlEncodedContent(new Dictionary<string, string> { ["start"] = "{}" }));

        Assert.Contains("Das ist kein gültiges JSON (Zeile 1, Spalte", notJson, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"start-fehler\">", notJson, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", notJson, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"ergebnis-0-fehler\">Erwartet wird ein JSON-Objekt", notObject, StringComparison.Ordinal);
        Assert.Contains("Der Variablenname „mein betrag“ ist nicht erlaubt", badName, StringComparison.Ordinal);
        Assert.Contains("Eine Aufgabe der Eingabe gibt es im Modell nicht.", unknownTask, StringComparison.Ordinal);
        Assert.Contains("Eine Aufgabe der Eingabe gibt es im Modell nicht.", userTaskResult, StringComparison.Ordinal);
        Assert.All([notJson, notObject, badName, unknownTask, userTaskResult], page => Assert.DoesNotContain("Ergebnis des Probelaufs", page, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Run_TestsTheDraft_WhenOpenedFromTheModeler(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var draft = await SaveDraftAsync(designer, Antrag().Replace("P14D", "P30D", StringComparison.Ordinal));

        var modeler = await designer.GetStringAsync($"/prozesse/modellieren?entwurf={draft}");
        var page = await designer.GetStringAsync($"{Page}?entwurf={draft}");
        var run = await Html(await RunAsync(designer, null, new Dictionary<string, string> { ["start"] = "{}" }.With(TaskStep(0, "pruefen", "{\"vollstaendig\": true}"), ClockStep(1, "P30D")), draft));

        Assert.Contains($"href=\"/prozesse/testen?entwurf={draft}\"", modeler, StringComparison.Ordinal);
        Assert.Contains("Probelauf mit dem zuletzt gespeicherten Entwurf.", page, StringComparison.Ordinal);
        Assert.Contains("Der Prozess ist abgeschlossen: Ende „Antrag genehmigt“.", run, StringComparison.Ordinal);
        Assert.Contains("04.02.2026", run, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Steps_AreAddedMovedAndRemoved_WithEveryValueKept_AndNothingRuns(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await DeployAsync(designer);
        Dictionary<string, string> Form() => new Dictionary<string, string> { ["start"] = "{\"aktenzeichen\": \"A-1\"}", ["ergebnis[gebuehr]"] = "{\"gebuehr\": 50}" }
            .With(TaskStep(0, "pruefen", "{\"vollstaendig\": false}", "sachbearbeitung"), MessageStep(1, "unterlagen-nachgereicht", "A-1", "{\"nachgereichtAm\": \"2026-03-04\"}"));

        var added = WebUtility.HtmlDecode(await Html(await StepsAsync(designer, "neu-zeit", Form())));
        var addedTask = WebUtility.HtmlDecode(await Html(await StepsAsync(designer, "neu-aufgabe", Form())));
        var moved = WebUtility.HtmlDecode(await Html(await StepsAsync(designer, "hoch-2", Form())));
        var removed = WebUtility.HtmlDecode(await Html(await StepsAsync(designer, "weg-1", Form())));
        var gone = WebUtility.HtmlDecode(await Html(await StepsAsync(designer, "weg-3", Form())));
        var tooMany = new Dictionary<string, string> { ["start"] = "{}" }.With([.. Enumerable.Range(0, TestRunModel.MaxSteps).Select(i => ClockStep(i, "PT1H"))]);
        var full = WebUtility.HtmlDecode(await Html(await StepsAsync(designer, "neu-zeit", tooMany)));

        Assert.Equal(["aufgabe", "nachricht", "zeit"], Kinds(added));
        Assert.Contains("<legend>Schritt 3: Zeit vorstellen</legend>", added, StringComparison.Ordinal);
        Assert.Contains("name=\"schritt[2].Duration\" type=\"text\" value=\"P1D\"", added, StringComparison.Ordinal);
        Assert.Contains("name=\"schritt[0].Role\" type=\"text\" value=\"sachbearbeitung\"", added, StringComparison.Ordinal);
        Assert.Contains("{\"vollstaendig\": false}</textarea>", added, StringComparison.Ordinal);
        Assert.Contains("name=\"schritt[1].CorrelationKey\" type=\"text\" value=\"A-1\"", added, StringComparison.Ordinal);
        Assert.Contains("{\"nachgereichtAm\": \"2026-03-04\"}</textarea>", added, StringComparison.Ordinal);
        Assert.Contains("{\"aktenzeichen\": \"A-1\"}</textarea>", added, StringComparison.Ordinal);
        Assert.Contains("{\"gebuehr\": 50}</textarea>", added, StringComparison.Ordinal);
        Assert.Equal(["aufgabe", "nachricht", "aufgabe"], Kinds(addedTask));
        Assert.Contains("<option value=\"pruefen\" selected=\"selected\">Unterlagen prüfen</option>", addedTask, StringComparison.Ordinal);
        Assert.Equal(["nachricht", "aufgabe"], Kinds(moved));
        Assert.Contains("name=\"schritt[1].Role\" type=\"text\" value=\"sachbearbeitung\"", moved, StringComparison.Ordinal);
        Assert.Contains("name=\"schritt[0].CorrelationKey\" type=\"text\" value=\"A-1\"", moved, StringComparison.Ordinal);
        Assert.Equal(["nachricht"], Kinds(removed));
        Assert.Equal(["aufgabe", "nachricht"], Kinds(gone));
        Assert.Contains("Diesen Schritt gibt es nicht mehr; es wurde nichts geändert.", gone, StringComparison.Ordinal);
        Assert.Equal(TestRunModel.MaxSteps, Kinds(full).Count);
        Assert.Contains("Ein Probelauf hat höchstens 100 Schritte.", full, StringComparison.Ordinal);
        Assert.All([added, addedTask, moved, removed, gone, full], page => Assert.DoesNotContain("Ergebnis des Probelaufs", page, StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task Run_FollowsMessageAndClockSteps_AndSaysAtWhichStepItStoppedAndWhy(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await DeployAsync(designer);
        Dictionary<string, string> Form(string key) => new Dictionary<string, string> { ["start"] = "{\"aktenzeichen\": \"32.10-0042/2026\"}", ["ergebnis[gebuehr]"] = "{\"gebuehr\": 50}" }
            .With(
                TaskStep(0, "pruefen", "{\"vollstaendig\": false}", "sachbearbeitung"),
                MessageStep(1, "unterlagen-nachgereicht", key, "{\"nachgereichtAm\": \"2026-03-04\"}"),
                TaskStep(2, "pruefen", "{\"vollstaendig\": true}"),
                ClockStep(3, "P14D"));

        var page = WebUtility.HtmlDecode(await designer.GetStringAsync($"{Page}?prozess=antrag"));
        var completed = WebUtility.HtmlDecode(await Html(await RunAsync(designer, "antrag", Form("32.10-0042/2026"))));
        var wrongKey = WebUtility.HtmlDecode(await Html(await RunAsync(designer, "antrag", Form("32.10-9999/2026"))));
        var wrongRole = WebUtility.HtmlDecode(await Html(await RunAsync(designer, "antrag", new Dictionary<string, string> { ["start"] = "{}" }.With(TaskStep(0, "pruefen", "{\"vollstaendig\": true}", "leitung")))));
        var twice = WebUtility.HtmlDecode(await Html(await RunAsync(designer, "antrag", new Dictionary<string, string> { ["start"] = "{}" }.With(TaskStep(0, "pruefen", "{\"vollstaendig\": true}"), TaskStep(1, "pruefen", "{\"vollstaendig\": true}")))));

        Assert.Contains("Noch keine Schritte: Der Probelauf hält bei der ersten Benutzeraufgabe, Nachricht oder Frist an.", page, StringComparison.Ordinal);
        Assert.Contains("<datalist id=\"probelauf-rollen\">", page, StringComparison.Ordinal);
        Assert.Contains("Der Prozess ist abgeschlossen: Ende „Antrag genehmigt“.", completed, StringComparison.Ordinal);
        Assert.Contains("Alle Schritte wurden ausgeführt (4).", completed, StringComparison.Ordinal);
        Assert.Contains("data-flows=\"f1 f2 f5 f6 f3 f4 f7\"", completed, StringComparison.Ordinal);
        Assert.Contains("<li><code>nachgereichtAm</code> = 2026-03-04</li>", completed, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Matches(completed, "<span class=\"badge\">ausgeführt</span>").Count);
        Assert.Contains("Der Probelauf hält an: Der Prozess wartet bei „Unterlagen nachgereicht“.", wrongKey, StringComparison.Ordinal);
        Assert.Contains("Ausgeführt wurden 1 von 4 Schritten. Schritt 2: Niemand wartet auf die Nachricht 'unterlagen-nachgereicht' mit dem Schlüssel '32.10-9999/2026'.", wrongKey, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error step-state\">Hier hielt der Probelauf an: Schritt 2: Niemand wartet", wrongKey, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(wrongKey, "<p class=\"step-state hint\">nicht ausgeführt</p>").Count);
        Assert.Contains("Schritt 1: Die Rolle 'leitung' darf die Aufgabe 'Unterlagen prüfen' nicht erledigen (zugelassen: sachbearbeitung).", wrongRole, StringComparison.Ordinal);
        Assert.Contains("Ausgeführt wurden 1 von 2 Schritten. Schritt 2: Die Aufgabe 'Unterlagen prüfen' ist nicht offen.", twice, StringComparison.Ordinal);
        Assert.Contains("Der Probelauf hält an: Der Prozess wartet bei „Widerspruchsfrist abgelaufen“.", twice, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Run_ShowsEachBadStepAtItsField_AndRunsNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await DeployAsync(designer);

        var response = await RunAsync(designer, "antrag", new Dictionary<string, string> { ["start"] = "{}" }.With(
            TaskStep(0, "gibtsnicht", "{}"),
            MessageStep(1, "gibtsnicht"),
            ClockStep(2, "zwei Tage"),
            TaskStep(3, "pruefen", "[1]"),
            MessageStep(4, "unterlagen-nachgereicht", "A", "{\"a\": "),
            ClockStep(5, "P1M"),
            TaskStep(6, "pruefen", "{\"mein wert\": 1}", new string('r', 256))));
        var html = WebUtility.HtmlDecode(await Html(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Der Probelauf wurde nicht gestartet. Bitte korrigieren Sie die markierten Eingaben.", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"schritt-1-aufgabe-fehler\">Bitte wählen Sie eine Benutzeraufgabe des Modells.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"gibtsnicht\" selected>Unbekannte Aufgabe „gibtsnicht“</option>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"schritt-2-nachricht-fehler\">Bitte wählen Sie eine Nachricht, auf die das Modell wartet.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"schritt-3-dauer-fehler\">„zwei Tage“ ist keine positive Dauer nach ISO 8601", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"schritt-4-werte-fehler\">Erwartet wird ein JSON-Objekt", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"schritt-5-variablen-fehler\">Das ist kein gültiges JSON", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"schritt-6-dauer-fehler\">„P1M“ ist keine positive Dauer", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"schritt-7-werte-fehler\">Der Variablenname „mein wert“ ist nicht erlaubt", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"schritt-7-rolle-fehler\">Die Eingabe ist zu lang (höchstens 255 Zeichen).</p>", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"schritt-3-dauer-hinweis schritt-3-dauer-fehler\"", html, StringComparison.Ordinal);
        Assert.Equal(7, Kinds(html).Count);
        Assert.DoesNotContain("Ergebnis des Probelaufs", html, StringComparison.Ordinal);
    }

    /// <summary>The kinds of the form's steps, in order.</summary>
    private static List<string> Kinds(string html) =>
        [.. Regex.Matches(html, "<input type=\"hidden\" name=\"schritt\\[\\d+\\]\\.Kind\" value=\"([a-z]+)\">").Select(m => m.Groups[1].Value)];

    /// <summary>Posts an add, move or remove of a step as the browser does.</summary>
    private static async Task<HttpResponseMessage> StepsAsync(HttpClient client, string action, Dictionary<string, string> fields)
    {
        fields["aktion"] = action;
        fields["__RequestVerificationToken"] = await AmtswegFactory.AntiforgeryTokenAsync(client, $"{Page}?prozess=antrag");
        return await client.PostAsync($"{Page}?handler=Steps&prozess=antrag", new FormUrlEncodedContent(fields));
    }

    internal static string Antrag() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "TestRunPageTests.Antrag.bpmn"));

    internal static async Task DeployAsync(HttpClient designer) =>
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Antrag", [new DeployResource("antrag.bpmn", Antrag())]))).StatusCode);

    /// <summary>Saves a draft through the modeler's handler; returns its id.</summary>
    internal static async Task<string> SaveDraftAsync(HttpClient designer, string xml)
    {
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, "/prozesse/modellieren");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/prozesse/modellieren?handler=Save")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["xml"] = xml, ["revision"] = "0" }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await designer.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("draft").GetString()!;
    }

    [Theory]
    [AllProviders]
    public async Task Run_FindsTheDeployedFormATaskLinks(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        const string diagram = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://amtsweg.example/test">
              <bpmn:process id="formular" name="Antrag mit Formular" isExecutable="true">
                <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:userTask id="pruefen" name="Antrag prüfen"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="antrag-form" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
                <bpmn:endEvent id="ende" name="Erledigt"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
                <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="ende" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        const string form = """{ "id": "antrag-form", "type": "default", "schemaVersion": 16, "components": [ { "type": "textfield", "key": "name", "label": "Name" } ] }""";
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Formular", [new DeployResource("formular.bpmn", diagram), new DeployResource("antrag.form", form)]))).StatusCode);

        var run = await RunAsync(designer, "formular", new Dictionary<string, string> { ["start"] = "{}" }.With(TaskStep(0, "pruefen", "{\"name\": \"Erika Muster\"}")));

        var html = WebUtility.HtmlDecode(await run.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Contains("Der Prozess ist abgeschlossen: Ende „Erledigt“.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("nicht bereitgestellt", html, StringComparison.Ordinal);
    }

    /// <summary>Posts the page's form as the browser does (the antiforgery token as a form field).</summary>
    internal static async Task<HttpResponseMessage> RunAsync(HttpClient client, string? process, Dictionary<string, string> fields, string? draft = null)
    {
        var query = draft is null ? $"prozess={process}" : $"entwurf={draft}";
        fields["__RequestVerificationToken"] = await AmtswegFactory.AntiforgeryTokenAsync(client, $"{Page}?{query}");
        return await client.PostAsync($"{Page}?handler=Run&{query}", new FormUrlEncodedContent(fields));
    }

    private static Task<string> Html(HttpResponseMessage response) => response.Content.ReadAsStringAsync();
}
