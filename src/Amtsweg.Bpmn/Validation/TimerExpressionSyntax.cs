using System.Globalization;
using System.Text.RegularExpressions;

namespace Amtsweg.Bpmn.Validation;

/// <summary>
/// Syntax of timer values: ISO 8601 date-times (with an optional <c>@zone</c> as in Camunda 8), durations,
/// repeating intervals (<c>R3/PT10M</c>, <c>R/2026-01-01T08:00:00Z/P1D</c>) and cron expressions.
/// A value that starts with <c>=</c> is FEEL and checked elsewhere.
/// </summary>
public static partial class TimerExpressionSyntax
{
    /// <summary>True for an ISO 8601 date-time such as <c>2026-03-01T09:00:00+01:00</c>.</summary>
    public static bool IsDateTime(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        return DateTimePattern().IsMatch(trimmed)
            && DateTime.TryParseExact(trimmed[..16], "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    /// <summary>True for an ISO 8601 duration such as <c>PT10M</c> or <c>P1DT12H</c>.</summary>
    public static bool IsDuration(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return DurationPattern().IsMatch(value.Trim());
    }

    /// <summary>True for an ISO 8601 repeating interval (<c>R3/PT10M</c>, <c>R/start/duration</c>, <c>R/duration/end</c>).</summary>
    public static bool IsRepeatingInterval(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var match = RepetitionPattern().Match(value.Trim());
        if (!match.Success)
        {
            return false;
        }

        var parts = match.Groups["interval"].Value.Split('/');
        return parts switch
        {
            [var duration] => IsDuration(duration),
            [var first, var second] => (IsDateTime(first) && IsDuration(second)) || (IsDuration(first) && IsDateTime(second)),
            _ => false,
        };
    }

    /// <summary>True for a cron expression of six or seven fields (seconds first, as Camunda uses).</summary>
    public static bool IsCron(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return fields.Length is 6 or 7 && fields.All(f => CronFieldPattern().IsMatch(f));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?(?:@[A-Za-z][A-Za-z0-9_/+\-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:[.,]\d+)?S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^R\d*/(?<interval>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RepetitionPattern();

    [GeneratedRegex(@"^[0-9A-Za-z*?/,#\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CronFieldPattern();
}
