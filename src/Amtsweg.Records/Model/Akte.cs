using Amtsweg.Data.Tenancy;

namespace Amtsweg.Records.Model;

/// <summary>A file: the Vorgänge on one subject, filed under one Aktenplan position.</summary>
public sealed class Akte : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The Aktenplan position the Akte is filed under.</summary>
    public Guid PositionId { get; set; }

    /// <summary>The file reference, unique per tenant, e.g. <c>32.10-0042/2026</c>.</summary>
    public required string Aktenzeichen { get; set; }

    /// <summary>The subject.</summary>
    public required string Title { get; set; }

    /// <summary>The year of the Aktenzeichen.</summary>
    public int Year { get; set; }

    /// <summary>The running number within position and year.</summary>
    public int Number { get; set; }

    /// <summary>Open, closed (zdA) or disposed.</summary>
    public RecordState State { get; set; }

    /// <summary>When the Akte was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the Akte was closed (zdA); the retention period starts here.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>True while a legal hold (Aufbewahrungssperre, e.g. for a lawsuit) blocks the disposal.</summary>
    public bool LegalHold { get; set; }

    /// <summary>Why the legal hold was set.</summary>
    public string? LegalHoldReason { get; set; }

    /// <summary>Bumped by every command that locks the row, so concurrent changes serialise.</summary>
    public long Revision { get; set; }
}
