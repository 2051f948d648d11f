using System.Numerics;
using System.Runtime.CompilerServices;

namespace Amtsweg.Feel;

/// <summary>The semantics of FEEL's arithmetic, comparison and equality (DMN 1.5, chapter 10).</summary>
internal static class Operators
{
    public static FeelValue Add(EvaluationContext ctx, FeelValue a, FeelValue b) => Guard(ctx, a, b, AddCore);

    public static FeelValue Subtract(EvaluationContext ctx, FeelValue a, FeelValue b) => Guard(ctx, a, b, SubtractCore);

    public static FeelValue Multiply(EvaluationContext ctx, FeelValue a, FeelValue b) => Guard(ctx, a, b, MultiplyCore);

    public static FeelValue Divide(EvaluationContext ctx, FeelValue a, FeelValue b) => Guard(ctx, a, b, DivideCore);

    public static FeelValue Power(EvaluationContext ctx, FeelValue a, FeelValue b) => Guard(ctx, a, b, PowerCore);

    private static FeelValue Guard(EvaluationContext ctx, FeelValue a, FeelValue b, Func<EvaluationContext, FeelValue, FeelValue, FeelValue> operation)
    {
        try
        {
            return operation(ctx, a, b);
        }
        catch (OverflowException)
        {
            return ctx.Fail(new FeelMessage("feel.out-of-range", "The result is outside the range of FEEL numbers, dates or durations.", "Das Ergebnis liegt außerhalb des Bereichs der FEEL-Zahlen, -Daten oder -Dauern."));
        }
    }

    private static FeelValue AddCore(EvaluationContext ctx, FeelValue a, FeelValue b)
    {
        switch (a, b)
        {
            case (FeelNull, _) or (_, FeelNull):
                return FeelValue.Null;
            case (FeelNumber x, FeelNumber y):
                return x + y;
            case (FeelString x, FeelString y):
                return new FeelString(x.Value + y.Value);
            case (FeelDaysTimeDuration x, FeelDaysTimeDuration y):
                return new FeelDaysTimeDuration(x.Nanoseconds + y.Nanoseconds);
            case (FeelYearsMonthsDuration x, FeelYearsMonthsDuration y):
                return new FeelYearsMonthsDuration(x.TotalMonths + y.TotalMonths);
            case (FeelDateTime dt, FeelDaysTimeDuration d):
                return OrNull(AddNanos(dt, d.Nanoseconds));
            case (FeelDaysTimeDuration d, FeelDateTime dt):
                return OrNull(AddNanos(dt, d.Nanoseconds));
            case (FeelDateTime dt, FeelYearsMonthsDuration d):
                return OrNull(AddMonths(dt, d.TotalMonths));
            case (FeelYearsMonthsDuration d, FeelDateTime dt):
                return OrNull(AddMonths(dt, d.TotalMonths));
            case (FeelDate date, FeelDaysTimeDuration d):
                return OrNull(AddNanos(AtMidnight(date), d.Nanoseconds)?.Date);
            case (FeelDaysTimeDuration d, FeelDate date):
                return OrNull(AddNanos(AtMidnight(date), d.Nanoseconds)?.Date);
            case (FeelDate date, FeelYearsMonthsDuration d):
                return OrNull(AddMonths(AtMidnight(date), d.TotalMonths)?.Date);
            case (FeelYearsMonthsDuration d, FeelDate date):
                return OrNull(AddMonths(AtMidnight(date), d.TotalMonths)?.Date);
            case (FeelTime t, FeelDaysTimeDuration d):
                return AddToTime(t, d.Nanoseconds);
            case (FeelDaysTimeDuration d, FeelTime t):
                return AddToTime(t, d.Nanoseconds);
            default:
                return ctx.Fail(new FeelMessage("feel.cannot-add", $"Cannot add {Describe(a)} and {Describe(b)}.", $"{DescribeGermanCapital(a)} und {DescribeGerman(b)} lassen sich nicht addieren."));
        }
    }

    private static FeelValue SubtractCore(EvaluationContext ctx, FeelValue a, FeelValue b)
    {
        switch (a, b)
        {
            case (FeelNull, _) or (_, FeelNull):
                return FeelValue.Null;
            case (FeelNumber x, FeelNumber y):
                return x - y;
            case (FeelDaysTimeDuration x, FeelDaysTimeDuration y):
                return new FeelDaysTimeDuration(x.Nanoseconds - y.Nanoseconds);
            case (FeelYearsMonthsDuration x, FeelYearsMonthsDuration y):
                return new FeelYearsMonthsDuration(x.TotalMonths - y.TotalMonths);
            case (FeelDateTime dt, FeelDaysTimeDuration d):
                return OrNull(AddNanos(dt, -d.Nanoseconds));
            case (FeelDateTime dt, FeelYearsMonthsDuration d):
                return OrNull(AddMonths(dt, -d.TotalMonths));
            case (FeelDate date, FeelDaysTimeDuration d):
                return OrNull(AddNanos(AtMidnight(date), -d.Nanoseconds)?.Date);
            case (FeelDate date, FeelYearsMonthsDuration d):
                return OrNull(AddMonths(AtMidnight(date), -d.TotalMonths)?.Date);
            case (FeelTime t, FeelDaysTimeDuration d):
                return AddToTime(t, -d.Nanoseconds);
            case (FeelDateTime x, FeelDateTime y):
                return DateTimeDifference(ctx, x, y);
            case (FeelDate x, FeelDate y):
                return new FeelDaysTimeDuration((x.EpochDay - y.EpochDay) * (BigInteger)CivilCalendar.NanosPerDay);
            case (FeelDate x, FeelDateTime y):
                return DateTimeDifference(ctx, AtMidnight(x, y), y);
            case (FeelDateTime x, FeelDate y):
                return DateTimeDifference(ctx, x, AtMidnight(y, x));
            case (FeelTime x, FeelTime y):
                if (x.HasTimeZone != y.HasTimeZone || (x.HasTimeZone && (x.EffectiveOffset is null || y.EffectiveOffset is null)))
                {
                    return ctx.Fail(new FeelMessage("feel.cannot-subtract-zone", "Cannot subtract a time with time zone and a time without.", "Eine Uhrzeit mit Zeitzone und eine ohne lassen sich nicht voneinander abziehen."));
                }

                var ox = (x.EffectiveOffset ?? TimeSpan.Zero).Ticks * 100;
                var oy = (y.EffectiveOffset ?? TimeSpan.Zero).Ticks * 100;
                return new FeelDaysTimeDuration((x.NanoOfDay - ox) - (y.NanoOfDay - oy));
            default:
                return ctx.Fail(new FeelMessage("feel.cannot-subtract", $"Cannot subtract {Describe(b)} from {Describe(a)}.", $"{DescribeGermanCapital(b)} lässt sich nicht von {DescribeGerman(a)} abziehen."));
        }
    }

    private static FeelValue MultiplyCore(EvaluationContext ctx, FeelValue a, FeelValue b)
    {
        switch (a, b)
        {
            case (FeelNull, _) or (_, FeelNull):
                return FeelValue.Null;
            case (FeelNumber x, FeelNumber y):
                return x * y;
            case (FeelDaysTimeDuration d, FeelNumber n):
                return ScaleDuration(d, n);
            case (FeelNumber n, FeelDaysTimeDuration d):
                return ScaleDuration(d, n);
            case (FeelYearsMonthsDuration d, FeelNumber n):
                return new FeelYearsMonthsDuration((long)(FeelNumber.From(d.TotalMonths) * n).Round(0, FeelRounding.Down).ToBigInteger());
            case (FeelNumber n, FeelYearsMonthsDuration d):
                return new FeelYearsMonthsDuration((long)(FeelNumber.From(d.TotalMonths) * n).Round(0, FeelRounding.Down).ToBigInteger());
            default:
                return ctx.Fail(new FeelMessage("feel.cannot-multiply", $"Cannot multiply {Describe(a)} and {Describe(b)}.", $"{DescribeGermanCapital(a)} und {DescribeGerman(b)} lassen sich nicht multiplizieren."));
        }
    }

    private static FeelValue DivideCore(EvaluationContext ctx, FeelValue a, FeelValue b)
    {
        switch (a, b)
        {
            case (FeelNull, _) or (_, FeelNull):
                return FeelValue.Null;
            case (FeelNumber x, FeelNumber y):
                return x.DivideBy(y) is { } q ? q : ctx.Fail(new FeelMessage("feel.division-by-zero", "Division by zero.", "Division durch null."));
            case (FeelDaysTimeDuration d, FeelNumber n):
                return FeelNumber.One.DivideBy(n) is { } inv ? ScaleDuration(d, inv) : ctx.Fail(new FeelMessage("feel.division-by-zero", "Division by zero.", "Division durch null."));
            case (FeelYearsMonthsDuration d, FeelNumber n):
                return FeelNumber.From(d.TotalMonths).DivideBy(n) is { } m
                    ? new FeelYearsMonthsDuration((long)m.Round(0, FeelRounding.Down).ToBigInteger())
                    : ctx.Fail(new FeelMessage("feel.division-by-zero", "Division by zero.", "Division durch null."));
            case (FeelDaysTimeDuration x, FeelDaysTimeDuration y):
                return FeelNumber.Create(x.Nanoseconds, 0).DivideBy(FeelNumber.Create(y.Nanoseconds, 0)) is { } r ? r : ctx.Fail(new FeelMessage("feel.division-by-zero", "Division by zero.", "Division durch null."));
            case (FeelYearsMonthsDuration x, FeelYearsMonthsDuration y):
                return FeelNumber.From(x.TotalMonths).DivideBy(FeelNumber.From(y.TotalMonths)) is { } r2 ? r2 : ctx.Fail(new FeelMessage("feel.division-by-zero", "Division by zero.", "Division durch null."));
            default:
                return ctx.Fail(new FeelMessage("feel.cannot-divide", $"Cannot divide {Describe(a)} by {Describe(b)}.", $"{DescribeGermanCapital(a)} lässt sich nicht durch {DescribeGerman(b)} teilen."));
        }
    }

    private static FeelValue PowerCore(EvaluationContext ctx, FeelValue a, FeelValue b)
    {
        if (a is FeelNumber x && b is FeelNumber y)
        {
            return x.Pow(y) is { } p ? p : ctx.Fail(new FeelMessage("feel.out-of-range", "Power is out of range.", "Die Potenz liegt außerhalb des Zahlenbereichs."));
        }

        return a.IsNull || b.IsNull ? FeelValue.Null : ctx.Fail(new FeelMessage("feel.cannot-raise", $"Cannot raise {Describe(a)} to {Describe(b)}.", $"{DescribeGermanCapital(a)} lässt sich nicht mit {DescribeGerman(b)} potenzieren."));
    }

    public static FeelValue Negate(EvaluationContext ctx, FeelValue a) => a switch
    {
        FeelNull => FeelValue.Null,
        FeelNumber n => n.Negate(),
        FeelDaysTimeDuration d => new FeelDaysTimeDuration(-d.Nanoseconds),
        FeelYearsMonthsDuration d => new FeelYearsMonthsDuration(-d.TotalMonths),
        _ => ctx.Fail(new FeelMessage("feel.cannot-negate", $"Cannot negate {Describe(a)}.", $"{DescribeGermanCapital(a)} lässt sich nicht negieren.")),
    };

    /// <summary>FEEL <c>=</c>: true, false, or null when the values are not comparable.</summary>
    public static bool? ValueEquals(FeelValue a, FeelValue b)
    {
        if (a is FeelList or FeelContext)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
        }

        switch (a, b)
        {
            case (FeelNull, FeelNull):
                return true;
            case (FeelNull, _) or (_, FeelNull):
                return false;
            case (FeelList x, FeelList y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    var e = ValueEquals(x[i], y[i]);
                    if (e != true)
                    {
                        return e;
                    }
                }

                return true;
            case (FeelContext x, FeelContext y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (var (key, value) in x.Entries)
                {
                    if (!y.TryGetValue(key, out var other))
                    {
                        return false;
                    }

                    var e = ValueEquals(value, other);
                    if (e != true)
                    {
                        return e;
                    }
                }

                return true;
            case (FeelRange x, FeelRange y):
                return x.Equals(y);
            case (FeelTime x, FeelTime y):
                return Seconds(x).Equals(Seconds(y));
            case (FeelDateTime x, FeelDateTime y):
                return FeelDateTime.Compare(Seconds(x), Seconds(y)) is { } c ? c == 0 : false;
            default:
                if (a.Kind != b.Kind)
                {
                    return null;
                }

                return a.Equals(b);
        }
    }

    /// <summary>Ordering for <c>&lt;</c> and friends; null when the values cannot be ordered.</summary>
    public static int? Compare(FeelValue a, FeelValue b) => (a, b) switch
    {
        (FeelNumber x, FeelNumber y) => FeelNumber.Compare(x, y),
        (FeelString x, FeelString y) => Math.Sign(string.CompareOrdinal(x.Value, y.Value)),
        (FeelDate x, FeelDate y) => x.EpochDay.CompareTo(y.EpochDay),
        (FeelTime x, FeelTime y) => FeelTime.Compare(Seconds(x), Seconds(y)),
        (FeelDateTime x, FeelDateTime y) => FeelDateTime.Compare(Seconds(x), Seconds(y)),
        (FeelDaysTimeDuration x, FeelDaysTimeDuration y) => x.Nanoseconds.CompareTo(y.Nanoseconds),
        (FeelYearsMonthsDuration x, FeelYearsMonthsDuration y) => x.TotalMonths.CompareTo(y.TotalMonths),
        _ => null,
    };

    public static string Describe(FeelValue v) => v.Kind switch
    {
        FeelValueKind.Null => "null",
        FeelValueKind.Number => "number " + v,
        FeelValueKind.String => "string " + v,
        FeelValueKind.Boolean => "boolean " + v,
        FeelValueKind.Date => "date " + v,
        FeelValueKind.Time => "time " + v,
        FeelValueKind.DateTime => "date and time " + v,
        FeelValueKind.DaysTimeDuration => "days and time duration " + v,
        FeelValueKind.YearsMonthsDuration => "years and months duration " + v,
        FeelValueKind.List => "a list",
        FeelValueKind.Context => "a context",
        FeelValueKind.Range => "a range",
        FeelValueKind.Function => "a function",
    };

    /// <summary>A value for a German message: its kind and, for simple values, the value.</summary>
    public static string DescribeGerman(FeelValue v) => v.Kind switch
    {
        FeelValueKind.Null => "null",
        FeelValueKind.Number => "die Zahl " + v,
        FeelValueKind.String => "der Text " + v,
        FeelValueKind.Boolean => "der Wahrheitswert " + v,
        FeelValueKind.Date => "das Datum " + v,
        FeelValueKind.Time => "die Uhrzeit " + v,
        FeelValueKind.DateTime => "der Zeitpunkt " + v,
        FeelValueKind.DaysTimeDuration => "die Dauer " + v,
        FeelValueKind.YearsMonthsDuration => "die Dauer " + v,
        FeelValueKind.List => "eine Liste",
        FeelValueKind.Context => "ein Kontext",
        FeelValueKind.Range => "ein Bereich",
        FeelValueKind.Function => "eine Funktion",
    };

    /// <summary><see cref="DescribeGerman"/> at the start of a sentence.</summary>
    public static string DescribeGermanCapital(FeelValue v)
    {
        var text = DescribeGerman(v);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    public static FeelDateTime AtMidnight(FeelDate date) => FeelDateTime.WithZoneOf(date, 0, null, null);

    /// <summary>A date as midnight, in UTC when compared with a value that has a time zone.</summary>
    public static FeelDateTime AtMidnight(FeelDate date, FeelDateTime other) =>
        FeelDateTime.WithZoneOf(date, 0, other.HasTimeZone ? TimeSpan.Zero : null, null);

    /// <summary>
    /// Adds a days-time duration. In a zone the duration is added to the instant, so crossing a daylight-saving change
    /// moves the wall clock by the offset difference (as java.time and the FEEL reference implementations do).
    /// </summary>
    public static FeelDateTime? AddNanos(FeelDateTime dt, BigInteger nanos)
    {
        if (dt.Zone is null || CivilCalendar.FindZone(dt.Zone) is not { } zone)
        {
            return FeelDateTime.FromLocalNanos(dt.LocalNanos + nanos, dt.Offset, dt.Zone);
        }

        var instant = dt.InstantNanos + nanos;
        if (FeelDateTime.FromLocalNanos(instant, TimeSpan.Zero, null) is not { } utc)
        {
            return null;
        }

        var offset = utc.ToDateTimeOffset() is { } dto ? zone.GetUtcOffset(dto) : zone.BaseUtcOffset;
        return FeelDateTime.FromLocalNanos(instant + (offset.Ticks * (BigInteger)100), null, dt.Zone);
    }

    public static FeelDateTime? AddMonths(FeelDateTime dt, long months)
    {
        var date = dt.Date;
        var total = (date.Year * 12) + (date.Month - 1) + months;
        var year = total >= 0 ? total / 12 : ((total + 1) / 12) - 1;
        var month = (int)(total - (year * 12)) + 1;
        var day = Math.Min(date.Day, CivilCalendar.DaysInMonth(year, month));
        return FeelDate.Create(year, month, day) is { } d ? FeelDateTime.WithZoneOf(d, dt.NanoOfDay, dt.Offset, dt.Zone) : null;
    }

    private static FeelValue OrNull(FeelValue? value) => value ?? FeelValue.Null;

    /// <summary>
    /// FEEL compares times and date-times by their value, whose resolution is the second: fractions of a second are kept
    /// and shown, but do not make two values unequal (TCK 0068 time_005, datetime_003_a).
    /// </summary>
    private static FeelTime Seconds(FeelTime t) =>
        t.Nanosecond == 0 ? t : FeelTime.WithZoneOf(t.NanoOfDay - t.Nanosecond, t.Offset, t.Zone);

    private static FeelDateTime Seconds(FeelDateTime dt) =>
        dt.NanoOfDay % CivilCalendar.NanosPerSecond == 0 ? dt : FeelDateTime.WithZoneOf(dt.Date, dt.NanoOfDay - (dt.NanoOfDay % CivilCalendar.NanosPerSecond), dt.Offset, dt.Zone);

    private static FeelTime AddToTime(FeelTime t, BigInteger nanos)
    {
        var n = (new BigInteger(t.NanoOfDay) + nanos) % CivilCalendar.NanosPerDay;
        if (n.Sign < 0)
        {
            n += CivilCalendar.NanosPerDay;
        }

        return FeelTime.WithZoneOf((long)n, t.Offset, t.Zone);
    }

    private static FeelValue DateTimeDifference(EvaluationContext ctx, FeelDateTime x, FeelDateTime y)
    {
        if (x.HasTimeZone != y.HasTimeZone)
        {
            return ctx.Fail(new FeelMessage("feel.cannot-subtract-zone", "Cannot subtract a date and time with time zone and one without.", "Ein Zeitpunkt mit Zeitzone und einer ohne lassen sich nicht voneinander abziehen."));
        }

        return new FeelDaysTimeDuration(x.InstantNanos - y.InstantNanos);
    }

    private static FeelDaysTimeDuration ScaleDuration(FeelDaysTimeDuration d, FeelNumber factor)
    {
        var product = FeelNumber.Create(d.Nanoseconds, 0) * factor;
        return new FeelDaysTimeDuration(product.Round(0, FeelRounding.HalfEven).ToBigInteger());
    }
}
