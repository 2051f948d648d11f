using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Mail;

namespace Amtsweg.Server.Platform;

/// <summary>
/// The municipality's incoming mailbox (issue 15): which IMAP server and folder the Posteingang reads, and how the last
/// round went. User name and password are one of the municipality's secrets of kind basic (ADR 0027), named by
/// <see cref="SecretName"/>. One per municipality. The lease columns let one server process read the mailbox at a time.
/// </summary>
public sealed class MunicipalityMailbox : ITenantOwned
{
    /// <summary>The longest folder name.</summary>
    public const int FolderMaxLength = 200;

    /// <summary>The longest error text kept.</summary>
    public const int ErrorMaxLength = 1000;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The IMAP server's host name or address.</summary>
    public required string Host { get; set; }

    /// <summary>The IMAP port.</summary>
    public int Port { get; set; }

    /// <summary>How the connection is secured; plain only to the own machine.</summary>
    public MailSecurity Security { get; set; }

    /// <summary>The name of the secret (kind basic) with user name and password.</summary>
    public required string SecretName { get; set; }

    /// <summary>The folder read, usually <c>INBOX</c>.</summary>
    public required string Folder { get; set; }

    /// <summary>Whether the mailbox is read.</summary>
    public bool Enabled { get; set; }

    /// <summary>Who changed the settings last.</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>When the settings were changed last (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the mailbox was last read, successfully or not (UTC).</summary>
    public DateTimeOffset? LastPollAt { get; set; }

    /// <summary>The German error of the last round; null when it went well.</summary>
    public string? LastError { get; set; }

    /// <summary>How many messages the last good round took.</summary>
    public int LastTaken { get; set; }

    /// <summary>How many rounds in a row failed; the wait before the next grows with it.</summary>
    public int Failures { get; set; }

    /// <summary>Not before this time is the mailbox read again (UTC); null: at once.</summary>
    public DateTimeOffset? NextPollAt { get; set; }

    /// <summary>The claim of the server process reading the mailbox; a new claim replaces it.</summary>
    public Guid? LeaseToken { get; set; }

    /// <summary>Until when that process holds the mailbox; a crashed process's claim runs out.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>
/// A message the Posteingang refused to take (too large, unreadable, too many attachments): moved on the server to
/// „Amtsweg/Abgewiesen“ and listed for Administration with its German reason. The key is unique, so a round that stops
/// between recording and moving records it once.
/// </summary>
public sealed class MailboxRejection : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The message's key (user, host, folder, UIDVALIDITY, UID).</summary>
    public required string MessageKey { get; set; }

    /// <summary>The sender as the message names it.</summary>
    public string? Sender { get; set; }

    /// <summary>The subject.</summary>
    public string? Subject { get; set; }

    /// <summary>The size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>Why it was refused, in German.</summary>
    public required string Reason { get; set; }

    /// <summary>When it was refused (UTC).</summary>
    public DateTimeOffset RejectedAt { get; set; }
}
