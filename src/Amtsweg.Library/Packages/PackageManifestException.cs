namespace Amtsweg.Library.Packages;

/// <summary>A manifest that cannot be read: the German message names the place as a JSON path (<see cref="Path"/>) and what is wrong.</summary>
public sealed class PackageManifestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PackageManifestException(string path, string message)
        : base(path.Length == 0 ? message : $"{path}: {message}")
    {
        Path = path;
        Problem = message;
    }

    /// <summary>Creates the exception.</summary>
    public PackageManifestException()
        : this(string.Empty, "Das Manifest ist ungültig.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public PackageManifestException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PackageManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Problem = message;
    }

    /// <summary>Where in the manifest, as a JSON path (<c>parameters[0].default</c>); empty for the file as a whole.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Problem { get; }
}
