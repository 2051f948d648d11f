using Amtsweg.Library.Packages;

namespace Amtsweg.Server.Platform;

/// <summary>Where a <see cref="LibraryPackage"/> came from.</summary>
public enum LibraryPackageOrigin
{
    /// <summary>Mitgeliefert: a package of the repository's <c>library/</c> folder, shipped with the platform (unsigned).</summary>
    Mitgeliefert,

    /// <summary>Hochgeladen: a signed archive someone handed in (the CLI's <c>package import</c>, later the library page).</summary>
    Hochgeladen,

    /// <summary>Katalog: pulled from another installation's published catalogue (issue 14.4).</summary>
    Katalog,
}

/// <summary>
/// A package version this installation knows (issue 14): the archive exactly as received, with what its manifest says,
/// so that a municipality can install it and the library can show it. Installation-wide: no tenant owns it (as
/// <see cref="Municipality"/>), which keeps it out of the tenant filter, the stamping and row-level security; what a
/// municipality installed is its <see cref="PackageInstallation"/>. One row per package id and version.
/// </summary>
public sealed class LibraryPackage
{
    /// <summary>Longest package id (<c>amtsweg-package/1</c>: 3 to 64 characters).</summary>
    public const int PackageIdMaxLength = 64;

    /// <summary>Longest semantic version with suffix.</summary>
    public const int VersionMaxLength = 100;

    /// <summary>Longest title.</summary>
    public const int TitleMaxLength = 300;

    /// <summary>Longest description.</summary>
    public const int DescriptionMaxLength = 10_000;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The package id of the manifest (<c>hundesteuer</c>).</summary>
    public required string PackageId { get; set; }

    /// <summary>The semantic version of the manifest (<c>1.0.0</c>).</summary>
    public required string Version { get; set; }

    /// <summary>The manifest's title.</summary>
    public required string Title { get; set; }

    /// <summary>The manifest's description.</summary>
    public required string Description { get; set; }

    /// <summary>The manifest's LeiKa keys, separated by commas; empty when it names none.</summary>
    public required string LeikaKeys { get; set; }

    /// <summary>The publishing municipality's AGS.</summary>
    public required string PublisherAgs { get; set; }

    /// <summary>The publishing municipality's name.</summary>
    public required string PublisherName { get; set; }

    /// <summary>The publisher's Ed25519 public key in base64 from <c>signatur.json</c>; null for an unsigned package (shipped with the platform, or a developer's folder).</summary>
    public string? PublisherPublicKey { get; set; }

    /// <summary>The signed <c>.amtsweg-paket</c> as received, or a zip of the shipped folder.</summary>
    public required byte[] Archive { get; set; }

    /// <summary>The SHA-256 of <see cref="Archive"/>, 64 lower-case hex digits.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Where it came from.</summary>
    public LibraryPackageOrigin Origin { get; set; }

    /// <summary>When it was added (UTC).</summary>
    public DateTimeOffset AddedAt { get; set; }

    /// <summary>Who added it (a login name, or <c>System</c> for the demo's shipped packages).</summary>
    public required string AddedBy { get; set; }

    /// <summary>The catalogue it was fetched from (origin <see cref="LibraryPackageOrigin.Katalog"/>); null otherwise.</summary>
    public string? CatalogueUrl { get; set; }

    /// <summary>A new row for an archive, with what its manifest says.</summary>
    public static LibraryPackage Of(PackageManifest manifest, byte[] archive, string sha256, string? publicKey, LibraryPackageOrigin origin, string addedBy, DateTimeOffset addedAt) => new()
    {
        Id = Guid.CreateVersion7(),
        PackageId = manifest.Id,
        Version = manifest.Version,
        Title = manifest.Title,
        Description = manifest.Description,
        LeikaKeys = string.Join(",", manifest.Leika),
        PublisherAgs = manifest.Publisher.Ags,
        PublisherName = manifest.Publisher.Name,
        PublisherPublicKey = publicKey,
        Archive = archive,
        Sha256 = sha256,
        Origin = origin,
        AddedAt = addedAt,
        AddedBy = addedBy,
    };
}
