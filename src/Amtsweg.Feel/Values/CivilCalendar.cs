using System.Collections.Concurrent;
using System.Globalization;

namespace Amtsweg.Feel;

/// <summary>
/// Proleptic Gregorian calendar arithmetic on 64-bit day numbers, because FEEL dates span the years
/// -999,999,999 to 999,999,999, far beyond <see cref="DateOnly"/>. Algorithms after H. Hinnant, "chrono-compatible
/// low-level date algorithms".
/// </summary>
internal static class CivilCalendar
{
    public const long MaxYear = 999_999_999;
    public const long NanosPerSecond = 1_000_000_000L;
    public const long NanosPerDay = 86_400L * NanosPerSecond;

    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    public static long DaysFromCivil(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - (era * 400);
        var mp = (m + 9) % 12;
        var doy = ((153 * mp) + 2) / 5 + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    public static (long Year, int Month, int Day) CivilFromDays(long z)
    {
        z += 719468;
        var era = (z >= 0 ? z : z - 146096) / 146097;
        var doe = z - (era * 146097);
        var yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        var y = yoe + (era * 400);
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var d = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        var m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (m <= 2 ? y + 1 : y, m, d);
    }

    public static bool IsLeapYear(long y) => (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    public static int DaysInMonth(long y, int m) => m switch
    {
        2 => IsLeapYear(y) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    public static bool IsValid(long y, int m, int d) =>
        y is >= -MaxYear and <= MaxYear && m is >= 1 and <= 12 && d >= 1 && d <= DaysInMonth(y, m);

    /// <summary>ISO day of week, 1 = Monday ... 7 = Sunday.</summary>
    public static int DayOfWeek(long epochDay)
    {
        // 1970-01-01 was a Thursday (4).
        var r = (epochDay + 3) % 7;
        if (r < 0)
        {
            r += 7;
        }

        return (int)r + 1;
    }

    public static string FormatYear(long year) =>
        year < 0
            ? "-" + (-year).ToString("0000", CultureInfo.InvariantCulture)
            : year.ToString("0000", CultureInfo.InvariantCulture);

    public static string FormatTime(long nanoOfDay)
    {
        var totalSeconds = nanoOfDay / NanosPerSecond;
        var nanos = nanoOfDay % NanosPerSecond;
        var text = string.Create(CultureInfo.InvariantCulture, $"{totalSeconds / 3600:00}:{totalSeconds / 60 % 60:00}:{totalSeconds % 60:00}");
        if (nanos != 0)
        {
            text += "." + nanos.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return text;
    }

    public static string FormatOffset(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "Z";
        }

        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        var text = string.Create(CultureInfo.InvariantCulture, $"{sign}{(int)abs.TotalHours:00}:{abs.Minutes:00}");
        if (abs.Seconds != 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $":{abs.Seconds:00}");
        }

        return text;
    }

    /// <summary>
    /// Finds an IANA zone such as <c>Europe/Berlin</c>. Ids come from expressions, so they are checked to be plain
    /// <c>Area/Location</c> names before the system looks them up (no paths), and only found zones are cached.
    /// </summary>
    public static TimeZoneInfo? FindZone(string id)
    {
        if (Zones.TryGetValue(id, out var cached))
        {
            return cached;
        }

        if (!IsZoneId(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return null;
        }

        return Zones.GetOrAdd(id, zone);
    }

    private static bool IsZoneId(string id)
    {
        if (id.Length is 0 or > 64 || id.Contains("..", StringComparison.Ordinal) || id[0] == '/' || id[^1] == '/' ||
            (!id.Contains('/', StringComparison.Ordinal) && id != "UTC"))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('/' or '_' or '-' or '+'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The UTC offset of a zone at a local date and time; the zone's base offset outside the years 1–9999.</summary>
    public static TimeSpan ZoneOffset(TimeZoneInfo zone, long epochDay, long nanoOfDay)
    {
        var (y, m, d) = CivilFromDays(epochDay);
        if (y is < 2 or > 9998)
        {
            return zone.BaseUtcOffset;
        }

        var local = new DateTime((int)y, m, d, 0, 0, 0, DateTimeKind.Unspecified).AddTicks(nanoOfDay / 100);
        return zone.GetUtcOffset(local);
    }
}
