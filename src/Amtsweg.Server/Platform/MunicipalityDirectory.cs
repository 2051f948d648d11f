using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Amtsweg.Xml;

namespace Amtsweg.Server.Platform;

/// <summary>One row of the official municipality code list.</summary>
/// <param name="Ags">The 8-digit key.</param>
/// <param name="Name">The official name, for example "Flensburg, Stadt".</param>
/// <param name="FederalState">The federal state, from the key's first two digits.</param>
/// <param name="IsDistrict">
/// True for the rows the list adds for the Stadtstaaten Hamburg, Bremen and Berlin (Hinweis „Stadt-/Ortsteil bzw.
/// Stadtbezirk“): parts of a municipality, not municipalities, so no tenant is created for them.
/// </param>
public sealed record MunicipalityDirectoryEntry(string Ags, string Name, FederalState FederalState, bool IsDistrict);

/// <summary>A code list that cannot be read; the message names the file and, where known, the line.</summary>
public sealed class MunicipalityDirectoryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The official municipality code list of Destatis (genericode, <c>urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags</c>)
/// as an immutable lookup from AGS to name and federal state. Read once per process and file (the list has about
/// 11,000 rows and never changes while the process runs).
/// </summary>
public sealed class MunicipalityDirectory
{
    private const string GenericodeNamespace = "http://docs.oasis-open.org/codelist/ns/genericode/1.0/";

    private static readonly ConcurrentDictionary<string, Lazy<MunicipalityDirectory>> Loaded = new(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, MunicipalityDirectoryEntry> _entries;

    private MunicipalityDirectory(string path, string version, FrozenDictionary<string, MunicipalityDirectoryEntry> entries)
    {
        (Path, Version, _entries) = (path, version, entries);
        MunicipalityCount = entries.Values.Count(e => !e.IsDistrict);
    }

    /// <summary>The file the list was read from.</summary>
    public string Path { get; }

    /// <summary>The list's version as it names it (<c>Identification/Version</c>), for example "2026-06-30".</summary>
    public string Version { get; }

    /// <summary>The version as a German date where it is one ("30.06.2026"), else as written.</summary>
    public string VersionDisplay =>
        DateOnly.TryParseExact(Version, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)
            : Version;

    /// <summary>All rows, municipalities and districts.</summary>
    public int Count => _entries.Count;

    /// <summary>The rows that are municipalities (no districts of the Stadtstaaten).</summary>
    public int MunicipalityCount { get; }

    /// <summary>The row of an AGS, or null when the list does not have it.</summary>
    public MunicipalityDirectoryEntry? Find(string ags) => _entries.GetValueOrDefault(ags);

    /// <summary>
    /// The list in <paramref name="path"/>, read on the first call for that file and kept for the life of the process.
    /// </summary>
    /// <exception cref="MunicipalityDirectoryException">The file is missing, not XML, has a DTD or a bad row.</exception>
    public static MunicipalityDirectory Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var lazy = Loaded.GetOrAdd(full, p => new Lazy<MunicipalityDirectory>(() => Read(p)));
        try
        {
            return lazy.Value;
        }
        catch (MunicipalityDirectoryException)
        {
            // A file that did not read is read again on the next call, after the operator has replaced it.
            Loaded.TryRemove(new KeyValuePair<string, Lazy<MunicipalityDirectory>>(full, lazy));
            throw;
        }
    }

    /// <summary>Reads a code list file without caching it.</summary>
    /// <exception cref="MunicipalityDirectoryException">The file is missing, not XML, has a DTD or a bad row.</exception>
    public static MunicipalityDirectory Read(string path)
    {
        XDocument document;
        try
        {
            document = SafeXml.LoadFile(path);
        }
        catch (XmlException e)
        {
            // A refused DTD comes without a position from the hardened reader; every other XML error has its line.
            var where = e.LineNumber > 0 ? $" (Zeile {e.LineNumber})" : "";
            throw new MunicipalityDirectoryException($"Das Gemeindeverzeichnis {path} ist kein lesbares XML{where}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new MunicipalityDirectoryException($"Das Gemeindeverzeichnis {path} kann nicht gelesen werden: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new MunicipalityDirectoryException($"Das Gemeindeverzeichnis {path} kann nicht gelesen werden: {e.Message}", e);
        }

        XNamespace gc = GenericodeNamespace;
        var root = document.Root;
        if (root is null || root.Name != gc + "CodeList")
        {
            throw new MunicipalityDirectoryException($"Das Gemeindeverzeichnis {path} ist keine Codeliste im Format genericode (Zeile {LineOf(root)}: erwartet wird gc:CodeList).");
        }

        // genericode leaves the children of CodeList in no namespace; some writers put them in gc's: both are read.
        XElement? Child(XElement parent, string name) => parent.Element(name) ?? parent.Element(gc + name);
        IEnumerable<XElement> Children(XElement parent, string name) => parent.Elements(name).Concat(parent.Elements(gc + name));

        var version = (string?)Child(root, "Identification")?.Elements().FirstOrDefault(e => e.Name.LocalName == "Version") ?? "";
        var rows = Child(root, "SimpleCodeList")
            ?? throw new MunicipalityDirectoryException($"Das Gemeindeverzeichnis {path} hat keine SimpleCodeList (Zeile {LineOf(root)}).");
        var entries = new Dictionary<string, MunicipalityDirectoryEntry>(StringComparer.Ordinal);
        foreach (var row in Children(rows, "Row"))
        {
            string? Value(string column) => Children(row, "Value")
                .FirstOrDefault(v => (string?)v.Attribute("ColumnRef") == column) is { } value
                ? ((string?)Child(value, "SimpleValue"))?.Trim()
                : null;

            var ags = Value("SCHLUESSEL");
            var name = Value("Bezeichnung");
            if (!Ags.TryParse(ags, out var state, out var error))
            {
                throw new MunicipalityDirectoryException($"Das Gemeindeverzeichnis {path} hat in Zeile {LineOf(row)} keinen gültigen Schlüssel: {error}");
            }

            if (string.IsNullOrEmpty(name))
            {
                throw new MunicipalityDirectoryException($"Das Gemeindeverzeichnis {path} hat in Zeile {LineOf(row)} keine Bezeichnung zum Schlüssel {ags}.");
            }

            if (!entries.TryAdd(ags!, new MunicipalityDirectoryEntry(ags!, name, state, !string.IsNullOrEmpty(Value("Hinweis")))))
            {
                throw new MunicipalityDirectoryException($"Das Gemeindeverzeichnis {path} nennt den Schlüssel {ags} in Zeile {LineOf(row)} ein zweites Mal.");
            }
        }

        if (entries.Count == 0)
        {
            throw new MunicipalityDirectoryException($"Das Gemeindeverzeichnis {path} enthält keine Zeilen (Zeile {LineOf(rows)}).");
        }

        return new MunicipalityDirectory(path, version, entries.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static int LineOf(XObject? node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
