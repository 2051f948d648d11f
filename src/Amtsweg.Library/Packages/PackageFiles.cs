namespace Amtsweg.Library.Packages;

/// <summary>
/// The files of a package as read (<see cref="PackageReader"/>), by their path inside the package with <c>/</c> as
/// separator, in ordinal order. The signature of a signed archive (<c>signatur.json</c>) is kept apart from the files.
/// </summary>
public sealed class PackageFiles
{
    /// <summary>The name of the signature file at the root of a signed archive.</summary>
    public const string SignatureFile = "signatur.json";

    /// <summary>Creates the file set.</summary>
    /// <param name="source">Where the package was read from (folder or archive), for messages.</param>
    /// <param name="files">The files by path.</param>
    /// <param name="signature">The bytes of <c>signatur.json</c> of a signed archive, or null.</param>
    public PackageFiles(string source, IReadOnlyDictionary<string, byte[]> files, byte[]? signature = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(files);
        Source = source;
        Files = new SortedDictionary<string, byte[]>(files.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        Signature = signature;
    }

    /// <summary>Where the package was read from.</summary>
    public string Source { get; }

    /// <summary>The files by path, in ordinal order.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>The bytes of <c>signatur.json</c>, or null when the package was not a signed archive.</summary>
    public byte[]? Signature { get; }

    /// <summary>The paths of the files in one folder (<c>prozesse</c>) with one extension (<c>.bpmn</c>), in order.</summary>
    public IEnumerable<string> In(string folder, string extension) =>
        Files.Keys.Where(path => path.StartsWith(folder + "/", StringComparison.Ordinal) && path.EndsWith(extension, StringComparison.Ordinal) && path.Count(c => c == '/') == 1);

    /// <summary>A file's text (UTF-8, a byte order mark dropped).</summary>
    /// <exception cref="PackageTextException">The file is not UTF-8.</exception>
    public string Text(string path)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Files[path]).TrimStart('\uFEFF');
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new PackageTextException(path);
        }
    }
}

/// <summary>A file of a package that is not UTF-8 text.</summary>
public sealed class PackageTextException : Exception
{
    /// <summary>Creates the exception for the file at <paramref name="path"/>.</summary>
    public PackageTextException(string path)
        : base("Die Datei ist nicht in UTF-8 kodiert.") => Path = path;

    /// <summary>Creates the exception.</summary>
    public PackageTextException()
        : this(string.Empty)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PackageTextException(string message, Exception innerException)
        : base(message, innerException) => Path = string.Empty;

    /// <summary>The file's path inside the package.</summary>
    public string Path { get; }
}
