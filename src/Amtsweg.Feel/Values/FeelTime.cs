namespace Amtsweg.Feel;

/// <summary>
/// A FEEL time of day with nanosecond precision, either local, with a fixed UTC offset, or with an IANA zone
/// (<c>10:30:00@Europe/Berlin</c>; a time alone cannot know daylight saving, so the zone's standard offset is used
/// for comparisons).
/// </summary>
public sealed class FeelTime : FeelValue, IComparable<FeelTime>
{
    private FeelTime(long nanoOfDay, TimeSpan? offset, string? zone)
    {
        NanoOfDay = nanoOfDay;
        Offset = offset;
        Zone = zone;
    }

    /// <summary>Nanoseconds since midnight.</summary>
    public long NanoOfDay { get; }

    /// <summary>The explicit UTC offset, if any.</summary>
    public TimeSpan? Offset { get; }

    /// <summary>The IANA zone id, if any (then <see cref="Offset"/> is null).</summary>
    public string? Zone { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Time;

    /// <summary>The hour, 0–23.</summary>
    public int Hour => (int)(NanoOfDay / (3600 * CivilCalendar.NanosPerSecond));

    /// <summary>The minute, 0–59.</summary>
    public int Minute => (int)(NanoOfDay / (60 * CivilCalendar.NanosPerSecond) % 60);

    /// <summary>The second, 0–59.</summary>
    public int Second => (int)(NanoOfDay / CivilCalendar.NanosPerSecond % 60);

    /// <summary>The fraction of the second in nanoseconds.</summary>
    public int Nanosecond => (int)(NanoOfDay % CivilCalendar.NanosPerSecond);

    /// <summary>True if the time has an offset or a zone.</summary>
    public bool HasTimeZone => Offset is not null || Zone is not null;

    /// <summary>The offset used for comparison: the explicit offset, or the zone's standard offset.</summary>
    public TimeSpan? EffectiveOffset =>
        Offset ?? (Zone is null ? null : CivilCalendar.FindZone(Zone)?.BaseUtcOffset);

    /// <summary>Creates a local time or a time with offset; null if out of range (offsets up to ±18:00).</summary>
    public static FeelTime? Create(long nanoOfDay, TimeSpan? offset = null)
    {
        if (nanoOfDay < 0 || nanoOfDay >= CivilCalendar.NanosPerDay || (offset is { } o && o.Duration() > TimeSpan.FromHours(18)))
        {
            return null;
        }

        return new FeelTime(nanoOfDay, offset, null);
    }

    /// <summary>Creates a time in an IANA zone; null if the zone is unknown.</summary>
    public static FeelTime? Create(long nanoOfDay, string zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (nanoOfDay < 0 || nanoOfDay >= CivilCalendar.NanosPerDay || CivilCalendar.FindZone(zone) is null)
        {
            return null;
        }

        return new FeelTime(nanoOfDay, null, zone);
    }

    /// <summary>Creates a local time from a <see cref="TimeOnly"/>.</summary>
    public static FeelTime From(TimeOnly time) => new(time.Ticks * 100, null, null);

    /// <summary>Parses <c>hh:mm:ss[.f+][Z|±hh:mm|@zone]</c>; null if invalid.</summary>
    public static FeelTime? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pos = 0;
        if (!TemporalSyntax.TryReadTime(text, ref pos, out var nanos) ||
            !TemporalSyntax.TryReadZone(text, ref pos, out var offset, out var zone) || pos != text.Length)
        {
            return null;
        }

        return zone is null ? Create(nanos, offset) : Create(nanos, zone);
    }

    internal static FeelTime WithZoneOf(long nanoOfDay, TimeSpan? offset, string? zone) => new(nanoOfDay, offset, zone);

    /// <summary>Compares two times; null if one is local and the other is not.</summary>
    public static int? Compare(FeelTime a, FeelTime b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.HasTimeZone != b.HasTimeZone)
        {
            return null;
        }

        if (!a.HasTimeZone)
        {
            return a.NanoOfDay.CompareTo(b.NanoOfDay);
        }

        if (a.EffectiveOffset is not { } oa || b.EffectiveOffset is not { } ob)
        {
            return null;
        }

        return Normalized(a.NanoOfDay - (oa.Ticks * 100)).CompareTo(Normalized(b.NanoOfDay - (ob.Ticks * 100)));
    }

    /// <inheritdoc />
    public int CompareTo(FeelTime? other) => other is null ? 1 : Compare(this, other) ?? HasTimeZone.CompareTo(other.HasTimeZone);

    /// <inheritdoc />
    public override bool Equals(FeelValue? other)
    {
        if (other is not FeelTime t)
        {
            return false;
        }

        if (Zone is not null || t.Zone is not null)
        {
            return t.NanoOfDay == NanoOfDay && string.Equals(Zone, t.Zone, StringComparison.Ordinal) && Offset == t.Offset;
        }

        return Compare(this, t) == 0;
    }

    /// <inheritdoc />
    public override int GetHashCode() => EffectiveOffset is { } o ? Normalized(NanoOfDay - (o.Ticks * 100)).GetHashCode() : NanoOfDay.GetHashCode();

    /// <inheritdoc />
    public override string ToFeelString() =>
        CivilCalendar.FormatTime(NanoOfDay) + (Zone is not null ? "@" + Zone : Offset is { } o ? CivilCalendar.FormatOffset(o) : string.Empty);

    private static long Normalized(long nanos)
    {
        var r = nanos % CivilCalendar.NanosPerDay;
        return r < 0 ? r + CivilCalendar.NanosPerDay : r;
    }
}
