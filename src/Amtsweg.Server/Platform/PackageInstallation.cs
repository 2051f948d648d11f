using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>
/// A package a municipality installed (issue 14): which version, its parameter values, and what the installation deployed,
/// so that an update knows what it replaces and which processes get the municipality's <c>parameter</c> at start. One
/// per municipality and package id; an update changes the row.
/// </summary>
public sealed class PackageInstallation : ITenantOwned
{
    /// <summary>Longest JSON of the parameter values.</summary>
    public const int ParametersMaxLength = 100_000;

    /// <summary>Longest JSON of what was deployed.</summary>
    public const int DeployedMaxLength = 100_000;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The package id (<c>hundesteuer</c>).</summary>
    public required string PackageId { get; set; }

    /// <summary>The installed version.</summary>
    public required string Version { get; set; }

    /// <summary>The <see cref="LibraryPackage"/> row of the installed version.</summary>
    public Guid LibraryPackageId { get; set; }

    /// <summary>
    /// The municipality's values of every parameter the installed version declares, as a JSON object typed as the
    /// manifest declares (numbers as numbers, dates and durations as text).
    /// </summary>
    public required string Parameters { get; set; }

    /// <summary>What the last install or update deployed, as JSON (<see cref="Features.Library.InstalledParts"/>).</summary>
    public required string Deployed { get; set; }

    /// <summary>Who installed it first.</summary>
    public required string InstalledBy { get; set; }

    /// <summary>When it was installed first (UTC).</summary>
    public DateTimeOffset InstalledAt { get; set; }

    /// <summary>Who installed the current version.</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>When the current version was installed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Raised by every update; two updates at the same moment cannot both win.</summary>
    public int Revision { get; set; }
}
