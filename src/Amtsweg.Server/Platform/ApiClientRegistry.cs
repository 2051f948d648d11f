using System.Security.Cryptography;
using System.Text;
using Amtsweg.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Platform;

/// <summary>An API client as created, with its secret shown once.</summary>
public sealed record CreatedApiClient(ApiClient Client, string ClientSecret);

/// <summary>
/// Creates, lists, revokes and verifies API clients (OAuth 2.0 client credentials). Works in platform scope: the
/// CLI creates clients for any municipality, and the token endpoint does not know the tenant before the client
/// is verified.
/// </summary>
public sealed class ApiClientRegistry(PlatformDbContext db, PlatformAdministration administration, TenantContext tenant, TimeProvider clock)
{
    /// <summary>The longest name of a client (the column's length).</summary>
    public const int MaxNameLength = 200;

    /// <summary>Creates a client for the municipality with the given scopes; the secret is returned once and stored hashed.</summary>
    public async Task<AdministrationResult<CreatedApiClient>> CreateAsync(
        string municipalityAgs, string name, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        var municipality = await administration.FindMunicipalityAsync(municipalityAgs, cancellationToken).ConfigureAwait(false);
        if (municipality is null)
        {
            return AdministrationResult<CreatedApiClient>.Fail("tenant-unknown", $"Eine Gemeinde mit dem AGS „{municipalityAgs}“ gibt es nicht.");
        }

        return await CreateAsync(municipality.Id, name, scopes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a client for the municipality <paramref name="tenantId"/> (the CLI by AGS, the municipality's
    /// administration for its own): name given and at most <see cref="MaxNameLength"/> characters, at least one scope
    /// and only known ones (<see cref="ApiScopes"/>); otherwise nothing is written.
    /// </summary>
    public async Task<AdministrationResult<CreatedApiClient>> CreateAsync(
        Guid tenantId, string name, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        tenant.UsePlatformScope();
        var refused = Check(name, scopes);
        if (refused.Count > 0)
        {
            return AdministrationResult<CreatedApiClient>.Fail(refused[0].Code, refused[0].Message);
        }

        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var client = new ApiClient
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            TenantId = tenantId,
            ClientId = "aw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            Name = name.Trim(),
            Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            SecretHash = Hash(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Set<ApiClient>().Add(client);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return AdministrationResult<CreatedApiClient>.Ok(new CreatedApiClient(client, secret));
    }

    /// <summary>
    /// The rules of a new client's name and scopes, all at once with their codes (<c>client-name-invalid</c>,
    /// <c>client-scope-invalid</c>), so that a form can show each at its field; <see cref="CreateAsync(Guid, string, IReadOnlyCollection{string}, CancellationToken)"/> applies the same.
    /// </summary>
    public static IReadOnlyList<(string Code, string Message)> Check(string? name, IReadOnlyCollection<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            problems.Add(("client-name-invalid", "Der Name des API-Clients fehlt oder ist länger als 200 Zeichen."));
        }

        var unknown = scopes.Where(s => !ApiScopes.All.Contains(s)).ToList();
        if (scopes.Count == 0 || unknown.Count > 0)
        {
            problems.Add(("client-scope-invalid",
                $"Unbekannter oder fehlender Scope{(unknown.Count > 0 ? " „" + string.Join("“, „", unknown) + "“" : "")}. Möglich sind: {string.Join(", ", ApiScopes.All)}."));
        }

        return problems;
    }

    /// <summary>Lists the clients, of one municipality or of all, oldest first.</summary>
    public async Task<IReadOnlyList<ApiClient>> ListAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        var query = db.Set<ApiClient>().AsNoTracking();
        if (tenantId is { } id)
        {
            query = query.Where(c => c.TenantId == id);
        }

        return await query.OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes a client; its secret and tokens stop working at once. Revoking twice is refused.</summary>
    public async Task<AdministrationResult<ApiClient>> RevokeAsync(string clientId, CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        var client = await db.Set<ApiClient>().SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return AdministrationResult<ApiClient>.Fail("client-unknown", $"Einen API-Client „{clientId}“ gibt es nicht.");
        }

        if (client.RevokedAt is not null)
        {
            return AdministrationResult<ApiClient>.Fail("client-revoked", $"Der API-Client „{clientId}“ ist bereits gesperrt.");
        }

        client.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return AdministrationResult<ApiClient>.Ok(client);
    }

    /// <summary>
    /// Returns the client when the id exists, the client is not revoked and the secret matches (constant-time
    /// comparison of the hashes); otherwise null, without saying which of the three failed.
    /// </summary>
    public async Task<ApiClient?> VerifyAsync(string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        var client = await db.Set<ApiClient>().AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken).ConfigureAwait(false);
        var presented = Hash(clientSecret);
        var stored = client?.SecretHash ?? new byte[presented.Length];
        var matches = CryptographicOperations.FixedTimeEquals(presented, stored);
        return client is not null && matches && client.RevokedAt is null ? client : null;
    }

    /// <summary>
    /// Records that the client received a token now: its "last use" for the administration. A token lives a few
    /// minutes, so the time of the last token request tells when the client last worked, without a write per API call.
    /// </summary>
    public async Task RecordUseAsync(ApiClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        tenant.UsePlatformScope();
        var now = clock.GetUtcNow();
        await db.Set<ApiClient>().Where(c => c.Id == client.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.LastUsedAt, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the client when it exists and is not revoked (checked on every use of a token).</summary>
    public Task<ApiClient?> FindActiveAsync(string clientId, CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        return db.Set<ApiClient>().AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId && c.RevokedAt == null, cancellationToken);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
