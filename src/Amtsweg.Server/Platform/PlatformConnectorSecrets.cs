using System.Security.Cryptography;
using System.Text.Json;
using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Connectors;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Platform;

/// <summary>
/// Encrypts and decrypts the municipalities' connector secrets with ASP.NET Core Data Protection (the key ring the
/// server shares through the platform database). The purpose names the municipality, so a protected value copied into
/// another municipality's row cannot be read there.
/// </summary>
public sealed class SecretProtection(IDataProtectionProvider protection)
{
    private const string Purpose = "Amtsweg.Connectors.Secret.v1";

    /// <summary>Protects a value (and a basic secret's user name) for the municipality.</summary>
    public string Protect(Guid tenantId, string value, string? userName) =>
        Protector(tenantId).Protect(JsonSerializer.Serialize(new Payload(value, userName)));

    /// <summary>Reads a protected value; null when it cannot be read (another municipality's, altered, or its key is gone).</summary>
    public (string Value, string? UserName)? Unprotect(Guid tenantId, string protectedValue)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(Protector(tenantId).Unprotect(protectedValue));
            return payload is { Value.Length: > 0 } ? (payload.Value, payload.UserName) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private IDataProtector Protector(Guid tenantId) => protection.CreateProtector(Purpose, tenantId.ToString("D"));

    private sealed record Payload(string Value, string? UserName);
}

/// <summary>The current municipality's connector secrets from the platform database, for the connectors of the Integration module.</summary>
internal sealed class PlatformConnectorSecrets(PlatformDbContext db, TenantContext tenant, SecretProtection protection) : IConnectorSecrets
{
    public async Task<ConnectorSecret?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (tenant.TenantId is not { } tenantId)
        {
            return null;
        }

        var row = await db.Secrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name, cancellationToken).ConfigureAwait(false);
        if (row is null || protection.Unprotect(tenantId, row.Protected) is not { } content)
        {
            return null;
        }

        return new ConnectorSecret(row.Name, row.Kind, content.Value, content.UserName);
    }
}
