namespace Amtsweg.Library.Packages;

/// <summary>
/// The limits on a package's files, in one place: far above any real package, they bound the work and memory a hostile
/// archive can cost. They are checked while reading (bytes counted as they are unpacked), never taken from a zip's headers.
/// </summary>
public static class PackageLimits
{
    /// <summary>Most entries (files and folders) a package archive may hold.</summary>
    public const int MaxEntries = 500;

    /// <summary>Most bytes of one file, unpacked (5 MB).</summary>
    public const long MaxFileBytes = 5L * 1024 * 1024;

    /// <summary>Most bytes of all files together, unpacked (20 MB); also the largest archive file read.</summary>
    public const long MaxTotalBytes = 20L * 1024 * 1024;

    /// <summary>Highest ratio of unpacked to packed bytes of one entry (a zip bomb has thousands).</summary>
    public const int MaxCompressionRatio = 100;

    /// <summary>
    /// The ratio is checked once an entry has given this many bytes: a small file of repeated characters (an indented
    /// JSON file) may pack better than 1:100 without being a bomb, and below this size it costs nothing.
    /// </summary>
    public const long CompressionRatioCheckedFrom = 64L * 1024;
}
