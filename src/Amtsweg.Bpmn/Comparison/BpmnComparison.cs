using System.Collections.Immutable;
using System.Text;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Xml;

namespace Amtsweg.Bpmn.Comparison;

/// <summary>How an element differs between two versions of a model.</summary>
public enum BpmnChangeKind
{
    /// <summary>Only in the new version.</summary>
    Added,

    /// <summary>Only in the old version.</summary>
    Removed,

    /// <summary>In both, with at least one aspect that differs.</summary>
    Changed,
}

/// <summary>
/// The stable codes of the aspects of an element that <see cref="BpmnComparison"/> compares. A caller turns them into
/// words of its own language; everything the comparison does not know by name is <see cref="Other"/>.
/// </summary>
public static class BpmnAspects
{
    /// <summary>The kind of element (the XML name, for example <c>userTask</c>).</summary>
    public const string Type = "type";

    /// <summary>The <c>name</c> attribute.</summary>
    public const string Name = "name";

    /// <summary>Source and target of a sequence flow.</summary>
    public const string Connection = "connection";

    /// <summary>The <c>documentation</c> children.</summary>
    public const string Documentation = "documentation";

    /// <summary>A sequence flow's <c>conditionExpression</c> or a conditional event definition.</summary>
    public const string Condition = "condition";

    /// <summary>Which outgoing flow is the default (<c>default</c> attribute of gateways and activities).</summary>
    public const string DefaultFlow = "defaultFlow";

    /// <summary>A timer event definition (date, duration, cycle).</summary>
    public const string Timer = "timer";

    /// <summary>A message event definition or the message of a send or receive task.</summary>
    public const string Message = "message";

    /// <summary>An error event definition.</summary>
    public const string Error = "error";

    /// <summary>A signal event definition.</summary>
    public const string Signal = "signal";

    /// <summary>An escalation event definition.</summary>
    public const string Escalation = "escalation";

    /// <summary>Any other event definition (terminate, link, compensation, cancel).</summary>
    public const string EventDefinition = "eventDefinition";

    /// <summary>The activity a boundary event is attached to, and whether it interrupts.</summary>
    public const string Attachment = "attachment";

    /// <summary>Multi-instance or standard loop characteristics (BPMN and <c>zeebe:loopCharacteristics</c>).</summary>
    public const string Loop = "loop";

    /// <summary><c>zeebe:taskDefinition</c>: the job type and retries.</summary>
    public const string TaskDefinition = "taskDefinition";

    /// <summary><c>zeebe:ioMapping</c>: input and output mappings.</summary>
    public const string IoMapping = "ioMapping";

    /// <summary><c>zeebe:taskHeaders</c>.</summary>
    public const string TaskHeaders = "taskHeaders";

    /// <summary><c>zeebe:subscription</c>: the correlation key of a message.</summary>
    public const string Subscription = "subscription";

    /// <summary>The process a call activity starts (<c>zeebe:calledElement</c> or <c>calledElement</c>).</summary>
    public const string CalledElement = "calledElement";

    /// <summary><c>zeebe:calledDecision</c> of a business rule task.</summary>
    public const string CalledDecision = "calledDecision";

    /// <summary><c>zeebe:formDefinition</c> of a user task or start event.</summary>
    public const string Form = "form";

    /// <summary><c>zeebe:userTaskForm</c>: a form embedded in the process.</summary>
    public const string EmbeddedForm = "embeddedForm";

    /// <summary><c>zeebe:assignmentDefinition</c> and <c>zeebe:priorityDefinition</c>.</summary>
    public const string Assignment = "assignment";

    /// <summary><c>zeebe:taskSchedule</c>: due and follow-up date.</summary>
    public const string Schedule = "schedule";

    /// <summary><c>zeebe:userTask</c>: a Camunda user task rather than a job-worker one.</summary>
    public const string UserTaskKind = "userTaskKind";

    /// <summary>A script (<c>zeebe:script</c> or the BPMN <c>script</c> child).</summary>
    public const string Script = "script";

    /// <summary><c>zeebe:properties</c>.</summary>
    public const string Properties = "properties";

    /// <summary><c>zeebe:versionTag</c> of a process.</summary>
    public const string VersionTag = "versionTag";

    /// <summary>Execution and task listeners.</summary>
    public const string Listeners = "listeners";

    /// <summary><c>isExecutable</c> of a process.</summary>
    public const string Executable = "executable";

    /// <summary>Everything else that is not layout: further attributes, children and extension elements.</summary>
    public const string Other = "other";
}

/// <summary>One aspect of an element that differs, with its value before and after in a compact text form (null when absent).</summary>
/// <param name="Aspect">The aspect's code (<see cref="BpmnAspects"/>).</param>
/// <param name="Before">The value in the old version, or null.</param>
/// <param name="After">The value in the new version, or null.</param>
public sealed record BpmnAspectChange(string Aspect, string? Before, string? After);

/// <summary>An element of a process or a root element (message, error, signal, escalation) as the comparison sees it.</summary>
/// <param name="Id">The element's id.</param>
/// <param name="Type">The XML local name (<c>userTask</c>, <c>sequenceFlow</c>, <c>process</c>, <c>message</c>, ...).</param>
/// <param name="Name">The trimmed name, or null.</param>
/// <param name="SourceId">The source of a sequence flow, else null.</param>
/// <param name="TargetId">The target of a sequence flow, else null.</param>
public sealed record BpmnComparedElement(string Id, string Type, string? Name, string? SourceId, string? TargetId);

/// <summary>One element that was added, removed or changed.</summary>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Element">The element in the new version (added, changed) or the old one (removed).</param>
/// <param name="Aspects">The aspects that differ (empty for added and removed elements).</param>
public sealed record BpmnElementChange(BpmnChangeKind Kind, BpmnComparedElement Element, ImmutableArray<BpmnAspectChange> Aspects);

/// <summary>The result of <see cref="BpmnComparison.Compare"/>.</summary>
/// <param name="Changes">The changes: removed elements in the old document order, then added and changed in the new one.</param>
/// <param name="Before">Every compared element of the old version by id (to name the ends of a flow).</param>
/// <param name="After">Every compared element of the new version by id.</param>
public sealed record BpmnModelDiff(
    ImmutableArray<BpmnElementChange> Changes,
    ImmutableDictionary<string, BpmnComparedElement> Before,
    ImmutableDictionary<string, BpmnComparedElement> After)
{
    /// <summary>True when nothing that matters for execution differs.</summary>
    public bool IsEmpty => Changes.IsEmpty;

    /// <summary>The changes of one kind.</summary>
    public IEnumerable<BpmnElementChange> OfKind(BpmnChangeKind kind) => Changes.Where(c => c.Kind == kind);
}

/// <summary>
/// Compares two versions of a BPMN model element by element, matched by id: which flow nodes, sequence flows,
/// processes and root elements (messages, errors, signals, escalations) were added, removed or changed. An element
/// counts as changed when its kind, its name or anything that matters for execution differs: attributes, conditions,
/// event definitions, loop characteristics and extension elements (task definitions, forms, assignments, mappings,
/// timers, ...). The diagram's layout (BPMN DI), namespace prefixes, attribute order, whitespace around values, the ids
/// of nested definitions and the derived <c>incoming</c>/<c>outgoing</c> children do not count.
/// </summary>
public static class BpmnComparison
{
    /// <summary>Compares <paramref name="before"/> (null: a process deployed for the first time) with <paramref name="after"/>.</summary>
    public static BpmnModelDiff Compare(BpmnDefinitions? before, BpmnDefinitions after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var old = before is null ? [] : Collect(before);
        var current = Collect(after);
        var oldById = ById(old);
        var currentById = ById(current);

        var changes = ImmutableArray.CreateBuilder<BpmnElementChange>();
        foreach (var (id, element) in old)
        {
            if (!currentById.ContainsKey(id))
            {
                changes.Add(new BpmnElementChange(BpmnChangeKind.Removed, Describe(id, element), []));
            }
        }

        foreach (var (id, element) in current)
        {
            if (!oldById.TryGetValue(id, out var previous))
            {
                changes.Add(new BpmnElementChange(BpmnChangeKind.Added, Describe(id, element), []));
                continue;
            }

            var aspects = Differences(AspectsOf(previous), AspectsOf(element));
            if (!aspects.IsEmpty)
            {
                changes.Add(new BpmnElementChange(BpmnChangeKind.Changed, Describe(id, element), aspects));
            }
        }

        return new BpmnModelDiff(
            changes.ToImmutable(),
            old.ToImmutableDictionary(e => e.Id, e => Describe(e.Id, e.Element), StringComparer.Ordinal),
            current.ToImmutableDictionary(e => e.Id, e => Describe(e.Id, e.Element), StringComparer.Ordinal));
    }

    /// <summary>The aspects of one element as compact text, by aspect code: what <see cref="Compare"/> compares.</summary>
    public static ImmutableSortedDictionary<string, string> AspectsOf(BpmnElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var parts = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string aspect, string value)
        {
            if (!parts.TryGetValue(aspect, out var list))
            {
                parts[aspect] = list = [];
            }

            list.Add(value);
        }

        Add(BpmnAspects.Type, element.ElementName.LocalName);
        if (Trimmed(element.Name) is { } name)
        {
            Add(BpmnAspects.Name, name);
        }

        if (element is SequenceFlow flow)
        {
            Add(BpmnAspects.Connection, $"{flow.SourceRef.Trim()} → {flow.TargetRef.Trim()}");
        }

        foreach (var documentation in element.Documentation)
        {
            if (Trimmed(documentation.Text) is { } text)
            {
                Add(BpmnAspects.Documentation, text);
            }
        }

        foreach (var attribute in element.Attributes)
        {
            if (attribute.IsNamespaceDeclaration || IgnoredAttribute(element, attribute))
            {
                continue;
            }

            Add(AttributeAspect(attribute), $"{attribute.Name.LocalName}={attribute.Value.Trim()}");
        }

        foreach (var content in element.Content)
        {
            if (content.Element is { } child)
            {
                // Flow elements of a sub-process and the lanes of a process are compared (or ignored) on their own.
                if (child is FlowElement or LaneSet or Lane)
                {
                    continue;
                }

                Add(ChildAspect(child.ElementName.LocalName), Canonical(child));
            }
            else if (content.Raw is XmlElementData raw && raw.Name.LocalName is not ("incoming" or "outgoing" or "extensionElements" or "documentation"))
            {
                Add(ChildAspect(raw.Name.LocalName), Canonical(raw));
            }
        }

        foreach (var extension in element.ExtensionElements)
        {
            Add(ExtensionAspect(extension.Name.LocalName), Canonical(extension));
        }

        return parts.ToImmutableSortedDictionary(p => p.Key, p => string.Join("\n", p.Value.Order(StringComparer.Ordinal)), StringComparer.Ordinal);
    }

    private static ImmutableArray<BpmnAspectChange> Differences(ImmutableSortedDictionary<string, string> before, ImmutableSortedDictionary<string, string> after)
    {
        var result = ImmutableArray.CreateBuilder<BpmnAspectChange>();
        foreach (var aspect in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(aspect);
            var current = after.GetValueOrDefault(aspect);
            if (!string.Equals(old, current, StringComparison.Ordinal))
            {
                result.Add(new BpmnAspectChange(aspect, old, current));
            }
        }

        // The kind first, then the name: what a reader looks for first.
        return [.. result.OrderBy(a => a.Aspect switch { BpmnAspects.Type => 0, BpmnAspects.Name => 1, BpmnAspects.Connection => 2, _ => 3 })];
    }

    private static List<(string Id, BpmnElement Element)> Collect(BpmnDefinitions definitions)
    {
        var result = new List<(string, BpmnElement)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Take(BpmnElement element)
        {
            // A duplicate id is a validation error reported elsewhere; the first element with it is the one compared.
            if (Trimmed(element.Id) is { } id && seen.Add(id))
            {
                result.Add((id, element));
            }
        }

        foreach (var process in definitions.Processes)
        {
            foreach (var element in process.DescendantsAndSelf())
            {
                if (element is BpmnProcess or FlowElement)
                {
                    Take(element);
                }
            }
        }

        foreach (var root in definitions.RootElements)
        {
            if (root is Model.Message or Model.Error or Escalation or Model.Signal)
            {
                Take(root);
            }
        }

        return result;
    }

    private static Dictionary<string, BpmnElement> ById(List<(string Id, BpmnElement Element)> elements)
    {
        var result = new Dictionary<string, BpmnElement>(StringComparer.Ordinal);
        foreach (var (id, element) in elements)
        {
            result[id] = element;
        }

        return result;
    }

    private static BpmnComparedElement Describe(string id, BpmnElement element) =>
        element is SequenceFlow flow
            ? new BpmnComparedElement(id, element.ElementName.LocalName, Trimmed(element.Name), Trimmed(flow.SourceRef), Trimmed(flow.TargetRef))
            : new BpmnComparedElement(id, element.ElementName.LocalName, Trimmed(element.Name), null, null);

    private static bool IgnoredAttribute(BpmnElement element, XmlAttributeData attribute) =>
        attribute.Name.Namespace == Xsi
        || (attribute.Name.Namespace == System.Xml.Linq.XNamespace.None && attribute.Name.LocalName switch
        {
            "id" or "name" => true,
            "sourceRef" or "targetRef" => element is SequenceFlow,
            _ => false,
        });

    private static readonly System.Xml.Linq.XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private static string AttributeAspect(XmlAttributeData attribute) => attribute.Name.LocalName switch
    {
        "default" => BpmnAspects.DefaultFlow,
        "attachedToRef" or "cancelActivity" => BpmnAspects.Attachment,
        "messageRef" => BpmnAspects.Message,
        "calledElement" => BpmnAspects.CalledElement,
        "isExecutable" => BpmnAspects.Executable,
        "scriptFormat" => BpmnAspects.Script,
        _ => BpmnAspects.Other,
    };

    private static string ChildAspect(string localName) => localName switch
    {
        "conditionExpression" or "conditionalEventDefinition" => BpmnAspects.Condition,
        "timerEventDefinition" => BpmnAspects.Timer,
        "messageEventDefinition" => BpmnAspects.Message,
        "errorEventDefinition" => BpmnAspects.Error,
        "signalEventDefinition" => BpmnAspects.Signal,
        "escalationEventDefinition" => BpmnAspects.Escalation,
        "terminateEventDefinition" or "linkEventDefinition" or "compensateEventDefinition" or "cancelEventDefinition" => BpmnAspects.EventDefinition,
        "multiInstanceLoopCharacteristics" or "standardLoopCharacteristics" => BpmnAspects.Loop,
        "script" => BpmnAspects.Script,
        _ => BpmnAspects.Other,
    };

    private static string ExtensionAspect(string localName) => localName switch
    {
        "taskDefinition" => BpmnAspects.TaskDefinition,
        "ioMapping" => BpmnAspects.IoMapping,
        "taskHeaders" => BpmnAspects.TaskHeaders,
        "subscription" => BpmnAspects.Subscription,
        "calledElement" => BpmnAspects.CalledElement,
        "calledDecision" => BpmnAspects.CalledDecision,
        "formDefinition" => BpmnAspects.Form,
        "userTaskForm" => BpmnAspects.EmbeddedForm,
        "assignmentDefinition" or "priorityDefinition" => BpmnAspects.Assignment,
        "taskSchedule" => BpmnAspects.Schedule,
        "userTask" => BpmnAspects.UserTaskKind,
        "loopCharacteristics" => BpmnAspects.Loop,
        "script" => BpmnAspects.Script,
        "properties" => BpmnAspects.Properties,
        "versionTag" => BpmnAspects.VersionTag,
        "executionListeners" or "taskListeners" => BpmnAspects.Listeners,
        _ => BpmnAspects.Other,
    };

    /// <summary>A typed element without its id and namespace declarations, its children in document order.</summary>
    private static string Canonical(BpmnElement element)
    {
        var text = new StringBuilder();
        text.Append(element.ElementName.LocalName);
        AppendAttributes(text, element.Attributes);
        var inner = new List<string>();
        foreach (var content in element.Content)
        {
            if (content.Element is { } child)
            {
                inner.Add(Canonical(child));
            }
            else if (content.Raw is XmlElementData raw && raw.Name.LocalName is not ("extensionElements" or "documentation"))
            {
                inner.Add(Canonical(raw));
            }
            else if (content.Raw is XmlTextData { Text: var value } && Trimmed(value) is { } trimmed)
            {
                inner.Add(trimmed);
            }
        }

        inner.AddRange(element.ExtensionElements.Select(Canonical));
        AppendInner(text, inner);
        return text.ToString();
    }

    /// <summary>An element kept verbatim, without ids, namespace declarations and whitespace-only text.</summary>
    private static string Canonical(XmlElementData element)
    {
        var text = new StringBuilder();
        text.Append(element.Name.LocalName);
        AppendAttributes(text, element.Attributes);
        var inner = new List<string>();
        foreach (var child in element.Children)
        {
            switch (child)
            {
                case XmlElementData nested:
                    inner.Add(Canonical(nested));
                    break;
                case XmlTextData { Text: var value } when Trimmed(value) is { } trimmed:
                    inner.Add(trimmed);
                    break;
            }
        }

        AppendInner(text, inner);
        return text.ToString();
    }

    private static void AppendAttributes(StringBuilder text, ImmutableArray<XmlAttributeData> attributes)
    {
        var kept = attributes
            .Where(a => !a.IsNamespaceDeclaration && !(a.Name.Namespace == System.Xml.Linq.XNamespace.None && a.Name.LocalName == "id") && a.Name.Namespace != Xsi)
            .OrderBy(a => a.Name.LocalName, StringComparer.Ordinal)
            .Select(a => $"{a.Name.LocalName}=\"{a.Value.Trim()}\"")
            .ToList();
        if (kept.Count > 0)
        {
            text.Append(' ').AppendJoin(' ', kept);
        }
    }

    private static void AppendInner(StringBuilder text, List<string> inner)
    {
        if (inner.Count > 0)
        {
            text.Append(" { ").AppendJoin("; ", inner).Append(" }");
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
