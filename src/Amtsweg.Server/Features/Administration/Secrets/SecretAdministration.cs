using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Connectors;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Administration.Secrets;

/// <summary>The inputs of the secrets page; the names are the element ids, so errors land at their field.</summary>
public static class SecretFields
{
    /// <summary>The secret's name.</summary>
    public const string Name = "name";

    /// <summary>The kind (radio buttons; the error links to the first).</summary>
    public const string Kind = "art";

    /// <summary>The user name of a basic secret.</summary>
    public const string UserName = "benutzername";

    /// <summary>The value.</summary>
    public const string Value = "wert";

    /// <summary>The secret to delete (hidden).</summary>
    public const string Delete = "geheimnis";
}

/// <summary>A secret in the list: never its value.</summary>
public sealed record SecretRow(Guid Id, string Name, SecretKind Kind, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>
/// The municipality's connector secrets (issue 15.1): add, replace (saving under an existing name), delete. The value
/// is encrypted before it is stored (<see cref="SecretProtection"/>) and never read back for display. Every change is
/// written to the audit log (category <c>Amtsweg.Audit.Secrets</c>) with name, kind and actor, never the value.
/// </summary>
public sealed partial class SecretAdministration(
    PlatformDbContext db,
    TenantContext tenant,
    SecretProtection protection,
    TimeProvider clock,
    IStringLocalizer<Ui> text,
    ILoggerFactory loggers)
{
    /// <summary>The longest user name of a basic secret.</summary>
    public const int UserNameMaxLength = 200;

    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.Secrets");

    private Guid TenantId => tenant.TenantId ?? throw new InvalidOperationException("Secret administration needs a resolved municipality.");

    /// <summary>The municipality's secrets by name.</summary>
    public async Task<IReadOnlyList<SecretRow>> ListAsync(CancellationToken cancellationToken)
    {
        _ = TenantId;
        // The keys of webhooks are kept on the webhooks page, where they are generated.
        var rows = await db.Secrets.AsNoTracking().Where(s => s.Kind != SecretKind.WebhookSigning).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Kind, s.UpdatedBy, s.UpdatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = rows.Select(r => r.UpdatedBy).Distinct().ToList();
        var displayNames = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new SecretRow(r.Id, r.Name, r.Kind, displayNames.GetValueOrDefault(r.UpdatedBy) ?? r.UpdatedBy, r.UpdatedAt))];
    }

    /// <summary>
    /// Saves a secret: a new name adds one, an existing name replaces its kind and value. Refusals come with their field;
    /// nothing is saved then. Returns whether an existing secret was replaced.
    /// </summary>
    public async Task<(bool Replaced, IReadOnlyList<(string Field, string Message)> Errors)> SaveAsync(
        string? name, string? kind, string? userName, string? value, string actor, CancellationToken cancellationToken)
    {
        var tenantId = TenantId;
        name = name?.Trim() ?? "";
        userName = userName?.Trim() ?? "";
        var errors = new List<(string, string)>();
        if (name.Length == 0)
        {
            errors.Add((SecretFields.Name, text["Secrets.Error.NameMissing"]));
        }
        else if (!SecretNames.IsWellFormed(name))
        {
            errors.Add((SecretFields.Name, text["Secrets.Error.NameInvalid", SecretNames.MaxLength]));
        }

        SecretKind? parsed = SecretsPageModel.Kinds.Where(k => k.Value == kind).Select(k => (SecretKind?)k.Kind).FirstOrDefault();
        if (parsed is null)
        {
            errors.Add((SecretFields.Kind, text["Secrets.Error.KindMissing"]));
        }

        if (parsed == SecretKind.Basic && userName.Length == 0)
        {
            errors.Add((SecretFields.UserName, text["Secrets.Error.UserNameMissing"]));
        }
        else if (userName.Length > UserNameMaxLength)
        {
            errors.Add((SecretFields.UserName, text["Secrets.Error.TooLong", UserNameMaxLength]));
        }

        // The value is taken as typed: leading or trailing spaces may belong to a key.
        if (string.IsNullOrEmpty(value))
        {
            errors.Add((SecretFields.Value, text["Secrets.Error.ValueMissing"]));
        }
        else if (value.Length > SecretNames.MaxValueLength)
        {
            errors.Add((SecretFields.Value, text["Secrets.Error.TooLong", SecretNames.MaxValueLength]));
        }

        if (errors.Count > 0)
        {
            return (false, errors);
        }

        var protectedValue = protection.Protect(tenantId, value!, parsed == SecretKind.Basic ? userName : null);
        var secret = await db.Secrets.SingleOrDefaultAsync(s => s.Name == name, cancellationToken).ConfigureAwait(false);
        if (secret is { Kind: SecretKind.WebhookSigning })
        {
            return (false, [(SecretFields.Name, text["Secrets.Error.WebhookKey", name])]);
        }

        var replaced = secret is not null;
        if (secret is null)
        {
            secret = new MunicipalitySecret { Id = Guid.CreateVersion7(), TenantId = tenantId, Name = name, Protected = "", UpdatedBy = actor };
            db.Secrets.Add(secret);
        }

        secret.Kind = parsed!.Value;
        secret.Protected = protectedValue;
        secret.UpdatedBy = actor;
        secret.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (!replaced)
        {
            // Another administrator added the same name between the check and the save; the unique index refused it.
            db.Entry(secret).State = EntityState.Detached;
            return (false, [(SecretFields.Name, text["Secrets.Error.Concurrent", name])]);
        }

        if (replaced)
        {
            LogReplaced(_audit, secret.Id, secret.Name, secret.Kind, tenantId, actor);
        }
        else
        {
            LogAdded(_audit, secret.Id, secret.Name, secret.Kind, tenantId, actor);
        }

        return (replaced, []);
    }

    /// <summary>Deletes a secret; null when there is none with that id in the municipality (another municipality's too), else its name.</summary>
    public async Task<string?> DeleteAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        var tenantId = TenantId;
        var secret = await db.Secrets.SingleOrDefaultAsync(s => s.Id == id && s.Kind != SecretKind.WebhookSigning, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            return null;
        }

        db.Secrets.Remove(secret);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogDeleted(_audit, secret.Id, secret.Name, secret.Kind, tenantId, actor);
        return secret.Name;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Secret {SecretId} ({Name}, {Kind}) added in tenant {TenantId} by {Actor}")]
    private static partial void LogAdded(ILogger logger, Guid secretId, string name, SecretKind kind, Guid tenantId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Secret {SecretId} ({Name}) of tenant {TenantId} replaced, now {Kind}, by {Actor}")]
    private static partial void LogReplaced(ILogger logger, Guid secretId, string name, SecretKind kind, Guid tenantId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Secret {SecretId} ({Name}, {Kind}) of tenant {TenantId} deleted by {Actor}")]
    private static partial void LogDeleted(ILogger logger, Guid secretId, string name, SecretKind kind, Guid tenantId, string actor);
}
