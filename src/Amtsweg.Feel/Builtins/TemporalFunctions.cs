namespace Amtsweg.Feel;

internal static partial class Builtins
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static void RegisterTemporal(Registration r)
    {
        r.Add("now", [], static (c, _) => c.Evaluation.Now);
        r.Add("today", [], static (c, _) => c.Evaluation.Now.Date);

        r.Add("day of year", ["date"], static (c, a) => DateOf(a[0]) is { } d
            ? FeelNumber.From(d.EpochDay - CivilCalendar.DaysFromCivil(d.Year, 1, 1) + 1)
            : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a date.", "erwartet ein Datum.")));
        r.Add("day of week", ["date"], static (c, a) => DateOf(a[0]) is { } d
            ? new FeelString(Properties.WeekdayName(d.DayOfWeek))
            : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a date.", "erwartet ein Datum.")));
        r.Add("month of year", ["date"], static (c, a) => DateOf(a[0]) is { } d
            ? new FeelString(MonthNames[d.Month - 1])
            : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a date.", "erwartet ein Datum.")));
        r.Add("week of year", ["date"], static (c, a) => DateOf(a[0]) is { } d
            ? FeelNumber.From(IsoWeek(d))
            : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a date.", "erwartet ein Datum.")));
        r.Add("last day of month", ["date"], static (c, a) => DateOf(a[0]) is { } d
            ? (FeelValue?)FeelDate.Create(d.Year, d.Month, CivilCalendar.DaysInMonth(d.Year, d.Month)) ?? FeelValue.Null
            : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a date.", "erwartet ein Datum.")));
    }

    private static FeelDate? DateOf(FeelValue v) => v switch
    {
        FeelDate d => d,
        FeelDateTime dt => dt.Date,
        _ => null,
    };

    private static int IsoWeek(FeelDate d)
    {
        // The ISO week belongs to the year of its Thursday.
        var thursday = d.EpochDay - d.DayOfWeek + 4;
        var (year, _, _) = CivilCalendar.CivilFromDays(thursday);
        return (int)((thursday - CivilCalendar.DaysFromCivil(year, 1, 1)) / 7) + 1;
    }
}
