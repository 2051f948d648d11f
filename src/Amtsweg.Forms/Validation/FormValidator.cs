using System.Text.Json.Nodes;
using Amtsweg.Feel;
using Amtsweg.Forms.Schema;

namespace Amtsweg.Forms.Validation;

/// <summary>A field that does not satisfy the form.</summary>
/// <param name="Key">Where the value belongs: the binding, with the list index for dynamic lists (<c>kinder[0].name</c>).</param>
/// <param name="Message">The German message shown next to the field and in the error summary.</param>
public sealed record FormFieldError(string Key, string Message);

/// <summary>An error of an input outside the form on the same page, shown in the form's error summary.</summary>
/// <param name="TargetId">The element id of the input the summary links to.</param>
/// <param name="Message">The message (German), complete in itself: the summary adds no label.</param>
public sealed record FormPageError(string TargetId, string Message);

/// <summary>The outcome of validating a submission.</summary>
public sealed class FormValidationResult
{
    internal FormValidationResult(JsonObject data, IReadOnlyList<FormFieldError> errors)
    {
        Data = data;
        Errors = errors;
    }

    /// <summary>
    /// The cleaned, typed values: only the form's visible fields, read-only fields with their given value, computed
    /// fields recomputed. Never contains a value the form did not ask for.
    /// </summary>
    public JsonObject Data { get; }

    /// <summary>The field errors in document order; empty when the submission is valid.</summary>
    public IReadOnlyList<FormFieldError> Errors { get; }

    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Validates a submission on the server with the schema's rules. Visibility (<c>conditional.hide</c>) and read-only are
/// evaluated by Amtsweg's FEEL engine against the given data and the cleaned submission, never against values of
/// hidden fields, so a manipulated hidden field can neither be stored nor change what is shown.
/// </summary>
public static class FormValidator
{
    // Visibility can depend on fields that are themselves conditional; each round uses the previous round's cleaned
    // values, and real forms settle in two or three rounds. The bound ends cycles (A hides B, B hides A).
    private const int MaxRounds = 8;

    /// <summary>Validates <paramref name="submitted"/> against the form.</summary>
    /// <param name="schema">The form.</param>
    /// <param name="submitted">The values the user sent (typed JSON or the strings of a form post).</param>
    /// <param name="initial">The values the form was shown with (process variables); read-only fields keep these, and FEEL sees them.</param>
    /// <param name="options">Clock, time zone and limits.</param>
    public static FormValidationResult Validate(FormSchema schema, JsonObject? submitted, JsonObject? initial = null, FormOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var evaluator = new FormEvaluator(options ?? FormOptions.Default);
        var variables = FormData.WithoutBindings(initial, schema.Components);
        var context = variables;
        Pass pass = null!;
        for (var round = 0; round < MaxRounds; round++)
        {
            pass = new Pass(evaluator);
            pass.Walk(schema.Components, submitted, initial, pass.Data, context, FormData.Scope(context), string.Empty);
            var next = FormData.Overlay(variables, pass.Data);
            if (JsonNode.DeepEquals(next, context))
            {
                break;
            }

            context = next;
        }

        return new FormValidationResult(pass.Data, pass.Errors);
    }

    /// <summary>
    /// The data FEEL sees when the form is shown with <paramref name="data"/>: the other variables as given, the fields'
    /// values as validation cleans them (hidden ones removed, computed ones computed), in the same rounds as <see cref="Validate"/>.
    /// </summary>
    internal static JsonObject Context(FormSchema schema, JsonObject? data, FormOptions options)
    {
        var result = Validate(schema, data, data, options);
        return FormData.Overlay(FormData.WithoutBindings(data, schema.Components), result.Data);
    }

    private sealed class Pass(FormEvaluator evaluator)
    {
        public JsonObject Data { get; } = [];

        public List<FormFieldError> Errors { get; } = [];

        public void Walk(IReadOnlyList<FormComponent> components, JsonObject? source, JsonObject? initial, JsonObject target, JsonObject? context, FeelScope scope, string prefix)
        {
            foreach (var component in components)
            {
                if (evaluator.IsHidden(component, scope))
                {
                    continue;
                }

                switch (component.Type)
                {
                    case FormComponentType.Group:
                        if (component.Path is { } path)
                        {
                            Walk(component.Components, FormData.Get(source, path) as JsonObject, FormData.Get(initial, path) as JsonObject, FormData.GetOrCreateObject(target, path), FormData.Get(context, path) as JsonObject, scope, prefix + path + ".");
                        }
                        else
                        {
                            Walk(component.Components, source, initial, target, context, scope, prefix);
                        }

                        break;
                    case FormComponentType.DynamicList:
                        WalkList(component, source, initial, target, context, scope, prefix);
                        break;
                    case FormComponentType.Expression:
                        FormData.Set(target, component.Key!, evaluator.Compute(component, scope));
                        break;
                    case var _ when component.IsInput:
                        Field(component, source, initial, target, scope, prefix);
                        break;
                    default:
                        break;
                }
            }
        }

        private void WalkList(FormComponent list, JsonObject? source, JsonObject? initial, JsonObject target, JsonObject? context, FeelScope scope, string prefix)
        {
            var path = list.Path!;
            var key = prefix + path;
            var given = FormData.Get(source, path);
            var items = new JsonArray();
            FormData.Set(target, path, items);
            if (given is null)
            {
                return;
            }

            if (given is not JsonArray array)
            {
                Errors.Add(new FormFieldError(key, "Die Einträge dieser Liste haben nicht die erwartete Form."));
                return;
            }

            if (array.Count > evaluator.Options.MaxListItems)
            {
                Errors.Add(new FormFieldError(key, $"Die Liste darf höchstens {evaluator.Options.MaxListItems} Einträge haben."));
                return;
            }

            var initialItems = FormData.Get(initial, path) as JsonArray;
            var contextItems = FormData.Get(context, path) as JsonArray;
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsonObject item)
                {
                    Errors.Add(new FormFieldError($"{key}[{i}]", $"Eintrag {i + 1} hat nicht die erwartete Form."));
                    continue;
                }

                var itemContext = contextItems is not null && i < contextItems.Count ? contextItems[i] as JsonObject : null;
                var cleaned = new JsonObject();
                items.Add(cleaned);
                Walk(list.Components, item, initialItems is not null && i < initialItems.Count ? initialItems[i] as JsonObject : null, cleaned, itemContext, FormData.ItemScope(itemContext, context, scope), $"{key}[{i}].");
            }
        }

        private void Field(FormComponent component, JsonObject? source, JsonObject? initial, JsonObject target, FeelScope scope, string prefix)
        {
            var binding = component.Key!;
            if (evaluator.IsReadonly(component, scope))
            {
                // Read-only keeps what the form was shown with; whatever was sent for it is ignored, not merely checked.
                var kept = FormData.TryGet(initial, binding, out var value) ? value : component.DefaultValue;
                if (kept is not null)
                {
                    FormData.Set(target, binding, kept.DeepClone());
                }

                return;
            }

            FormData.TryGet(source, binding, out var raw);
            var options = component.HasOptions ? evaluator.OptionsOf(component, scope) : [];
            var (typed, message) = FieldRules.Check(component, raw, options, evaluator.Options);
            FormData.Set(target, binding, typed);
            if (message is not null)
            {
                Errors.Add(new FormFieldError(prefix + binding, message));
            }
        }
    }
}
