using System.Xml;
using System.Xml.Linq;
using Amtsweg.Xml;

namespace Amtsweg.Library.Packages.Diff;

/// <summary>What changed in a DMN file: the decisions and other DRG elements by id, and whether only the layout changed.</summary>
/// <param name="Elements">Added, removed and changed elements, with German sentences.</param>
/// <param name="LayoutChanged">True when the diagram interchange (<c>dmndi:DMNDI</c>) differs.</param>
public sealed record DmnFileChanges(IReadOnlyList<ElementChange> Elements, bool LayoutChanged);

/// <summary>
/// Compares two versions of a DMN file by the ids of its DRG elements (decisions, input data, business knowledge
/// models, knowledge sources). In a changed decision table the hit policy, the inputs and outputs and the rules are
/// matched by id: a rule added, removed or changed is one sentence each. Whatever else differs in a decision (a literal
/// expression, a requirement) is "Inhalt geändert". The diagram interchange is compared apart.
/// </summary>
public static class DmnFileDiff
{
    /// <summary>Compares the XML texts of two versions.</summary>
    /// <exception cref="XmlException">One of them is not well-formed XML (or refused by the hardened reader).</exception>
    public static DmnFileChanges Compare(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = SafeXml.ParseDocument(before, options: LoadOptions.None).Root!;
        var current = SafeXml.ParseDocument(after, options: LoadOptions.None).Root!;
        var oldElements = Drg(old);
        var currentElements = Drg(current);
        var oldById = oldElements.ToDictionary(e => e.Id, e => e.Element, StringComparer.Ordinal);
        var currentById = currentElements.ToDictionary(e => e.Id, e => e.Element, StringComparer.Ordinal);
        var result = new List<ElementChange>();
        foreach (var (id, element) in oldElements)
        {
            if (!currentById.ContainsKey(id))
            {
                result.Add(new ElementChange(DiffKind.Removed, id, element.Name.LocalName, Name(element), $"{Describe(element)} entfernt", []));
            }
        }

        foreach (var (id, element) in currentElements)
        {
            if (!oldById.TryGetValue(id, out var previous))
            {
                result.Add(new ElementChange(DiffKind.Added, id, element.Name.LocalName, Name(element), $"{Describe(element)} hinzugefügt", []));
                continue;
            }

            if (string.Equals(XmlCanonical.Of(previous), XmlCanonical.Of(element), StringComparison.Ordinal))
            {
                continue;
            }

            var details = Details(previous, element);
            result.Add(new ElementChange(DiffKind.Changed, id, element.Name.LocalName, Name(element), $"{Describe(element)}: {string.Join("; ", details)}", details));
        }

        return new DmnFileChanges(result, !string.Equals(Layout(old), Layout(current), StringComparison.Ordinal));
    }

    private static string Layout(XElement root) => XmlCanonical.Of(root.Elements().Where(e => e.Name.LocalName == "DMNDI"));

    private static List<(string Id, XElement Element)> Drg(XElement root)
    {
        var result = new List<(string, XElement)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in root.Elements())
        {
            if (element.Name.LocalName is "DMNDI" or "extensionElements" or "documentation")
            {
                continue;
            }

            if ((string?)element.Attribute("id") is { Length: > 0 } id && seen.Add(id))
            {
                result.Add((id, element));
            }
        }

        return result;
    }

    private static List<string> Details(XElement before, XElement after)
    {
        var details = new List<string>();
        if (Name(before) != Name(after))
        {
            details.Add($"Name von ‚{Name(before)}‘ zu ‚{Name(after)}‘ geändert");
        }

        var oldTable = before.Elements().FirstOrDefault(e => e.Name.LocalName == "decisionTable");
        var newTable = after.Elements().FirstOrDefault(e => e.Name.LocalName == "decisionTable");
        if (oldTable is not null && newTable is not null)
        {
            var oldPolicy = (string?)oldTable.Attribute("hitPolicy") ?? "UNIQUE";
            var newPolicy = (string?)newTable.Attribute("hitPolicy") ?? "UNIQUE";
            if (oldPolicy != newPolicy)
            {
                details.Add($"Trefferrichtlinie von ‚{oldPolicy}‘ zu ‚{newPolicy}‘ geändert");
            }

            Parts(oldTable, newTable, "input", "Eingabe", e => (string?)e.Attribute("label") ?? InputExpression(e), details);
            Parts(oldTable, newTable, "output", "Ausgabe", e => (string?)e.Attribute("label") ?? (string?)e.Attribute("name"), details);
            Parts(oldTable, newTable, "rule", "Regel", e => RuleLabel(e), details);
        }

        // Anything else (the table's own attributes apart from the hit policy, a literal expression, requirements).
        if (!string.Equals(Rest(before), Rest(after), StringComparison.Ordinal)
            || (oldTable is null) != (newTable is null)
            || (oldTable is not null && newTable is not null && !string.Equals(TableRest(oldTable), TableRest(newTable), StringComparison.Ordinal)))
        {
            details.Add("Inhalt geändert");
        }

        if (details.Count == 0)
        {
            details.Add("Inhalt geändert");
        }

        return details;
    }

    private static void Parts(XElement before, XElement after, string localName, string word, Func<XElement, string?> label, List<string> details)
    {
        var old = Children(before, localName);
        var current = Children(after, localName);
        var position = 0;
        foreach (var (id, element) in old)
        {
            position++;
            if (!current.Any(c => c.Id == id))
            {
                details.Add($"{word} {Label(label(element), position)} entfernt");
            }
        }

        position = 0;
        foreach (var (id, element) in current)
        {
            position++;
            var previous = old.FirstOrDefault(o => o.Id == id).Element;
            if (previous is null)
            {
                details.Add($"{word} {Label(label(element), position)} hinzugefügt");
            }
            else if (!string.Equals(XmlCanonical.Of(previous), XmlCanonical.Of(element), StringComparison.Ordinal))
            {
                details.Add($"{word} {Label(label(element), position)} geändert");
            }
        }
    }

    private static string Label(string? label, int position) => label is { Length: > 0 } text ? $"‚{text}‘" : $"Nr. {position}";

    private static List<(string Id, XElement Element)> Children(XElement table, string localName) =>
        [.. table.Elements().Where(e => e.Name.LocalName == localName).Select((e, i) => ((string?)e.Attribute("id") ?? $"#{i}", e))];

    private static string? InputExpression(XElement input) =>
        input.Elements().FirstOrDefault(e => e.Name.LocalName == "inputExpression")?.Elements().FirstOrDefault(e => e.Name.LocalName == "text")?.Value.Trim();

    /// <summary>A rule's cells in one line (<c>&lt; 150 → "niedrig"</c>), its annotation when it has one.</summary>
    private static string RuleLabel(XElement rule)
    {
        var annotation = rule.Elements().FirstOrDefault(e => e.Name.LocalName == "description")?.Value.Trim();
        if (annotation is { Length: > 0 })
        {
            return annotation;
        }

        static string Cells(XElement rule, string name) =>
            string.Join(" | ", rule.Elements().Where(e => e.Name.LocalName == name).Select(e => e.Elements().FirstOrDefault(t => t.Name.LocalName == "text")?.Value.Trim() ?? string.Empty));
        var text = $"{Cells(rule, "inputEntry")} → {Cells(rule, "outputEntry")}";
        return text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), "…");
    }

    private static string Rest(XElement decision)
    {
        var copy = new XElement(decision);
        copy.Attribute("name")?.Remove();
        copy.Elements().Where(e => e.Name.LocalName == "decisionTable").Remove();
        return XmlCanonical.Of(copy);
    }

    private static string TableRest(XElement table)
    {
        var copy = new XElement(table);
        copy.Attribute("hitPolicy")?.Remove();
        copy.Elements().Where(e => e.Name.LocalName is "input" or "output" or "rule").Remove();
        return XmlCanonical.Of(copy);
    }

    private static string? Name(XElement element) => (string?)element.Attribute("name") is { Length: > 0 } name ? name.Trim() : null;

    private static string Describe(XElement element)
    {
        var kind = element.Name.LocalName switch
        {
            "decision" => "Entscheidung",
            "inputData" => "Eingabedaten",
            "businessKnowledgeModel" => "Geschäftswissensmodell",
            "knowledgeSource" => "Wissensquelle",
            "textAnnotation" => "Anmerkung",
            "association" => "Verbindung",
            _ => "Element",
        };
        return Name(element) is { } name ? $"{kind} ‚{name}‘" : $"{kind} ohne Namen ({(string?)element.Attribute("id")})";
    }
}
