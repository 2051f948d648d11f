using System.Text.RegularExpressions;
using System.Xml.Linq;
using Amtsweg.Bpmn;
using Amtsweg.Bpmn.Comparison;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Xml;

namespace Amtsweg.Library.Packages.Diff;

/// <summary>What changed in a BPMN model: the elements by id, and whether the diagram's layout changed.</summary>
/// <param name="Elements">Added, removed and changed elements, with German sentences.</param>
/// <param name="LayoutChanged">True when the diagram interchange (positions, waypoints, labels) differs.</param>
public sealed record BpmnFileChanges(IReadOnlyList<ElementChange> Elements, bool LayoutChanged);

/// <summary>
/// Compares two versions of a BPMN model element by element with the model comparison of <c>Amtsweg.Bpmn</c>
/// (<see cref="BpmnComparison"/>: attributes, conditions, timers, event definitions and every extension element such
/// as <c>zeebe:taskHeaders</c>, io mappings, task definitions and form or decision references, compared on the XML as
/// read), adds the incoming and outgoing flows of each node, and compares the diagram interchange (<c>bpmndi</c>) apart
/// so that a moved shape is "nur Layout geändert" rather than a change of the process.
/// </summary>
public static partial class BpmnFileDiff
{
    /// <summary>Compares the XML texts of two versions.</summary>
    /// <exception cref="BpmnModelException">One of them is not a readable BPMN model.</exception>
    public static BpmnFileChanges Compare(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = BpmnReader.Parse(before);
        var current = BpmnReader.Parse(after);
        var diff = BpmnComparison.Compare(old, current);

        var elements = new List<ElementChange>();
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in diff.Changes)
        {
            var names = change.Kind == BpmnChangeKind.Removed ? diff.Before : diff.After;
            var what = Describe(change.Element, names);
            switch (change.Kind)
            {
                case BpmnChangeKind.Added:
                    elements.Add(new ElementChange(DiffKind.Added, change.Element.Id, change.Element.Type, change.Element.Name, $"{what} hinzugefügt", []));
                    break;
                case BpmnChangeKind.Removed:
                    elements.Add(new ElementChange(DiffKind.Removed, change.Element.Id, change.Element.Type, change.Element.Name, $"{what} entfernt", []));
                    break;
                case BpmnChangeKind.Changed:
                    changed.Add(change.Element.Id);
                    var details = Details(change, diff);
                    elements.Add(new ElementChange(DiffKind.Changed, change.Element.Id, change.Element.Type, change.Element.Name, $"{what}: {string.Join("; ", details)}", details));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown change kind {change.Kind}.");
            }
        }

        // A node whose own XML is unchanged but whose flows are not (the flow was added or rerouted): changed too.
        foreach (var (id, element) in diff.After)
        {
            if (element.SourceId is null && element.TargetId is null && diff.Before.ContainsKey(id) && !changed.Contains(id)
                && Flows(id, diff) is { Count: > 0 } flows)
            {
                elements.Add(new ElementChange(DiffKind.Changed, id, element.Type, element.Name, $"{Describe(element, diff.After)}: {string.Join("; ", flows)}", flows));
            }
        }

        return new BpmnFileChanges(elements, !string.Equals(Layout(before), Layout(after), StringComparison.Ordinal));
    }

    /// <summary>What changed in one changed element, one German sentence per aspect and per flow added or removed.</summary>
    internal static List<string> Details(BpmnElementChange change, BpmnModelDiff diff)
    {
        var details = change.Aspects.Select(a => Aspect(a, diff)).ToList();
        details.AddRange(Flows(change.Element.Id, diff));
        return details;
    }

    /// <summary>The diagram interchange of a model as canonical text (every <c>bpmndi:BPMNDiagram</c>).</summary>
    internal static string Layout(string xml) =>
        XmlCanonical.Of(SafeXml.ParseDocument(xml, options: LoadOptions.None).Root!.Elements(BpmnNamespaces.BpmnDi + "BPMNDiagram"));

    /// <summary>"Aufgabe ‚Antrag prüfen‘", or for a flow "Sequenzfluss von ‚A‘ nach ‚B‘".</summary>
    internal static string Describe(BpmnComparedElement element, IReadOnlyDictionary<string, BpmnComparedElement> names)
    {
        var kind = Kind(element.Type);
        if (element.Name is { } name)
        {
            return $"{kind} ‚{name}‘";
        }

        if (element.SourceId is not null || element.TargetId is not null)
        {
            return $"{kind} von {NameOf(element.SourceId, names)} nach {NameOf(element.TargetId, names)}";
        }

        return $"{kind} ohne Namen ({element.Id})";
    }

    /// <summary>The German word for an element kind.</summary>
    internal static string Kind(string type) => type switch
    {
        "userTask" => "Aufgabe",
        "manualTask" => "Manuelle Aufgabe",
        "task" => "Aufgabe",
        "serviceTask" => "Serviceaufgabe",
        "scriptTask" => "Skriptaufgabe",
        "businessRuleTask" => "Entscheidungsaufgabe",
        "sendTask" => "Sendeaufgabe",
        "receiveTask" => "Empfangsaufgabe",
        "callActivity" => "Prozessaufruf",
        "subProcess" => "Teilprozess",
        "adHocSubProcess" => "Ad-hoc-Teilprozess",
        "transaction" => "Transaktion",
        "startEvent" => "Startereignis",
        "endEvent" => "Endereignis",
        "intermediateCatchEvent" => "Zwischenereignis",
        "intermediateThrowEvent" => "Auslösendes Zwischenereignis",
        "boundaryEvent" => "Angeheftetes Ereignis",
        "exclusiveGateway" => "Exklusive Verzweigung",
        "inclusiveGateway" => "Inklusive Verzweigung",
        "parallelGateway" => "Parallele Verzweigung",
        "eventBasedGateway" => "Ereignisbasierte Verzweigung",
        "complexGateway" => "Komplexe Verzweigung",
        "sequenceFlow" => "Sequenzfluss",
        "process" => "Prozess",
        "message" => "Nachricht",
        "error" => "Fehler",
        "signal" => "Signal",
        "escalation" => "Eskalation",
        "dataObject" or "dataObjectReference" => "Datenobjekt",
        "dataStoreReference" => "Datenspeicher",
        _ => "Element",
    };

    private static string NameOf(string? id, IReadOnlyDictionary<string, BpmnComparedElement> names) =>
        id is not null && names.TryGetValue(id, out var element)
            ? element.Name is { } name ? $"‚{name}‘" : $"{Kind(element.Type)} ({id})"
            : $"‚{id}‘";

    private static string Aspect(BpmnAspectChange aspect, BpmnModelDiff diff)
    {
        var (label, attribute) = aspect.Aspect switch
        {
            BpmnAspects.Type => ("Art", (string?)null),
            BpmnAspects.Name => ("Name", null),
            BpmnAspects.Connection => ("Verbindung", null),
            BpmnAspects.Documentation => ("Beschreibung", null),
            BpmnAspects.Condition => ("Bedingung", null),
            BpmnAspects.DefaultFlow => ("Standardfluss", null),
            BpmnAspects.Timer => ("Zeitgeber", null),
            BpmnAspects.Message => ("Nachricht", null),
            BpmnAspects.Error => ("Fehler", null),
            BpmnAspects.Signal => ("Signal", null),
            BpmnAspects.Escalation => ("Eskalation", null),
            BpmnAspects.EventDefinition => ("Ereignisart", null),
            BpmnAspects.Attachment => ("Angeheftet an", null),
            BpmnAspects.Loop => ("Mehrfachausführung", null),
            BpmnAspects.TaskDefinition => ("Auftragsart", "type"),
            BpmnAspects.IoMapping => ("Ein- und Ausgabezuordnungen", null),
            BpmnAspects.TaskHeaders => ("Kopfdaten der Aufgabe", null),
            BpmnAspects.Subscription => ("Zuordnung der Nachricht", null),
            BpmnAspects.CalledElement => ("Aufgerufener Prozess", "processId"),
            BpmnAspects.CalledDecision => ("Aufgerufene Entscheidung", "decisionId"),
            BpmnAspects.Form => ("Formular", "formId"),
            BpmnAspects.EmbeddedForm => ("Eingebettetes Formular", null),
            BpmnAspects.Assignment => ("Bearbeitergruppe", "candidateGroups"),
            BpmnAspects.Schedule => ("Fälligkeit und Wiedervorlage", null),
            BpmnAspects.UserTaskKind => ("Art der Benutzeraufgabe", null),
            BpmnAspects.Script => ("Skript", null),
            BpmnAspects.Properties => ("Eigenschaften", null),
            BpmnAspects.VersionTag => ("Versionskennzeichen", null),
            BpmnAspects.Listeners => ("Reaktionen auf Ausführungsereignisse", null),
            BpmnAspects.Executable => ("Ausführbar", null),
            _ => ("Weitere Einstellungen", null),
        };

        var before = aspect.Before;
        var after = aspect.After;
        if (aspect.Aspect == BpmnAspects.Type)
        {
            before = before is null ? null : Kind(before);
            after = after is null ? null : Kind(after);
        }
        else if (aspect.Aspect == BpmnAspects.Connection)
        {
            before = Connection(before, diff.Before);
            after = Connection(after, diff.After);
        }
        else if (attribute is not null && Attribute(before, attribute) is { } oldValue && Attribute(after, attribute) is { } newValue)
        {
            // The one value a reader cares about (the group, the job type, the form): "von ‚a‘ zu ‚b‘" rather than the XML.
            before = oldValue;
            after = newValue;
        }
        else if (aspect.Aspect == BpmnAspects.Assignment)
        {
            label = "Zuweisung";
        }

        return (before, after) switch
        {
            (null, null) => $"{label} geändert",
            (null, { } added) => $"{label} ‚{Cut(added)}‘ hinzugefügt",
            ({ } removed, null) => $"{label} ‚{Cut(removed)}‘ entfernt",
            ({ } from, { } to) => $"{label} von ‚{Cut(from)}‘ zu ‚{Cut(to)}‘ geändert",
        };
    }

    /// <summary>The flows that now enter or leave a node and did not, and the other way round.</summary>
    private static List<string> Flows(string id, BpmnModelDiff diff)
    {
        var result = new List<string>();
        var incomingBefore = diff.Before.Values.Where(e => e.TargetId == id).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var incomingAfter = diff.After.Values.Where(e => e.TargetId == id).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var outgoingBefore = diff.Before.Values.Where(e => e.SourceId == id).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var outgoingAfter = diff.After.Values.Where(e => e.SourceId == id).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var flow in incomingAfter.Except(incomingBefore).Order(StringComparer.Ordinal))
        {
            result.Add($"neuer eingehender Fluss von {NameOf(diff.After[flow].SourceId, diff.After)}");
        }

        foreach (var flow in incomingBefore.Except(incomingAfter).Order(StringComparer.Ordinal))
        {
            result.Add($"eingehender Fluss von {NameOf(diff.Before[flow].SourceId, diff.Before)} entfernt");
        }

        foreach (var flow in outgoingAfter.Except(outgoingBefore).Order(StringComparer.Ordinal))
        {
            result.Add($"neuer ausgehender Fluss nach {NameOf(diff.After[flow].TargetId, diff.After)}");
        }

        foreach (var flow in outgoingBefore.Except(outgoingAfter).Order(StringComparer.Ordinal))
        {
            result.Add($"ausgehender Fluss nach {NameOf(diff.Before[flow].TargetId, diff.Before)} entfernt");
        }

        return result;
    }

    private static string? Connection(string? value, IReadOnlyDictionary<string, BpmnComparedElement> names)
    {
        var ends = value?.Split(" → ", 2);
        return ends is { Length: 2 } ? $"{NameOf(ends[0], names).Trim('‚', '‘')} → {NameOf(ends[1], names).Trim('‚', '‘')}" : value;
    }

    /// <summary>The value of one attribute in an aspect's compact text, when it occurs there exactly once.</summary>
    private static string? Attribute(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        var matches = AttributeValue().Matches(value).Where(m => m.Groups["name"].Value == name).ToList();
        return matches.Count == 1 ? matches[0].Groups["value"].Value : null;
    }

    private static string Cut(string value) => value.Length <= 200 ? value : string.Concat(value.AsSpan(0, 200), "…");

    [GeneratedRegex("(?<name>[A-Za-z_][A-Za-z0-9_.-]*)=\"(?<value>[^\"]*)\"")]
    private static partial Regex AttributeValue();
}
