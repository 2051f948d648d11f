namespace Amtsweg.Feel;

/// <summary>Strict readers for the lexical forms of XML Schema dates, times and zones used by FEEL.</summary>
internal static class TemporalSyntax
{
    public static bool TryReadDate(string s, ref int pos, out long year, out int month, out int day)
    {
        year = 0;
        month = 0;
        day = 0;
        var negative = false;
        if (pos < s.Length && s[pos] == '-')
        {
            negative = true;
            pos++;
        }

        var start = pos;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            pos++;
        }

        var yearDigits = pos - start;

        // Four digits, or more without a leading zero (XML Schema); at most nine for FEEL's range.
        if (yearDigits < 4 || yearDigits > 9 || (yearDigits > 4 && s[start] == '0'))
        {
            return false;
        }

        year = long.Parse(s.AsSpan(start, yearDigits), provider: System.Globalization.CultureInfo.InvariantCulture);
        if (negative)
        {
            year = -year;
        }

        if (!Expect(s, ref pos, '-') || !TryReadTwoDigits(s, ref pos, out month) || !Expect(s, ref pos, '-') || !TryReadTwoDigits(s, ref pos, out day))
        {
            return false;
        }

        return CivilCalendar.IsValid(year, month, day);
    }

    public static bool TryReadTime(string s, ref int pos, out long nanoOfDay)
    {
        nanoOfDay = 0;
        if (!TryReadTwoDigits(s, ref pos, out var h) || !Expect(s, ref pos, ':') || !TryReadTwoDigits(s, ref pos, out var m) ||
            !Expect(s, ref pos, ':') || !TryReadTwoDigits(s, ref pos, out var sec))
        {
            return false;
        }

        long nanos = 0;
        if (pos < s.Length && s[pos] == '.')
        {
            pos++;
            var start = pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            {
                if (pos - start < 9)
                {
                    nanos = (nanos * 10) + (s[pos] - '0');
                }

                pos++;
            }

            var count = Math.Min(pos - start, 9);
            if (pos == start)
            {
                return false;
            }

            for (var i = count; i < 9; i++)
            {
                nanos *= 10;
            }
        }

        if (h == 24 && m == 0 && sec == 0 && nanos == 0)
        {
            nanoOfDay = 0;
            return true;
        }

        if (h > 23 || m > 59 || sec > 59)
        {
            return false;
        }

        nanoOfDay = ((((h * 60L) + m) * 60) + sec) * CivilCalendar.NanosPerSecond + nanos;
        return true;
    }

    public static bool TryReadZone(string s, ref int pos, out TimeSpan? offset, out string? zone)
    {
        offset = null;
        zone = null;
        if (pos >= s.Length)
        {
            return true;
        }

        switch (s[pos])
        {
            case 'Z':
                pos++;
                offset = TimeSpan.Zero;
                return true;
            case '@':
                zone = s[(pos + 1)..];
                pos = s.Length;
                return CivilCalendar.FindZone(zone) is not null;
            case '+' or '-':
                var negative = s[pos] == '-';
                pos++;
                if (!TryReadTwoDigits(s, ref pos, out var h) || !Expect(s, ref pos, ':') || !TryReadTwoDigits(s, ref pos, out var m) || m > 59)
                {
                    return false;
                }

                var value = new TimeSpan(h, m, 0);
                if (pos < s.Length && s[pos] == ':')
                {
                    pos++;
                    if (!TryReadTwoDigits(s, ref pos, out var sec) || sec > 59)
                    {
                        return false;
                    }

                    value += TimeSpan.FromSeconds(sec);
                }

                if (value > TimeSpan.FromHours(18))
                {
                    return false;
                }

                offset = negative ? -value : value;
                return true;
            default:
                return false;
        }
    }

    private static bool Expect(string s, ref int pos, char c)
    {
        if (pos < s.Length && s[pos] == c)
        {
            pos++;
            return true;
        }

        return false;
    }

    private static bool TryReadTwoDigits(string s, ref int pos, out int value)
    {
        value = 0;
        if (pos + 2 > s.Length)
        {
            return false;
        }

        if (!char.IsAsciiDigit(s[pos]) || !char.IsAsciiDigit(s[pos + 1]))
        {
            return false;
        }

        value = ((s[pos] - '0') * 10) + (s[pos + 1] - '0');
        pos += 2;
        return true;
    }
}
