using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Amtsweg.Server.Platform;

/// <summary>What a bearer token says: which client, for which municipality, with which scopes, until when.</summary>
public sealed record ApiAccessToken(string ClientId, Guid TenantId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues and reads the short-lived bearer tokens of API clients. A token is the data-protected JSON of an
/// <see cref="ApiAccessToken"/> (the data-protection keys are shared by all server processes through the
/// database), so it cannot be forged or altered; the bearer scheme checks on every use that the client is not revoked.
/// </summary>
public sealed class ApiAccessTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>How long a token is valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("Amtsweg.ApiClients.AccessToken.v1");

    /// <summary>Issues a token for the client with the given scopes.</summary>
    public (string Token, ApiAccessToken Content) Issue(ApiClient client, IReadOnlyList<string> scopes)
    {
        var content = new ApiAccessToken(client.ClientId, client.TenantId, scopes, clock.GetUtcNow() + Lifetime);
        return (_protector.Protect(JsonSerializer.Serialize(content)), content);
    }

    /// <summary>Reads a token; null when it was not issued here, was altered or has expired.</summary>
    public ApiAccessToken? Read(string token)
    {
        try
        {
            var content = JsonSerializer.Deserialize<ApiAccessToken>(_protector.Unprotect(token));
            return content is not null && content.ExpiresAt > clock.GetUtcNow() ? content : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
