using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Amtsweg.Feel;

/// <summary>
/// Conversions between FEEL values and CLR or JSON values. JSON numbers keep all their digits; temporal values become
/// ISO 8601 strings in JSON (and JSON strings stay strings: turning them into dates is the job of a type reference).
/// </summary>
public static class FeelConvert
{
    /// <summary>
    /// Converts a CLR value: null, <see cref="FeelValue"/>, string, bool, all integer types, decimal, double, float,
    /// <see cref="BigInteger"/>, <see cref="DateOnly"/>, <see cref="TimeOnly"/>, <see cref="DateTime"/>,
    /// <see cref="DateTimeOffset"/>, <see cref="TimeSpan"/>, <see cref="JsonNode"/>, <see cref="JsonElement"/>,
    /// dictionaries with string keys (contexts) and other enumerables (lists).
    /// </summary>
    /// <exception cref="ArgumentException">The type cannot be converted.</exception>
    public static FeelValue FromObject(object? value) => value switch
    {
        null => FeelValue.Null,
        FeelValue v => v,
        string s => new FeelString(s),
        bool b => FeelBoolean.Of(b),
        int i => FeelNumber.From(i),
        long l => FeelNumber.From(l),
        short s => FeelNumber.From(s),
        byte b => FeelNumber.From(b),
        sbyte b => FeelNumber.From(b),
        ushort u => FeelNumber.From(u),
        uint u => FeelNumber.From(u),
        ulong u => FeelNumber.Create(u, 0),
        decimal d => FeelNumber.From(d),
        double d => (FeelValue?)FeelNumber.From(d) ?? FeelValue.Null,
        float f => (FeelValue?)FeelNumber.From(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)) ?? FeelValue.Null,
        BigInteger big => FeelNumber.Create(big, 0),
        DateOnly d => FeelDate.From(d),
        TimeOnly t => FeelTime.From(t),
        DateTime dt => FeelDateTime.From(dt),
        DateTimeOffset dto => FeelDateTime.From(dto),
        TimeSpan ts => FeelDaysTimeDuration.From(ts),
        JsonNode node => FromJson(node),
        JsonElement element => FromJson(element),
        IEnumerable<KeyValuePair<string, object?>> pairs => FeelContext.Create(pairs.Select(static p => new KeyValuePair<string, FeelValue>(p.Key, FromObject(p.Value)))),
        IDictionary dictionary => FromDictionary(dictionary),
        IEnumerable enumerable => FeelList.Create(enumerable.Cast<object?>().Select(FromObject)),
        _ => throw new ArgumentException($"A value of type {value.GetType()} cannot be converted to FEEL.", nameof(value)),
    };

    /// <summary>
    /// Converts to a natural CLR value: null, decimal (or double when beyond decimal's range), string, bool,
    /// <see cref="DateOnly"/>, <see cref="TimeOnly"/> (local times), <see cref="DateTime"/> (local date-times),
    /// <see cref="DateTimeOffset"/>, <see cref="TimeSpan"/>, <see cref="List{T}"/>, <see cref="Dictionary{TKey, TValue}"/>
    /// (insertion order kept). Values without a CLR counterpart (years-months durations, zoned or out-of-range temporals,
    /// ranges, functions) are returned as their FEEL string, functions as the <see cref="FeelFunction"/> itself.
    /// </summary>
    public static object? ToObject(FeelValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case FeelNull:
                return null;
            case FeelNumber n:
                return n.TryToDecimal(out var d) ? d : n.ToDouble();
            case FeelString s:
                return s.Value;
            case FeelBoolean b:
                return b.Value;
            case FeelDate date:
                return date.ToDateOnly() is { } dateOnly ? dateOnly : date.ToFeelString();
            case FeelTime { HasTimeZone: false } time:
                return new TimeOnly(time.NanoOfDay / 100);
            case FeelDateTime { HasTimeZone: false } local when local.Date.ToDateOnly() is { } day:
                return day.ToDateTime(TimeOnly.MinValue).AddTicks(local.NanoOfDay / 100);
            case FeelDateTime { Zone: null } dt when dt.ToDateTimeOffset() is { } dto:
                return dto;
            case FeelDaysTimeDuration dtd when dtd.ToTimeSpan() is { } span:
                return span;
            case FeelList list:
                return list.Items.Select(ToObject).ToList();
            case FeelContext context:
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, item) in context.Entries)
                {
                    dict[key] = ToObject(item);
                }

                return dict;
            case FeelFunction f:
                return f;
            default:
                return value.ToFeelString();
        }
    }

    /// <summary>Converts a JSON node (null stays null; numbers keep their exact digits).</summary>
    public static FeelValue FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return FeelValue.Null;
            case JsonObject obj:
                return FeelContext.Create(obj.Select(static p => new KeyValuePair<string, FeelValue>(p.Key, FromJson(p.Value))));
            case JsonArray array:
                return FeelList.Create(array.Select(FromJson));
            default:
                var value = node.AsValue();
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => new FeelString(value.GetValue<string>()),
                    JsonValueKind.True => FeelValue.True,
                    JsonValueKind.False => FeelValue.False,
                    JsonValueKind.Number => FeelNumber.TryParse(value.ToJsonString(), out var n) ? n : FeelValue.Null,
                    _ => FeelValue.Null,
                };
        }
    }

    /// <summary>Converts a JSON element.</summary>
    public static FeelValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => FeelContext.Create(element.EnumerateObject().Select(static p => new KeyValuePair<string, FeelValue>(p.Name, FromJson(p.Value)))),
        JsonValueKind.Array => FeelList.Create(element.EnumerateArray().Select(static e => FromJson(e))),
        JsonValueKind.String => new FeelString(element.GetString() ?? string.Empty),
        JsonValueKind.Number => FeelNumber.TryParse(element.GetRawText(), out var n) ? n : FeelValue.Null,
        JsonValueKind.True => FeelValue.True,
        JsonValueKind.False => FeelValue.False,
        _ => FeelValue.Null,
    };

    /// <summary>Parses JSON text and converts it.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static FeelValue FromJson(string json) => FromJson(JsonNode.Parse(json));

    /// <summary>
    /// Converts to JSON: numbers exactly, temporals and durations as ISO strings (their FEEL string form),
    /// lists as arrays, contexts as objects; ranges and functions as their FEEL string.
    /// </summary>
    public static JsonNode? ToJson(FeelValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case FeelNull:
                return null;
            case FeelNumber n:
                return JsonNode.Parse(n.ToString());
            case FeelBoolean b:
                return JsonValue.Create(b.Value);
            case FeelString s:
                return JsonValue.Create(s.Value);
            case FeelList list:
                return new JsonArray([.. list.Items.Select(ToJson)]);
            case FeelContext context:
                var obj = new JsonObject();
                foreach (var (key, item) in context.Entries)
                {
                    obj[key] = ToJson(item);
                }

                return obj;
            default:
                return JsonValue.Create(value.ToFeelString());
        }
    }

    private static FeelContext FromDictionary(IDictionary dictionary)
    {
        var entries = new List<KeyValuePair<string, FeelValue>>();
        foreach (DictionaryEntry entry in dictionary)
        {
            entries.Add(new(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, FromObject(entry.Value)));
        }

        return FeelContext.Create(entries);
    }
}
