namespace Amtsweg.Server.Platform;

/// <summary>
/// Another installation's published catalogue that this installation pulls packages from (issue 14.4). Installation-wide
/// like <see cref="LibraryPackage"/>: what is fetched lands in the shared library, offered to every municipality.
/// </summary>
public sealed class CatalogueSubscription
{
    /// <summary>Longest catalogue URL.</summary>
    public const int UrlMaxLength = 2000;

    /// <summary>Longest name.</summary>
    public const int NameMaxLength = 200;

    /// <summary>Longest recorded result of a fetch.</summary>
    public const int LastErrorMaxLength = 8000;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The catalogue's URL (<c>https://…/api/bibliothek/katalog</c>; plain HTTP only for loopback addresses).</summary>
    public required string Url { get; set; }

    /// <summary>A name people recognise (<c>Kreis-IT Musterland</c>).</summary>
    public required string Name { get; set; }

    /// <summary>Who added it.</summary>
    public required string AddedBy { get; set; }

    /// <summary>When it was added (UTC).</summary>
    public DateTimeOffset AddedAt { get; set; }

    /// <summary>When it was last fetched (UTC); null before the first fetch.</summary>
    public DateTimeOffset? LastFetchedAt { get; set; }

    /// <summary>How many package versions the last fetch took into the library.</summary>
    public int LastImported { get; set; }

    /// <summary>What went wrong in the last fetch, in German, one problem a line; null when nothing did.</summary>
    public string? LastError { get; set; }
}
