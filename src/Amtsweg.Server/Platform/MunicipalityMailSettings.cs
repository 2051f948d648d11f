using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Mail;

namespace Amtsweg.Server.Platform;

/// <summary>
/// The municipality's outgoing mail server (issue 15.2): host, port, encryption and the sender recipients see. The
/// user name and password are not here but in one of the municipality's secrets of kind basic (ADR 0027), named by
/// <see cref="SecretName"/>; without one, mail is sent without signing in. One per municipality.
/// </summary>
public sealed class MunicipalityMailSettings : ITenantOwned
{
    /// <summary>The longest host name.</summary>
    public const int HostMaxLength = 253;

    /// <summary>The longest sender name.</summary>
    public const int SenderNameMaxLength = 200;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The SMTP server's host name or address.</summary>
    public required string Host { get; set; }

    /// <summary>The SMTP port.</summary>
    public int Port { get; set; }

    /// <summary>How the connection is secured.</summary>
    public MailSecurity Security { get; set; }

    /// <summary>The sender's address.</summary>
    public required string SenderAddress { get; set; }

    /// <summary>The sender's name.</summary>
    public required string SenderName { get; set; }

    /// <summary>The name of the secret (kind basic) with user name and password; null to send without signing in.</summary>
    public string? SecretName { get; set; }

    /// <summary>Who changed them last.</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>When they were changed last (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
