using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using static Amtsweg.Server.Tests.Webhooks.WebhookSender;

namespace Amtsweg.Server.Tests.Webhooks;

/// <summary>
/// Issue 15.1: <c>POST /api/hooks/{name}</c> correlates a message to the waiting process only for a correctly signed,
/// fresh, first-time call of the hook's own municipality; everything else is refused, recorded and changes nothing.
/// </summary>
public class WebhookReceivingTests
{
    // Text of the body that no log line may contain, beside the key.
    private const string BodyMarker = "Inhalt-Markierung-4711";

    [Theory]
    [AllProviders]
    public async Task SignedCall_CorrelatesAndProcessContinues_WithMappedVariables_AndIsRecordedWithoutBodyOrKeyInLogs(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var (_, key) = await CreateHookAsync(admin, "zahlungseingang-kasse", variables: "{betrag: body.betrag, verwendungszweck: body.zweck}");
        var instance = await StartWaitingAsync(factory, municipality, "32.10-0042/2026");
        var sender = Sender(factory);

        var response = await SendAsync(sender, "zahlungseingang-kasse", $$"""{"aktenzeichen": "32.10-0042/2026", "betrag": 42.5, "zweck": "{{BodyMarker}}"}""", key, Now(factory));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(instance.ToString(), answer.GetProperty("processInstanceKey").GetString());
        Assert.False(answer.GetProperty("startedNewInstance").GetBoolean());
        var continued = await InstanceAsync(factory, municipality, instance);
        Assert.Equal(ProcessInstanceState.Completed, continued.State);
        Assert.Equal(42.5m, continued.Variables["betrag"]!.GetValue<decimal>());
        Assert.Equal(BodyMarker, continued.Variables["verwendungszweck"]!.GetValue<string>());
        var call = Assert.Single(await CallsAsync(factory));
        Assert.Equal((WebhookOutcome.Correlated, 200, (Guid?)instance, municipality.Id), (call.Outcome, call.Status, call.ProcessInstanceId, call.TenantId));
        Assert.Contains(factory.Logs.Entries, e => e.Category == "Amtsweg.Webhooks" && e.Message.Contains("zahlungseingang-kasse", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Entries, e => Leaks(e, key) || Leaks(e, BodyMarker));
    }

    [Theory]
    [AllProviders]
    public async Task RefusedCalls_ChangeNothing_AndAreRecorded_WhenSignatureTimeSizeOrBodyIsWrong(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var (_, key) = await CreateHookAsync(admin, "kasse");
        var instance = await StartWaitingAsync(factory, municipality, "AZ-7");
        var sender = Sender(factory);
        const string Body = """{"aktenzeichen": "AZ-7"}""";
        var now = Now(factory);
        var wrongKey = Convert.ToHexStringLower(new byte[32]);

        var refused = new (string Case, HttpResponseMessage Response, HttpStatusCode Status, string Code)[]
        {
            ("falscher Schlüssel", await SendAsync(sender, "kasse", Body, wrongKey, now), HttpStatusCode.Unauthorized, "webhook.signature-invalid"),
            ("ohne Signatur", await SendAsync(sender, "kasse", Body, null, now), HttpStatusCode.Unauthorized, "webhook.signature-invalid"),
            ("ohne Zeitstempel", await SendAsync(sender, "kasse", Body, key, null, Sign(key, now, System.Text.Encoding.UTF8.GetBytes(Body))), HttpStatusCode.Unauthorized, "webhook.signature-invalid"),
            ("Signatur ohne sha256=", await SendAsync(sender, "kasse", Body, key, now, Sign(key, now, System.Text.Encoding.UTF8.GetBytes(Body))[7..]), HttpStatusCode.Unauthorized, "webhook.signature-invalid"),
            ("Zeitstempel geändert", await SendAsync(sender, "kasse", Body, key, now - 1, Sign(key, now, System.Text.Encoding.UTF8.GetBytes(Body))), HttpStatusCode.Unauthorized, "webhook.signature-invalid"),
            ("Inhalt geändert", await SendAsync(sender, "kasse", """{"aktenzeichen": "AZ-8"}""", key, now, Sign(key, now, System.Text.Encoding.UTF8.GetBytes(Body))), HttpStatusCode.Unauthorized, "webhook.signature-invalid"),
            ("alt", await SendAsync(sender, "kasse", Body, key, now - 301), HttpStatusCode.Unauthorized, "webhook.timestamp-outside-window"),
            ("Zukunft", await SendAsync(sender, "kasse", Body, key, now + 320), HttpStatusCode.Unauthorized, "webhook.timestamp-outside-window"),
            ("zu groß", await SendAsync(sender, "kasse", new byte[WebhookRules.MaxBodyBytes + 1], key, now), HttpStatusCode.RequestEntityTooLarge, "webhook.too-large"),
            ("kein JSON", await SendAsync(sender, "kasse", "aktenzeichen=AZ-7", key, now), HttpStatusCode.BadRequest, "webhook.not-json"),
            ("leer", await SendAsync(sender, "kasse", "", key, now), HttpStatusCode.BadRequest, "webhook.not-json"),
            ("ohne Schlüssel im Inhalt", await SendAsync(sender, "kasse", """{"zeichen": "AZ-7"}""", key, now), HttpStatusCode.BadRequest, "webhook.key-missing"),
            ("kein Vorgang wartet", await SendAsync(sender, "kasse", """{"aktenzeichen": "AZ-9"}""", key, now), HttpStatusCode.NotFound, "webhook.not-correlated"),
            ("unbekannter Webhook", await SendAsync(sender, "kasse-unbekannt", Body, key, now), HttpStatusCode.NotFound, "webhook.unknown"),
        };

        foreach (var (name, response, status, code) in refused)
        {
            Assert.True(response.StatusCode == status, $"{name}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(code, problem.GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        }

        Assert.Equal(ProcessInstanceState.Active, (await InstanceAsync(factory, municipality, instance)).State);
        var outcomes = (await CallsAsync(factory)).Select(c => (c.Outcome, c.Status)).ToList();
        Assert.Equal(
            [
                .. Enumerable.Repeat((WebhookOutcome.SignatureInvalid, 401), 6),
                (WebhookOutcome.TimestampOutsideWindow, 401),
                (WebhookOutcome.TimestampOutsideWindow, 401),
                (WebhookOutcome.TooLarge, 413),
                (WebhookOutcome.NotJson, 400),
                (WebhookOutcome.NotJson, 400),
                (WebhookOutcome.BodyRefused, 400),
                (WebhookOutcome.NotCorrelated, 404),
            ],
            outcomes);
        Assert.DoesNotContain(factory.Logs.Entries, e => Leaks(e, key));
    }

    [Theory]
    [AllProviders]
    public async Task RepeatedSignature_IsRefused_AndDoesNotReachTheNextWaitingInstance(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var (_, key) = await CreateHookAsync(admin, "kasse");
        var first = await StartWaitingAsync(factory, municipality, "AZ-7");
        var second = await StartWaitingAsync(factory, municipality, "AZ-7");
        var sender = Sender(factory);
        var now = Now(factory);
        const string Body = """{"aktenzeichen": "AZ-7"}""";

        var accepted = await SendAsync(sender, "kasse", Body, key, now);
        factory.Clock.Advance(TimeSpan.FromMinutes(4));
        var replayed = await SendAsync(sender, "kasse", Body, key, now);
        var fresh = await SendAsync(sender, "kasse", Body, key, Now(factory));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK), (accepted.StatusCode, replayed.StatusCode, fresh.StatusCode));
        Assert.Equal("webhook.replayed", (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(ProcessInstanceState.Completed, (await InstanceAsync(factory, municipality, first)).State);
        Assert.Equal(ProcessInstanceState.Completed, (await InstanceAsync(factory, municipality, second)).State);
        Assert.Equal([WebhookOutcome.Correlated, WebhookOutcome.Replayed, WebhookOutcome.Correlated], (await CallsAsync(factory)).Select(c => c.Outcome));
    }

    [Theory]
    [AllProviders]
    public async Task HookOfOneMunicipality_NeverCorrelatesIntoAnother_WithTheSameKey(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var (_, ownKey) = await CreateHookAsync(await factory.SignInAsAsync(own, Roles.Administration), "eigene-kasse");
        var (_, foreignKey) = await CreateHookAsync(await factory.SignInAsAsync(foreign, Roles.Administration), "fremde-kasse");
        var foreignInstance = await StartWaitingAsync(factory, foreign, "AZ-7");
        var sender = Sender(factory);
        const string Body = """{"aktenzeichen": "AZ-7"}""";

        var ownHook = await SendAsync(sender, "eigene-kasse", Body, ownKey, Now(factory));
        var foreignHookWithOwnKey = await SendAsync(sender, "fremde-kasse", Body, ownKey, Now(factory));
        var ownHookWithForeignKey = await SendAsync(sender, "eigene-kasse", Body, foreignKey, Now(factory) - 1);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (ownHook.StatusCode, foreignHookWithOwnKey.StatusCode, ownHookWithForeignKey.StatusCode));
        var problem = await ownHook.Content.ReadAsStringAsync();
        Assert.DoesNotContain(foreignInstance.ToString(), problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Fremdstadt", problem, StringComparison.Ordinal);
        Assert.Equal(ProcessInstanceState.Active, (await InstanceAsync(factory, foreign, foreignInstance)).State);
        var calls = await CallsAsync(factory);
        Assert.Equal([own.Id, foreign.Id, own.Id], calls.Select(c => c.TenantId));
    }

    [Theory]
    [AllProviders]
    public async Task Calls_AreRefusedWith429_BeyondTheLimitOfOneHook_WhileAnotherHookStillAnswers(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:Webhooks:CallsPerMinute"] = "3" });
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var (_, key) = await CreateHookAsync(admin, "kasse");
        var (_, otherKey) = await CreateHookAsync(admin, "meldewesen");
        var sender = Sender(factory);
        var now = Now(factory);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await SendAsync(sender, "kasse", $$"""{"aktenzeichen": "AZ-{{i}}"}""", key, now)).StatusCode);
        }

        var limited = await SendAsync(sender, "kasse", """{"aktenzeichen": "AZ-9"}""", key, now);
        var other = await SendAsync(sender, "meldewesen", """{"aktenzeichen": "AZ-1"}""", otherKey, now);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("webhook.too-many", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(4, (await CallsAsync(factory)).Count);
    }

    private static long Now(AmtswegFactory factory) => factory.Clock.GetUtcNow().ToUnixTimeSeconds();

    private static bool Leaks(CapturedLog entry, string text) =>
        entry.Message.Contains(text, StringComparison.Ordinal) || entry.Values.Values.Any(v => v?.Contains(text, StringComparison.Ordinal) == true)
        || entry.Exception?.ToString().Contains(text, StringComparison.Ordinal) == true;
}
