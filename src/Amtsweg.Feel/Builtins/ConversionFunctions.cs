namespace Amtsweg.Feel;

internal static partial class Builtins
{
    private static void RegisterConversions(Registration r)
    {
        r.Add("date", ["from"], static (c, a) => a[0] switch
        {
            FeelString s => (FeelValue?)FeelDate.Parse(s.Value) ?? c.Fail(new FeelMessage("feel.not-a-date", $"'{s.Value}' is not a date.", $"'{s.Value}' ist kein Datum.")),
            FeelDate d => d,
            FeelDateTime dt => dt.Date,
            FeelNull => FeelValue.Null,
            _ => c.Fail(new FeelMessage("feel.function-argument", "expects a string, date or date and time.", "erwartet einen Text, ein Datum oder einen Zeitpunkt.")),
        });
        r.Add("date", ["year", "month", "day"], static (c, a) =>
        {
            if (a[0] is not FeelNumber y || a[1] is not FeelNumber m || a[2] is not FeelNumber d)
            {
                return a.Any(static v => v.IsNull) ? FeelValue.Null : c.Fail(new FeelMessage("feel.function-argument", "expects numbers.", "erwartet Zahlen."));
            }

            return y.TryToInt64(out var year) && m.TryToInt32(out var month) && d.TryToInt32(out var day) && FeelDate.Create(year, month, day) is { } date
                ? date
                : c.Fail(new FeelMessage("feel.invalid-date", $"{y}-{m}-{d} is not a valid date.", $"{y}-{m}-{d} ist kein gültiges Datum."));
        });

        r.Add("date and time", ["from"], static (c, a) => a[0] switch
        {
            FeelString s => (FeelValue?)FeelDateTime.Parse(s.Value) ?? c.Fail(new FeelMessage("feel.not-a-date-and-time", $"'{s.Value}' is not a date and time.", $"'{s.Value}' ist kein Zeitpunkt (Datum und Uhrzeit).")),
            FeelDateTime dt => dt,
            FeelDate d => Operators.AtMidnight(d),
            FeelNull => FeelValue.Null,
            _ => c.Fail(new FeelMessage("feel.function-argument", "expects a string, date or date and time.", "erwartet einen Text, ein Datum oder einen Zeitpunkt.")),
        });
        r.Add("date and time", ["date", "time"], static (c, a) =>
        {
            var date = a[0] switch
            {
                FeelDate d => d,
                FeelDateTime dt => dt.Date,
                _ => null,
            };
            return date is not null && a[1] is FeelTime t ? FeelDateTime.Create(date, t) : a.Any(static v => v.IsNull) ? FeelValue.Null : c.Fail(new FeelMessage("feel.function-argument", "expects a date and a time.", "erwartet ein Datum und eine Uhrzeit."));
        });

        r.Add("time", ["from"], static (c, a) => a[0] switch
        {
            FeelString s => (FeelValue?)FeelTime.Parse(s.Value) ?? c.Fail(new FeelMessage("feel.not-a-time", $"'{s.Value}' is not a time.", $"'{s.Value}' ist keine Uhrzeit.")),
            FeelTime t => t,
            FeelDateTime dt => dt.Time,
            FeelDate => FeelTime.Create(0, TimeSpan.Zero)!,
            FeelNull => FeelValue.Null,
            _ => c.Fail(new FeelMessage("feel.function-argument", "expects a string, time, date or date and time.", "erwartet einen Text, eine Uhrzeit, ein Datum oder einen Zeitpunkt.")),
        });
        r.Add("time", ["hour", "minute", "second", "offset?"], static (c, a) =>
        {
            if (a[0] is not FeelNumber h || a[1] is not FeelNumber m || a[2] is not FeelNumber s)
            {
                return a.Take(3).Any(static v => v.IsNull) ? FeelValue.Null : c.Fail(new FeelMessage("feel.function-argument", "expects numbers.", "erwartet Zahlen."));
            }

            TimeSpan? offset = null;
            if (Arg(a, 3) is FeelDaysTimeDuration d)
            {
                offset = d.ToTimeSpan();
            }
            else if (Arg(a, 3) is { IsNull: false })
            {
                return c.Fail(new FeelMessage("feel.function-argument", "offset must be a days and time duration.", "der Versatz muss eine Dauer in Tagen und Stunden sein."));
            }

            if (!h.TryToInt32(out var hour) || !m.TryToInt32(out var minute) || hour is < 0 or > 23 || minute is < 0 or > 59 ||
                s.Sign < 0 || s >= FeelNumber.From(60))
            {
                return c.Fail(new FeelMessage("feel.function-argument", "hour, minute or second out of range.", "Stunde, Minute oder Sekunde liegt außerhalb des gültigen Bereichs."));
            }

            var nanos = FeelDaysTimeDuration.FromSeconds(s).Nanoseconds;
            var total = ((((long)hour * 60) + minute) * 60 * CivilCalendar.NanosPerSecond) + (long)nanos;
            return (FeelValue?)FeelTime.Create(total, offset) ?? c.Fail(new FeelMessage("feel.function-argument", "invalid time.", "ungültige Uhrzeit."));
        });

        r.Add("number", ["from", "grouping separator?", "decimal separator?"], static (c, a) =>
        {
            if (a[0] is not FeelString s)
            {
                return a[0].IsNull ? FeelValue.Null : c.Fail(new FeelMessage("feel.function-argument", "expects a string.", "erwartet einen Text."));
            }

            var grouping = Arg(a, 1) as FeelString;
            var separator = Arg(a, 2) as FeelString;
            if ((Arg(a, 1) is { IsNull: false } && (grouping is null || grouping.Value is not (" " or "," or "."))) ||
                (Arg(a, 2) is { IsNull: false } && (separator is null || separator.Value is not ("," or "."))) ||
                (grouping is not null && separator is not null && grouping.Value == separator.Value))
            {
                return c.Fail(new FeelMessage("feel.function-argument", "invalid separators.", "ungültige Trennzeichen."));
            }

            var text = s.Value;
            if (grouping is not null)
            {
                text = text.Replace(grouping.Value, string.Empty, StringComparison.Ordinal);
            }

            if (separator is not null)
            {
                text = text.Replace(separator.Value, ".", StringComparison.Ordinal);
            }

            return FeelNumber.TryParse(text, out var n) ? n : c.Fail(new FeelMessage("feel.not-a-number", $"'{s.Value}' is not a number.", $"'{s.Value}' ist keine Zahl."));
        });

        r.Add("string", ["from"], static (_, a) => a[0].IsNull ? FeelValue.Null : new FeelString(a[0].ToFeelString()));

        r.Add("duration", ["from"], static (c, a) => a[0] switch
        {
            FeelString s => (FeelValue?)FeelYearsMonthsDuration.Parse(s.Value) ?? (FeelValue?)FeelDaysTimeDuration.Parse(s.Value) ?? c.Fail(new FeelMessage("feel.not-a-duration", $"'{s.Value}' is not a duration.", $"'{s.Value}' ist keine Dauer.")),
            FeelDaysTimeDuration or FeelYearsMonthsDuration => a[0],
            FeelNull => FeelValue.Null,
            _ => c.Fail(new FeelMessage("feel.function-argument", "expects a string.", "erwartet einen Text.")),
        });

        r.Add("years and months duration", ["from", "to"], static (c, a) =>
        {
            var from = AsDateTime(a[0]);
            var to = AsDateTime(a[1]);
            if (from is null || to is null)
            {
                return a.Any(static v => v.IsNull) ? FeelValue.Null : c.Fail(new FeelMessage("feel.function-argument", "expects dates or dates and times.", "erwartet Daten oder Zeitpunkte."));
            }

            return new FeelYearsMonthsDuration(MonthsBetween(from, to));
        });

        r.Add("not", ["negand"], static (_, a) => a[0] is FeelBoolean b ? Bool(!b.Value) : FeelValue.Null);

        r.Add("is", ["value1", "value2"], static (_, a) => Bool(IsSame(a[0], a[1])));
    }

    private static FeelDateTime? AsDateTime(FeelValue v) => v switch
    {
        FeelDateTime dt => dt,
        FeelDate d => Operators.AtMidnight(d),
        _ => null,
    };

    private static long MonthsBetween(FeelDateTime from, FeelDateTime to)
    {
        var months = ((to.Date.Year - from.Date.Year) * 12) + (to.Date.Month - from.Date.Month);
        // Whole months between the calendar dates; the time of day does not count (TCK 1121).
        var fromRest = from.Date.Day;
        var toRest = to.Date.Day;
        if (months > 0 && toRest < fromRest)
        {
            months--;
        }
        else if (months < 0 && toRest > fromRest)
        {
            months++;
        }

        return months;
    }

    /// <summary>The <c>is</c> function: same kind and equal; temporals must also agree on offset and zone.</summary>
    private static bool IsSame(FeelValue a, FeelValue b) => (a, b) switch
    {
        (FeelTime x, FeelTime y) => x.NanoOfDay == y.NanoOfDay && x.Offset == y.Offset && x.Zone == y.Zone,
        (FeelDateTime x, FeelDateTime y) => x.Date.EpochDay == y.Date.EpochDay && x.NanoOfDay == y.NanoOfDay && x.Offset == y.Offset && x.Zone == y.Zone,
        _ => a.Kind == b.Kind && Operators.ValueEquals(a, b) == true,
    };
}
