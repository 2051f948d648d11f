using System.Globalization;

namespace Amtsweg.Feel;

/// <summary>A FEEL date: a proleptic Gregorian calendar day in the years -999,999,999 to 999,999,999.</summary>
public sealed class FeelDate : FeelValue, IComparable<FeelDate>
{
    private FeelDate(long epochDay)
    {
        EpochDay = epochDay;
        (Year, Month, Day) = CivilCalendar.CivilFromDays(epochDay);
    }

    /// <summary>Days since 1970-01-01.</summary>
    public long EpochDay { get; }

    /// <summary>The year (may be negative).</summary>
    public long Year { get; }

    /// <summary>The month, 1–12.</summary>
    public int Month { get; }

    /// <summary>The day of the month, 1–31.</summary>
    public int Day { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Date;

    /// <summary>ISO day of week, 1 = Monday to 7 = Sunday.</summary>
    public int DayOfWeek => CivilCalendar.DayOfWeek(EpochDay);

    /// <summary>Creates a date; null if the fields do not form a valid date.</summary>
    public static FeelDate? Create(long year, int month, int day) =>
        CivilCalendar.IsValid(year, month, day) ? new FeelDate(CivilCalendar.DaysFromCivil(year, month, day)) : null;

    /// <summary>Creates a date from a <see cref="DateOnly"/>.</summary>
    public static FeelDate From(DateOnly date) => new(CivilCalendar.DaysFromCivil(date.Year, date.Month, date.Day));

    /// <summary>Creates a date from a day number (days since 1970-01-01); null when out of range.</summary>
    public static FeelDate? FromEpochDay(long epochDay)
    {
        var date = new FeelDate(epochDay);
        return Math.Abs(date.Year) <= CivilCalendar.MaxYear ? date : null;
    }

    /// <summary>Parses <c>YYYY-MM-DD</c> (years with more than four digits and a leading minus allowed).</summary>
    public static FeelDate? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pos = 0;
        return TemporalSyntax.TryReadDate(text, ref pos, out var y, out var m, out var d) && pos == text.Length ? Create(y, m, d) : null;
    }

    /// <summary>Converts to <see cref="DateOnly"/> when the year is within 1–9999.</summary>
    public DateOnly? ToDateOnly() => Year is >= 1 and <= 9999 ? new DateOnly((int)Year, Month, Day) : null;

    /// <inheritdoc />
    public int CompareTo(FeelDate? other) => other is null ? 1 : EpochDay.CompareTo(other.EpochDay);

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelDate d && d.EpochDay == EpochDay;

    /// <inheritdoc />
    public override int GetHashCode() => EpochDay.GetHashCode();

    /// <inheritdoc />
    public override string ToFeelString() =>
        CivilCalendar.FormatYear(Year) + "-" + Month.ToString("00", CultureInfo.InvariantCulture) + "-" + Day.ToString("00", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => ToFeelString();
}
