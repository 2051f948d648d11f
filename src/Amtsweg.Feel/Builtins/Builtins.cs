namespace Amtsweg.Feel;

/// <summary>
/// The built-in function library of DMN 1.5 (chapter 10), registered by family in the partial files next to this one.
/// Parameter names follow the specification, so named invocation works (<c>substring(string: "abc", start position: 2)</c>).
/// </summary>
internal static partial class Builtins
{
    /// <summary>Parameters that take a single value, never a list.</summary>
    private static readonly HashSet<string> ScalarParameters = new(StringComparer.Ordinal)
    {
        "string", "match", "input", "pattern", "replacement", "flags", "delimiter", "n", "scale", "number", "dividend", "divisor",
        "start position", "length", "position", "year", "month", "day", "hour", "minute", "second", "offset",
        "grouping separator", "decimal separator", "negand", "date", "time",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, FeelFunction>> Registry = new(Build);

    public static IReadOnlyDictionary<string, FeelFunction> All => Registry.Value;

    /// <summary>Parses the text of an <c>@"..."</c> literal: date, time, date and time, or duration.</summary>
    public static FeelValue? ParseTemporal(string text)
    {
        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            return (FeelValue?)FeelYearsMonthsDuration.Parse(text) ?? FeelDaysTimeDuration.Parse(text);
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        if ((at < 0 ? text : text[..at]).Contains('T', StringComparison.Ordinal))
        {
            return FeelDateTime.Parse(text);
        }

        if (text.Length > 2 && text[2] == ':')
        {
            return FeelTime.Parse(text);
        }

        return FeelDate.Parse(text);
    }

    private static Dictionary<string, FeelFunction> Build()
    {
        var registry = new Registration();
        RegisterConversions(registry);
        RegisterStrings(registry);
        RegisterLists(registry);
        RegisterNumeric(registry);
        RegisterTemporal(registry);
        RegisterRanges(registry);
        RegisterContexts(registry);
        return registry.Build();
    }

    /// <summary>Collects signatures by function name.</summary>
    private sealed class Registration
    {
        private readonly Dictionary<string, List<FeelSignature>> _signatures = new(StringComparer.Ordinal);

        /// <summary>
        /// Adds a signature. Parameter names ending in '?' are optional; a name starting with '...' collects the rest
        /// of the positional arguments (the body then sees all arguments as given).
        /// </summary>
        public void Add(string name, string[] parameters, FeelFunctionBody body)
        {
            var required = parameters.Count(static p => !p.EndsWith('?'));
            var variadic = parameters.Length > 0 && parameters[^1].StartsWith("...", StringComparison.Ordinal);
            var list = parameters.Select(static p => new FeelParameter(p.TrimEnd('?').TrimStart('.'))).ToList();
            if (!_signatures.TryGetValue(name, out var signatures))
            {
                signatures = [];
                _signatures[name] = signatures;
            }

            var unwrap = list.Select(static p => ScalarParameters.Contains(p.Name)).ToArray();
            signatures.Add(new FeelSignature(list, unwrap.Any(static u => u) ? Unwrapping(body, unwrap) : body, required, variadic));
        }

        /// <summary>A list of one item passed for a single value is that item (DMN 1.5).</summary>
        private static FeelFunctionBody Unwrapping(FeelFunctionBody body, bool[] unwrap) => (c, a) =>
        {
            FeelValue[]? copy = null;
            for (var i = 0; i < a.Count && i < unwrap.Length; i++)
            {
                if (unwrap[i] && a[i] is FeelList { Count: 1 } single)
                {
                    copy ??= [.. a];
                    copy[i] = single[0];
                }
            }

            return body(c, copy ?? a);
        };

        public Dictionary<string, FeelFunction> Build() =>
            _signatures.ToDictionary(static e => e.Key, static e => new FeelFunction(e.Key, e.Value), StringComparer.Ordinal);
    }

    private static FeelValue Bool(bool value) => FeelBoolean.Of(value);

    private static FeelValue? Arg(IReadOnlyList<FeelValue> args, int index) => index < args.Count ? args[index] : null;

    /// <summary>The items of a list argument, or of the varargs (<c>max([1, 2])</c> and <c>max(1, 2)</c> are the same).</summary>
    private static IReadOnlyList<FeelValue>? ListOrVarargs(IReadOnlyList<FeelValue> args)
    {
        if (args.Count == 1)
        {
            return args[0] switch
            {
                FeelList list => list.Items,
                FeelNull => null,
                var single => [single],
            };
        }

        return args;
    }
}

/// <summary>The properties of temporal values, durations and ranges reachable with a path (<c>d.year</c>).</summary>
internal static class Properties
{
    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static FeelValue? Get(FeelValue value, string name) => (value, name) switch
    {
        (FeelDate d, "year") => FeelNumber.From(d.Year),
        (FeelDate d, "month") => FeelNumber.From(d.Month),
        (FeelDate d, "day") => FeelNumber.From(d.Day),
        (FeelDate d, "weekday") => FeelNumber.From(d.DayOfWeek),
        (FeelDateTime dt, "year" or "month" or "day" or "weekday") => Get(dt.Date, name),
        (FeelDateTime dt, _) => Get(dt.Time, name),
        (FeelTime t, "hour") => FeelNumber.From(t.Hour),
        (FeelTime t, "minute") => FeelNumber.From(t.Minute),
        (FeelTime t, "second") => FeelNumber.From(t.Second),
        (FeelTime t, "time offset") => t.Offset is { } o ? FeelDaysTimeDuration.From(o) : FeelValue.Null,
        (FeelTime t, "timezone") => t.Zone is { } z ? new FeelString(z) : FeelValue.Null,
        (FeelDaysTimeDuration d, "days") => FeelNumber.Create(d.Days, 0),
        (FeelDaysTimeDuration d, "hours") => FeelNumber.From(d.Hours),
        (FeelDaysTimeDuration d, "minutes") => FeelNumber.From(d.Minutes),
        (FeelDaysTimeDuration d, "seconds") => FeelNumber.From(d.Seconds),
        (FeelYearsMonthsDuration d, "years") => FeelNumber.From(d.Years),
        (FeelYearsMonthsDuration d, "months") => FeelNumber.From(d.Months),
        (FeelRange r, "start") => r.Start ?? FeelValue.Null,
        (FeelRange r, "end") => r.End ?? FeelValue.Null,
        (FeelRange r, "start included") => FeelBoolean.Of(r.StartIncluded),
        (FeelRange r, "end included") => FeelBoolean.Of(r.EndIncluded),
        _ => null,
    };

    public static string WeekdayName(int isoDay) => Weekdays[isoDay - 1];
}
