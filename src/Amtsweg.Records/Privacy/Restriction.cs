using Amtsweg.Data.Tenancy;

namespace Amtsweg.Records.Privacy;

/// <summary>
/// A restriction of processing (Art. 18 DSGVO) on a Vorgang or a Dokument: it stays stored for its retention period,
/// but ordinary clerks no longer find it or read its content; only the data-protection role does.
/// </summary>
public sealed class Restriction : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary><c>Vorgang</c> or <c>Dokument</c>.</summary>
    public required string SubjectType { get; set; }

    /// <summary>The restricted record.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>
    /// The person the restriction is for: SHA-256 of the folded name (never the name itself, as in the audit trail).
    /// A record restricted for two people stays restricted until both restrictions are lifted. Empty for restrictions
    /// made before the column existed; lifting for a person then takes those on the person's records too.
    /// </summary>
    public string PersonFingerprint { get; set; } = "";

    /// <summary>Why, e.g. the reference of the data subject's request.</summary>
    public required string Reason { get; set; }

    /// <summary>Who restricted it.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
