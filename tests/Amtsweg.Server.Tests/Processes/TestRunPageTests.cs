using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

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
        var headRun = await RunAsync(head, "antrag", new() { ["start"] = "{}", ["ergebnis[pruefen]"] = "{\"vollstaendig\": true}" });
        var clerkPage = await clerk.GetAsync($"{Page}?prozess=antrag");
        var clerkXml = await clerk.GetAsync($"{Page}?handler=Xml&prozess=antrag");
        var unknown = await designer.GetAsync($"{Page}?prozess=gibtsnicht");
        var nothing = await designer.GetAsync(Page);
        var overview = await head.GetStringAsync("/prozesse");

        Assert.Contains("<h1>Probelauf: Antrag</h1>", designerPage, StringComparison.Ordinal);
        Assert.Contains("Probelauf mit der bereitgestellten Version 1.", designerPage, StringComparison.Ordinal);
        Assert.Contains("Unterlagen prüfen <span class=\"hint\">(Benutzeraufgabe)</span>", designerPage, StringComparison.Ordinal);
        Assert.Contains("Gebühr buchen <span class=\"hint\">(Serviceaufgabe)</span>", designerPage, StringComparison.Ordinal);
        Assert.Contains("name=\"ergebnis[pruefen]\"", designerPage, StringComparison.Ordinal);
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

        var completed = await RunAsync(designer, "antrag", new()
        {
            ["start"] = "{\"aktenzeichen\": \"32.10-0042/2026\"}",
            ["ergebnis[pruefen]"] = "{\"vollstaendig\": true}",
            ["ergebnis[gebuehr]"] = "{\"gebuehr\": 50}",
        });
        var waiting = await RunAsync(designer, "antrag", new() { ["start"] = "{\"aktenzeichen\": \"A\"}", ["ergebnis[pruefen]"] = "{\"vollstaendig\": false}" });
        var incident = await RunAsync(designer, "antrag", new() { ["start"] = "{}", ["ergebnis[pruefen]"] = "{}" });
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

        var notJson = await Html(await RunAsync(designer, "antrag", new() { ["start"] = "{\"betrag\": ", ["ergebnis[pruefen]"] = "{\"vollstaendig\": true}" }));
        var notObject = await Html(await RunAsync(designer, "antrag", new() { ["start"] = "{}", ["ergebnis[pruefen]"] = "[true]" }));
        var badName = await Html(await RunAsync(designer, "antrag", new() { ["start"] = "{\"mein betrag\": 1}" }));
        var unknownTask = await Html(await RunAsync(designer, "antrag", new() { ["start"] = "{}", ["ergebnis[gibtsnicht]"] = "{}" }));
        var withoutToken = await designer.PostAsync($"{Page}?handler=Run&prozess=antrag", new FormUrlEncodedContent(new Dictionary<string, string> { ["start"] = "{}" }));

        Assert.Contains("Das ist kein gültiges JSON (Zeile 1, Spalte", notJson, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"start-fehler\">", notJson, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", notJson, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"ergebnis-0-fehler\">Erwartet wird ein JSON-Objekt", notObject, StringComparison.Ordinal);
        Assert.Contains("Der Variablenname „mein betrag“ ist nicht erlaubt", badName, StringComparison.Ordinal);
        Assert.Contains("Eine Aufgabe der Eingabe gibt es im Modell nicht.", unknownTask, StringComparison.Ordinal);
        Assert.All([notJson, notObject, badName, unknownTask], page => Assert.DoesNotContain("Ergebnis des Probelaufs", page, StringComparison.Ordinal));
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
        var run = await Html(await RunAsync(designer, null, new() { ["start"] = "{}", ["ergebnis[pruefen]"] = "{\"vollstaendig\": true}" }, draft));

        Assert.Contains($"href=\"/prozesse/testen?entwurf={draft}\"", modeler, StringComparison.Ordinal);
        Assert.Contains("Probelauf mit dem zuletzt gespeicherten Entwurf.", page, StringComparison.Ordinal);
        Assert.Contains("Der Prozess ist abgeschlossen: Ende „Antrag genehmigt“.", run, StringComparison.Ordinal);
        Assert.Contains("04.02.2026", run, StringComparison.Ordinal);
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

        var run = await RunAsync(designer, "formular", new() { ["start"] = "{}", ["ergebnis[pruefen]"] = "{\"name\": \"Erika Muster\"}" });

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
