using Amtsweg.Bpmn.Validation;

namespace Amtsweg.Bpmn.Tests.Validation;

public sealed class TimerExpressionSyntaxTests
{
    [Theory]
    [InlineData("2026-03-01T09:00:00+01:00", true)]
    [InlineData("2026-03-01T09:00:00Z", true)]
    [InlineData("2026-03-01T09:00", true)]
    [InlineData("2026-03-01T09:00:00.250Z", true)]
    [InlineData("2026-03-01T09:00:00@Europe/Berlin", true)]
    [InlineData("2026-03-01", false)]
    [InlineData("2026-02-30T09:00:00Z", false)]
    [InlineData("2026-03-01T25:00:00Z", false)]
    [InlineData("tomorrow", false)]
    public void IsDateTime_RecognisesIso8601DateTimes(string value, bool expected) =>
        Assert.Equal(expected, TimerExpressionSyntax.IsDateTime(value));

    [Theory]
    [InlineData("PT10M", true)]
    [InlineData("P1DT12H", true)]
    [InlineData("P2W", true)]
    [InlineData("P1Y2M3DT4H5M6.5S", true)]
    [InlineData("PT0.5S", true)]
    [InlineData("P", false)]
    [InlineData("PT", false)]
    [InlineData("P1DT", false)]
    [InlineData("10 minutes", false)]
    [InlineData("R3/PT10M", false)]
    public void IsDuration_RecognisesIso8601Durations(string value, bool expected) =>
        Assert.Equal(expected, TimerExpressionSyntax.IsDuration(value));

    [Theory]
    [InlineData("R3/PT10M", true)]
    [InlineData("R/PT1H", true)]
    [InlineData("R5/2026-01-01T08:00:00Z/P1D", true)]
    [InlineData("R/P1D/2026-12-31T00:00:00Z", true)]
    [InlineData("R3", false)]
    [InlineData("PT10M", false)]
    [InlineData("R3/PT10M/PT5M", false)]
    [InlineData("R3/tomorrow", false)]
    public void IsRepeatingInterval_RecognisesIso8601RepeatingIntervals(string value, bool expected) =>
        Assert.Equal(expected, TimerExpressionSyntax.IsRepeatingInterval(value));

    [Theory]
    [InlineData("0 0 9 * * MON-FRI", true)]
    [InlineData("0 */15 * * * ?", true)]
    [InlineData("0 0 12 * * ? 2026", true)]
    [InlineData("* * * * *", false)]
    [InlineData("every day at nine", false)]
    public void IsCron_RecognisesSixOrSevenFieldCronExpressions(string value, bool expected) =>
        Assert.Equal(expected, TimerExpressionSyntax.IsCron(value));
}
