using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Amtsweg.Forms;

/// <summary>
/// The fields of a posted HTML form (<c>application/x-www-form-urlencoded</c>) as the JSON a form submission is
/// validated from: names as the renderer writes them (<c>antrag.name</c>, <c>kinder[0].name</c>), one value as text,
/// several (check boxes of one list) as a list of texts. The validator types and checks the values.
/// </summary>
public static partial class FormPost
{
    // The renderer never writes an index this high (dynamic lists hold at most FormOptions.MaxListItems items); a
    // manipulated name must not make the server build a huge list.
    private const int MaxIndex = 1_000;

    /// <summary>Reads the posted fields; names that start with two underscores (the anti-forgery token) are left out.</summary>
    public static JsonObject Read(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var result = new JsonObject();
        foreach (var (name, values) in fields)
        {
            if (name.StartsWith("__", StringComparison.Ordinal) || values.Count == 0 || Path(name) is not { } path)
            {
                continue;
            }

            JsonNode value = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
            Set(result, path, value);
        }

        return result;
    }

    // "kinder[0].name" → ("kinder", 0), ("name", null); null when a segment is not a plain name with an optional index.
    internal static List<(string Name, int? Index)>? Path(string name)
    {
        var path = new List<(string, int?)>();
        foreach (var segment in name.Split('.'))
        {
            var match = Segment().Match(segment);
            if (!match.Success)
            {
                return null;
            }

            int? index = match.Groups["i"].Success ? int.Parse(match.Groups["i"].Value, CultureInfo.InvariantCulture) : null;
            if (index >= MaxIndex)
            {
                return null;
            }

            path.Add((match.Groups["n"].Value, index));
        }

        return path;
    }

    private static void Set(JsonObject target, List<(string Name, int? Index)> path, JsonNode value)
    {
        JsonObject current = target;
        for (var i = 0; i < path.Count; i++)
        {
            var (name, index) = path[i];
            var last = i == path.Count - 1;
            if (index is not { } at)
            {
                if (last)
                {
                    current[name] = value;
                    return;
                }

                if (current[name] is not JsonObject next)
                {
                    next = [];
                    current[name] = next;
                }

                current = next;
                continue;
            }

            if (current[name] is not JsonArray list)
            {
                list = [];
                current[name] = list;
            }

            while (list.Count <= at)
            {
                list.Add(new JsonObject());
            }

            if (last)
            {
                list[at] = value;
                return;
            }

            if (list[at] is not JsonObject item)
            {
                item = [];
                list[at] = item;
            }

            current = item;
        }
    }

    [GeneratedRegex(@"^(?<n>[^\[\]]+)(\[(?<i>[0-9]{1,4})\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();
}
