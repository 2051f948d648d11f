using System.Globalization;
using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Connectors;
using Amtsweg.Integration.Mail;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Administration.Mail;

/// <summary>The inputs of the mail settings page; the names are the element ids, so errors land at their field.</summary>
public static class MailFields
{
    public const string Host = "server";

    public const string Port = "port";

    /// <summary>Radio buttons; the error links to the first.</summary>
    public const string Security = "verschluesselung";

    public const string SenderAddress = "absender";

    public const string SenderName = "absendername";

    /// <summary>A select of the municipality's basic secrets, or none.</summary>
    public const string Secret = "zugangsdaten";
}

/// <summary>The settings as the page shows and takes them.</summary>
public sealed record MailSettingsInput(string Host, string Port, string Security, string SenderAddress, string SenderName, string Secret);

/// <summary>
/// The municipality's outgoing mail server (issue 15.2): kept by Administration, used by the letter's e-mail and the
/// process task <c>amtsweg:email</c>. The password is a secret of kind basic (ADR 0027), chosen by name here. Every
/// change is written to the audit log (<c>Amtsweg.Audit.Mail</c>) with host, sender, secret name and actor.
/// </summary>
public sealed partial class MailAdministration(
    PlatformDbContext db,
    TenantContext tenant,
    IConnectorSecrets secrets,
    TimeProvider clock,
    IStringLocalizer<Ui> text,
    ILoggerFactory loggers)
{
    /// <summary>The encryption choices as the form posts them.</summary>
    public static readonly IReadOnlyList<(string Value, MailSecurity Security)> SecurityChoices =
    [
        ("starttls", MailSecurity.StartTls),
        ("tls", MailSecurity.SslOnConnect),
        ("keine", MailSecurity.None),
    ];

    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.Mail");

    private Guid TenantId => tenant.TenantId ?? throw new InvalidOperationException("Mail settings need a resolved municipality.");

    /// <summary>The stored settings, or null.</summary>
    public Task<MunicipalityMailSettings?> FindAsync(CancellationToken cancellationToken)
    {
        _ = TenantId;
        return db.MailSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The name <paramref name="viewer"/> may see for a user (<see cref="PlatformUsers.DisplayNameForAsync"/>).</summary>
    public Task<string> DisplayNameAsync(string userName, System.Security.Claims.ClaimsPrincipal viewer, CancellationToken cancellationToken) =>
        db.DisplayNameForAsync(userName, viewer, cancellationToken);

    /// <summary>The names of the municipality's secrets of kind basic (user name and password), for the choice.</summary>
    public async Task<IReadOnlyList<string>> BasicSecretNamesAsync(CancellationToken cancellationToken)
    {
        _ = TenantId;
        return await db.Secrets.AsNoTracking().Where(s => s.Kind == SecretKind.Basic).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves the settings; refusals come with their field and save nothing.</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> SaveAsync(MailSettingsInput input, string actor, CancellationToken cancellationToken)
    {
        var tenantId = TenantId;
        var errors = new List<(string, string)>();
        var host = input.Host.Trim();
        if (host.Length == 0)
        {
            errors.Add((MailFields.Host, text["Mail.Error.HostMissing"]));
        }
        else if (host.Length > MunicipalityMailSettings.HostMaxLength || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add((MailFields.Host, text["Mail.Error.HostInvalid"]));
        }

        if (!int.TryParse(input.Port.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            errors.Add((MailFields.Port, text["Mail.Error.PortInvalid"]));
        }

        MailSecurity? security = SecurityChoices.Where(c => c.Value == input.Security).Select(c => (MailSecurity?)c.Security).FirstOrDefault();
        if (security is null)
        {
            errors.Add((MailFields.Security, text["Mail.Error.SecurityMissing"]));
        }

        var sender = input.SenderAddress.Trim();
        if (!MailLimits.IsAddress(sender))
        {
            errors.Add((MailFields.SenderAddress, text["Mail.Error.SenderInvalid"]));
        }

        var senderName = input.SenderName.Trim();
        if (senderName.Length == 0)
        {
            errors.Add((MailFields.SenderName, text["Mail.Error.SenderNameMissing"]));
        }
        else if (senderName.Length > MunicipalityMailSettings.SenderNameMaxLength || senderName.Any(char.IsControl))
        {
            errors.Add((MailFields.SenderName, text["Mail.Error.TooLong", MunicipalityMailSettings.SenderNameMaxLength]));
        }

        var secretName = input.Secret.Trim();
        if (secretName.Length > 0 && !(await BasicSecretNamesAsync(cancellationToken).ConfigureAwait(false)).Contains(secretName, StringComparer.Ordinal))
        {
            errors.Add((MailFields.Secret, text["Mail.Error.SecretUnknown"]));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var settings = await db.MailSettings.SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (settings is null)
        {
            settings = new MunicipalityMailSettings { Id = Guid.CreateVersion7(), TenantId = tenantId, Host = host, SenderAddress = sender, SenderName = senderName, UpdatedBy = actor };
            db.MailSettings.Add(settings);
        }

        settings.Host = host;
        settings.Port = port;
        settings.Security = security!.Value;
        settings.SenderAddress = sender;
        settings.SenderName = senderName;
        settings.SecretName = secretName.Length == 0 ? null : secretName;
        settings.UpdatedBy = actor;
        settings.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogSaved(_audit, tenantId, host, port, settings.Security, sender, settings.SecretName ?? "-", actor);
        return [];
    }

    /// <summary>
    /// The municipality's mail server ready to send, with the password of its secret; a German message instead when
    /// there are no settings or the named secret is gone or unreadable.
    /// </summary>
    public async Task<(MailServer? Server, string? Error)> ServerAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken).ConfigureAwait(false) is not { } settings)
        {
            return (null, text["Mail.Error.NotConfigured"]);
        }

        string? user = null, password = null;
        if (settings.SecretName is { } name)
        {
            if (await secrets.FindAsync(name, cancellationToken).ConfigureAwait(false) is not { Kind: SecretKind.Basic } secret)
            {
                return (null, text["Mail.Error.SecretGone", name]);
            }

            (user, password) = (secret.UserName, secret.Value);
        }

        return (new MailServer(settings.Host, settings.Port, settings.Security, settings.SenderAddress, settings.SenderName, user, password), null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail settings of tenant {TenantId} saved: {Host}:{Port} ({Security}), sender {Sender}, secret {SecretName}, by {Actor}")]
    private static partial void LogSaved(ILogger logger, Guid tenantId, string host, int port, MailSecurity security, string sender, string secretName, string actor);
}
