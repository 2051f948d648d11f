using Amtsweg.Data.Tenancy;

namespace Amtsweg.Records.Model;

/// <summary>A case inside an Akte: everything about one matter, e.g. one application.</summary>
public sealed class Vorgang : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The Akte the Vorgang belongs to.</summary>
    public Guid AkteId { get; set; }

    /// <summary>Running number inside the Akte.</summary>
    public int Number { get; set; }

    /// <summary>The Vorgang's reference: the Aktenzeichen of the Akte and the number, e.g. <c>32.10-0042/2026-3</c>.</summary>
    public required string Aktenzeichen { get; set; }

    /// <summary>The subject.</summary>
    public required string Title { get; set; }

    /// <summary>Open, closed (zdA) or disposed.</summary>
    public RecordState State { get; set; }

    /// <summary>When the Vorgang was opened (UTC).</summary>
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When it was closed (zdA), null while open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Bumped by every command that locks the row, so concurrent changes serialise.</summary>
    public long Revision { get; set; }
}
