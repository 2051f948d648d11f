namespace Amtsweg.Decisions.Model;

/// <summary>The XML namespaces of DMN 1.1 to 1.5 models.</summary>
public static class DmnNamespaces
{
    /// <summary>DMN 1.1.</summary>
    public const string Dmn11 = "http://www.omg.org/spec/DMN/20151101/dmn.xsd";

    /// <summary>DMN 1.2.</summary>
    public const string Dmn12 = "http://www.omg.org/spec/DMN/20180521/MODEL/";

    /// <summary>DMN 1.3 (what dmn-js saves).</summary>
    public const string Dmn13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";

    /// <summary>DMN 1.4.</summary>
    public const string Dmn14 = "https://www.omg.org/spec/DMN/20211108/MODEL/";

    /// <summary>DMN 1.5.</summary>
    public const string Dmn15 = "https://www.omg.org/spec/DMN/20230324/MODEL/";

    private static readonly Dictionary<string, string> Versions = new(StringComparer.Ordinal)
    {
        [Dmn11] = "1.1",
        [Dmn12] = "1.2",
        [Dmn13] = "1.3",
        [Dmn14] = "1.4",
        [Dmn15] = "1.5",
    };

    /// <summary>Whether the namespace is one of the DMN model namespaces (ignoring a trailing slash and the URI scheme).</summary>
    public static bool IsModelNamespace(string ns) => VersionOf(ns) is not null;

    /// <summary>The DMN version ("1.1" to "1.5") of a model namespace, or <see langword="null"/>.</summary>
    public static string? VersionOf(string ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        foreach (var (key, version) in Versions)
        {
            if (Normalise(key) == Normalise(ns))
            {
                return version;
            }
        }

        return null;
    }

    private static string Normalise(string ns)
    {
        var s = ns.Trim().TrimEnd('/');
        var schemeEnd = s.IndexOf("://", StringComparison.Ordinal);
        return schemeEnd >= 0 ? s[(schemeEnd + 3)..] : s;
    }
}
