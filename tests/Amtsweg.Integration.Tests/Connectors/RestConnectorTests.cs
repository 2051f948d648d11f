using System.Text.Json.Nodes;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Integration.Connectors;
using Amtsweg.Testing;

namespace Amtsweg.Integration.Tests.Connectors;

/// <summary>Issue 15.1: the REST connector <c>amtsweg:rest</c> against the Gewerberegister simulator, on both databases.</summary>
public class RestConnectorTests
{
    // A secret value no incident, log line or exception text may ever contain.
    private const string Marker = "GEHEIM-MARKIERUNG-b81c";

    [Theory]
    [AllProviders]
    public async Task RestTask_CompletesWithMappedVariables_WhenTheRegisterAnswers(DatabaseProvider provider)
    {
        await using var register = await GewerberegisterSimulator.StartAsync();
        await using var host = await ConnectorTestHost.StartAsync(provider);
        register.AddBusiness("4711", "Bäckerei Müller");
        host.Secrets.All[(host.TenantId, "gewerberegister")] = new ConnectorSecret("gewerberegister", SecretKind.ApiKey, GewerberegisterSimulator.ApiKey);
        await host.DeployAsync("Abfrage", LookUp(register, "apikey"));

        var instance = await host.StartAsync("Abfrage", new Dictionary<string, object?> { ["betriebsnummer"] = "4711" });

        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal("Bäckerei Müller", instance.Variables["betrieb"]!.GetValue<string>());
        Assert.Equal("angemeldet", instance.Variables["registerstatus"]!.GetValue<string>());
        Assert.Equal("200", instance.Variables["registerantwort"]!["status"]!.ToJsonString());
        Assert.Equal("2026-12-07", instance.Variables["registerantwort"]!["headers"]!["x-register-stand"]!.GetValue<string>());
        var request = Assert.Single(register.Requests);
        Assert.Equal(("GET", "/api/gewerbe/4711"), (request.Method, request.Path));
        Assert.True(Guid.TryParse(request.IdempotencyKey, out _));
    }

    [Theory]
    [AllProviders]
    public async Task RestTask_RetriesFiveHundredsWithTheSameIdempotencyKey_ThenCompletes(DatabaseProvider provider)
    {
        await using var register = await GewerberegisterSimulator.StartAsync();
        await using var host = await ConnectorTestHost.StartAsync(provider);
        register.AddBusiness("4711", "Bäckerei Müller");
        register.FailNext(2);
        host.Secrets.All[(host.TenantId, "gewerberegister")] = new ConnectorSecret("gewerberegister", SecretKind.ApiKey, GewerberegisterSimulator.ApiKey);
        await host.DeployAsync("Abfrage", LookUp(register, "apikey"));

        var instance = await host.StartAsync("Abfrage", new Dictionary<string, object?> { ["betriebsnummer"] = "4711" });

        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal(3, register.Requests.Count);
        Assert.Single(register.Requests.Select(r => r.IdempotencyKey).Distinct());
    }

    [Theory]
    [AllProviders]
    public async Task RestTask_RegistersOnce_WhenTheAnswerIsLostAndTheCallRepeated(DatabaseProvider provider)
    {
        await using var register = await GewerberegisterSimulator.StartAsync();
        await using var host = await ConnectorTestHost.StartAsync(provider);
        host.Secrets.All[(host.TenantId, "gewerberegister")] = new ConnectorSecret("gewerberegister", SecretKind.ApiKey, GewerberegisterSimulator.ApiKey);
        await host.DeployAsync("Anmeldung", Register(register));
        register.Mode = GewerberegisterSimulator.Behaviour.ApplyThenFail;

        var instance = await host.StartAsync("Anmeldung", new Dictionary<string, object?> { ["firma"] = "Schreinerei Holz" });

        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal("G-00001", instance.Variables["betriebsnummer"]!.GetValue<string>());
        Assert.Equal(1, register.Applied);
        Assert.Equal(2, register.Requests.Count);
        Assert.Single(register.Requests.Select(r => r.IdempotencyKey).Distinct());
    }

    [Theory]
    [AllProviders]
    public async Task RestTask_RaisesGermanIncident_WhenTheRegisterKeepsFailing_AndRetryAfterRecoveryCompletes(DatabaseProvider provider)
    {
        await using var register = await GewerberegisterSimulator.StartAsync();
        await using var host = await ConnectorTestHost.StartAsync(provider);
        register.AddBusiness("4711", "Bäckerei Müller");
        register.Mode = GewerberegisterSimulator.Behaviour.AlwaysFail;
        host.Secrets.All[(host.TenantId, "gewerberegister")] = new ConnectorSecret("gewerberegister", SecretKind.ApiKey, GewerberegisterSimulator.ApiKey);
        await host.DeployAsync("Abfrage", LookUp(register, "apikey"), retries: 1);

        var started = await host.StartAsync("Abfrage", new Dictionary<string, object?> { ["betriebsnummer"] = "4711" });

        var incident = Assert.Single((await host.InstanceAsync(started.Id)).Incidents);
        Assert.Equal($"Das Fachverfahren 127.0.0.1 hat mit dem Status 500 geantwortet (auch nach {RestConnectorLimits.HttpRetries} Wiederholungen).", incident.Message);
        var key = register.Requests[0].IdempotencyKey;
        Assert.Equal(incident.JobId?.ToString("D"), key);

        register.Mode = GewerberegisterSimulator.Behaviour.Normal;
        await host.EngineAsync(engine => engine.RetryIncidentAsync(new RetryIncidentRequest(incident.Id, 1)));
        await host.RunJobsAsync();

        var instance = await host.InstanceAsync(started.Id);
        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal("Bäckerei Müller", instance.Variables["betrieb"]!.GetValue<string>());
        Assert.Equal([key], register.Requests.Select(r => r.IdempotencyKey).Distinct());
    }

    [Theory]
    [AllProviders]
    public async Task RestTask_RaisesIncident_WhenTheRegisterAnswersTooSlowly(DatabaseProvider provider)
    {
        await using var register = await GewerberegisterSimulator.StartAsync();
        await using var host = await ConnectorTestHost.StartAsync(provider);
        register.Mode = GewerberegisterSimulator.Behaviour.Slow;
        register.SlowDelay = TimeSpan.FromSeconds(20);
        await host.DeployAsync("Abfrage", new Dictionary<string, string>(LookUp(register, "keine")) { ["zeitlimit"] = "PT0.3S" }, retries: 1);

        var started = await host.StartAsync("Abfrage", new Dictionary<string, object?> { ["betriebsnummer"] = "4711" });

        var incident = Assert.Single((await host.InstanceAsync(started.Id)).Incidents);
        Assert.Equal($"Das Fachverfahren 127.0.0.1 hat nicht innerhalb von 0,3 Sekunden geantwortet (auch nicht nach {RestConnectorLimits.HttpRetries} Wiederholungen).", incident.Message);
        Assert.Equal(1 + RestConnectorLimits.HttpRetries, register.Requests.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RestTask_CutsOffATwoGigabyteAnswerWithAnIncident_WithoutReadingIt(bool withContentLength)
    {
        await using var register = HugeAnswerServer.Start(withContentLength);
        await using var host = await ConnectorTestHost.StartAsync(DatabaseProvider.Sqlite);
        await host.DeployAsync("Abfrage", LookUp(register.BaseUrl, "keine"), retries: 1);

        var started = await host.StartAsync("Abfrage", new Dictionary<string, object?> { ["betriebsnummer"] = "4711" });

        var incident = Assert.Single((await host.InstanceAsync(started.Id)).Incidents);
        Assert.StartsWith("Die Antwort des Fachverfahrens 127.0.0.1 ist größer als 10 MB und wurde nicht gelesen.", incident.Message, StringComparison.Ordinal);
        Assert.Equal(1, register.Requests);
        // With a Content-Length the connector hangs up without reading; a chunked answer it reads up to 10 MB. What
        // the server could send beyond that is what the kernel's socket buffers hold.
        var sent = await register.BytesSentWhenDoneAsync(TimeSpan.FromSeconds(30));
        Assert.True(sent < 64L * 1024 * 1024, $"{sent} bytes were sent");
    }

    [Theory]
    [AllProviders]
    public async Task RestTask_RaisesGermanIncident_WhenTheAnswerIsNoJson(DatabaseProvider provider)
    {
        await using var register = await GewerberegisterSimulator.StartAsync();
        await using var host = await ConnectorTestHost.StartAsync(provider);
        register.Mode = GewerberegisterSimulator.Behaviour.Garbage;
        await host.DeployAsync("Abfrage", LookUp(register, "keine"));

        var started = await host.StartAsync("Abfrage", new Dictionary<string, object?> { ["betriebsnummer"] = "4711" });

        var incident = Assert.Single((await host.InstanceAsync(started.Id)).Incidents);
        Assert.StartsWith("Das Fachverfahren 127.0.0.1 hat eine Antwort geliefert, die kein gültiges JSON ist (Inhaltstyp text/html).", incident.Message, StringComparison.Ordinal);
        Assert.Single(register.Requests);
    }

    [Theory]
    [AllProviders]
    public async Task RestTask_RaisesIncidentWithoutTheSecret_WhenTheApiKeyIsWrong(DatabaseProvider provider)
    {
        await using var register = await GewerberegisterSimulator.StartAsync();
        await using var host = await ConnectorTestHost.StartAsync(provider);
        host.Secrets.All[(host.TenantId, "gewerberegister")] = new ConnectorSecret("gewerberegister", SecretKind.ApiKey, Marker);
        await host.DeployAsync("Abfrage", LookUp(register, "apikey"));

        var started = await host.StartAsync("Abfrage", new Dictionary<string, object?> { ["betriebsnummer"] = "4711" });

        var incident = Assert.Single((await host.InstanceAsync(started.Id)).Incidents);
        Assert.Equal("Das Fachverfahren 127.0.0.1 hat die Anmeldung abgelehnt (Status 401). Prüfen Sie die Zugangsdaten „gewerberegister“ unter Verwaltung › Zugangsdaten für Fachverfahren und wiederholen Sie dann den Vorfall.", incident.Message);
        Assert.Single(register.Requests);
        Assert.DoesNotContain(host.Logs.All, line => line.Contains(Marker, StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task RestTask_SignsInWithOAuthClientCredentials_AndKeepsTheTokenUntilItExpires(DatabaseProvider provider)
    {
        await using var register = await GewerberegisterSimulator.StartAsync();
        await using var host = await ConnectorTestHost.StartAsync(provider);
        register.AddBusiness("4711", "Bäckerei Müller");
        host.Secrets.All[(host.TenantId, "register-oauth")] = new ConnectorSecret("register-oauth", SecretKind.OAuth2ClientSecret, GewerberegisterSimulator.ClientSecret);
        await host.DeployAsync("Abfrage", OAuth(register));

        var first = await host.StartAsync("Abfrage", new Dictionary<string, object?> { ["betriebsnummer"] = "4711" });
        var second = await host.StartAsync("Abfrage", new Dictionary<string, object?> { ["betriebsnummer"] = "4711" });

        Assert.Equal((ProcessInstanceState.Completed, ProcessInstanceState.Completed), (first.State, second.State));
        Assert.Equal(1, register.TokenRequests);
        Assert.Equal(2, register.Requests.Count);
    }

    [Theory]
    [AllProviders]
    public async Task RestTask_RaisesIncidentWithoutTheSecret_WhenTheOAuthClientSecretIsWrong(DatabaseProvider provider)
    {
        await using var register = await GewerberegisterSimulator.StartAsync();
        await using var host = await ConnectorTestHost.StartAsync(provider);
        host.Secrets.All[(host.TenantId, "register-oauth")] = new ConnectorSecret("register-oauth", SecretKind.OAuth2ClientSecret, Marker);
        await host.DeployAsync("Abfrage", OAuth(register));

        var started = await host.StartAsync("Abfrage", new Dictionary<string, object?> { ["betriebsnummer"] = "4711" });

        var incident = Assert.Single((await host.InstanceAsync(started.Id)).Incidents);
        Assert.Equal($"Der Anmeldedienst 127.0.0.1 hat die Client-Kennung „{GewerberegisterSimulator.ClientId}“ mit den Zugangsdaten „register-oauth“ abgelehnt (Status 401). Prüfen Sie die Zugangsdaten unter Verwaltung › Zugangsdaten für Fachverfahren und wiederholen Sie dann den Vorfall.", incident.Message);
        Assert.Empty(register.Requests);
        Assert.DoesNotContain(host.Logs.All, line => line.Contains(Marker, StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task RestTask_RaisesIncident_WhenTheNamedSecretIsMissing(DatabaseProvider provider)
    {
        await using var register = await GewerberegisterSimulator.StartAsync();
        await using var host = await ConnectorTestHost.StartAsync(provider);
        await host.DeployAsync("Abfrage", LookUp(register, "apikey"));

        var started = await host.StartAsync("Abfrage", new Dictionary<string, object?> { ["betriebsnummer"] = "4711" });

        var incident = Assert.Single((await host.InstanceAsync(started.Id)).Incidents);
        Assert.StartsWith("Der REST-Aufruf an 127.0.0.1 braucht die Zugangsdaten „gewerberegister“, die es in dieser Gemeinde nicht gibt.", incident.Message, StringComparison.Ordinal);
        Assert.Empty(register.Requests);
    }

    [Theory]
    [AllProviders]
    public async Task RestTask_ThrowsTheNamedBpmnError_WhichABoundaryEventCatches_WhenTheRegisterAnswers404(DatabaseProvider provider)
    {
        await using var register = await GewerberegisterSimulator.StartAsync();
        await using var host = await ConnectorTestHost.StartAsync(provider);
        host.Secrets.All[(host.TenantId, "gewerberegister")] = new ConnectorSecret("gewerberegister", SecretKind.ApiKey, GewerberegisterSimulator.ApiKey);
        await host.DeployAsync("Abfrage", new Dictionary<string, string>(LookUp(register, "apikey")) { ["fehlercode-bei-4xx"] = "nicht-gefunden" }, errorCode: "nicht-gefunden");

        var instance = await host.StartAsync("Abfrage", new Dictionary<string, object?> { ["betriebsnummer"] = "0000" });

        // Only the boundary event's path ends the instance: the task's own path would have set „betrieb“.
        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Empty(instance.Incidents);
        Assert.False(instance.Variables.ContainsKey("betrieb"));
        Assert.Single(register.Requests);
    }

    [Theory]
    [AllProviders]
    public async Task CircuitBreaker_OpensAfterRepeatedFailuresForThatMunicipality_AndClosesAgain(DatabaseProvider provider)
    {
        await using var register = await GewerberegisterSimulator.StartAsync();
        await using var host = await ConnectorTestHost.StartAsync(provider);
        var other = Guid.CreateVersion7();
        register.AddBusiness("4711", "Bäckerei Müller");
        foreach (var tenant in new[] { host.TenantId, other })
        {
            host.Secrets.All[(tenant, "gewerberegister")] = new ConnectorSecret("gewerberegister", SecretKind.ApiKey, GewerberegisterSimulator.ApiKey);
            await host.DeployAsync("Abfrage", LookUp(register, "apikey"), retries: 1, tenantId: tenant);
        }

        register.Mode = GewerberegisterSimulator.Behaviour.AlwaysFail;
        var variables = new Dictionary<string, object?> { ["betriebsnummer"] = "4711" };

        await host.StartAsync("Abfrage", variables);
        var calls = register.Requests.Count;
        var refused = await host.StartAsync("Abfrage", variables);
        var callsWhenOpen = register.Requests.Count;
        register.Mode = GewerberegisterSimulator.Behaviour.Normal;
        var otherMunicipality = await host.StartAsync("Abfrage", variables, other);

        // Three failed calls of the first instance, one more of the second opens the circuit (at least 4 calls, half failed).
        Assert.Equal((1 + RestConnectorLimits.HttpRetries, calls + 1), (calls, callsWhenOpen));
        var incident = Assert.Single((await host.InstanceAsync(refused.Id)).Incidents);
        Assert.Equal("Das Fachverfahren 127.0.0.1 wird nach wiederholten Fehlern vorübergehend nicht aufgerufen. Der Aufruf wird später wiederholt.", incident.Message);
        Assert.True(otherMunicipality.State == ProcessInstanceState.Completed, string.Join(" ", otherMunicipality.Incidents.Select(i => i.Message)));
        Assert.Equal(callsWhenOpen + 1, register.Requests.Count);

        var closed = await WaitForClosedCircuitAsync(() => host.StartAsync("Abfrage", variables));
        Assert.Equal(ProcessInstanceState.Completed, closed.State);
    }

    [Theory]
    [InlineData("methode", "", "Der REST-Aufruf braucht den Header „methode“ (zeebe:taskHeaders).")]
    [InlineData("methode", "FETCH", "Der Header „methode“ muss GET, POST, PUT, PATCH oder DELETE sein, nicht „FETCH“.")]
    [InlineData("url", "register.example/gewerbe", "Der Header „url“ muss mit http:// oder https:// beginnen oder ein FEEL-Ausdruck mit „=“ sein.")]
    [InlineData("url", "=\"https://register.example/\" + ", "Der Header „url“ ist kein gültiger FEEL-Ausdruck:")]
    [InlineData("zeitlimit", "PT5M", "Der Header „zeitlimit“ muss eine ISO-8601-Dauer über 0 und bis 30 Sekunden sein (z. B. PT10S), nicht „PT5M“.")]
    [InlineData("zeitlimit", "zehn Sekunden", "Der Header „zeitlimit“ muss eine ISO-8601-Dauer")]
    [InlineData("authentifizierung", "kerberos", "Der Header „authentifizierung“ muss keine, apikey, basic oder oauth2 sein, nicht „kerberos“.")]
    [InlineData("geheimnis", "", "Die Authentifizierung „apikey“ braucht den Header „geheimnis“")]
    [InlineData("antwort", "{betrieb: antwort.body.", "Der Header „antwort“ ist kein gültiger FEEL-Ausdruck:")]
    public async Task Deployment_IsRefusedInGermanAndEnglish_WhenAHeaderIsMissingOrWrong(string header, string value, string german)
    {
        await using var host = await ConnectorTestHost.StartAsync(DatabaseProvider.Sqlite);
        var headers = new Dictionary<string, string>(LookUp("http://127.0.0.1:9", "apikey")) { [header] = value };

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync("Falsch", headers));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal(("BPMN118", "Aufruf"), (problem.Code, problem.ElementId));
        Assert.StartsWith(german, problem.MessageGerman, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.MessageEnglish));
        Assert.NotEqual(problem.MessageGerman, problem.MessageEnglish);
    }

    private static Dictionary<string, string> LookUp(GewerberegisterSimulator register, string authentication) => LookUp(register.BaseUrl, authentication);

    private static Dictionary<string, string> LookUp(string baseUrl, string authentication)
    {
        var headers = new Dictionary<string, string>
        {
            ["methode"] = "GET",
            ["url"] = $"={Json(baseUrl + "/api/gewerbe/")} + betriebsnummer",
            ["antwort"] = "{betrieb: antwort.body.name, registerstatus: antwort.body.status}",
            ["ergebnisvariable"] = "registerantwort",
            ["authentifizierung"] = authentication,
        };
        if (authentication != "keine")
        {
            headers["geheimnis"] = "gewerberegister";
        }

        return headers;
    }

    private static Dictionary<string, string> Register(GewerberegisterSimulator register) => new()
    {
        ["methode"] = "POST",
        ["url"] = register.BaseUrl + "/api/gewerbe",
        ["anfrage"] = "{name: firma}",
        ["antwort"] = "{betriebsnummer: antwort.body.betriebsnummer}",
        ["authentifizierung"] = "apikey",
        ["geheimnis"] = "gewerberegister",
    };

    private static Dictionary<string, string> OAuth(GewerberegisterSimulator register) => new()
    {
        ["methode"] = "GET",
        ["url"] = register.BaseUrl + "/api/gewerbe/{{ betriebsnummer }}",
        ["antwort"] = "{betrieb: antwort.body.name}",
        ["authentifizierung"] = "oauth2",
        ["geheimnis"] = "register-oauth",
        ["token-url"] = register.BaseUrl + "/oauth/token",
        ["client-id"] = GewerberegisterSimulator.ClientId,
    };

    private static string Json(string text) => JsonValue.Create(text).ToJsonString();

    // The breaker opens for 500 ms on the system clock (the HTTP pipeline's): start instances until one gets through.
    private static async Task<ProcessInstanceInfo> WaitForClosedCircuitAsync(Func<Task<ProcessInstanceInfo>> start)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var instance = await start();
            if (instance.State == ProcessInstanceState.Completed || DateTime.UtcNow > deadline)
            {
                return instance;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
