using System.Text.Json.Nodes;
using Amtsweg.Feel;
using Amtsweg.Forms.Schema;

namespace Amtsweg.Forms;

/// <summary>
/// Evaluates a component's FEEL against form data: visibility, read-only, options, computed values. A failing
/// expression counts as null (not hidden, not read-only, no options), as in form-js, so that a broken condition never
/// hides a required field silently from validation.
/// </summary>
internal sealed class FormEvaluator(FormOptions options)
{
    private readonly FeelEvaluationOptions _feel = new() { Clock = options.Clock, TimeZone = options.TimeZone };

    public FormOptions Options { get; } = options;

    public FeelValue Evaluate(FormExpression expression, FeelScope scope)
    {
        var result = expression.Feel.Evaluate(scope, _feel);
        return result.HasError ? FeelValue.Null : result.Value;
    }

    public bool IsHidden(FormComponent component, FeelScope scope) =>
        component.Hide is { } hide && Evaluate(hide, scope) is FeelBoolean { Value: true };

    public bool IsReadonly(FormComponent component, FeelScope scope) =>
        component.ReadonlyConstant || component.Disabled
        || (component.ReadonlyExpression is { } expression && Evaluate(expression, scope) is FeelBoolean { Value: true });

    public JsonNode? Compute(FormComponent component, FeelScope scope) =>
        component.Expression is { } expression ? FeelConvert.ToJson(Evaluate(expression, scope)) : null;

    /// <summary>The options of a radio, select, checklist or taglist: static, from an input variable, or from FEEL.</summary>
    public IReadOnlyList<FormOption> OptionsOf(FormComponent component, FeelScope scope)
    {
        if (component.ValuesExpression is { } expression)
        {
            return ToOptions(FeelConvert.ToJson(Evaluate(expression, scope)));
        }

        if (component.ValuesKey is { } key)
        {
            var segments = key.Split('.');
            if (!scope.TryGet(segments[0], out var root))
            {
                return [];
            }

            var node = FeelConvert.ToJson(root);
            foreach (var segment in segments.Skip(1))
            {
                node = (node as JsonObject)?[segment];
            }

            return ToOptions(node);
        }

        return component.Values;
    }

    private static List<FormOption> ToOptions(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            return [];
        }

        var result = new List<FormOption>();
        foreach (var item in array)
        {
            switch (item)
            {
                case JsonObject obj when obj["value"] is JsonValue value:
                    result.Add(new FormOption(obj["label"] is { } label ? FormValues.Display(label) : FormValues.Display(value), value.DeepClone()));
                    break;
                case JsonValue value:
                    result.Add(new FormOption(FormValues.Display(value), value.DeepClone()));
                    break;
                default:
                    break;
            }
        }

        return result;
    }
}
