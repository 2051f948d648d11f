using System.Text.Json.Nodes;
using Amtsweg.Forms.Schema;

namespace Amtsweg.Forms;

/// <summary>An answered field of a form as people read it.</summary>
/// <param name="Label">The field's label; in a dynamic list with the list's label and the entry's number (<c>Kinder 2: Name</c>); the key when the field has no label.</param>
/// <param name="Value">The value as submitted; for choices the labels of the chosen options (a string, or an array for several).</param>
public sealed record FormAnswer(string Label, JsonNode? Value);

/// <summary>
/// A submission as people read it (the PDF of a form filed in the Vorgang): the answered fields in the form's order, with
/// their labels, groups with a <c>path</c> and dynamic lists included, chosen options by their labels.
/// </summary>
public static class FormAnswers
{
    /// <summary>The answered fields of <paramref name="data"/> (a submission checked by <see cref="Validation.FormValidator"/>); fields without a value (missing, null, empty text or list) are left out.</summary>
    public static IReadOnlyList<FormAnswer> Read(FormSchema schema, JsonObject data, FormOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(data);
        var evaluator = new FormEvaluator(options ?? FormOptions.Default);
        var answers = new List<FormAnswer>();
        Walk(evaluator, schema.Components, data, data, "", answers);
        return answers;
    }

    /// <summary>The variables a form binds at the top level (the first part of each key and path): what <see cref="Read"/> covers.</summary>
    public static IReadOnlySet<string> Bindings(FormSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(schema.Components, names);
        return names;
    }

    private static void Collect(IReadOnlyList<FormComponent> components, HashSet<string> names)
    {
        foreach (var component in components)
        {
            if (component.Type is FormComponentType.Group or FormComponentType.DynamicList && component.Path is { } path)
            {
                names.Add(path.Split('.')[0]);
            }
            else if (component.Type is FormComponentType.Group)
            {
                Collect(component.Components, names);
            }
            else if (component.Key is { } key)
            {
                names.Add(key.Split('.')[0]);
            }
        }
    }

    private static void Walk(FormEvaluator evaluator, IReadOnlyList<FormComponent> components, JsonObject? data, JsonObject? context, string prefix, List<FormAnswer> answers)
    {
        foreach (var component in components)
        {
            switch (component.Type)
            {
                case FormComponentType.Group:
                    Walk(evaluator, component.Components, component.Path is { } path ? FormData.Get(data, path) as JsonObject : data, context, prefix, answers);
                    break;
                case FormComponentType.DynamicList when FormData.Get(data, component.Path!) is JsonArray items:
                    var list = LabelOf(component, component.Path!);
                    for (var i = 0; i < items.Count; i++)
                    {
                        Walk(evaluator, component.Components, items[i] as JsonObject, context, $"{prefix}{list} {i + 1}: ", answers);
                    }

                    break;
                case var _ when (component.IsInput || component.Type is FormComponentType.Expression) && FormData.Get(data, component.Key!) is { } value && !IsEmpty(value):
                    answers.Add(new FormAnswer(prefix + LabelOf(component, component.Key!), component.HasOptions ? Chosen(evaluator, component, value, context) : value.DeepClone()));
                    break;
                default:
                    break;
            }
        }
    }

    private static bool IsEmpty(JsonNode value) =>
        value is JsonValue text && text.TryGetValue<string>(out var s) && s.Length == 0 || value is JsonArray { Count: 0 };

    private static string LabelOf(FormComponent component, string binding) =>
        string.IsNullOrWhiteSpace(component.Label) ? binding : component.Label.Trim();

    // The labels of the chosen values; a value that is no option of the form (the form changed since) is kept as it is.
    private static JsonNode Chosen(FormEvaluator evaluator, FormComponent component, JsonNode value, JsonObject? context)
    {
        var options = evaluator.OptionsOf(component, FormData.Scope(context));
        JsonNode Label(JsonNode? chosen) =>
            options.FirstOrDefault(o => JsonNode.DeepEquals(o.Value, chosen)) is { } option ? JsonValue.Create(option.Label) : chosen?.DeepClone()!;
        return value is JsonArray many ? new JsonArray([.. many.Select(Label)]) : Label(value);
    }
}
