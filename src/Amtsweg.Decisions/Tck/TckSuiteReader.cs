using System.Xml;
using System.Xml.Linq;
using Amtsweg.Xml;

namespace Amtsweg.Decisions.Tck;

/// <summary>Reads TCK test-suite files (testCases.xsd) through <see cref="SafeXml"/>.</summary>
public static class TckSuiteReader
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Reads a test-suite file.</summary>
    /// <exception cref="FormatException">The file is not a test suite.</exception>
    public static TckSuite ReadFile(string path)
    {
        XDocument document;
        try
        {
            document = SafeXml.LoadFile(path);
        }
        catch (XmlException ex)
        {
            throw new FormatException($"{path}: not acceptable XML: {ex.Message}", ex);
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "testCases")
        {
            throw new FormatException($"{path}: the root element is not 'testCases'.");
        }

        var ns = root.Name.Namespace;
        var modelName = root.Element(ns + "modelName")?.Value.Trim();
        var cases = root.Elements(ns + "testCase").Select((c, i) => ReadCase(c, ns, i)).ToList();
        return new TckSuite(path, modelName, cases);
    }

    private static TckCase ReadCase(XElement e, XNamespace ns, int index)
    {
        var type = (e.Attribute("type")?.Value ?? "decision") switch
        {
            "bkm" => TckCaseType.Bkm,
            "decisionService" => TckCaseType.DecisionService,
            _ => TckCaseType.Decision,
        };
        var inputs = e.Elements(ns + "inputNode")
            .Select(i => new TckInput(i.Attribute("name")?.Value ?? "", i.Attribute("namespace")?.Value, ReadValue(i, ns)))
            .ToList();
        var results = e.Elements(ns + "resultNode")
            .Select(r => new TckResult(
                r.Attribute("name")?.Value ?? "",
                r.Attribute("namespace")?.Value,
                string.Equals(r.Attribute("errorResult")?.Value, "true", StringComparison.OrdinalIgnoreCase),
                r.Element(ns + "expected") is { } expected ? ReadValue(expected, ns) : null))
            .ToList();
        return new TckCase(
            e.Attribute("id")?.Value ?? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            type,
            e.Attribute("invocableName")?.Value,
            e.Element(ns + "description")?.Value.Trim(),
            inputs,
            results);
    }

    /// <summary>Reads a <c>valueType</c> element: a value, a list or components.</summary>
    private static TckValue ReadValue(XElement e, XNamespace ns)
    {
        if (IsNil(e))
        {
            return TckNilValue.Instance;
        }

        if (e.Element(ns + "value") is { } value)
        {
            if (IsNil(value))
            {
                return TckNilValue.Instance;
            }

            var xsiType = value.Attribute(Xsi + "type")?.Value;
            var local = xsiType is null ? null : xsiType[(xsiType.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return new TckSimpleValue(value.Value, local);
        }

        if (e.Element(ns + "list") is { } list)
        {
            return IsNil(list) ? TckNilValue.Instance : new TckListValue(list.Elements(ns + "item").Select(i => ReadValue(i, ns)).ToList());
        }

        var components = e.Elements(ns + "component").ToList();
        if (components.Count > 0)
        {
            return new TckContextValue(components
                .Select(c => new KeyValuePair<string, TckValue>(c.Attribute("name")?.Value ?? "", ReadValue(c, ns)))
                .ToList());
        }

        // A valueType with none of value, list or component: the TCK treats it as null.
        return TckNilValue.Instance;
    }

    private static bool IsNil(XElement e) => string.Equals(e.Attribute(Xsi + "nil")?.Value, "true", StringComparison.OrdinalIgnoreCase);
}
