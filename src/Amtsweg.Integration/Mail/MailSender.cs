using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Amtsweg.Integration.Mail;

/// <summary>How the connection to the mail server is secured.</summary>
public enum MailSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No encryption: only for a mail server on the same machine or in a closed network.</summary>
    None,
}

/// <summary>
/// A municipality's outgoing mail server with its sender. <see cref="ToString"/> never shows the password, so that a
/// server that ends up in a log line or an exception text by mistake shows only host and sender.
/// </summary>
public sealed class MailServer
{
    /// <summary>Creates the settings.</summary>
    public MailServer(string host, int port, MailSecurity security, string senderAddress, string senderName, string? userName = null, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentException.ThrowIfNullOrEmpty(senderAddress);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        (Host, Port, Security, SenderAddress, SenderName, UserName, Password) = (host, port, security, senderAddress, senderName, userName, password);
    }

    /// <summary>The server's host name or address.</summary>
    public string Host { get; }

    /// <summary>The SMTP port.</summary>
    public int Port { get; }

    /// <summary>How the connection is secured.</summary>
    public MailSecurity Security { get; }

    /// <summary>The sender's address, e.g. <c>rathaus@musterstadt.de</c>.</summary>
    public string SenderAddress { get; }

    /// <summary>The sender's name as recipients see it, e.g. <c>Gemeinde Musterstadt</c>.</summary>
    public string SenderName { get; }

    /// <summary>The user name of SMTP AUTH; null to send without signing in.</summary>
    public string? UserName { get; }

    /// <summary>The password of SMTP AUTH.</summary>
    public string? Password { get; }

    /// <inheritdoc />
    public override string ToString() => $"Mailserver {Host}:{Port} ({SenderAddress})";
}

/// <summary>A file sent along.</summary>
public sealed record MailAttachment(string FileName, string MediaType, byte[] Content);

/// <summary>A message to one recipient.</summary>
public sealed record OutgoingMail(string RecipientAddress, string? RecipientName, string Subject, string Body, IReadOnlyList<MailAttachment> Attachments);

/// <summary>What the server answered to an accepted message: its Message-ID and the server's last reply.</summary>
public sealed record MailSendResult(string MessageId, string ServerAnswer);

/// <summary>
/// A message was not sent. The message is German and names host and port only, never a password. <see cref="IsTransient"/>
/// tells whether a later attempt may succeed (the server unreachable, a temporary 4xx refusal) or not (wrong credentials,
/// a refused address).
/// </summary>
public sealed class MailSendException(string message, bool isTransient, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when trying again later may succeed.</summary>
    public bool IsTransient { get; } = isTransient;
}

/// <summary>The limits of outgoing mail, in one place.</summary>
public static class MailLimits
{
    /// <summary>The longest subject.</summary>
    public const int MaxSubjectLength = 250;

    /// <summary>The longest body text.</summary>
    public const int MaxBodyLength = 20_000;

    /// <summary>The longest address.</summary>
    public const int MaxAddressLength = 254;

    /// <summary>How long one step of the conversation with the server may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// True for a plain address <c>local@domain</c> (no display name, no group, no line break), as a clerk types it or a
    /// Beteiligter has it.
    /// </summary>
    public static bool IsAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaxAddressLength || address.Any(char.IsWhiteSpace) || address.Any(char.IsControl))
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || !address[(at + 1)..].Contains('.', StringComparison.Ordinal) || address.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        return MailboxAddress.TryParse(address, out var parsed) && string.Equals(parsed.Address, address, StringComparison.Ordinal);
    }
}

/// <summary>Sends messages over SMTP with MailKit.</summary>
public sealed class MailSender(TimeProvider clock)
{
    /// <summary>
    /// Sends the message and returns the server's answer. Throws <see cref="MailSendException"/> with a German message
    /// when the server cannot be reached, refuses the sign-in, the sender or the recipient.
    /// </summary>
    public async Task<MailSendResult> SendAsync(MailServer server, OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(mail);
        var message = Compose(server, mail);
        var where = $"{server.Host}:{server.Port}";
        using var client = new SmtpClient { Timeout = (int)MailLimits.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(server.Host, server.Port, Options(server.Security), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(server.UserName))
            {
                await client.AuthenticateAsync(server.UserName, server.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            var answer = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            return new MailSendResult(message.MessageId ?? "", answer.Trim());
        }
        catch (AuthenticationException error)
        {
            throw new MailSendException($"Der Mailserver {where} hat die Anmeldung abgelehnt. Bitte prüfen Sie Benutzername und Passwort in den E-Mail-Einstellungen.", false, error);
        }
        catch (SmtpCommandException error)
        {
            var transient = (int)error.StatusCode is >= 400 and < 500;
            var what = error.ErrorCode switch
            {
                SmtpErrorCode.RecipientNotAccepted => $"die Empfangsadresse {mail.RecipientAddress} nicht angenommen",
                SmtpErrorCode.SenderNotAccepted => $"die Absenderadresse {server.SenderAddress} nicht angenommen",
                _ => "die Nachricht nicht angenommen",
            };
            throw new MailSendException($"Der Mailserver {where} hat {what}: {(int)error.StatusCode} {error.Message.Trim()}", transient, error);
        }
        catch (SslHandshakeException error)
        {
            throw new MailSendException($"Die verschlüsselte Verbindung zum Mailserver {where} kam nicht zustande. Bitte prüfen Sie die Verschlüsselung in den E-Mail-Einstellungen.", false, error);
        }
        catch (NotSupportedException error)
        {
            // STARTTLS required but not offered, or no authentication mechanism in common.
            throw new MailSendException($"Der Mailserver {where} unterstützt die eingestellte Verschlüsselung oder Anmeldung nicht.", false, error);
        }
        catch (Exception error) when (error is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException
                                          || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new MailSendException($"Der Mailserver {where} ist nicht erreichbar oder hat die Verbindung abgebrochen.", true, error);
        }
    }

    private static SecureSocketOptions Options(MailSecurity security) => security switch
    {
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailSecurity.None => SecureSocketOptions.None,
        _ => throw new ArgumentOutOfRangeException(nameof(security)),
    };

    private MimeMessage Compose(MailServer server, OutgoingMail mail)
    {
        if (!MailLimits.IsAddress(mail.RecipientAddress))
        {
            throw new MailSendException($"„{mail.RecipientAddress}“ ist keine gültige E-Mail-Adresse.", false);
        }

        if (string.IsNullOrWhiteSpace(mail.Subject) || mail.Subject.Length > MailLimits.MaxSubjectLength || mail.Subject.Any(char.IsControl))
        {
            throw new MailSendException($"Der Betreff fehlt, ist länger als {MailLimits.MaxSubjectLength} Zeichen oder enthält Steuerzeichen.", false);
        }

        var message = new MimeMessage { Subject = mail.Subject.Trim(), Date = clock.GetUtcNow() };
        message.From.Add(new MailboxAddress(server.SenderName, server.SenderAddress));
        message.To.Add(new MailboxAddress(mail.RecipientName ?? "", mail.RecipientAddress));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(MailboxAddress.Parse(server.SenderAddress).Domain);
        var body = new BodyBuilder { TextBody = mail.Body };
        foreach (var attachment in mail.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.MediaType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
