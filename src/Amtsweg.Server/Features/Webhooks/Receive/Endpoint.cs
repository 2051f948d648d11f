using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Feel;
using Amtsweg.Integration.Connectors;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Webhooks.Receive;

/// <summary>What a successful call answers.</summary>
/// <param name="ProcessInstanceKey">The instance that received the message (or was started by it).</param>
/// <param name="StartedNewInstance">True when a message start event started it.</param>
public sealed record WebhookAnswer(string ProcessInstanceKey, bool StartedNewInstance);

/// <summary>
/// <c>POST /api/hooks/{name}</c> (issue 15.1, ADR 0029): an external system tells a waiting process that something
/// happened. Anonymous, but every call is signed: <c>X-Amtsweg-Signatur: sha256=&lt;hex HMAC-SHA256 over
/// "&lt;timestamp&gt;.&lt;raw body&gt;"&gt;</c> with the hook's key and <c>X-Amtsweg-Zeitstempel: &lt;unix seconds&gt;</c>
/// within five minutes; a signature is accepted once. Only a correctly signed body is parsed; the message is
/// correlated in the hook's municipality only, with the key that the hook's FEEL expression takes from the body.
/// Every call of a known hook is recorded without its body; neither body nor key is ever logged.
/// </summary>
internal static partial class Endpoint
{
    /// <summary>The rate-limiting policy of the route (<see cref="WebhookReceiving"/>).</summary>
    public const string RateLimitPolicy = "webhooks";

    /// <summary>The header of the signature.</summary>
    public const string SignatureHeader = "X-Amtsweg-Signatur";

    /// <summary>The header of the time stamp (unix seconds).</summary>
    public const string TimestampHeader = "X-Amtsweg-Zeitstempel";

    private const string SignaturePrefix = "sha256=";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/hooks/{name}", ReceiveAsync).WithName("ReceiveWebhook").WithTags("Webhooks")
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicy)
            .Produces<WebhookAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> ReceiveAsync(string name, HttpContext http, ITenantScopeFactory scopes, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Amtsweg.Webhooks");

        // The URL names no municipality: the hook's name, unique in the installation, leads to it.
        Guid hookId, tenantId;
        await using (var platform = scopes.CreatePlatformScope())
        {
            var found = await platform.ServiceProvider.GetRequiredService<PlatformDbContext>().Webhooks.AsNoTracking()
                .Where(h => h.Name == name).Select(h => new { h.Id, h.TenantId })
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return ApiProblems.Problem(StatusCodes.Status404NotFound, "webhook.unknown", "Diesen Webhook gibt es nicht.");
            }

            (hookId, tenantId) = (found.Id, found.TenantId);
        }

        await using var scope = scopes.CreateScope(tenantId);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PlatformDbContext>();
        var hook = await db.Webhooks.AsNoTracking().SingleAsync(h => h.Id == hookId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var call = new WebhookCall { Id = Guid.CreateVersion7(now), TenantId = tenantId, WebhookId = hook.Id, ReceivedAt = now, Outcome = WebhookOutcome.Received };

        async Task<IResult> Finish(WebhookOutcome outcome, int status, string code, string message)
        {
            call.Outcome = outcome;
            call.Status = status;
            await SaveCallAsync(db, call, cancellationToken).ConfigureAwait(false);
            LogCall(logger, hook.Name, tenantId, outcome, status);
            return ApiProblems.Problem(status, code, message);
        }

        var body = await ReadBodyAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return await Finish(WebhookOutcome.TooLarge, StatusCodes.Status413PayloadTooLarge, "webhook.too-large",
                $"Der Inhalt ist zu groß: höchstens {WebhookRules.MaxBodyBytes / 1024} KB.").ConfigureAwait(false);
        }

        var signature = Signature(http.Request);
        var timestamp = Timestamp(http.Request);
        var key = await KeyAsync(db, services.GetRequiredService<SecretProtection>(), hook, tenantId, cancellationToken).ConfigureAwait(false);
        if (signature is null || timestamp is null || key is null || !Matches(key, timestamp.Value.Text, body, signature))
        {
            return await Finish(WebhookOutcome.SignatureInvalid, StatusCodes.Status401Unauthorized, "webhook.signature-invalid",
                $"Die Signatur fehlt, ist fehlerhaft oder passt nicht. Erwartet werden die Header {SignatureHeader}: sha256=<HMAC-SHA256 in Hex über „<Zeitstempel>.<Inhalt>“> und {TimestampHeader}: <Unix-Sekunden>.").ConfigureAwait(false);
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(timestamp.Value.Seconds)).Duration() > WebhookRules.Window)
        {
            return await Finish(WebhookOutcome.TimestampOutsideWindow, StatusCodes.Status401Unauthorized, "webhook.timestamp-outside-window",
                "Der Zeitstempel weicht mehr als 5 Minuten von der Uhr des Servers ab. Bitte signieren Sie den Aufruf mit der aktuellen Zeit neu.").ConfigureAwait(false);
        }

        // The signature is claimed before anything happens: the unique index refuses the second of two equal calls,
        // also when they reach two server processes at once.
        call.Signature = Convert.ToHexStringLower(signature);
        if (!await ClaimAsync(db, call, cancellationToken).ConfigureAwait(false))
        {
            call = new WebhookCall { Id = Guid.CreateVersion7(now), TenantId = tenantId, WebhookId = hook.Id, ReceivedAt = now };
            return await Finish(WebhookOutcome.Replayed, StatusCodes.Status401Unauthorized, "webhook.replayed",
                "Dieser Aufruf wurde mit derselben Signatur schon empfangen und wird nicht noch einmal angenommen. Bitte signieren Sie einen neuen Aufruf mit der aktuellen Zeit.").ConfigureAwait(false);
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            json = null;
        }

        if (json is null)
        {
            return await Finish(WebhookOutcome.NotJson, StatusCodes.Status400BadRequest, "webhook.not-json", "Der Inhalt ist kein JSON.").ConfigureAwait(false);
        }

        var options = new FeelEvaluationOptions { Clock = clock };
        var feelScope = FeelScope.From([KeyValuePair.Create("body", (object?)FeelConvert.FromJson(json))]);
        var correlationKey = FeelParser.Evaluate(hook.CorrelationKey, feelScope, options) switch
        {
            { HasError: false, Value: FeelString { Value.Length: > 0 } s } => s.Value,
            { HasError: false, Value: FeelNumber n } => n.ToFeelString(),
            _ => null,
        };
        if (correlationKey is null)
        {
            return await Finish(WebhookOutcome.BodyRefused, StatusCodes.Status400BadRequest, "webhook.key-missing",
                $"Der Inhalt enthält keinen Korrelationsschlüssel: {hook.CorrelationKey} ergibt keinen Text und keine Zahl.").ConfigureAwait(false);
        }

        Dictionary<string, object?>? variables = null;
        if (hook.Variables is { } mapping)
        {
            var mapped = FeelParser.Evaluate(mapping, feelScope, options);
            if (mapped.HasError || mapped.Value is not FeelContext context)
            {
                return await Finish(WebhookOutcome.BodyRefused, StatusCodes.Status400BadRequest, "webhook.variables-invalid",
                    "Die Prozessvariablen lassen sich nicht aus dem Inhalt übernehmen: die Zuordnung des Webhooks ergibt keinen Kontext.").ConfigureAwait(false);
            }

            variables = context.Entries.ToDictionary(e => e.Key, e => (object?)FeelConvert.ToJson(e.Value), StringComparer.Ordinal);
        }

        MessageCorrelationResult result;
        try
        {
            result = await services.GetRequiredService<IProcessEngine>()
                .CorrelateMessageAsync(new CorrelateMessageRequest(hook.MessageName, correlationKey, variables, "webhook:" + hook.Name), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (ApiProblems.For(error) is ProblemHttpResult refusal)
        {
            // A refusal of the engine (variables too large, a concurrent change): recorded, answered like the API does.
            return await Finish(WebhookOutcome.EngineRefused, refusal.StatusCode, "webhook.refused", refusal.ProblemDetails.Title ?? "Die Nachricht wurde abgelehnt.").ConfigureAwait(false);
        }

        if (!result.Correlated)
        {
            return await Finish(WebhookOutcome.NotCorrelated, StatusCodes.Status404NotFound, "webhook.not-correlated",
                $"Kein Vorgang wartet auf die Nachricht „{hook.MessageName}“ mit diesem Schlüssel. Sie wird nicht aufbewahrt.").ConfigureAwait(false);
        }

        call.Outcome = WebhookOutcome.Correlated;
        call.Status = StatusCodes.Status200OK;
        call.ProcessInstanceId = result.ProcessInstanceId;
        await SaveCallAsync(db, call, cancellationToken).ConfigureAwait(false);
        LogCall(logger, hook.Name, tenantId, call.Outcome, call.Status);
        return TypedResults.Ok(new WebhookAnswer(result.ProcessInstanceId!.Value.ToString(), result.StartedNewInstance));
    }

    /// <summary>The body, or null when it is larger than <see cref="WebhookRules.MaxBodyBytes"/> (then it is not read further).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > WebhookRules.MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > WebhookRules.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static byte[]? Signature(HttpRequest request)
    {
        var header = request.Headers[SignatureHeader].ToString().Trim();
        if (!header.StartsWith(SignaturePrefix, StringComparison.Ordinal) || header.Length != SignaturePrefix.Length + 64)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(header.AsSpan(SignaturePrefix.Length));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static (string Text, long Seconds)? Timestamp(HttpRequest request)
    {
        var header = request.Headers[TimestampHeader].ToString().Trim();
        return header.Length is > 0 and <= 12 && header.All(char.IsAsciiDigit) && long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? (header, seconds)
            : null;
    }

    private static async Task<byte[]?> KeyAsync(PlatformDbContext db, SecretProtection protection, Webhook hook, Guid tenantId, CancellationToken cancellationToken)
    {
        var secret = await db.Secrets.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Name == hook.SecretName && s.Kind == SecretKind.WebhookSigning, cancellationToken).ConfigureAwait(false);
        return secret is not null && protection.Unprotect(tenantId, secret.Protected) is { } content ? Encoding.UTF8.GetBytes(content.Value) : null;
    }

    /// <summary>Whether the signature is the HMAC-SHA256 of "timestamp.body" under the key (compared in constant time).</summary>
    internal static bool Matches(byte[] key, string timestamp, byte[] body, byte[] signature)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        return CryptographicOperations.FixedTimeEquals(hmac.GetHashAndReset(), signature);
    }

    private static async Task<bool> ClaimAsync(PlatformDbContext db, WebhookCall call, CancellationToken cancellationToken)
    {
        db.WebhookCalls.Add(call);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(call).State = EntityState.Detached;
            return false;
        }
    }

    private static async Task SaveCallAsync(PlatformDbContext db, WebhookCall call, CancellationToken cancellationToken)
    {
        if (db.Entry(call).State == EntityState.Detached)
        {
            db.WebhookCalls.Add(call);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        // Calls are a recent history, not an archive.
        var before = call.ReceivedAt - WebhookRules.CallRetention;
        await db.WebhookCalls.Where(c => c.WebhookId == call.WebhookId && c.ReceivedAt < before).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Name} of tenant {TenantId}: {Outcome} ({Status})")]
    private static partial void LogCall(ILogger logger, string name, Guid tenantId, WebhookOutcome outcome, int status);
}
