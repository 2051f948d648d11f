using System.Globalization;
using System.Net;
using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Connectors;
using Amtsweg.Integration.Mail;
using Amtsweg.Server.Features.Posteingang.Mailbox;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Administration.Mail;

/// <summary>The inputs of the mailbox section; the names are the element ids, so errors land at their field.</summary>
public static class MailboxFields
{
    public const string Host = "imap-server";

    public const string Port = "imap-port";

    /// <summary>Radio buttons; the error links to the first.</summary>
    public const string Security = "imap-verschluesselung";

    public const string Secret = "imap-zugangsdaten";

    public const string Folder = "imap-ordner";

    public const string Enabled = "imap-aktiv";
}

/// <summary>The mailbox settings as the page shows and takes them.</summary>
public sealed record MailboxInput(string Host, string Port, string Security, string Secret, string Folder, bool Enabled);

/// <summary>
/// The municipality's incoming mailbox (issue 15): kept by Administration on the e-mail page, read by
/// <see cref="MailboxPoller"/>. The password is a secret of kind basic (ADR 0027), chosen by name. A connection without
/// encryption is allowed only to the own machine (loopback): a password on the open network would be readable by anyone
/// in between. Every change is written to the audit log (<c>Amtsweg.Audit.Mail</c>).
/// </summary>
public sealed partial class MailboxAdministration(
    PlatformDbContext db,
    TenantContext tenant,
    MailAdministration mail,
    MailboxReader reader,
    IServiceProvider services,
    TimeProvider clock,
    IStringLocalizer<Ui> text,
    ILoggerFactory loggers)
{
    /// <summary>The encryption choices as the form posts them.</summary>
    public static readonly IReadOnlyList<(string Value, MailSecurity Security)> SecurityChoices =
    [
        ("tls", MailSecurity.SslOnConnect),
        ("starttls", MailSecurity.StartTls),
        ("keine", MailSecurity.None),
    ];

    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.Mail");

    private Guid TenantId => tenant.TenantId ?? throw new InvalidOperationException("Mailbox settings need a resolved municipality.");

    /// <summary>The stored mailbox, or null.</summary>
    public Task<MunicipalityMailbox?> FindAsync(CancellationToken cancellationToken)
    {
        _ = TenantId;
        return db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The latest refused messages, newest first.</summary>
    public async Task<IReadOnlyList<MailboxRejection>> RejectionsAsync(int count, CancellationToken cancellationToken)
    {
        _ = TenantId;
        return await db.MailboxRejections.AsNoTracking().OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks and saves the settings; refusals come with their field and save nothing.</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> SaveAsync(MailboxInput input, string actor, CancellationToken cancellationToken)
    {
        var tenantId = TenantId;
        var (values, errors) = await ValidateAsync(input, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return errors;
        }

        var mailbox = await db.Mailboxes.SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (mailbox is null)
        {
            mailbox = new MunicipalityMailbox { Id = Guid.CreateVersion7(), TenantId = tenantId, Host = values!.Host, SecretName = values.SecretName, Folder = values.Folder, UpdatedBy = actor };
            db.Mailboxes.Add(mailbox);
        }

        mailbox.Host = values!.Host;
        mailbox.Port = values.Port;
        mailbox.Security = values.Security;
        mailbox.SecretName = values.SecretName;
        mailbox.Folder = values.Folder;
        mailbox.Enabled = input.Enabled;
        mailbox.UpdatedBy = actor;
        mailbox.UpdatedAt = clock.GetUtcNow();

        // New settings deserve a try at once, not after a backoff the old ones earned.
        mailbox.NextPollAt = null;
        mailbox.Failures = 0;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogSaved(_audit, tenantId, values.Host, values.Port, values.Security, values.Folder, values.SecretName, input.Enabled, actor);
        return [];
    }

    /// <summary>
    /// „Verbindung prüfen“: signs in with the entered settings (not saved) and opens the folder. Returns the errors at
    /// the fields, or the German result of the attempt and whether it worked.
    /// </summary>
    public async Task<(IReadOnlyList<(string Field, string Message)> Errors, string? Result, bool Success)> CheckAsync(MailboxInput input, CancellationToken cancellationToken)
    {
        var (values, errors) = await ValidateAsync(input, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return (errors, null, false);
        }

        var candidate = new MunicipalityMailbox { Host = values!.Host, Port = values.Port, Security = values.Security, SecretName = values.SecretName, Folder = values.Folder, UpdatedBy = "" };
        try
        {
            var server = await MailboxPoller.ServerAsync(services, candidate, cancellationToken).ConfigureAwait(false);
            var count = await reader.CheckAsync(server, cancellationToken).ConfigureAwait(false);
            return ([], text["Mailbox.CheckOk", server.UserName, $"{values.Host}:{values.Port}", values.Folder, count], true);
        }
        catch (MailboxException failure)
        {
            return ([], text["Mailbox.CheckFailed", failure.Message], false);
        }
    }

    private sealed record Values(string Host, int Port, MailSecurity Security, string SecretName, string Folder);

    private async Task<(Values? Values, List<(string, string)> Errors)> ValidateAsync(MailboxInput input, CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        var host = input.Host.Trim();
        if (host.Length == 0)
        {
            errors.Add((MailboxFields.Host, text["Mail.Error.HostMissing"]));
        }
        else if (host.Length > MunicipalityMailSettings.HostMaxLength || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add((MailboxFields.Host, text["Mail.Error.HostInvalid"]));
        }

        if (!int.TryParse(input.Port.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            errors.Add((MailboxFields.Port, text["Mail.Error.PortInvalid"]));
        }

        MailSecurity? security = SecurityChoices.Where(c => c.Value == input.Security).Select(c => (MailSecurity?)c.Security).FirstOrDefault();
        if (security is null)
        {
            errors.Add((MailboxFields.Security, text["Mail.Error.SecurityMissing"]));
        }
        else if (security == MailSecurity.None && host.Length > 0 && !IsLoopback(host))
        {
            errors.Add((MailboxFields.Security, text["Mailbox.Error.PlainNotLocal"]));
        }

        var secretName = input.Secret.Trim();
        if (secretName.Length == 0)
        {
            errors.Add((MailboxFields.Secret, text["Mailbox.Error.SecretMissing"]));
        }
        else if (!(await mail.BasicSecretNamesAsync(cancellationToken).ConfigureAwait(false)).Contains(secretName, StringComparer.Ordinal))
        {
            errors.Add((MailboxFields.Secret, text["Mail.Error.SecretUnknown"]));
        }

        var folder = input.Folder.Trim();
        if (folder.Length == 0)
        {
            folder = "INBOX";
        }
        else if (folder.Length > MunicipalityMailbox.FolderMaxLength || folder.Any(char.IsControl))
        {
            errors.Add((MailboxFields.Folder, text["Mailbox.Error.FolderInvalid", MunicipalityMailbox.FolderMaxLength]));
        }

        return errors.Count > 0 ? (null, errors) : (new Values(host, port, security!.Value, secretName, folder), errors);
    }

    /// <summary>True for a host name or address that stays on this machine.</summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox of tenant {TenantId} saved: {Host}:{Port} ({Security}), folder {Folder}, secret {SecretName}, enabled {Enabled}, by {Actor}")]
    private static partial void LogSaved(ILogger logger, Guid tenantId, string host, int port, MailSecurity security, string folder, string secretName, bool enabled, string actor);
}
