using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>
/// A machine that signs in with OAuth 2.0 client credentials (an external task worker, a Fachverfahren). Belongs
/// to one municipality; its secret is stored only as a SHA-256 hash of a 256-bit random value.
/// </summary>
public sealed class ApiClient : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality the client acts for.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The public client id (<c>client_id</c>), unique.</summary>
    public required string ClientId { get; set; }

    /// <summary>A name that says what the client is, for example "Druckstraße".</summary>
    public required string Name { get; set; }

    /// <summary>The granted scopes, separated by single spaces (see <see cref="ApiScopes"/>).</summary>
    public required string Scopes { get; set; }

    /// <summary>SHA-256 of the secret's UTF-8 bytes.</summary>
    public required byte[] SecretHash { get; set; }

    /// <summary>When the client was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the client last received a token (UTC); null when it never did.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>When the client was revoked (UTC); its tokens stop working at once.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The granted scopes as a list.</summary>
    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The scopes an API client may be granted; each guards a group of /v2 routes.</summary>
public static class ApiScopes
{
    /// <summary>Activate, complete, fail and update external jobs.</summary>
    public const string Jobs = "jobs";

    /// <summary>Start process instances.</summary>
    public const string ProcessInstances = "process-instances";

    /// <summary>Publish and correlate messages.</summary>
    public const string Messages = "messages";

    /// <summary>Deploy process and decision models.</summary>
    public const string Deployments = "deployments";

    /// <summary>All scopes.</summary>
    public static readonly IReadOnlyList<string> All = [Jobs, ProcessInstances, Messages, Deployments];
}
