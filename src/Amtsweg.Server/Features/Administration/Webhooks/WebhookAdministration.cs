using System.Security.Cryptography;
using Amtsweg.Data.Tenancy;
using Amtsweg.Feel;
using Amtsweg.Integration.Connectors;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Administration.Webhooks;

/// <summary>The inputs of the webhook pages; the names are the element ids, so errors land at their field.</summary>
public static class WebhookFields
{
    /// <summary>The hook's name (the last part of its URL).</summary>
    public const string Name = "name";

    /// <summary>The BPMN message name.</summary>
    public const string MessageName = "nachricht";

    /// <summary>The FEEL expression of the correlation key.</summary>
    public const string CorrelationKey = "schluessel";

    /// <summary>The FEEL expression of the variables.</summary>
    public const string Variables = "variablen";

    /// <summary>The confirmation of deleting.</summary>
    public const string Confirm = "bestaetigung";
}

/// <summary>A hook in the list.</summary>
public sealed record WebhookRow(Guid Id, string Name, string MessageName, string CorrelationKey, string? Variables, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset KeyCreatedAt);

/// <summary>A call in the hook's list: never its body.</summary>
public sealed record WebhookCallRow(DateTimeOffset ReceivedAt, WebhookOutcome Outcome, int Status, Guid? ProcessInstanceId);

/// <summary>A hook with its key in plain text: shown once, in the answer to the post that generated it.</summary>
public sealed record GeneratedWebhookKey(WebhookRow Hook, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"Schlüssel des Webhooks „{Hook.Name}“";
}

/// <summary>
/// The municipality's inbound webhooks (issue 15.1, ADR 0029): create, generate a new key, delete, read the calls.
/// The HMAC key comes from a cryptographic random generator, is stored as a secret of the municipality (kind
/// <see cref="SecretKind.WebhookSigning"/>, encrypted by <see cref="SecretProtection"/>) and shown once. Every change
/// goes to the audit log (<c>Amtsweg.Audit.Webhooks</c>) with name and actor, never the key.
/// </summary>
public sealed partial class WebhookAdministration(
    PlatformDbContext db,
    TenantContext tenant,
    SecretProtection protection,
    TimeProvider clock,
    IStringLocalizer<Ui> text,
    ILoggerFactory loggers)
{
    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.Webhooks");

    private Guid TenantId => tenant.TenantId ?? throw new InvalidOperationException("Webhook administration needs a resolved municipality.");

    /// <summary>The municipality's hooks by name.</summary>
    public async Task<IReadOnlyList<WebhookRow>> ListAsync(CancellationToken cancellationToken)
    {
        _ = TenantId;
        var hooks = await db.Webhooks.AsNoTracking().OrderBy(h => h.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. hooks.Select(Row)];
    }

    /// <summary>One hook of the municipality; null for an unknown id or another municipality's.</summary>
    public async Task<WebhookRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        _ = TenantId;
        var hook = await db.Webhooks.AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, cancellationToken).ConfigureAwait(false);
        return hook is null ? null : Row(hook);
    }

    /// <summary>The name <paramref name="viewer"/> may see for a user (<see cref="PlatformUsers.DisplayNameForAsync"/>).</summary>
    public Task<string> DisplayNameAsync(string userName, System.Security.Claims.ClaimsPrincipal viewer, CancellationToken cancellationToken) =>
        db.DisplayNameForAsync(userName, viewer, cancellationToken);

    /// <summary>The last calls of a hook, newest first.</summary>
    public async Task<IReadOnlyList<WebhookCallRow>> CallsAsync(Guid id, CancellationToken cancellationToken)
    {
        _ = TenantId;
        var calls = await db.WebhookCalls.AsNoTracking().Where(c => c.WebhookId == id)
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Take(WebhookRules.ShownCalls)
            .Select(c => new { c.ReceivedAt, c.Outcome, c.Status, c.ProcessInstanceId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. calls.Select(c => new WebhookCallRow(c.ReceivedAt, c.Outcome, c.Status, c.ProcessInstanceId))];
    }

    /// <summary>
    /// Creates a hook with a new key. Refusals come with their field; nothing is saved then. The name must be free in
    /// the whole installation.
    /// </summary>
    public async Task<(GeneratedWebhookKey? Created, IReadOnlyList<(string Field, string Message)> Errors)> CreateAsync(
        string? name, string? messageName, string? correlationKey, string? variables, string actor, CancellationToken cancellationToken)
    {
        var tenantId = TenantId;
        name = name?.Trim() ?? "";
        messageName = messageName?.Trim() ?? "";
        correlationKey = correlationKey?.Trim() ?? "";
        variables = string.IsNullOrWhiteSpace(variables) ? null : variables.Trim();
        var errors = new List<(string, string)>();
        if (name.Length == 0)
        {
            errors.Add((WebhookFields.Name, text["Webhooks.Error.NameMissing"]));
        }
        else if (name.Length > WebhookRules.NameMaxLength || !SecretNames.IsWellFormed(name))
        {
            errors.Add((WebhookFields.Name, text["Webhooks.Error.NameInvalid", WebhookRules.NameMaxLength]));
        }

        if (messageName.Length == 0)
        {
            errors.Add((WebhookFields.MessageName, text["Webhooks.Error.MessageMissing"]));
        }
        else if (messageName.Length > WebhookRules.MessageNameMaxLength)
        {
            errors.Add((WebhookFields.MessageName, text["Webhooks.Error.TooLong", WebhookRules.MessageNameMaxLength]));
        }

        if (correlationKey.Length == 0)
        {
            errors.Add((WebhookFields.CorrelationKey, text["Webhooks.Error.KeyMissing"]));
        }
        else if (CheckExpression(correlationKey) is { } keyError)
        {
            errors.Add((WebhookFields.CorrelationKey, keyError));
        }

        if (variables is not null && CheckExpression(variables) is { } variablesError)
        {
            errors.Add((WebhookFields.Variables, variablesError));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var secretName = WebhookRules.SecretPrefix + name;
        if (await db.Secrets.AnyAsync(s => s.Name == secretName, cancellationToken).ConfigureAwait(false))
        {
            return (null, [(WebhookFields.Name, text["Webhooks.Error.SecretNameTaken", secretName])]);
        }

        var now = clock.GetUtcNow();
        var key = NewKey();
        var hook = new Webhook
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Name = name,
            MessageName = messageName,
            CorrelationKey = correlationKey,
            Variables = variables,
            SecretName = secretName,
            CreatedBy = actor,
            CreatedAt = now,
            KeyCreatedAt = now,
        };
        var secret = new MunicipalitySecret
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Name = secretName,
            Kind = SecretKind.WebhookSigning,
            Protected = protection.Protect(tenantId, key, null),
            UpdatedBy = actor,
            UpdatedAt = now,
        };
        db.Webhooks.Add(hook);
        db.Secrets.Add(secret);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // The unique index on the name spans all municipalities: another one (or a concurrent administrator) has it.
            db.Entry(hook).State = EntityState.Detached;
            db.Entry(secret).State = EntityState.Detached;
            return (null, [(WebhookFields.Name, text["Webhooks.Error.NameTaken", name])]);
        }

        LogCreated(_audit, hook.Id, hook.Name, hook.MessageName, tenantId, actor);
        return (new GeneratedWebhookKey(Row(hook), key), []);
    }

    /// <summary>Replaces a hook's key with a new one; the old one stops working at once. Null for an unknown or foreign hook.</summary>
    public async Task<GeneratedWebhookKey?> RotateAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        var tenantId = TenantId;
        var hook = await db.Webhooks.SingleOrDefaultAsync(h => h.Id == id, cancellationToken).ConfigureAwait(false);
        if (hook is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var key = NewKey();
        var secret = await db.Secrets.SingleOrDefaultAsync(s => s.Name == hook.SecretName, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            secret = new MunicipalitySecret { Id = Guid.CreateVersion7(now), TenantId = tenantId, Name = hook.SecretName, Protected = "", UpdatedBy = actor };
            db.Secrets.Add(secret);
        }

        secret.Kind = SecretKind.WebhookSigning;
        secret.Protected = protection.Protect(tenantId, key, null);
        secret.UpdatedBy = actor;
        secret.UpdatedAt = now;
        hook.KeyCreatedAt = now;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogRotated(_audit, hook.Id, hook.Name, tenantId, actor);
        return new GeneratedWebhookKey(Row(hook), key);
    }

    /// <summary>Deletes a hook with its key and its calls; null for an unknown or foreign hook, else its name.</summary>
    public async Task<string?> DeleteAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        var tenantId = TenantId;
        var hook = await db.Webhooks.SingleOrDefaultAsync(h => h.Id == id, cancellationToken).ConfigureAwait(false);
        if (hook is null)
        {
            return null;
        }

        var secret = await db.Secrets.SingleOrDefaultAsync(s => s.Name == hook.SecretName && s.Kind == SecretKind.WebhookSigning, cancellationToken).ConfigureAwait(false);
        if (secret is not null)
        {
            db.Secrets.Remove(secret);
        }

        // Its calls go with it (the foreign key cascades).
        db.Webhooks.Remove(hook);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogDeleted(_audit, hook.Id, hook.Name, tenantId, actor);
        return hook.Name;
    }

    /// <summary>The German error of a FEEL expression that does not parse or is too long; null when it is fine.</summary>
    private string? CheckExpression(string expression)
    {
        if (expression.Length > WebhookRules.ExpressionMaxLength)
        {
            return text["Webhooks.Error.TooLong", WebhookRules.ExpressionMaxLength].Value;
        }

        return FeelParser.TryParseExpression(expression, null, out _, out var error) ? null : text["Webhooks.Error.Feel", error!.MessageGerman].Value;
    }

    // 256 bits from the operating system's generator, as 64 hex digits: the HMAC key is these characters as written.
    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static WebhookRow Row(Webhook hook) =>
        new(hook.Id, hook.Name, hook.MessageName, hook.CorrelationKey, hook.Variables, hook.CreatedBy, hook.CreatedAt, hook.KeyCreatedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} ({Name}, message {MessageName}) created in tenant {TenantId} by {Actor}")]
    private static partial void LogCreated(ILogger logger, Guid webhookId, string name, string messageName, Guid tenantId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key of webhook {WebhookId} ({Name}) of tenant {TenantId} replaced by {Actor}")]
    private static partial void LogRotated(ILogger logger, Guid webhookId, string name, Guid tenantId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} ({Name}) of tenant {TenantId} deleted by {Actor}")]
    private static partial void LogDeleted(ILogger logger, Guid webhookId, string name, Guid tenantId, string actor);
}
