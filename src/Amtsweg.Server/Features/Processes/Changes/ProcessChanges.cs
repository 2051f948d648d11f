using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Comparison;
using Amtsweg.Bpmn.Model;
using Amtsweg.Library.Packages.Diff;
using Amtsweg.Server.Features.Records.Cases;
using Amtsweg.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Processes.Changes;

/// <summary>One aspect of a changed element as the page shows it: a German label, the value before and after.</summary>
public sealed record ChangedAspect(string Label, string? Before, string? After);

/// <summary>One changed element as the page shows it.</summary>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="ElementId">The element's id, for the diagram markers only (never shown).</param>
/// <param name="Text">A German sentence naming the element by its name or kind.</param>
/// <param name="Aspects">What changed, for a changed element.</param>
public sealed record ChangedElement(BpmnChangeKind Kind, string ElementId, string Text, IReadOnlyList<ChangedAspect> Aspects);

/// <summary>A text diff of a form or decision deployed with the process.</summary>
public sealed record ChangedText(string Title, IReadOnlyList<TextLine> Lines);

/// <summary>
/// The changes of a diagram against the running (latest deployed) version of its process, in German: the element list,
/// the ids to mark on the diagram and the line diffs of the forms embedded in it.
/// </summary>
/// <param name="BaseVersion">The deployed version compared with, or null for a process that was never deployed.</param>
/// <param name="Elements">Every added, removed or changed element.</param>
/// <param name="Texts">A line diff per embedded form that differs.</param>
public sealed record ProcessChanges(int? BaseVersion, IReadOnlyList<ChangedElement> Elements, IReadOnlyList<ChangedText> Texts)
{
    /// <summary>The longest value of an aspect shown; the rest is cut with an ellipsis.</summary>
    public const int MaxValueLength = 300;

    /// <summary>True when nothing differs.</summary>
    public bool IsEmpty => Elements.Count == 0 && Texts.Count == 0;

    /// <summary>The ids of added elements that the diagram can mark.</summary>
    public IEnumerable<string> AddedIds => Elements.Where(e => e.Kind == BpmnChangeKind.Added).Select(e => e.ElementId);

    /// <summary>The ids of changed elements that the diagram can mark.</summary>
    public IEnumerable<string> ChangedIds => Elements.Where(e => e.Kind == BpmnChangeKind.Changed).Select(e => e.ElementId);

    /// <summary>Compares <paramref name="after"/> with <paramref name="before"/> (the deployed version <paramref name="baseVersion"/>, or null).</summary>
    public static ProcessChanges Of(IStringLocalizer<Ui> text, BpmnDefinitions? before, int? baseVersion, BpmnDefinitions after)
    {
        ArgumentNullException.ThrowIfNull(text);
        var diff = BpmnComparison.Compare(before, after);
        var elements = new List<ChangedElement>();
        foreach (var change in diff.Changes)
        {
            // A process compared for the first time: every element is new; the list says so once instead of naming each.
            if (before is null)
            {
                break;
            }

            var names = change.Kind == BpmnChangeKind.Removed ? diff.Before : diff.After;
            var what = Describe(text, change.Element, names);
            var sentence = change.Kind switch
            {
                BpmnChangeKind.Added => text["Changes.Added", what].Value,
                BpmnChangeKind.Removed => text["Changes.Removed", what].Value,
                BpmnChangeKind.Changed => text["Changes.Changed", what].Value,
                _ => throw new InvalidOperationException($"Unknown change kind {change.Kind}."),
            };
            var aspects = change.Aspects.Select(a => Aspect(text, a, diff)).ToList();
            elements.Add(new ChangedElement(change.Kind, change.Element.Id, sentence, aspects));
        }

        return new ProcessChanges(baseVersion, elements, before is null ? [] : FormTexts(text, before, after));
    }

    private static ChangedAspect Aspect(IStringLocalizer<Ui> text, BpmnAspectChange aspect, BpmnModelDiff diff)
    {
        var label = text[$"Changes.Aspect.{aspect.Aspect}"];
        var name = label.ResourceNotFound ? text["Changes.Aspect.other"].Value : label.Value;
        return aspect.Aspect switch
        {
            BpmnAspects.Type => new ChangedAspect(name, Kind(text, aspect.Before), Kind(text, aspect.After)),
            BpmnAspects.Connection => new ChangedAspect(name, Connection(text, aspect.Before, diff.Before), Connection(text, aspect.After, diff.After)),
            _ => new ChangedAspect(name, Cut(aspect.Before), Cut(aspect.After)),
        };
    }

    private static string Describe(IStringLocalizer<Ui> text, BpmnComparedElement element, IReadOnlyDictionary<string, BpmnComparedElement> names)
    {
        if (element.Name is { } name)
        {
            return text["Changes.Named", Kind(text, element.Type)!, name];
        }

        if (element.SourceId is not null || element.TargetId is not null)
        {
            return text["Changes.FlowBetween", NameOf(text, element.SourceId, names), NameOf(text, element.TargetId, names)];
        }

        return text["Changes.Unnamed", Kind(text, element.Type)!];
    }

    private static string NameOf(IStringLocalizer<Ui> text, string? id, IReadOnlyDictionary<string, BpmnComparedElement> names) =>
        id is not null && names.TryGetValue(id, out var element)
            ? element.Name ?? Kind(text, element.Type)!
            : text["Changes.UnknownElement"];

    private static string? Connection(IStringLocalizer<Ui> text, string? value, IReadOnlyDictionary<string, BpmnComparedElement> names)
    {
        if (value is null)
        {
            return null;
        }

        var ends = value.Split(" → ", 2);
        return ends.Length == 2 ? $"{NameOf(text, ends[0], names)} → {NameOf(text, ends[1], names)}" : Cut(value);
    }

    private static string? Kind(IStringLocalizer<Ui> text, string? type)
    {
        if (type is null)
        {
            return null;
        }

        var word = text[$"Changes.Kind.{type}"];
        if (!word.ResourceNotFound)
        {
            return word.Value;
        }

        return VorgangTimeline.StepName(text, null, type);
    }

    private static string? Cut(string? value) =>
        value is null ? null : value.Length <= MaxValueLength ? value : string.Concat(value.AsSpan(0, MaxValueLength), "…");

    /// <summary>The forms embedded in the process (<c>zeebe:userTaskForm</c>), matched by id, as indented JSON line diffs.</summary>
    private static List<ChangedText> FormTexts(IStringLocalizer<Ui> text, BpmnDefinitions before, BpmnDefinitions after)
    {
        var old = Forms(before);
        var current = Forms(after);
        var result = new List<ChangedText>();
        foreach (var id in current.Keys.Union(old.Keys).Order(StringComparer.Ordinal))
        {
            var lines = TextDiff.Compare(old.GetValueOrDefault(id), current.GetValueOrDefault(id));
            if (!TextDiff.HasChanges(lines))
            {
                continue;
            }

            var task = TaskUsing(after, id) ?? TaskUsing(before, id);
            var title = task is null ? text["Changes.FormUnused"].Value : text["Changes.FormOf", task].Value;
            result.Add(new ChangedText(title, lines));
        }

        return result;
    }

    private static Dictionary<string, string> Forms(BpmnDefinitions model)
    {
        var forms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var process in model.Processes)
        {
            foreach (var form in process.Zeebe.UserTaskForms)
            {
                if (form.Id is { } id)
                {
                    forms.TryAdd(id, Indented(form.Body));
                }
            }
        }

        return forms;
    }

    private static string? TaskUsing(BpmnDefinitions model, string formId) =>
        model.Processes.SelectMany(p => p.DescendantsAndSelf())
            .Where(e => e.Zeebe.FormDefinition?.FormKey is { } key && key.EndsWith(":" + formId, StringComparison.Ordinal))
            .Select(e => string.IsNullOrWhiteSpace(e.Name) ? null : e.Name.Trim())
            .FirstOrDefault(n => n is not null);

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The modeler writes an embedded form as one line of JSON: indented, a changed field is one changed line, not the whole form.
    internal static string Indented(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(IndentedJson) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
