using Amtsweg.Data.Tenancy;

namespace Amtsweg.Records.Model;

/// <summary>
/// A person taking part in a Vorgang (Beteiligte: applicant, neighbour, witness, ...): the person reference that the
/// DSGVO rights of access, erasure and restriction look for besides the documents' sender, recipient and text.
/// </summary>
public sealed class Beteiligter : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The Vorgang.</summary>
    public Guid VorgangId { get; set; }

    /// <summary>The role in the Vorgang, e.g. <c>Antragsteller</c>, <c>Nachbar</c>.</summary>
    public required string Role { get; set; }

    /// <summary>The full name, e.g. <c>Erika Müller</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The postal address, if known.</summary>
    public string? Address { get; set; }

    /// <summary>The e-mail address, if known.</summary>
    public string? Email { get; set; }

    /// <summary>The date of birth, if known.</summary>
    public DateOnly? BirthDate { get; set; }

    /// <summary>Who added the person.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who removed the person from the Vorgang; null while the person takes part.</summary>
    public string? RemovedBy { get; set; }

    /// <summary>
    /// When the person was removed (UTC); null while the person takes part. A removed Beteiligter keeps name and role
    /// for the Vorgang's Verlauf; address, e-mail and birth date are cleared at removal.
    /// </summary>
    public DateTimeOffset? RemovedAt { get; set; }
}
