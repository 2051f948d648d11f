using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Connectors;

namespace Amtsweg.Server.Platform;

/// <summary>
/// A named secret of one municipality that its connectors use (an API key, a user name with password, an OAuth 2.0
/// client secret), so that no process model carries one (ADR 0027). The value is stored only encrypted with ASP.NET
/// Core Data Protection under a purpose that includes the municipality (<see cref="PlatformConnectorSecrets"/>); after
/// saving, nobody sees it again: the page shows name, kind and who changed it when.
/// </summary>
public sealed class MunicipalitySecret : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The name a connector task's header <c>geheimnis</c> gives, unique in the municipality (<see cref="SecretNames"/>).</summary>
    public required string Name { get; set; }

    /// <summary>What it is.</summary>
    public SecretKind Kind { get; set; }

    /// <summary>The value (and a basic secret's user name) as Data Protection's protected payload.</summary>
    public required string Protected { get; set; }

    /// <summary>Who saved it last (user name).</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>When it was saved last (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
