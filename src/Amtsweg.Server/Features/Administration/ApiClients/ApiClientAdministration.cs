using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Administration.ApiClients;

/// <summary>The inputs of "API-Client anlegen" and of revoking; errors land at these element ids.</summary>
public static class ApiClientFields
{
    /// <summary>The client's name.</summary>
    public const string Name = "name";

    /// <summary>The group of scope checkboxes; the error links to the first box.</summary>
    public const string Scopes = "berechtigung-" + ApiScopes.Jobs;

    /// <summary>The confirmation checkbox of revoking.</summary>
    public const string Confirm = "sperren-bestaetigt";
}

/// <summary>An API client as the municipality's administration sees it (never the secret or its hash).</summary>
public sealed record ApiClientRow(Guid Id, string ClientId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// The municipality's API clients in the browser (issue 13.5): list, create, revoke. The rules are those of the CLI's
/// <see cref="ApiClientRegistry"/> (name, known scopes, secret shown once and stored hashed, a revoked client's token
/// requests and tokens fail), here for the municipality the tenant middleware resolved; another municipality's client
/// is not found. Acts are written to the audit log (<c>Amtsweg.Audit.ApiClients</c>) without the secret.
/// </summary>
public sealed partial class ApiClientAdministration(
    PlatformDbContext db,
    ApiClientRegistry registry,
    TenantContext tenant,
    IStringLocalizer<Ui> text,
    ILoggerFactory loggers)
{
    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.ApiClients");

    private Guid TenantId => tenant.TenantId ?? throw new InvalidOperationException("API client administration needs a resolved municipality.");

    /// <summary>The municipality's clients, newest first.</summary>
    public async Task<IReadOnlyList<ApiClientRow>> ListAsync(CancellationToken cancellationToken)
    {
        _ = TenantId;
        var clients = await db.Set<ApiClient>().AsNoTracking().OrderByDescending(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return clients.Select(ToRow).ToList();
    }

    /// <summary>One client of the municipality, or null (another municipality's too).</summary>
    public async Task<ApiClientRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        _ = TenantId;
        var client = await db.Set<ApiClient>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        return client is null ? null : ToRow(client);
    }

    /// <summary>Creates a client; the secret is in the answer only. Refusals come with the field they belong to.</summary>
    public async Task<(CreatedApiClient? Created, IReadOnlyList<(string Field, string Message)> Errors)> CreateAsync(
        string? name, IReadOnlyCollection<string> scopes, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var tenantId = TenantId;

        // Every refusal at once, each at its field, in the words of this form (the registry's name the CLI's scope codes).
        var refused = ApiClientRegistry.Check(name, scopes);
        if (refused.Count > 0)
        {
            return (null, refused.Select(problem => FieldError(problem.Code)).ToList());
        }

        AdministrationResult<CreatedApiClient> result;
        try
        {
            result = await registry.CreateAsync(tenantId, name ?? "", scopes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The registry works in platform scope; the rest of the request acts for this municipality again.
            tenant.UseTenant(tenantId);
        }

        if (result.Succeeded)
        {
            LogCreated(_audit, result.Value!.Client.ClientId, result.Value.Client.Name, tenantId, result.Value.Client.Scopes, actor);
            return (result.Value, []);
        }

        return (null, [FieldError(result.ErrorCode!)]);
    }

    private (string Field, string Message) FieldError(string code) => code switch
    {
        "client-name-invalid" => (ApiClientFields.Name, text["ApiClients.Error.Name", ApiClientRegistry.MaxNameLength].Value),
        "client-scope-invalid" => (ApiClientFields.Scopes, text["ApiClients.Error.Scopes"].Value),
        _ => throw new InvalidOperationException("Unexpected refusal of an API client: " + code),
    };

    /// <summary>Revokes a client of the municipality when the act is confirmed; null when not found.</summary>
    public async Task<(ApiClientRow? Client, string? Error)> RevokeAsync(Guid id, bool confirmed, string actor, CancellationToken cancellationToken)
    {
        var tenantId = TenantId;
        var client = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return (null, null);
        }

        if (client.RevokedAt is not null)
        {
            return (client, text["ApiClients.Error.AlreadyRevoked"]);
        }

        if (!confirmed)
        {
            return (client, text["ApiClients.Error.NotConfirmed"]);
        }

        AdministrationResult<ApiClient> revoked;
        try
        {
            revoked = await registry.RevokeAsync(client.ClientId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            tenant.UseTenant(tenantId);
        }

        if (!revoked.Succeeded)
        {
            // Revoked by someone else between reading and revoking.
            return (client, text["ApiClients.Error.AlreadyRevoked"]);
        }

        LogRevoked(_audit, client.ClientId, client.Name, tenantId, actor);
        return (ToRow(revoked.Value!), null);
    }

    private static ApiClientRow ToRow(ApiClient client) =>
        new(client.Id, client.ClientId, client.Name, client.ScopeList, client.CreatedAt, client.LastUsedAt, client.RevokedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "API client {ClientId} ({Name}) created in tenant {TenantId} with scopes {Scopes} by {Actor}")]
    private static partial void LogCreated(ILogger logger, string clientId, string name, Guid tenantId, string scopes, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "API client {ClientId} ({Name}) of tenant {TenantId} revoked by {Actor}")]
    private static partial void LogRevoked(ILogger logger, string clientId, string name, Guid tenantId, string actor);
}

/// <summary>Times on the API client pages, in Europe/Berlin.</summary>
public static class ApiClientTimes
{
    /// <summary>"06.12.2026, 23:45".</summary>
    public static string Show(DateTimeOffset instant) =>
        BerlinTime.ToLocal(instant).ToString("dd.MM.yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
