namespace Amtsweg.Library.Packages;

/// <summary>One thing wrong with a package, in German: the file (path inside the package), the element or JSON path in it, and what is wrong.</summary>
/// <param name="File">The file's path inside the package (<c>prozesse/hundesteuer.bpmn</c>), or the package itself.</param>
/// <param name="Element">The element id, JSON path or line in the file; null for the file as a whole.</param>
/// <param name="Message">What is wrong, in German.</param>
public sealed record PackageProblem(string File, string? Element, string Message)
{
    /// <summary>The line <c>file: element: message</c> (without the element when there is none).</summary>
    public override string ToString() => Element is { Length: > 0 } element ? $"{File}: {element}: {Message}" : $"{File}: {Message}";
}

/// <summary>
/// A package that cannot be read at all (not a folder or archive, unsafe or corrupt archive, a file that cannot be read,
/// a limit of <see cref="PackageLimits"/> passed). The German message names the file.
/// </summary>
public sealed class PackageReadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PackageReadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PackageReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PackageReadException()
        : this("Das Paket lässt sich nicht lesen.")
    {
    }
}
