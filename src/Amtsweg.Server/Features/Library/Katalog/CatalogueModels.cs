namespace Amtsweg.Server.Features.Library.Katalog;

/// <summary>A published catalogue (<c>GET /api/bibliothek/katalog</c>, format <see cref="FormatVersion"/>).</summary>
/// <param name="Format">The format marker.</param>
/// <param name="Installation">The publishing installation's name.</param>
/// <param name="Packages">Every published package version.</param>
public sealed record CatalogueDocument(string? Format, string? Installation, IReadOnlyList<CatalogueEntry?>? Packages)
{
    /// <summary>The format this installation writes and reads.</summary>
    public const string FormatVersion = "amtsweg-katalog/1";
}

/// <summary>One package version in a catalogue.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">Semantic version.</param>
/// <param name="Title">The manifest's title.</param>
/// <param name="Description">The manifest's description.</param>
/// <param name="Leika">LeiKa keys.</param>
/// <param name="PublisherAgs">The publishing municipality's AGS.</param>
/// <param name="PublisherName">The publishing municipality's name.</param>
/// <param name="PublicKey">The publisher's Ed25519 public key in base64, the one the archive is signed with.</param>
/// <param name="Sha256">SHA-256 of the archive, 64 lower-case hex digits.</param>
/// <param name="Size">Size of the archive in bytes.</param>
/// <param name="Url">Where the archive is downloaded, on the catalogue's own server.</param>
public sealed record CatalogueEntry(
    string? Id,
    string? Version,
    string? Title,
    string? Description,
    IReadOnlyList<string>? Leika,
    string? PublisherAgs,
    string? PublisherName,
    string? PublicKey,
    string? Sha256,
    long Size,
    string? Url);
