using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>Where a <see cref="PublishingRequest"/> stands.</summary>
public enum PublishingRequestState
{
    /// <summary>Offen: waits for a Leitung other than the uploader.</summary>
    Open,

    /// <summary>Veröffentlicht: approved; the package version is in the installation's library and catalogue.</summary>
    Published,

    /// <summary>Abgelehnt: refused with a reason; nothing was published.</summary>
    Refused,
}

/// <summary>
/// A signed package version a municipality's Prozessgestaltung handed in for publishing in this installation's catalogue
/// (issue 14.3, "Publishing needs a second person"). Verified when it came (signature, manifest, the publisher is the own
/// municipality); kept exactly as received until a person with the role Leitung of the same municipality, other than the
/// uploader, approves it (then it becomes a <see cref="LibraryPackage"/>, origin <see cref="LibraryPackageOrigin.Hochgeladen"/>,
/// and the catalogue lists it) or refuses it with a reason. <see cref="Revision"/> is a concurrency token: of two
/// decisions at the same moment only the first counts.
/// </summary>
public sealed class PublishingRequest : ITenantOwned
{
    /// <summary>Longest reason of a refusal.</summary>
    public const int ReasonMaxLength = 1000;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality that publishes.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The manifest's package id.</summary>
    public required string PackageId { get; set; }

    /// <summary>The manifest's version.</summary>
    public required string Version { get; set; }

    /// <summary>The manifest's title.</summary>
    public required string Title { get; set; }

    /// <summary>The signing key (Ed25519, base64) from <c>signatur.json</c>.</summary>
    public required string PublisherPublicKey { get; set; }

    /// <summary>The signed <c>.amtsweg-paket</c> exactly as uploaded.</summary>
    public required byte[] Archive { get; set; }

    /// <summary>SHA-256 of <see cref="Archive"/>, 64 lower-case hex digits.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Who uploaded it (login name).</summary>
    public required string RequestedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>Open, published or refused.</summary>
    public PublishingRequestState State { get; set; }

    /// <summary>Who approved or refused it, or null while open.</summary>
    public string? DecidedBy { get; set; }

    /// <summary>When it was decided (UTC).</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Why it was refused, or null.</summary>
    public string? Reason { get; set; }

    /// <summary>The library row the approval created, or null.</summary>
    public Guid? LibraryPackageId { get; set; }

    /// <summary>Counts the changes of state; checked as a concurrency token.</summary>
    public int Revision { get; set; }
}
