using System.Globalization;

namespace Amtsweg.Server.Features.Records;

/// <summary>Times are stored in UTC and shown in Europe/Berlin, in the request's culture.</summary>
public static class Display
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>The day, e.g. <c>27.11.2026</c>.</summary>
    public static string Date(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Berlin).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>A day without time.</summary>
    public static string Date(DateOnly value) => value.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>Day and minute, e.g. <c>27.11.2026 14:05</c>.</summary>
    public static string DateTime(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Berlin).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>A size in bytes, kB or MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString("N0", CultureInfo.CurrentCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("N1", CultureInfo.CurrentCulture) + " kB",
        _ => (bytes / (1024.0 * 1024)).ToString("N1", CultureInfo.CurrentCulture) + " MB",
    };
}
