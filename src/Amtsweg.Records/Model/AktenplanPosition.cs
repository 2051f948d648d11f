using Amtsweg.Data.Tenancy;

namespace Amtsweg.Records.Model;

/// <summary>A position of the tenant's Aktenplan (file plan), e.g. <c>32.10 Gewerbeangelegenheiten</c>.</summary>
public sealed class AktenplanPosition : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The parent position; null for a top-level position.</summary>
    public Guid? ParentId { get; set; }

    /// <summary>The position's number, unique per tenant, e.g. <c>32.10</c>.</summary>
    public required string Code { get; set; }

    /// <summary>The title, e.g. <c>Gewerbeangelegenheiten</c>.</summary>
    public required string Title { get; set; }

    /// <summary>Aufbewahrungsfrist in years, counted from the close (zdA) of an Akte.</summary>
    public int RetentionYears { get; set; }

    /// <summary>What happens when the retention period has run out.</summary>
    public DisposalRule DisposalRule { get; set; }
}
