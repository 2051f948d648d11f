using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amtsweg.Forms.Schema;

namespace Amtsweg.Forms;

/// <summary>
/// Adding and removing the items of a dynamic list (form-js <c>allowAddRemove</c>) without JavaScript. The renderer
/// writes the buttons „Eintrag hinzufügen“ and „Eintrag N entfernen“ as submit buttons named <see cref="ButtonName"/>.
/// A post that carries one is not a submission: the host applies the button to the posted values here and shows the
/// form again with them, without validating or saving anything.
/// </summary>
public static partial class FormListEdit
{
    /// <summary>
    /// The name of the list buttons. It starts with two underscores, so <see cref="FormPost.Read"/> leaves it out of
    /// the values, as it leaves out the anti-forgery token.
    /// </summary>
    public const string ButtonName = "__liste";

    private const string AddPrefix = "hinzufuegen:";
    private const string RemovePrefix = "entfernen:";

    /// <summary>The value of the add button of the list bound to <paramref name="listKey"/> (e.g. <c>kinder</c>).</summary>
    internal static string AddValue(string listKey) => AddPrefix + listKey;

    /// <summary>The value of the remove button of one item (e.g. <c>kinder[2]</c>).</summary>
    internal static string RemoveValue(string listKey, int index) => $"{RemovePrefix}{listKey}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>
    /// Applies the list button <paramref name="button"/> to the posted values <paramref name="data"/> (changed in place):
    /// an empty item appended, or the item removed. Returns the key to focus when the form is shown again (the new
    /// item, or the list an item was removed from), or null when nothing was changed: a button of a list that does not
    /// allow adding and removing, an item that is not there, a list that is full. Either way nothing is submitted.
    /// </summary>
    public static string? Apply(FormSchema schema, JsonObject data, string button, FormOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(button);
        options ??= FormOptions.Default;
        var adding = button.StartsWith(AddPrefix, StringComparison.Ordinal);
        var key = adding ? button[AddPrefix.Length..] : button.StartsWith(RemovePrefix, StringComparison.Ordinal) ? button[RemovePrefix.Length..] : null;
        if (key is null || FormPost.Path(key) is not { Count: > 0 } path)
        {
            return null;
        }

        var (name, index) = path[^1];
        if (adding != (index is null))
        {
            return null;
        }

        var listKey = adding ? key : key[..key.LastIndexOf('[')];
        if (!EditableLists(schema.Components, string.Empty).Contains(Indexes().Replace(listKey, string.Empty))
            || Parent(data, path) is not { } parent)
        {
            return null;
        }

        if (adding)
        {
            if (parent[name] is not JsonArray list)
            {
                list = [];
                parent[name] = list;
            }

            if (list.Count >= options.MaxListItems)
            {
                return null;
            }

            list.Add(new JsonObject());
            return $"{listKey}[{(list.Count - 1).ToString(CultureInfo.InvariantCulture)}]";
        }

        if (parent[name] is not JsonArray items || index >= items.Count)
        {
            return null;
        }

        items.RemoveAt(index!.Value);
        return listKey;
    }

    // The object that holds the path's last segment; null when an item on the way is not there (a parent list's
    // item that was not posted).
    private static JsonObject? Parent(JsonObject data, List<(string Name, int? Index)> path)
    {
        var current = data;
        foreach (var (name, index) in path.Take(path.Count - 1))
        {
            var next = current[name];
            if (index is { } at)
            {
                next = next is JsonArray list && at < list.Count ? list[at] : null;
            }

            if (next is not JsonObject inner)
            {
                if (index is not null || next is not null)
                {
                    return null;
                }

                // A group's object that holds nothing yet.
                inner = [];
                current[name] = inner;
            }

            current = inner;
        }

        return current;
    }

    // The keys (without item indexes) of the dynamic lists whose items may be added and removed.
    private static IEnumerable<string> EditableLists(IReadOnlyList<FormComponent> components, string prefix)
    {
        foreach (var c in components)
        {
            if (c.Type == FormComponentType.Group)
            {
                foreach (var inner in EditableLists(c.Components, c.Path is null ? prefix : prefix + c.Path + "."))
                {
                    yield return inner;
                }
            }
            else if (c.Type == FormComponentType.DynamicList)
            {
                var key = prefix + c.Path;
                if (c.AllowAddRemove)
                {
                    yield return key;
                }

                foreach (var inner in EditableLists(c.Components, key + "."))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"\[[0-9]+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Indexes();
}
