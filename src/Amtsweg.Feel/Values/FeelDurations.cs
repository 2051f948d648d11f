using System.Globalization;
using System.Numerics;
using System.Text;

namespace Amtsweg.Feel;

/// <summary>A FEEL days and time duration (xs:dayTimeDuration) with nanosecond precision.</summary>
public sealed class FeelDaysTimeDuration : FeelValue, IComparable<FeelDaysTimeDuration>
{
    private static readonly BigInteger NanosPerSecond = CivilCalendar.NanosPerSecond;

    /// <summary>Creates a duration from a nanosecond count.</summary>
    public FeelDaysTimeDuration(BigInteger nanoseconds) => Nanoseconds = nanoseconds;

    /// <summary>The zero duration.</summary>
    public static FeelDaysTimeDuration Zero { get; } = new(BigInteger.Zero);

    /// <summary>The total length in nanoseconds (signed).</summary>
    public BigInteger Nanoseconds { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.DaysTimeDuration;

    /// <summary>The days component (signed, like all components).</summary>
    public BigInteger Days => BigInteger.Divide(Nanoseconds, NanosPerSecond * 86400);

    /// <summary>The hours component, -23 to 23.</summary>
    public int Hours => (int)(BigInteger.Divide(Nanoseconds, NanosPerSecond * 3600) % 24);

    /// <summary>The minutes component, -59 to 59.</summary>
    public int Minutes => (int)(BigInteger.Divide(Nanoseconds, NanosPerSecond * 60) % 60);

    /// <summary>The seconds component, -59 to 59 (whole seconds).</summary>
    public int Seconds => (int)(BigInteger.Divide(Nanoseconds, NanosPerSecond) % 60);

    /// <summary>The total length in seconds as a number (fraction included).</summary>
    public FeelNumber TotalSeconds => FeelNumber.Create(Nanoseconds, 9);

    /// <summary>Converts a <see cref="TimeSpan"/>.</summary>
    public static FeelDaysTimeDuration From(TimeSpan value) => new(new BigInteger(value.Ticks) * 100);

    /// <summary>Creates a duration from seconds (fraction allowed, rounded to nanoseconds).</summary>
    public static FeelDaysTimeDuration FromSeconds(FeelNumber seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var nanos = seconds.Round(9, FeelRounding.HalfEven);
        return new FeelDaysTimeDuration(nanos.Unscaled * FeelNumber.Pow10(9 - nanos.Scale));
    }

    /// <summary>Parses <c>[-]P[nD][T[nH][nM][n[.f]S]]</c>; null if invalid.</summary>
    public static FeelDaysTimeDuration? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DurationSyntax.TryParse(text, out var months, out var nanos, out var hasYearMonth, out var hasDayTime) && !hasYearMonth && hasDayTime && months == 0
            ? new FeelDaysTimeDuration(nanos)
            : null;
    }

    /// <summary>Converts to a <see cref="TimeSpan"/> when in range (sub-tick precision is truncated).</summary>
    public TimeSpan? ToTimeSpan()
    {
        var ticks = BigInteger.Divide(Nanoseconds, 100);
        return ticks >= long.MinValue && ticks <= long.MaxValue ? new TimeSpan((long)ticks) : null;
    }

    /// <inheritdoc />
    public int CompareTo(FeelDaysTimeDuration? other) => other is null ? 1 : Nanoseconds.CompareTo(other.Nanoseconds);

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelDaysTimeDuration d && d.Nanoseconds == Nanoseconds;

    /// <inheritdoc />
    public override int GetHashCode() => Nanoseconds.GetHashCode();

    /// <inheritdoc />
    public override string ToFeelString()
    {
        if (Nanoseconds.IsZero)
        {
            return "PT0S";
        }

        var abs = BigInteger.Abs(Nanoseconds);
        var days = BigInteger.DivRem(abs, NanosPerSecond * 86400, out var rest);
        var hours = (int)BigInteger.DivRem(rest, NanosPerSecond * 3600, out rest);
        var minutes = (int)BigInteger.DivRem(rest, NanosPerSecond * 60, out rest);
        var seconds = (int)BigInteger.DivRem(rest, NanosPerSecond, out rest);
        var nanos = (long)rest;
        var sb = new StringBuilder(Nanoseconds.Sign < 0 ? "-P" : "P");
        if (!days.IsZero)
        {
            sb.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (hours != 0 || minutes != 0 || seconds != 0 || nanos != 0)
        {
            sb.Append('T');
            if (hours != 0)
            {
                sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (minutes != 0)
            {
                sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (seconds != 0 || nanos != 0)
            {
                sb.Append(seconds.ToString(CultureInfo.InvariantCulture));
                if (nanos != 0)
                {
                    sb.Append('.').Append(nanos.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0'));
                }

                sb.Append('S');
            }
        }

        return sb.ToString();
    }
}

/// <summary>A FEEL years and months duration (xs:yearMonthDuration).</summary>
public sealed class FeelYearsMonthsDuration : FeelValue, IComparable<FeelYearsMonthsDuration>
{
    /// <summary>Creates a duration from a month count.</summary>
    public FeelYearsMonthsDuration(long totalMonths) => TotalMonths = totalMonths;

    /// <summary>The total length in months (signed).</summary>
    public long TotalMonths { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.YearsMonthsDuration;

    /// <summary>The years component (signed).</summary>
    public long Years => TotalMonths / 12;

    /// <summary>The months component, -11 to 11.</summary>
    public int Months => (int)(TotalMonths % 12);

    /// <summary>Parses <c>[-]P[nY][nM]</c>; null if invalid.</summary>
    public static FeelYearsMonthsDuration? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DurationSyntax.TryParse(text, out var months, out _, out var hasYearMonth, out var hasDayTime) && hasYearMonth && !hasDayTime
            ? new FeelYearsMonthsDuration(months)
            : null;
    }

    /// <inheritdoc />
    public int CompareTo(FeelYearsMonthsDuration? other) => other is null ? 1 : TotalMonths.CompareTo(other.TotalMonths);

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelYearsMonthsDuration d && d.TotalMonths == TotalMonths;

    /// <inheritdoc />
    public override int GetHashCode() => TotalMonths.GetHashCode();

    /// <inheritdoc />
    public override string ToFeelString()
    {
        if (TotalMonths == 0)
        {
            return "P0M";
        }

        var abs = Math.Abs(TotalMonths);
        var sb = new StringBuilder(TotalMonths < 0 ? "-P" : "P");
        if (abs / 12 != 0)
        {
            sb.Append((abs / 12).ToString(CultureInfo.InvariantCulture)).Append('Y');
        }

        if (abs % 12 != 0)
        {
            sb.Append((abs % 12).ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        return sb.ToString();
    }
}

/// <summary>Reader for xs:duration lexical forms.</summary>
internal static class DurationSyntax
{
    public static bool TryParse(string s, out long months, out BigInteger nanos, out bool hasYearMonth, out bool hasDayTime)
    {
        months = 0;
        nanos = BigInteger.Zero;
        hasYearMonth = false;
        hasDayTime = false;
        var pos = 0;
        var negative = false;
        if (pos < s.Length && s[pos] == '-')
        {
            negative = true;
            pos++;
        }

        if (pos >= s.Length || s[pos] != 'P')
        {
            return false;
        }

        pos++;
        var inTime = false;
        var order = "YMDHMS";
        var lastIndex = -1;
        var any = false;
        var timeComponents = 0;
        while (pos < s.Length)
        {
            if (s[pos] == 'T')
            {
                if (inTime)
                {
                    return false;
                }

                inTime = true;
                pos++;
                lastIndex = Math.Max(lastIndex, 2);
                continue;
            }

            var start = pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            {
                pos++;
            }

            if (pos == start)
            {
                return false;
            }

            var intPart = BigInteger.Parse(s.AsSpan(start, pos - start), provider: CultureInfo.InvariantCulture);
            long fraction = 0;
            var hasFraction = false;
            if (pos < s.Length && s[pos] == '.')
            {
                pos++;
                var fs = pos;
                while (pos < s.Length && char.IsAsciiDigit(s[pos]))
                {
                    if (pos - fs < 9)
                    {
                        fraction = (fraction * 10) + (s[pos] - '0');
                    }

                    pos++;
                }

                for (var i = Math.Min(pos - fs, 9); i < 9; i++)
                {
                    fraction *= 10;
                }

                hasFraction = true;
            }

            if (pos >= s.Length)
            {
                return false;
            }

            var designator = s[pos++];
            var index = designator switch
            {
                'Y' when !inTime => 0,
                'M' when !inTime => 1,
                'D' when !inTime => 2,
                'H' when inTime => 3,
                'M' when inTime => 4,
                'S' when inTime => 5,
                _ => -1,
            };
            if (index <= lastIndex || (hasFraction && index != 5))
            {
                return false;
            }

            lastIndex = index;
            any = true;
            if (inTime)
            {
                timeComponents++;
            }

            switch (order[index])
            {
                case 'Y' when index == 0:
                    if (intPart > 1_000_000_000)
                    {
                        return false;
                    }

                    months += (long)intPart * 12;
                    hasYearMonth = true;
                    break;
                case 'M' when index == 1:
                    if (intPart > 100_000_000_000)
                    {
                        return false;
                    }

                    months += (long)intPart;
                    hasYearMonth = true;
                    break;
                case 'D':
                    nanos += intPart * 86400 * CivilCalendar.NanosPerSecond;
                    hasDayTime = true;
                    break;
                case 'H':
                    nanos += intPart * 3600 * CivilCalendar.NanosPerSecond;
                    hasDayTime = true;
                    break;
                case 'M':
                    nanos += intPart * 60 * CivilCalendar.NanosPerSecond;
                    hasDayTime = true;
                    break;
                default:
                    nanos += (intPart * CivilCalendar.NanosPerSecond) + fraction;
                    hasDayTime = true;
                    break;
            }
        }

        if (!any || (inTime && timeComponents == 0))
        {
            return false;
        }

        if (negative)
        {
            months = -months;
            nanos = -nanos;
        }

        return true;
    }
}
