namespace Amtsweg.Data;

/// <summary>
/// Local time of the town halls: times are stored in UTC and shown, dated and counted in Europe/Berlin (DESIGN.md).
/// The one place that knows the zone; the current instant always comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public static class BerlinTime
{
    /// <summary>The zone Europe/Berlin.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>The instant as Berlin local time (with its offset).</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The Berlin calendar date of the instant.</summary>
    public static DateOnly Date(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>Today's date in Berlin by the clock.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Date(clock.GetUtcNow());
    }

    /// <summary>Now in Berlin by the clock.</summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return ToLocal(clock.GetUtcNow());
    }
}
