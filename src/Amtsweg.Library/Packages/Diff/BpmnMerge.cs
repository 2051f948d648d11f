using System.Xml.Linq;
using Amtsweg.Bpmn;
using Amtsweg.Bpmn.Comparison;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Xml;

namespace Amtsweg.Library.Packages.Diff;

/// <summary>An element both sides changed in ways that cannot both be kept.</summary>
/// <param name="ElementId">The element's id.</param>
/// <param name="Text">A German sentence: which element and what happened on each side.</param>
/// <param name="Local">What the municipality changed, in German.</param>
/// <param name="Upstream">What the new version changed, in German.</param>
public sealed record BpmnMergeConflict(string ElementId, string Text, string Local, string Upstream);

/// <summary>The result of <see cref="BpmnMerge.Merge"/>.</summary>
/// <param name="Xml">The merged model, or null when there is a conflict.</param>
/// <param name="Conflicts">The conflicts.</param>
public sealed record BpmnMergeResult(string? Xml, IReadOnlyList<BpmnMergeConflict> Conflicts);

/// <summary>
/// A three-way merge of a BPMN model by element: the new upstream version is the start, and every element the
/// municipality added, removed or changed against the common version is carried over onto it. An element changed on
/// one side only is taken from that side; the same element changed differently on both sides, an element removed on one
/// side and changed on the other, and an element added on both sides differently are conflicts. The diagram follows the
/// semantics: a shape or edge is taken from the side that changed it (from the municipality's side when it changed the
/// element, else from the side that moved it). The <c>incoming</c>/<c>outgoing</c> children are derived again from the
/// merged flows, and a flow or boundary event that would point at an element that is gone is a conflict.
/// </summary>
public static class BpmnMerge
{
    private static readonly HashSet<string> Containers = new(StringComparer.Ordinal) { "process", "subProcess", "adHocSubProcess", "transaction" };

    /// <summary>Merges the municipality's version <paramref name="local"/> and the new version <paramref name="upstream"/> of <paramref name="common"/>.</summary>
    /// <exception cref="BpmnModelException">One of the three is not a readable BPMN model.</exception>
    public static BpmnMergeResult Merge(string common, string local, string upstream)
    {
        ArgumentNullException.ThrowIfNull(common);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(upstream);
        var commonModel = BpmnReader.Parse(common);
        var localModel = BpmnReader.Parse(local);
        var upstreamModel = BpmnReader.Parse(upstream);
        var byLocal = BpmnComparison.Compare(commonModel, localModel);
        var byUpstream = BpmnComparison.Compare(commonModel, upstreamModel);
        var between = BpmnComparison.Compare(localModel, upstreamModel).Changes.Select(c => c.Element.Id).ToHashSet(StringComparer.Ordinal);

        var localChanges = byLocal.Changes.ToDictionary(c => c.Element.Id, StringComparer.Ordinal);
        var upstreamChanges = byUpstream.Changes.ToDictionary(c => c.Element.Id, StringComparer.Ordinal);
        var conflicts = new List<BpmnMergeConflict>();
        foreach (var (id, mine) in localChanges)
        {
            if (!upstreamChanges.TryGetValue(id, out var theirs) || !between.Contains(id))
            {
                continue;
            }

            var what = mine.Kind == BpmnChangeKind.Removed
                ? BpmnFileDiff.Describe(theirs.Element, theirs.Kind == BpmnChangeKind.Removed ? byUpstream.Before : byUpstream.After)
                : BpmnFileDiff.Describe(mine.Element, byLocal.After);
            var text = (mine.Kind, theirs.Kind) switch
            {
                (BpmnChangeKind.Changed, BpmnChangeKind.Changed) => $"{what} wurde hier und in der neuen Version unterschiedlich geändert.",
                (BpmnChangeKind.Changed, BpmnChangeKind.Removed) => $"{what} wurde in der neuen Version entfernt, hier aber geändert.",
                (BpmnChangeKind.Removed, BpmnChangeKind.Changed) => $"{what} wurde hier entfernt, in der neuen Version aber geändert.",
                (BpmnChangeKind.Added, BpmnChangeKind.Added) => $"{what} wurde hier und in der neuen Version mit derselben Kennung unterschiedlich angelegt.",
                _ => null,
            };
            if (text is not null)
            {
                conflicts.Add(new BpmnMergeConflict(id, text, Side(mine, byLocal), Side(theirs, byUpstream)));
            }
        }

        if (conflicts.Count > 0)
        {
            return new BpmnMergeResult(null, conflicts);
        }

        var commonDocument = Load(common);
        var localDocument = Load(local);
        var result = Load(upstream);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var flowIds = byLocal.Before.Keys.Concat(byLocal.After.Keys).Concat(byUpstream.After.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var change in byLocal.Changes)
        {
            var id = change.Element.Id;
            if (upstreamChanges.ContainsKey(id) && !between.Contains(id))
            {
                // Both sides made the same change: the upstream element already is it.
                continue;
            }

            switch (change.Kind)
            {
                case BpmnChangeKind.Changed:
                    TakeOwnContent(Semantic(localDocument, id)!, Semantic(result, id)!, flowIds);
                    taken.Add(id);
                    break;
                case BpmnChangeKind.Added:
                    if (Add(localDocument, result, id, flowIds) is { } problem)
                    {
                        conflicts.Add(new BpmnMergeConflict(id, problem, Side(change, byLocal), "—"));
                    }

                    taken.Add(id);
                    break;
                case BpmnChangeKind.Removed:
                    if (Semantic(result, id) is { } gone)
                    {
                        var added = gone.Descendants().Select(e => (string?)e.Attribute("id")).Where(i => i is not null && byUpstream.OfKind(BpmnChangeKind.Added).Any(c => c.Element.Id == i)).ToList();
                        if (added.Count > 0)
                        {
                            conflicts.Add(new BpmnMergeConflict(id, $"{BpmnFileDiff.Describe(change.Element, byLocal.Before)} wurde hier entfernt, in der neuen Version aber um Elemente ergänzt.", "entfernt", $"{added.Count} Elemente hinzugefügt"));
                        }

                        gone.Remove();
                    }

                    taken.Add(id);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown change kind {change.Kind}.");
            }
        }

        MergeDiagram(commonDocument, localDocument, result, taken);
        conflicts.AddRange(DanglingReferences(result, byUpstream.After, byLocal.After));
        if (conflicts.Count > 0)
        {
            return new BpmnMergeResult(null, conflicts);
        }

        DeriveFlowChildren(result);
        var xml = (result.Declaration is { } declaration ? declaration + "\n" : string.Empty) + result.Root!.ToString(SaveOptions.DisableFormatting);
        BpmnReader.Parse(xml);
        return new BpmnMergeResult(xml, []);
    }

    private static XDocument Load(string xml) => SafeXml.ParseDocument(xml, options: LoadOptions.PreserveWhitespace);

    private static string Side(BpmnElementChange change, BpmnModelDiff diff) => change.Kind switch
    {
        BpmnChangeKind.Added => "hinzugefügt",
        BpmnChangeKind.Removed => "entfernt",
        BpmnChangeKind.Changed => string.Join("; ", BpmnFileDiff.Details(change, diff)),
        _ => throw new InvalidOperationException($"Unknown change kind {change.Kind}."),
    };

    /// <summary>The semantic element with an id (not a diagram element: shapes have ids of their own).</summary>
    private static XElement? Semantic(XDocument document, string id) =>
        document.Root!.Elements().Where(e => e.Name.Namespace != BpmnNamespaces.BpmnDi)
            .SelectMany(e => e.DescendantsAndSelf())
            .FirstOrDefault(e => e.Name.Namespace != BpmnNamespaces.BpmnDi && (string?)e.Attribute("id") == id);

    /// <summary>Whether a child is an element compared on its own (a flow element of a container) or a lane set.</summary>
    private static bool IsOwnElement(XElement child, HashSet<string> flowIds) =>
        child.Name.LocalName == "laneSet" || ((string?)child.Attribute("id") is { } id && flowIds.Contains(id));

    /// <summary>Gives <paramref name="target"/> the attributes and the own children (not the nested flow elements) of <paramref name="source"/>.</summary>
    private static void TakeOwnContent(XElement source, XElement target, HashSet<string> flowIds)
    {
        target.ReplaceAttributes(source.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => new XAttribute(a)));
        var nested = target.Nodes().Where(n => n is XElement e && IsOwnElement(e, flowIds)).ToList();
        var own = source.Nodes().Where(n => n is not XElement e || !IsOwnElement(e, flowIds)).Select(Copy).ToList();
        target.RemoveNodes();
        target.Add(own);
        target.Add(nested);
    }

    private static XNode Copy(XNode node) => node switch
    {
        XElement element => new XElement(element),
        XText text => new XText(text),
        XComment comment => new XComment(comment),
        _ => new XText(string.Empty),
    };

    /// <summary>Adds a locally added element under its parent in the result; a German problem when the parent is gone.</summary>
    private static string? Add(XDocument local, XDocument result, string id, HashSet<string> flowIds)
    {
        if (Semantic(result, id) is not null)
        {
            return null;
        }

        var element = Semantic(local, id)!;
        var copy = new XElement(element.Name, element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => new XAttribute(a)));
        copy.Add(element.Nodes().Where(n => n is not XElement e || !IsOwnElement(e, flowIds)).Select(Copy));
        var parent = element.Parent!;
        if (parent == local.Root)
        {
            var before = result.Root!.Elements().FirstOrDefault(e => e.Name.LocalName is "process" or "collaboration" or "BPMNDiagram");
            if (before is null)
            {
                result.Root.Add(copy);
            }
            else
            {
                before.AddBeforeSelf(copy);
            }

            return null;
        }

        var parentId = (string?)parent.Attribute("id");
        if (parentId is null || Semantic(result, parentId) is not { } target)
        {
            return $"{Kind(element)} wurde hier in einem Teil des Prozesses hinzugefügt, den die neue Version entfernt hat.";
        }

        target.Add(copy);
        return null;
    }

    private static string Kind(XElement element) =>
        (string?)element.Attribute("name") is { Length: > 0 } name ? $"{BpmnFileDiff.Kind(element.Name.LocalName)} ‚{name.Trim()}‘" : $"{BpmnFileDiff.Kind(element.Name.LocalName)} ({(string?)element.Attribute("id")})";

    /// <summary>
    /// Shapes and edges by their element: the municipality's where it changed the element or only it moved the shape,
    /// otherwise the new version's; shapes of elements that are gone are removed.
    /// </summary>
    private static void MergeDiagram(XDocument common, XDocument local, XDocument result, HashSet<string> taken)
    {
        var commonShapes = Shapes(common);
        var localShapes = Shapes(local);
        var resultShapes = Shapes(result);
        foreach (var id in commonShapes.Keys.Union(localShapes.Keys).Union(resultShapes.Keys).ToList())
        {
            var before = commonShapes.TryGetValue(id, out var c) ? XmlCanonical.Of(c) : null;
            var mine = localShapes.TryGetValue(id, out var l) ? XmlCanonical.Of(l) : null;
            var theirs = resultShapes.TryGetValue(id, out var u) ? XmlCanonical.Of(u) : null;
            if (mine == before || mine == theirs || (theirs != before && !taken.Contains(id)))
            {
                continue;
            }

            if (l is null)
            {
                u?.Remove();
            }
            else if (u is not null)
            {
                u.ReplaceWith(new XElement(l));
            }
            else if (Plane(result, (string?)l.Parent?.Attribute("bpmnElement")) is { } plane)
            {
                plane.Add(new XElement(l));
            }
        }

        foreach (var (id, shape) in Shapes(result))
        {
            if (Semantic(result, id) is null)
            {
                shape.Remove();
            }
        }

        // A lane keeps the new version's members; a member that is gone leaves it.
        foreach (var member in result.Descendants(BpmnNamespaces.Model + "flowNodeRef").ToList())
        {
            if (Semantic(result, member.Value.Trim()) is null)
            {
                member.Remove();
            }
        }
    }

    private static Dictionary<string, XElement> Shapes(XDocument document)
    {
        var shapes = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var shape in document.Root!.Elements(BpmnNamespaces.BpmnDi + "BPMNDiagram").Descendants()
                     .Where(e => e.Name.Namespace == BpmnNamespaces.BpmnDi && e.Name.LocalName is "BPMNShape" or "BPMNEdge"))
        {
            if ((string?)shape.Attribute("bpmnElement") is { } id)
            {
                shapes.TryAdd(id, shape);
            }
        }

        return shapes;
    }

    private static XElement? Plane(XDocument document, string? element)
    {
        var planes = document.Root!.Elements(BpmnNamespaces.BpmnDi + "BPMNDiagram").Elements(BpmnNamespaces.BpmnDi + "BPMNPlane").ToList();
        return planes.FirstOrDefault(p => (string?)p.Attribute("bpmnElement") == element) ?? planes.FirstOrDefault();
    }

    private static List<BpmnMergeConflict> DanglingReferences(XDocument result, IReadOnlyDictionary<string, BpmnComparedElement> upstream, IReadOnlyDictionary<string, BpmnComparedElement> local)
    {
        var ids = result.Root!.Elements().Where(e => e.Name.Namespace != BpmnNamespaces.BpmnDi).SelectMany(e => e.DescendantsAndSelf())
            .Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var conflicts = new List<BpmnMergeConflict>();
        foreach (var element in result.Root.Elements().Where(e => e.Name.Namespace != BpmnNamespaces.BpmnDi).SelectMany(e => e.DescendantsAndSelf()))
        {
            foreach (var attribute in new[] { "sourceRef", "targetRef", "attachedToRef", "default" })
            {
                if ((string?)element.Attribute(attribute) is { } target && !ids.Contains(target) && element.Name.Namespace == BpmnNamespaces.Model)
                {
                    var id = (string?)element.Attribute("id") ?? string.Empty;
                    var named = local.TryGetValue(target, out var gone) || upstream.TryGetValue(target, out gone)
                        ? BpmnFileDiff.Describe(gone, local)
                        : $"‚{target}‘";
                    conflicts.Add(new BpmnMergeConflict(
                        id,
                        $"{Kind(element)} verweist auf {named}, das es nach dem Zusammenführen nicht mehr gibt (auf einer Seite entfernt, auf der anderen neu verbunden).",
                        "verbunden",
                        "entfernt"));
                }
            }
        }

        return conflicts;
    }

    /// <summary>Sets every node's <c>incoming</c>/<c>outgoing</c> children to the merged flows, where they differ.</summary>
    private static void DeriveFlowChildren(XDocument result)
    {
        var semantic = result.Root!.Elements().Where(e => e.Name.Namespace == BpmnNamespaces.Model && e.Name.LocalName != "BPMNDiagram").SelectMany(e => e.DescendantsAndSelf()).ToList();
        var flows = semantic.Where(e => e.Name == BpmnNamespaces.Model + "sequenceFlow").ToList();
        foreach (var node in semantic)
        {
            if ((string?)node.Attribute("id") is not { } id || node.Name.LocalName == "sequenceFlow")
            {
                continue;
            }

            var incoming = flows.Where(f => (string?)f.Attribute("targetRef") == id).Select(f => (string)f.Attribute("id")!).ToList();
            var outgoing = flows.Where(f => (string?)f.Attribute("sourceRef") == id).Select(f => (string)f.Attribute("id")!).ToList();
            var hasIncoming = node.Elements(BpmnNamespaces.Model + "incoming").Select(e => e.Value.Trim()).ToList();
            var hasOutgoing = node.Elements(BpmnNamespaces.Model + "outgoing").Select(e => e.Value.Trim()).ToList();
            if ((incoming.Count == 0 && outgoing.Count == 0 && hasIncoming.Count == 0 && hasOutgoing.Count == 0)
                || (incoming.SequenceEqual(hasIncoming) && outgoing.SequenceEqual(hasOutgoing)))
            {
                continue;
            }

            node.Elements().Where(e => e.Name == BpmnNamespaces.Model + "incoming" || e.Name == BpmnNamespaces.Model + "outgoing").Remove();
            var children = incoming.Select(f => new XElement(BpmnNamespaces.Model + "incoming", f))
                .Concat(outgoing.Select(f => new XElement(BpmnNamespaces.Model + "outgoing", f))).ToList();
            var anchor = node.Elements().LastOrDefault(e => e.Name.LocalName is "documentation" or "extensionElements");
            if (anchor is null)
            {
                node.AddFirst(children);
            }
            else
            {
                anchor.AddAfterSelf(children);
            }
        }
    }
}
