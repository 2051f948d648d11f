using Amtsweg.Data.Tenancy;

namespace Amtsweg.Records.Model;

/// <summary>A note (Vermerk) on a Vorgang. Written once, never changed.</summary>
public sealed class Vermerk : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The Vorgang.</summary>
    public Guid VorgangId { get; set; }

    /// <summary>The text.</summary>
    public required string Text { get; set; }

    /// <summary>Who wrote it.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A follow-up date (Wiedervorlage) on a Vorgang.</summary>
public sealed class Wiedervorlage : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The Vorgang.</summary>
    public Guid VorgangId { get; set; }

    /// <summary>The day the Vorgang is due again.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>Why.</summary>
    public required string Reason { get; set; }

    /// <summary>Who set it.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was set (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The counter behind the running number of Aktenzeichen: one row per tenant, position and year.</summary>
public sealed class AktenzeichenCounter : ITenantOwned
{
    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The Aktenplan position.</summary>
    public Guid PositionId { get; set; }

    /// <summary>The year.</summary>
    public int Year { get; set; }

    /// <summary>The last number handed out.</summary>
    public int LastNumber { get; set; }
}
