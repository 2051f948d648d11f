using System.Globalization;
using Amtsweg.Data;

namespace Amtsweg.Server.Features.Records;

/// <summary>Times are stored in UTC and shown in Europe/Berlin, in the request's culture.</summary>
public static class Display
{
    /// <summary>The day, e.g. <c>27.11.2026</c>.</summary>
    public static string Date(DateTimeOffset value) => BerlinTime.ToLocal(value).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>A day without time.</summary>
    public static string Date(DateOnly value) => value.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>Day and minute, e.g. <c>27.11.2026 14:05</c>.</summary>
    public static string DateTime(DateTimeOffset value) => BerlinTime.ToLocal(value).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>A size in bytes, kB or MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString("N0", CultureInfo.CurrentCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("N1", CultureInfo.CurrentCulture) + " kB",
        _ => (bytes / (1024.0 * 1024)).ToString("N1", CultureInfo.CurrentCulture) + " MB",
    };
}
