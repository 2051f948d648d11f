using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>
/// An inbound webhook of one municipality (issue 15.1, ADR 0029): <c>POST /api/hooks/{name}</c> correlates the BPMN
/// message <see cref="MessageName"/> with the key <see cref="CorrelationKey"/> evaluated over the JSON body. The name
/// is unique in the installation, because the URL carries no municipality. The HMAC key is a secret of the
/// municipality (<see cref="MunicipalitySecret"/> of kind <c>WebhookSigning</c>, named <see cref="SecretName"/>).
/// </summary>
public sealed class Webhook : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The last segment of the URL, unique in the installation.</summary>
    public required string Name { get; set; }

    /// <summary>The name of the BPMN message to correlate.</summary>
    public required string MessageName { get; set; }

    /// <summary>FEEL over <c>body</c> that gives the correlation key, e.g. <c>body.aktenzeichen</c>.</summary>
    public required string CorrelationKey { get; set; }

    /// <summary>FEEL over <c>body</c> that gives a context of process variables, or null for none.</summary>
    public string? Variables { get; set; }

    /// <summary>The name of the municipality's secret that holds the HMAC key.</summary>
    public required string SecretName { get; set; }

    /// <summary>Who created it (user name).</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When its key was last generated (UTC).</summary>
    public DateTimeOffset KeyCreatedAt { get; set; }
}

/// <summary>What became of one call of a webhook.</summary>
public enum WebhookOutcome
{
    /// <summary>Signed correctly, being processed (a call that stays so failed inside the server).</summary>
    Received,

    /// <summary>The message reached a waiting instance or started one.</summary>
    Correlated,

    /// <summary>No instance waited for the message with that key.</summary>
    NotCorrelated,

    /// <summary>Signature or time stamp missing, malformed or wrong.</summary>
    SignatureInvalid,

    /// <summary>The time stamp lies outside the window of five minutes.</summary>
    TimestampOutsideWindow,

    /// <summary>The same signature came again within the window.</summary>
    Replayed,

    /// <summary>The body was larger than allowed.</summary>
    TooLarge,

    /// <summary>The body was no JSON.</summary>
    NotJson,

    /// <summary>The correlation key or the variables could not be taken from the body.</summary>
    BodyRefused,

    /// <summary>The engine refused the message (e.g. variables too large, a concurrent change).</summary>
    EngineRefused,
}

/// <summary>One call of a webhook as the hook's page shows it: time, outcome, answer status; never the body.</summary>
public sealed class WebhookCall : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The hook.</summary>
    public Guid WebhookId { get; set; }

    /// <summary>When it arrived (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>What became of it.</summary>
    public WebhookOutcome Outcome { get; set; }

    /// <summary>The HTTP status of the answer.</summary>
    public int Status { get; set; }

    /// <summary>The instance that received the message, if any.</summary>
    public Guid? ProcessInstanceId { get; set; }

    /// <summary>
    /// The hex signature of a correctly signed call inside the time window, unique per hook: the replay guard (a second
    /// insert of the same signature fails on the unique index, also between several server processes). Null otherwise.
    /// </summary>
    public string? Signature { get; set; }
}

/// <summary>The rules of a webhook's definition, shared by its page and the table.</summary>
public static class WebhookRules
{
    /// <summary>The longest hook name: with the prefix of its secret's name (<c>webhook-</c>) it stays a valid secret name.</summary>
    public const int NameMaxLength = 48;

    /// <summary>The longest BPMN message name.</summary>
    public const int MessageNameMaxLength = 200;

    /// <summary>The longest FEEL expression (key or variables).</summary>
    public const int ExpressionMaxLength = 2000;

    /// <summary>The prefix of the secret that holds a hook's HMAC key.</summary>
    public const string SecretPrefix = "webhook-";

    /// <summary>The largest body a hook reads: 1 MB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>How far a call's time stamp may lie from the server's clock, either way; also how long a signature is remembered.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>How many calls the hook's page shows.</summary>
    public const int ShownCalls = 50;

    /// <summary>How long calls are kept in the table.</summary>
    public static readonly TimeSpan CallRetention = TimeSpan.FromDays(30);
}
