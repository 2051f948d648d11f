using System.Text.Json.Nodes;
using Amtsweg.Feel;
using Amtsweg.Forms.Schema;

namespace Amtsweg.Forms;

/// <summary>Reading and writing values at form-js bindings: a key or path whose dots name nested objects.</summary>
internal static class FormData
{
    public static bool TryGet(JsonObject? data, string binding, out JsonNode? value)
    {
        value = null;
        JsonNode? current = data;
        foreach (var segment in binding.Split('.'))
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(segment, out var next))
            {
                value = null;
                return false;
            }

            current = next;
        }

        value = current;
        return true;
    }

    public static JsonNode? Get(JsonObject? data, string binding) => TryGet(data, binding, out var value) ? value : null;

    public static void Set(JsonObject target, string binding, JsonNode? value)
    {
        var segments = binding.Split('.');
        var current = target;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (current[segments[i]] is not JsonObject next)
            {
                next = [];
                current[segments[i]] = next;
            }

            current = next;
        }

        current[segments[^1]] = value;
    }

    public static JsonObject GetOrCreateObject(JsonObject target, string binding)
    {
        var current = target;
        foreach (var segment in binding.Split('.'))
        {
            if (current[segment] is not JsonObject next)
            {
                next = [];
                current[segment] = next;
            }

            current = next;
        }

        return current;
    }

    /// <summary>A copy of <paramref name="under"/> with the entries of <paramref name="over"/> laid over it, objects merged.</summary>
    public static JsonObject Overlay(JsonObject? under, JsonObject? over)
    {
        var result = under?.DeepClone().AsObject() ?? [];
        if (over is null)
        {
            return result;
        }

        foreach (var (key, value) in over)
        {
            result[key] = value is JsonObject inner && result[key] is JsonObject existing ? Overlay(existing, inner) : value?.DeepClone();
        }

        return result;
    }

    /// <summary>
    /// A copy of the data without the values the form's fields own (inputs, computed fields, lists), so that FEEL
    /// sees those only as the cleaned submission has them and a hidden field's value never counts.
    /// </summary>
    public static JsonObject WithoutBindings(JsonObject? data, IReadOnlyList<FormComponent> components)
    {
        var result = data?.DeepClone().AsObject() ?? [];
        RemoveBindings(result, components, string.Empty);
        return result;
    }

    private static void RemoveBindings(JsonObject data, IReadOnlyList<FormComponent> components, string prefix)
    {
        foreach (var component in components)
        {
            if (component.Key is { } key)
            {
                Remove(data, prefix + key);
            }
            else if (component.Type == FormComponentType.DynamicList)
            {
                Remove(data, prefix + component.Path);
            }
            else if (component.Type == FormComponentType.Group)
            {
                RemoveBindings(data, component.Components, component.Path is null ? prefix : prefix + component.Path + ".");
            }
        }
    }

    private static void Remove(JsonObject data, string binding)
    {
        var segments = binding.Split('.');
        JsonObject? current = data;
        for (var i = 0; i < segments.Length - 1 && current is not null; i++)
        {
            current = current[segments[i]] as JsonObject;
        }

        current?.Remove(segments[^1]);
    }

    /// <summary>The variables FEEL expressions of the form see: the entries of the data object.</summary>
    public static FeelScope Scope(JsonObject? data, FeelScope? parent = null)
    {
        var scope = new FeelScope(parent);
        if (data is not null)
        {
            foreach (var (key, value) in data)
            {
                scope.Set(key, FeelConvert.FromJson(value));
            }
        }

        return scope;
    }

    /// <summary>The scope inside an item of a dynamic list: its entries, <c>this</c> and <c>parent</c> (as form-js has them).</summary>
    public static FeelScope ItemScope(JsonObject? item, JsonObject? parentData, FeelScope parent)
    {
        var scope = Scope(item, parent);
        scope.Set("this", FeelConvert.FromJson(item));
        scope.Set("parent", FeelConvert.FromJson(parentData));
        return scope;
    }
}
