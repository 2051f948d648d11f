using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Amtsweg.Xml;

namespace Amtsweg.Integration.Fim;

/// <summary>
/// Reads XDatenfelder 2.0 (<c>xdatenfelder.stammdatenschema.0102</c>) and 3.0.0 (<c>xdatenfelder.stammdatenschema.0102</c>,
/// <c>xdatenfelder.datenfeldgruppe.0103</c>) messages through <see cref="SafeXml"/> into the importer's model. Anything broken
/// (DTD, unknown namespace or message, missing or duplicate id, an element given twice, an invalid status or Anzahl) is a
/// <see cref="FimImportException"/> naming the element and its line; elements the model does not use are listed as notes.
/// </summary>
internal sealed class XDatenfelderReader
{
    public const string Namespace2 = "urn:xoev-de:fim:standard:xdatenfelder_2";
    public const string Namespace3 = "urn:xoev-de:fim:standard:xdatenfelder_3.0.0";

    // Status codes: XDatenfelder 2 code list xdatenfelder.status; XDatenfelder 3 Freigabestatus (1 in Planung … 8 vorgesehen zum Löschen).
    private static readonly HashSet<string> Status2 = new(StringComparer.Ordinal) { "aktiv", "inaktiv", "vorbereitung" };
    private static readonly HashSet<string> Status3 = new(StringComparer.Ordinal) { "1", "2", "3", "4", "5", "6", "7", "8" };

    // Elements of a building block that a form cannot show (metadata of the catalogue); read past without a note.
    private static readonly HashSet<string> Metadata = new(StringComparer.Ordinal)
    {
        "bezeichnungAusgabe", "definition", "bezug", "status", "freigabestatus", "statusGesetztAm", "statusGesetztDurch",
        "fachlicherErsteller", "versionshinweis", "freigabedatum", "veroeffentlichungsdatum", "letzteAenderung", "gueltigAb",
        "gueltigBis", "schemaelementart", "hilfetextAusgabe", "stichwort", "relation", "ableitungsmodifikationenStruktur",
        "ableitungsmodifikationenRepraesentation", "dokumentsteckbrief", "art", "vorbefuellung", "codeKey", "nameKey", "helpKey",
        "bezeichnung",
    };

    // Single-valued elements: given twice, the message is broken (which of the two would count?).
    private static readonly HashSet<string> Single = new(StringComparer.Ordinal)
    {
        "identifikation", "name", "bezeichnungEingabe", "bezeichnungAusgabe", "beschreibung", "definition", "status",
        "freigabestatus", "versionshinweis", "fachlicherErsteller", "freigabedatum", "veroeffentlichungsdatum", "gueltigAb",
        "gueltigBis", "schemaelementart", "hilfetextEingabe", "hilfetextAusgabe", "hilfetext", "feldart", "datentyp",
        "praezisierung", "codelisteReferenz", "werte", "maxSize", "anzahl", "enthaelt",
    };

    private readonly XNamespace _ns;
    private readonly XDatenfelderVersion _version;
    private readonly List<string> _notes;
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    private XDatenfelderReader(XNamespace ns, XDatenfelderVersion version, List<string> notes)
    {
        _ns = ns;
        _version = version;
        _notes = notes;
    }

    /// <summary>Reads a message; <paramref name="notes"/> receives what is read past.</summary>
    /// <exception cref="FimImportException">The message is broken.</exception>
    public static FimSchema Read(Stream input, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(input);
        XDocument document;
        try
        {
            document = SafeXml.LoadDocument(input);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new FimImportException("Die Datei enthält eine Dokumenttypdefinition (DTD). Solche Dateien liest Amtsweg aus Sicherheitsgründen nicht; XDatenfelder-Nachrichten haben keine.", e);
        }
        catch (XmlException e)
        {
            var where = e.LineNumber > 0 ? $" (Zeile {e.LineNumber}, Spalte {e.LinePosition})" : string.Empty;
            throw new FimImportException($"Die Datei ist kein wohlgeformtes XML{where}.", e);
        }

        var root = document.Root ?? throw new FimImportException("Die Datei enthält kein XML-Element.");
        var (ns, version) = root.Name.NamespaceName switch
        {
            Namespace2 => ((XNamespace)Namespace2, XDatenfelderVersion.Version2),
            Namespace3 => ((XNamespace)Namespace3, XDatenfelderVersion.Version3),
            var other => throw new FimImportException(
                $"Das Wurzelelement <{root.Name.LocalName}>{Line(root)} hat den Namensraum „{other}“. Gelesen werden XDatenfelder 2.0 ({Namespace2}) und 3.0.0 ({Namespace3})."),
        };
        var reader = new XDatenfelderReader(ns, version, notes);
        return reader.ReadMessage(root);
    }

    private FimSchema ReadMessage(XElement root)
    {
        var message = root.Name.LocalName;
        switch (message)
        {
            case "xdatenfelder.stammdatenschema.0102":
                {
                    var schema = Required(root, "stammdatenschema", "der Nachricht");
                    var what = "Das Datenschema";
                    CheckSingles(schema, what);
                    var identity = ReadIdentity(schema, what);
                    var name = RequiredText(schema, "name", $"{what} {identity.Id}");
                    what = $"Das Datenschema {identity.Id} „{name}“";
                    CheckStatus(schema, what);
                    var rules = ReadRules(schema, what);
                    var children = ReadStructures(schema, what);
                    NoteUnknown(schema, what, "identifikation", "name", "bezeichnungEingabe", "beschreibung", "hilfetext", "regel", "struktur");
                    return new FimSchema(_version, message, identity, name, Text(schema, "bezeichnungEingabe"), Text(schema, "hilfetext") ?? Text(schema, "beschreibung"), rules, children);
                }

            case "xdatenfelder.datenfeldgruppe.0103" when _version == XDatenfelderVersion.Version3:
                {
                    var group = ReadGroup(Required(root, "datenfeldgruppe", "der Nachricht"));
                    return new FimSchema(_version, message, group.Identity, group.Name, group.InputLabel, null, [], [new FimChild(1, 1, group)]);
                }

            default:
                throw new FimImportException(
                    $"Die Nachricht <{message}>{Line(root)} kennt der Import nicht. Gelesen werden xdatenfelder.stammdatenschema.0102 (XDatenfelder 2.0 und 3.0.0) und xdatenfelder.datenfeldgruppe.0103 (3.0.0).");
        }
    }

    private List<FimChild> ReadStructures(XElement owner, string what)
    {
        var children = new List<FimChild>();
        foreach (var structure in owner.Elements(_ns + "struktur"))
        {
            var where = $"{what}, <struktur>{Line(structure)}";
            CheckSingles(structure, where);
            foreach (var child in structure.Elements())
            {
                if (child.Name.Namespace != _ns || child.Name.LocalName is not ("anzahl" or "bezug" or "enthaelt"))
                {
                    throw new FimImportException($"{where}: Das Element <{child.Name.LocalName}>{Line(child)} gehört nicht in eine Struktur (erlaubt: anzahl, bezug, enthaelt).");
                }
            }

            var (min, max) = ReadCount(RequiredText(structure, "anzahl", where), structure.Element(_ns + "anzahl")!, where);
            var content = Required(structure, "enthaelt", where);
            var elements = content.Elements().ToList();
            if (elements.Count != 1 || elements[0].Name.Namespace != _ns || elements[0].Name.LocalName is not ("datenfeld" or "datenfeldgruppe"))
            {
                throw new FimImportException($"{where}: <enthaelt>{Line(content)} muss genau ein Datenfeld oder eine Datenfeldgruppe enthalten.");
            }

            var element = elements[0];
            FimElement read = element.Name.LocalName == "datenfeld" ? ReadField(element) : ReadGroup(element);
            children.Add(new FimChild(min, max, read));
        }

        return children;
    }

    private FimGroup ReadGroup(XElement group)
    {
        var what = $"Die Datenfeldgruppe{Line(group)}";
        CheckSingles(group, what);
        var identity = ReadIdentity(group, what);
        var name = RequiredText(group, "name", $"Die Datenfeldgruppe {identity.Id}");
        what = $"Die Datenfeldgruppe {identity.Id} „{name}“";
        CheckStatus(group, what);
        var rules = ReadRules(group, what);
        var children = ReadStructures(group, what);
        NoteUnknown(group, what, "identifikation", "name", "bezeichnungEingabe", "beschreibung", "hilfetextEingabe", "regel", "struktur");
        return new FimGroup(identity, name, Text(group, "bezeichnungEingabe"), Text(group, "hilfetextEingabe"), Text(group, "beschreibung"), rules, children);
    }

    private FimField ReadField(XElement field)
    {
        var what = $"Das Datenfeld{Line(field)}";
        CheckSingles(field, what);
        var identity = ReadIdentity(field, what);
        var name = RequiredText(field, "name", $"Das Datenfeld {identity.Id}");
        what = $"Das Datenfeld {identity.Id} „{name}“";
        CheckStatus(field, what);
        var feldart = Code(field, "feldart", what) ?? throw new FimImportException($"{what}: Die Angabe <feldart> fehlt.");
        var datentyp = Code(field, "datentyp", what) ?? throw new FimImportException($"{what}: Die Angabe <datentyp> fehlt.");
        var values = new List<FimValue>();
        if (field.Element(_ns + "werte") is { } list)
        {
            foreach (var value in list.Elements(_ns + "wert"))
            {
                var code = Text(value, "code") ?? throw new FimImportException($"{what}: Einem Eintrag der Werteliste{Line(value)} fehlt <code>.");
                values.Add(new FimValue(code, Text(value, "name") ?? code, Text(value, "hilfe")));
            }
        }

        // XDatenfelder 3 test material repeats <inhalt> (once empty): the last non-empty one counts, as in the FIM tools.
        var content = field.Elements(_ns + "inhalt").Select(e => Clean(e.Value)).LastOrDefault(v => v is not null);
        var rules = ReadRules(field, what);
        NoteUnknown(field, what, "identifikation", "name", "bezeichnungEingabe", "beschreibung", "hilfetextEingabe", "regel", "feldart", "datentyp",
            "praezisierung", "inhalt", "werte", "codelisteReferenz", "maxSize", "mediaType");
        return new FimField(
            identity,
            name,
            Text(field, "bezeichnungEingabe"),
            Text(field, "hilfetextEingabe"),
            Text(field, "beschreibung"),
            rules,
            feldart,
            datentyp,
            ReadPrecision(field, what),
            content,
            values,
            ReadCodeList(field),
            Text(field, "maxSize"),
            [.. field.Elements(_ns + "mediaType").Select(e => Clean(e.Value)).OfType<string>()]);
    }

    private FimIdentity ReadIdentity(XElement owner, string what)
    {
        var identification = Required(owner, "identifikation", what);
        foreach (var child in identification.Elements())
        {
            if (child.Name.Namespace != _ns || child.Name.LocalName is not ("id" or "version"))
            {
                throw new FimImportException($"{what}: Das Element <{child.Name.LocalName}>{Line(child)} gehört nicht in <identifikation> (erlaubt: id, version).");
            }
        }

        var ids = identification.Elements(_ns + "id").ToList();
        if (ids.Count == 0)
        {
            throw new FimImportException($"{what}: In <identifikation>{Line(identification)} fehlt die <id>.");
        }

        if (ids.Count > 1)
        {
            throw new FimImportException($"{what}: <identifikation>{Line(identification)} enthält die <id> mehrmals{Line(ids[1])}.");
        }

        var id = Clean(ids[0].Value) ?? throw new FimImportException($"{what}: Die <id>{Line(ids[0])} ist leer.");
        var versions = identification.Elements(_ns + "version").ToList();
        if (versions.Count > 1)
        {
            throw new FimImportException($"{what}: <identifikation>{Line(identification)} enthält die <version> mehrmals{Line(versions[1])}.");
        }

        var element = owner.Name.LocalName;
        if (element is "datenfeld" or "datenfeldgruppe" && _seen.TryGetValue(id, out var earlier))
        {
            // The same building block may appear more than once (e.g. a group used twice), but always as the same kind.
            if (earlier != element)
            {
                throw new FimImportException($"{what}: Die Id {id} ist schon für ein anderes Element vergeben ({earlier}).");
            }
        }

        _seen[id] = element;
        return new FimIdentity(id, versions.Count == 1 ? Clean(versions[0].Value) : null);
    }

    private void CheckStatus(XElement owner, string what)
    {
        var (element, allowed) = _version == XDatenfelderVersion.Version2 ? ("status", Status2) : ("freigabestatus", Status3);
        if (owner.Element(_ns + element) is null)
        {
            return;
        }

        var code = Code(owner, element, what);
        if (code is null || !allowed.Contains(code))
        {
            throw new FimImportException($"{what}: Der Status <{element}>{Line(owner.Element(_ns + element)!)} hat den ungültigen Code „{code}“ (erlaubt: {string.Join(", ", allowed)}).");
        }
    }

    private List<FimRule> ReadRules(XElement owner, string what)
    {
        var rules = new List<FimRule>();
        foreach (var rule in owner.Elements(_ns + "regel"))
        {
            var where = $"{what}, Regel{Line(rule)}";
            var identity = ReadIdentity(rule, where);
            rules.Add(new FimRule(identity, Text(rule, "name") ?? identity.Id));
        }

        return rules;
    }

    private FimPrecision ReadPrecision(XElement field, string what)
    {
        if (field.Element(_ns + "praezisierung") is not { } precision)
        {
            return FimPrecision.None;
        }

        if (_version == XDatenfelderVersion.Version3)
        {
            return new FimPrecision(
                Int(precision.Attribute("minLength")?.Value, "minLength", what),
                Int(precision.Attribute("maxLength")?.Value, "maxLength", what),
                Clean(precision.Attribute("minValue")?.Value),
                Clean(precision.Attribute("maxValue")?.Value),
                Clean(precision.Attribute("pattern")?.Value));
        }

        // XDatenfelder 2 writes the Präzisierung as JSON text, e.g. {"minLength":"1","maxLength":"120"}.
        var text = Clean(precision.Value);
        if (text is null)
        {
            return FimPrecision.None;
        }

        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FimImportException($"{what}: Die <praezisierung>{Line(precision)} ist kein JSON-Objekt.");
            }

            string? Get(string name) => json.RootElement.TryGetProperty(name, out var v)
                ? v.ValueKind switch
                {
                    JsonValueKind.String => Clean(v.GetString()),
                    JsonValueKind.Number => v.GetRawText(),
                    _ => throw new FimImportException($"{what}: In der <praezisierung>{Line(precision)} ist „{name}“ weder Text noch Zahl."),
                }
                : null;

            return new FimPrecision(Int(Get("minLength"), "minLength", what), Int(Get("maxLength"), "maxLength", what), Get("minValue"), Get("maxValue"), Get("pattern"));
        }
        catch (JsonException e)
        {
            throw new FimImportException($"{what}: Die <praezisierung>{Line(precision)} ist kein gültiges JSON.", e);
        }
    }

    private string? ReadCodeList(XElement field)
    {
        if (field.Element(_ns + "codelisteReferenz") is not { } reference)
        {
            return null;
        }

        // XDatenfelder 2: identifikation/id and genericodeIdentification; 3: canonicalIdentification and version directly.
        var canonical = reference.Descendants(_ns + "canonicalIdentification").Select(e => Clean(e.Value)).FirstOrDefault(v => v is not null);
        var listVersion = (reference.Element(_ns + "genericodeIdentification") ?? reference).Element(_ns + "version") is { } v ? Clean(v.Value) : null;
        var id = reference.Element(_ns + "identifikation")?.Element(_ns + "id") is { } i ? Clean(i.Value) : null;
        var parts = new[] { id, canonical, listVersion is null ? null : $"Version {listVersion}" }.OfType<string>().ToList();
        return parts.Count == 0 ? "ohne Angabe" : string.Join(", ", parts);
    }

    private (int Min, int? Max) ReadCount(string text, XElement element, string what)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min))
        {
            if (parts[1] == "*")
            {
                return (min, null);
            }

            if (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max >= min && max > 0)
            {
                return (min, max);
            }
        }

        throw new FimImportException($"{what}: Die Anzahl „{text}“{Line(element)} ist ungültig (erwartet „min:max“ oder „min:*“, z. B. 0:1, 1:1, 1:*).");
    }

    private void CheckSingles(XElement owner, string what)
    {
        foreach (var group in owner.Elements().Where(e => e.Name.Namespace == _ns && Single.Contains(e.Name.LocalName)).GroupBy(e => e.Name.LocalName))
        {
            var list = group.ToList();
            if (list.Count > 1)
            {
                throw new FimImportException($"{what}: Das Element <{group.Key}> steht mehrmals darin{Line(list[0])}{Line(list[1])}; erlaubt ist es einmal.");
            }
        }
    }

    private void NoteUnknown(XElement owner, string what, params string[] used)
    {
        foreach (var child in owner.Elements())
        {
            var name = child.Name.LocalName;
            if (child.Name.Namespace == _ns && (used.Contains(name) || Metadata.Contains(name)))
            {
                continue;
            }

            _notes.Add($"{what}: Das unbekannte Element <{name}>{Line(child)} wird nicht übernommen.");
        }
    }

    private XElement Required(XElement owner, string name, string what) =>
        owner.Element(_ns + name) ?? throw new FimImportException($"{what}{Line(owner)}: Das Element <{name}> fehlt.");

    private string RequiredText(XElement owner, string name, string what) =>
        Text(owner, name) ?? throw new FimImportException($"{what}{Line(owner)}: Die Angabe <{name}> fehlt oder ist leer.");

    private string? Text(XElement owner, string name) => owner.Element(_ns + name) is { } e ? Clean(e.Value) : null;

    // Code list values: <feldart><code>input</code></feldart> (the <code> element has no namespace).
    private string? Code(XElement owner, string name, string what)
    {
        if (owner.Element(_ns + name) is not { } element)
        {
            return null;
        }

        var code = element.Element("code") ?? element.Element(_ns + "code");
        return code is null ? throw new FimImportException($"{what}: <{name}>{Line(element)} enthält keinen <code>.") : Clean(code.Value);
    }

    private static int? Int(string? text, string name, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FimImportException($"{what}: Die Präzisierung {name} „{text}“ ist keine ganze Zahl ≥ 0.");
    }

    private static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static string Line(XElement element) =>
        element is IXmlLineInfo info && info.HasLineInfo() ? $" (Zeile {info.LineNumber})" : string.Empty;
}
