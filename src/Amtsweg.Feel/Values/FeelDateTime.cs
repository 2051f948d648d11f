using System.Numerics;

namespace Amtsweg.Feel;

/// <summary>A FEEL date and time with nanosecond precision: local, with a fixed UTC offset, or in an IANA zone.</summary>
public sealed class FeelDateTime : FeelValue, IComparable<FeelDateTime>
{
    private FeelDateTime(FeelDate date, long nanoOfDay, TimeSpan? offset, string? zone)
    {
        Date = date;
        NanoOfDay = nanoOfDay;
        Offset = offset;
        Zone = zone;
    }

    /// <summary>The date part.</summary>
    public FeelDate Date { get; }

    /// <summary>Nanoseconds since midnight of <see cref="Date"/> (local time).</summary>
    public long NanoOfDay { get; }

    /// <summary>The explicit UTC offset, if any.</summary>
    public TimeSpan? Offset { get; }

    /// <summary>The IANA zone id, if any (then <see cref="Offset"/> is null).</summary>
    public string? Zone { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.DateTime;

    /// <summary>True if the value has an offset or a zone.</summary>
    public bool HasTimeZone => Offset is not null || Zone is not null;

    /// <summary>The offset in effect: the explicit offset, or the zone's offset at this local time.</summary>
    public TimeSpan? EffectiveOffset =>
        Offset ?? (Zone is not null && CivilCalendar.FindZone(Zone) is { } z ? CivilCalendar.ZoneOffset(z, Date.EpochDay, NanoOfDay) : null);

    /// <summary>The time part, keeping offset and zone.</summary>
    public FeelTime Time => FeelTime.WithZoneOf(NanoOfDay, Offset, Zone);

    /// <summary>Combines a date and a local time or a time with offset.</summary>
    public static FeelDateTime? Create(FeelDate date, long nanoOfDay, TimeSpan? offset = null)
    {
        ArgumentNullException.ThrowIfNull(date);
        if (nanoOfDay < 0 || nanoOfDay >= CivilCalendar.NanosPerDay || (offset is { } o && o.Duration() > TimeSpan.FromHours(18)))
        {
            return null;
        }

        return new FeelDateTime(date, nanoOfDay, offset, null);
    }

    /// <summary>Combines a date and a time in an IANA zone; null if the zone is unknown.</summary>
    public static FeelDateTime? Create(FeelDate date, long nanoOfDay, string zone)
    {
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(zone);
        if (nanoOfDay < 0 || nanoOfDay >= CivilCalendar.NanosPerDay || CivilCalendar.FindZone(zone) is null)
        {
            return null;
        }

        return new FeelDateTime(date, nanoOfDay, null, zone);
    }

    /// <summary>Combines a date and a time (keeping the time's offset or zone).</summary>
    public static FeelDateTime Create(FeelDate date, FeelTime time)
    {
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(time);
        return new FeelDateTime(date, time.NanoOfDay, time.Offset, time.Zone);
    }

    /// <summary>Converts a <see cref="DateTimeOffset"/> (keeps the offset).</summary>
    public static FeelDateTime From(DateTimeOffset value) =>
        new(FeelDate.From(DateOnly.FromDateTime(value.DateTime)), value.TimeOfDay.Ticks * 100, value.Offset, null);

    /// <summary>Converts a <see cref="DateTime"/>: UTC becomes offset Z, local and unspecified become a local date-time.</summary>
    public static FeelDateTime From(DateTime value) =>
        new(FeelDate.From(DateOnly.FromDateTime(value)), value.TimeOfDay.Ticks * 100, value.Kind == DateTimeKind.Utc ? TimeSpan.Zero : null, null);

    /// <summary>Parses <c>YYYY-MM-DDThh:mm:ss[.f+][Z|±hh:mm|@zone]</c> or a date alone (midnight); null if invalid.</summary>
    public static FeelDateTime? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pos = 0;
        if (!TemporalSyntax.TryReadDate(text, ref pos, out var y, out var m, out var d) || FeelDate.Create(y, m, d) is not { } date)
        {
            return null;
        }

        if (pos == text.Length)
        {
            return new FeelDateTime(date, 0, null, null);
        }

        if (text[pos] != 'T')
        {
            return null;
        }

        pos++;
        if (!TemporalSyntax.TryReadTime(text, ref pos, out var nanos) ||
            !TemporalSyntax.TryReadZone(text, ref pos, out var offset, out var zone) || pos != text.Length)
        {
            return null;
        }

        return zone is null ? Create(date, nanos, offset) : Create(date, nanos, zone);
    }

    internal static FeelDateTime WithZoneOf(FeelDate date, long nanoOfDay, TimeSpan? offset, string? zone) => new(date, nanoOfDay, offset, zone);

    /// <summary>Nanoseconds since 1970-01-01T00:00 local time (ignoring the offset).</summary>
    public BigInteger LocalNanos => (new BigInteger(Date.EpochDay) * CivilCalendar.NanosPerDay) + NanoOfDay;

    /// <summary>Nanoseconds since the Unix epoch in UTC; for local values the local reading is taken as UTC.</summary>
    public BigInteger InstantNanos => LocalNanos - ((EffectiveOffset ?? TimeSpan.Zero).Ticks * (BigInteger)100);

    /// <summary>Seconds since the Unix epoch (the FEEL <c>value</c> semantics, fraction included).</summary>
    public FeelNumber EpochSeconds => FeelNumber.Create(InstantNanos, 9);

    /// <summary>Compares two date-times; null if one is local and the other is not.</summary>
    public static int? Compare(FeelDateTime a, FeelDateTime b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.HasTimeZone != b.HasTimeZone)
        {
            return null;
        }

        return a.InstantNanos.CompareTo(b.InstantNanos);
    }

    /// <summary>Creates a value from a nanosecond count since the epoch (local reading) with the given zone info.</summary>
    internal static FeelDateTime? FromLocalNanos(BigInteger localNanos, TimeSpan? offset, string? zone)
    {
        var day = BigInteger.DivRem(localNanos, CivilCalendar.NanosPerDay, out var rem);
        if (rem.Sign < 0)
        {
            rem += CivilCalendar.NanosPerDay;
            day -= 1;
        }

        if (BigInteger.Abs(day) > 400_000_000_000L || FeelDate.FromEpochDay((long)day) is not { } date)
        {
            return null;
        }

        return new FeelDateTime(date, (long)rem, offset, zone);
    }

    /// <summary>Converts to a <see cref="DateTimeOffset"/> if in range and not local.</summary>
    public DateTimeOffset? ToDateTimeOffset()
    {
        if (Date.ToDateOnly() is not { } d || EffectiveOffset is not { } o)
        {
            return null;
        }

        return new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue).AddTicks(NanoOfDay / 100), o);
    }

    /// <inheritdoc />
    public int CompareTo(FeelDateTime? other) => other is null ? 1 : Compare(this, other) ?? HasTimeZone.CompareTo(other.HasTimeZone);

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelDateTime t && Compare(this, t) == 0;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(HasTimeZone, InstantNanos);

    /// <inheritdoc />
    public override string ToFeelString() =>
        Date.ToFeelString() + "T" + Time.ToFeelString();
}
