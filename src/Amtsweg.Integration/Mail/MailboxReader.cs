using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace Amtsweg.Integration.Mail;

/// <summary>
/// A municipality's incoming mailbox (IMAP). <see cref="ToString"/> never shows the password, so that a mailbox that
/// ends up in a log line or an exception text by mistake shows only host and user.
/// </summary>
public sealed class MailboxServer
{
    /// <summary>Creates the settings.</summary>
    public MailboxServer(string host, int port, MailSecurity security, string userName, string password, string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        (Host, Port, Security, UserName, Password, Folder) = (host, port, security, userName, password, folder);
    }

    /// <summary>The server's host name or address.</summary>
    public string Host { get; }

    /// <summary>The IMAP port.</summary>
    public int Port { get; }

    /// <summary>How the connection is secured.</summary>
    public MailSecurity Security { get; }

    /// <summary>The IMAP user name.</summary>
    public string UserName { get; }

    /// <summary>The IMAP password.</summary>
    public string Password { get; }

    /// <summary>The folder read, e.g. <c>INBOX</c>.</summary>
    public string Folder { get; }

    /// <inheritdoc />
    public override string ToString() => $"Postfach {UserName} auf {Host}:{Port}";
}

/// <summary>A message in the mailbox, before its content is downloaded.</summary>
/// <param name="Key">
/// What identifies it for good: user, host, folder, UIDVALIDITY and UID. IMAP guarantees that a UID is never given to
/// another message of the folder while its UIDVALIDITY stays the same.
/// </param>
/// <param name="Size">Its size in bytes as the server reports it.</param>
/// <param name="Subject">Its subject, if any.</param>
/// <param name="Sender">Its sender, if any.</param>
/// <param name="Date">The date it bears, if any.</param>
public sealed record MailboxMessage(string Key, long Size, string? Subject, string? Sender, DateTimeOffset? Date);

/// <summary>Where a message goes on the server after Amtsweg decided about it.</summary>
public enum MailboxDecision
{
    /// <summary>Stored in the Posteingang: moved to <see cref="MailboxReader.TakenFolder"/>.</summary>
    Taken,

    /// <summary>Refused (too large, bad content): moved to <see cref="MailboxReader.RejectedFolder"/>.</summary>
    Rejected,
}

/// <summary>What Amtsweg does with the messages of a round; called one message at a time.</summary>
public interface IMailboxSink
{
    /// <summary>
    /// The decision that needs no download: one taken or refused before (a round that stopped between storing and
    /// moving), or a message too large to take. Null: download it and call <see cref="TakeAsync"/>.
    /// </summary>
    Task<MailboxDecision?> DecideBeforeDownloadAsync(MailboxMessage message, CancellationToken cancellationToken);

    /// <summary>Stores the message (its raw bytes) or records why it is refused. Throws when neither happened.</summary>
    Task<MailboxDecision> TakeAsync(MailboxMessage message, Stream content, CancellationToken cancellationToken);
}

/// <summary>What a round did.</summary>
public sealed record MailboxRound(int Taken, int Rejected, int Left);

/// <summary>
/// A mailbox could not be read. The message is German and names host and port only, never a password.
/// </summary>
public sealed class MailboxException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads a mailbox over IMAP with MailKit. Every message is first handed to the sink (which stores it), and only then
/// moved on the server into <see cref="TakenFolder"/> or <see cref="RejectedFolder"/>: a failure before the store leaves
/// the message where it was for the next round, and a failure between store and move is caught by the sink, which
/// remembers the message's key.
/// </summary>
public sealed class MailboxReader
{
    /// <summary>The folder Amtsweg creates for its own folders.</summary>
    public const string RootFolder = "Amtsweg";

    /// <summary>Where taken messages go.</summary>
    public const string TakenFolder = "Übernommen";

    /// <summary>Where refused messages go.</summary>
    public const string RejectedFolder = "Abgewiesen";

    /// <summary>Signs in and opens the folder; returns how many messages it holds.</summary>
    public async Task<int> CheckAsync(MailboxServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var client = new ImapClient { Timeout = (int)MailLimits.Timeout.TotalMilliseconds };
        return await Guard(server, cancellationToken, async () =>
        {
            await ConnectAsync(client, server, cancellationToken).ConfigureAwait(false);
            var folder = await OpenAsync(client, server, FolderAccess.ReadOnly, cancellationToken).ConfigureAwait(false);
            var count = folder.Count;
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            return count;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads up to <paramref name="maxMessages"/> messages of the folder, oldest first, hands each to the sink and moves it.
    /// Throws <see cref="MailboxException"/> when the server cannot be reached, refuses the sign-in or lacks the folder.
    /// </summary>
    public async Task<MailboxRound> ReadAsync(MailboxServer server, IMailboxSink sink, int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(sink);
        using var client = new ImapClient { Timeout = (int)MailLimits.Timeout.TotalMilliseconds };
        return await Guard(server, cancellationToken, async () =>
        {
            await ConnectAsync(client, server, cancellationToken).ConfigureAwait(false);
            var folder = await OpenAsync(client, server, FolderAccess.ReadWrite, cancellationToken).ConfigureAwait(false);
            var summaries = folder.Count == 0
                ? []
                : await folder.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.Envelope, cancellationToken).ConfigureAwait(false);
            if (summaries.Count == 0)
            {
                await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
                return new MailboxRound(0, 0, 0);
            }

            var (taken, rejected) = await TargetsAsync(client, cancellationToken).ConfigureAwait(false);
            int takenCount = 0, rejectedCount = 0;
            foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id).Take(maxMessages))
            {
                var message = Describe(server, folder.UidValidity, summary);
                var decision = await sink.DecideBeforeDownloadAsync(message, cancellationToken).ConfigureAwait(false);
                if (decision is null)
                {
                    var content = await folder.GetStreamAsync(summary.UniqueId, "", cancellationToken).ConfigureAwait(false);
                    await using (content.ConfigureAwait(false))
                    {
                        decision = await sink.TakeAsync(message, content, cancellationToken).ConfigureAwait(false);
                    }
                }

                await folder.MoveToAsync(summary.UniqueId, decision == MailboxDecision.Taken ? taken : rejected, cancellationToken).ConfigureAwait(false);
                if (decision == MailboxDecision.Taken)
                {
                    takenCount++;
                }
                else
                {
                    rejectedCount++;
                }
            }

            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            return new MailboxRound(takenCount, rejectedCount, Math.Max(0, summaries.Count - maxMessages));
        }).ConfigureAwait(false);
    }

    private static MailboxMessage Describe(MailboxServer server, uint uidValidity, IMessageSummary summary)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"imap://{server.UserName}@{server.Host}/{server.Folder};UIDVALIDITY={uidValidity};UID={summary.UniqueId.Id}");
        var envelope = summary.Envelope;
        var sender = envelope?.From.Mailboxes.FirstOrDefault() is { } from ? (string.IsNullOrWhiteSpace(from.Name) ? from.Address : $"{from.Name} <{from.Address}>") : null;
        return new MailboxMessage(key, summary.Size ?? 0, envelope?.Subject, sender, envelope?.Date);
    }

    private static async Task ConnectAsync(ImapClient client, MailboxServer server, CancellationToken cancellationToken)
    {
        var options = server.Security switch
        {
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            MailSecurity.None => SecureSocketOptions.None,
            _ => throw new ArgumentOutOfRangeException(nameof(server)),
        };
        await client.ConnectAsync(server.Host, server.Port, options, cancellationToken).ConfigureAwait(false);
        await client.AuthenticateAsync(server.UserName, server.Password, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IMailFolder> OpenAsync(ImapClient client, MailboxServer server, FolderAccess access, CancellationToken cancellationToken)
    {
        var folder = string.Equals(server.Folder, "INBOX", StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(server.Folder, cancellationToken).ConfigureAwait(false);
        await folder.OpenAsync(access, cancellationToken).ConfigureAwait(false);
        return folder;
    }

    // The folders are created on first use; the names are German because the municipality's staff see them in their mail program.
    private static async Task<(IMailFolder Taken, IMailFolder Rejected)> TargetsAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var root = await SubfolderAsync(client.GetFolder(client.PersonalNamespaces[0]), RootFolder, cancellationToken).ConfigureAwait(false);
        var taken = await SubfolderAsync(root, TakenFolder, cancellationToken).ConfigureAwait(false);
        var rejected = await SubfolderAsync(root, RejectedFolder, cancellationToken).ConfigureAwait(false);
        return (taken, rejected);
    }

    private static async Task<IMailFolder> SubfolderAsync(IMailFolder parent, string name, CancellationToken cancellationToken)
    {
        var existing = (await parent.GetSubfoldersAsync(false, cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.Name == name);
        return existing
            ?? await parent.CreateAsync(name, true, cancellationToken).ConfigureAwait(false)
            ?? throw new MailboxException($"Der Mailserver hat den Ordner „{name}“ nicht angelegt.");
    }

    private static async Task<T> Guard<T>(MailboxServer server, CancellationToken cancellationToken, Func<Task<T>> work)
    {
        var where = $"{server.Host}:{server.Port}";
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (AuthenticationException error)
        {
            throw new MailboxException($"Der Mailserver {where} hat die Anmeldung als {server.UserName} abgelehnt. Bitte prüfen Sie Benutzername und Passwort.", error);
        }
        catch (FolderNotFoundException error)
        {
            throw new MailboxException($"Auf dem Mailserver {where} gibt es den Ordner „{server.Folder}“ nicht.", error);
        }
        catch (SslHandshakeException error)
        {
            throw new MailboxException($"Die verschlüsselte Verbindung zum Mailserver {where} kam nicht zustande. Bitte prüfen Sie die Verschlüsselung.", error);
        }
        catch (NotSupportedException error)
        {
            throw new MailboxException($"Der Mailserver {where} unterstützt die eingestellte Verschlüsselung oder Anmeldung nicht.", error);
        }
        catch (ImapCommandException error)
        {
            throw new MailboxException($"Der Mailserver {where} hat einen Befehl abgelehnt: {error.Response} {error.ResponseText}", error);
        }
        catch (Exception error) when (error is SocketException or IOException or ImapProtocolException or ServiceNotConnectedException or TimeoutException
                                          || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new MailboxException($"Der Mailserver {where} ist nicht erreichbar oder hat die Verbindung abgebrochen.", error);
        }
    }
}
