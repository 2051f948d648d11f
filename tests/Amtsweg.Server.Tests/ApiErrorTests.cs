using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;

namespace Amtsweg.Server.Tests;

/// <summary>Every <c>/api</c> answer that is not a success is RFC 9457 problem details with a stable code and a German message.</summary>
public class ApiErrorTests
{
    [Fact]
    public async Task UnknownRoute_IsProblemNotFound()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var clerk = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());

        var response = await clerk.GetAsync("/api/gibt-es-nicht");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "not-found", "Diese Adresse gibt es nicht.");
    }

    [Fact]
    public async Task WrongMethod_IsProblemMethodNotAllowed()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var clerk = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());

        var response = await clerk.DeleteAsync("/api/vorgaenge");

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "request.method-not-allowed", "Die Methode DELETE ist für diese Adresse nicht erlaubt.");
    }

    [Fact]
    public async Task MalformedJson_IsProblemBadRequest_WithLine()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var clerk = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());

        var response = await clerk.PostAsync("/api/vorgaenge", new StringContent("{\n  \"title\": kaputt", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "request.malformed-json", "Der JSON-Inhalt ist fehlerhaft (Zeile 2");
    }

    [Fact]
    public async Task MissingBody_IsProblemBadRequest()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var clerk = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());

        var response = await clerk.PostAsync("/api/vorgaenge", new StringContent("", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "request.invalid", "Die Anfrage ist fehlerhaft");
    }

    [Fact]
    public async Task OversizedJson_IsProblemTooLarge_AndNothingIsWritten()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite, new() { ["Amtsweg:Api:MaxJsonBytes"] = "2048" });
        var clerk = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());
        var akte = Guid.NewGuid();
        var body = JsonSerializer.Serialize(new { akteId = akte, title = new string('x', 4000) });

        var response = await clerk.PostAsync("/api/vorgaenge", new StringContent(body, Encoding.UTF8, "application/json"));
        var vorgaenge = await clerk.GetFromJsonAsync<List<JsonElement>>("/api/vorgaenge");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request.too-large", "Die Anfrage ist zu groß");
        Assert.Empty(vorgaenge!);
    }

    [Fact]
    public async Task WrongContentType_IsProblemUnsupportedMediaType()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var clerk = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());

        var response = await clerk.PostAsync("/api/vorgaenge", new StringContent("title=x", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "request.unsupported-media-type", "Dieses Format wird hier nicht angenommen");
    }

    [Fact]
    public async Task ForbiddenRole_IsProblemForbidden()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var clerk = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());

        var response = await clerk.GetAsync("/api/municipalities");

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "request.forbidden", "Dafür fehlt Ihnen die Berechtigung.");
    }

    [Fact]
    public async Task SignedOut_IsProblemUnauthenticated_NotASignInPage()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);

        var response = await factory.CreateBrowserClient().GetAsync("/api/vorgaenge");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "request.unauthenticated", "Bitte melden Sie sich an.");
    }

    // Regression: the privacy API answered a person nobody stored 404, another table 409; one table decides now.
    [Fact]
    public async Task PersonNotFound_IsProblemNotFound_InPrivacyApi()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var admin = await factory.SignInAsAsync(await factory.CreateMunicipalityAsync(), Roles.Administration);

        var response = await admin.PostAsJsonAsync("/api/privacy/unrestrict", new { name = "Niemand Unbekannt", reason = "Widerspruch" });

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "records.person-not-found", "");
    }

    [Fact]
    public async Task ModuleRefusal_IsProblemNotFound_ForMissingRecord()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var clerk = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());

        var response = await clerk.PostAsJsonAsync($"/api/vorgaenge/{Guid.NewGuid()}/vermerke", new { text = "Anruf" });

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "not-found", "wurde nicht gefunden");
    }

    [Fact]
    public async Task ProcessInstanceState_IsAString()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var diagram = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessesApiTests.Antrag.bpmn"));
        await designer.PostAsJsonAsync("/api/deployments", new { name = "antrag", resources = new[] { new { name = "antrag.bpmn", content = diagram } } });

        var started = await clerk.PostAsJsonAsync("/api/process-instances", new { processId = "Antrag" });
        var instance = await started.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal("Active", instance.GetProperty("state").GetString());
    }

    // Regression (security test, issue 17): limit=-1 or 2147483647 on a list route returned everything.
    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(2147483647)]
    public async Task Bug_ListLimit_WasNotChecked(int limit)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var clerk = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());

        var response = await clerk.GetAsync($"/api/vorgaenge?limit={limit}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "request.limit-invalid", "zwischen 1 und 500");
    }

    // Regression (security test, issue 17): follow-up dates in year 1 or 9999 were accepted.
    [Theory]
    [InlineData(1)]
    [InlineData(9999)]
    public async Task Bug_WiedervorlageInYear1Or9999_WasAccepted(int year)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var akte = await (await clerk.PostAsJsonAsync("/api/akten", new { positionId = position.Id, title = "Gaststätte Zur Linde" })).Content.ReadFromJsonAsync<JsonElement>();
        var opened = await (await clerk.PostAsJsonAsync("/api/vorgaenge", new { akteId = akte.GetProperty("id").GetGuid(), title = "Erlaubnis" })).Content.ReadFromJsonAsync<JsonElement>();
        var vorgangId = opened.GetProperty("vorgang").GetProperty("id").GetGuid();

        var response = await clerk.PostAsJsonAsync($"/api/vorgaenge/{vorgangId}/wiedervorlagen", new { dueOn = new DateOnly(year, 1, 1), reason = "Nachfragen" });
        var allowed = await clerk.PostAsJsonAsync($"/api/vorgaenge/{vorgangId}/wiedervorlagen", new { dueOn = new DateOnly(2027, 1, 15), reason = "Nachfragen" });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "records.invalid", "außerhalb des erlaubten Zeitraums");
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    // Regression (security test, issue 17): a refused 100,000-element BPMN answered with a 10.8 MB error body.
    [Fact]
    public async Task Bug_RefusedDeployment_ListedEveryProblem()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var designer = await factory.SignInAsAsync(await factory.CreateMunicipalityAsync(), Roles.Prozessgestaltung);
        var flows = string.Concat(Enumerable.Range(1, 2000).Select(i => $"<bpmn:sequenceFlow id=\"f{i}\" sourceRef=\"start\" targetRef=\"nirgendwo{i}\" />"));
        var bpmn = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">"
            + "<bpmn:process id=\"Kaputt\" isExecutable=\"true\"><bpmn:startEvent id=\"start\" />" + flows + "</bpmn:process></bpmn:definitions>";

        var response = await designer.PostAsJsonAsync("/api/deployments", new { name = "kaputt", resources = new[] { new { name = "kaputt.bpmn", content = bpmn } } });
        var body = await response.Content.ReadAsStringAsync();

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "engine.deployment-invalid", "weitere Probleme");
        Assert.InRange(body.Length, 1, 50_000);
    }

    // Issue 10: a DMN compile problem showed its English text inside the German problem title.
    [Fact]
    public async Task Bug_RefusedDmnDeployment_WasEnglishInsideGerman()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var designer = await factory.SignInAsAsync(await factory.CreateMunicipalityAsync(), Roles.Prozessgestaltung);
        var diagram = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessesApiTests.Antrag.bpmn"));
        const string dmn = """
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="Gebühr" namespace="urn:gebuehr">
              <decision id="gebuehr" name="Gebühr">
                <informationRequirement><requiredDecision href="#fehlt"/></informationRequirement>
                <literalExpression><text>1</text></literalExpression>
              </decision>
            </definitions>
            """;

        var response = await designer.PostAsJsonAsync("/api/deployments", new { name = "gebuehr", resources = new[] { new { name = "antrag.bpmn", content = diagram }, new { name = "gebuehr.dmn", content = dmn } } });
        var body = await response.Content.ReadAsStringAsync();

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "engine.deployment-invalid", "gebuehr.dmn: 'Gebühr' benötigt '#fehlt', das weder im Modell noch in seinen Importen vorkommt. (DMN-COMPILE, gebuehr, Zeile ");
        Assert.DoesNotContain("requires", body, StringComparison.Ordinal);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string message)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(message, problem.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
    }
}
