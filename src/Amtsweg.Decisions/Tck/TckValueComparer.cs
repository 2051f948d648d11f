using Amtsweg.Feel;

namespace Amtsweg.Decisions.Tck;

/// <summary>
/// Compares an expected TCK value with an actual FEEL value the way the TCK runners do: numbers, dates, times and
/// durations by value, lists element by element, contexts entry by entry (same keys), null only equal to null.
/// </summary>
public static class TckValueComparer
{
    /// <summary>Whether the actual value matches the expected one.</summary>
    public static bool Matches(FeelValue expected, FeelValue actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        switch (expected)
        {
            case FeelNull:
                return actual.IsNull;
            case FeelList expectedList:
                return actual is FeelList actualList
                    && actualList.Count == expectedList.Count
                    && expectedList.Items.Zip(actualList.Items).All(p => Matches(p.First, p.Second));
            case FeelContext expectedContext:
                if (actual is not FeelContext actualContext || actualContext.Count != expectedContext.Count)
                {
                    return false;
                }

                foreach (var (key, value) in expectedContext.Entries)
                {
                    if (!actualContext.TryGetValue(key, out var actualValue) || !Matches(value, actualValue))
                    {
                        return false;
                    }
                }

                return true;
            case FeelNumber expectedNumber:
                return actual is FeelNumber actualNumber && NumbersMatch(expectedNumber, actualNumber);
            case FeelDateTime expectedDateTime:
                // Same instant is not enough: a local date-time must not match a zoned one.
                return actual is FeelDateTime actualDateTime
                    && expectedDateTime.Equals(actualDateTime)
                    && expectedDateTime.HasTimeZone == actualDateTime.HasTimeZone;
            case FeelTime expectedTime:
                return actual is FeelTime actualTime
                    && expectedTime.Equals(actualTime)
                    && expectedTime.HasTimeZone == actualTime.HasTimeZone;
            default:
                return expected.Equals(actual);
        }
    }

    /// <summary>
    /// Numbers match when they differ by less than 0.00000001. This is the convention of the TCK's own runners
    /// (<c>NUMBER_COMPARISON_PRECISION</c> in the Drools, Camunda and jDMN runners): several expectations were
    /// computed in binary floating point or written with eight decimals (exp, log, annuity payments), while FEEL
    /// computes with 34 decimal digits.
    /// </summary>
    private static bool NumbersMatch(FeelNumber expected, FeelNumber actual) =>
        expected.Equals(actual) || (expected - actual).Abs() < Precision;

    private static readonly FeelNumber Precision = FeelNumber.Parse("0.00000001");
}
