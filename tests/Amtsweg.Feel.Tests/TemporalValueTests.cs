namespace Amtsweg.Feel.Tests;

public class TemporalValueTests
{
    [Theory]
    [InlineData("2021-02-28", "2021-02-28")]
    [InlineData("-0044-03-15", "-0044-03-15")]
    [InlineData("12021-01-01", "12021-01-01")]
    [InlineData("999999999-12-31", "999999999-12-31")]
    public void DateParse_Accepts_WhenTextIsXmlSchemaDate(string text, string expected) =>
        Assert.Equal(expected, FeelDate.Parse(text)!.ToString());

    [Theory]
    [InlineData("2021-02-29")]
    [InlineData("2021-2-28")]
    [InlineData("021-02-28")]
    [InlineData("02021-02-28")]
    [InlineData("+2021-02-28")]
    [InlineData("1000000000-01-01")]
    [InlineData("2021-02-28T")]
    public void DateParse_ReturnsNull_WhenTextIsNotADate(string text) => Assert.Null(FeelDate.Parse(text));

    [Theory]
    [InlineData("00:00:00", "00:00:00")]
    [InlineData("24:00:00", "00:00:00")]
    [InlineData("23:59:59.999999999", "23:59:59.999999999")]
    [InlineData("10:00:00.500", "10:00:00.5")]
    [InlineData("10:00:00+00:00", "10:00:00Z")]
    [InlineData("10:00:00-05:30", "10:00:00-05:30")]
    [InlineData("10:00:00@Europe/Berlin", "10:00:00@Europe/Berlin")]
    public void TimeParse_Accepts_WhenTextIsXmlSchemaTime(string text, string expected) =>
        Assert.Equal(expected, FeelTime.Parse(text)!.ToString());

    [Theory]
    [InlineData("24:00:01")]
    [InlineData("10:60:00")]
    [InlineData("10:00")]
    [InlineData("10:00:00.")]
    [InlineData("10:00:00+5:00")]
    [InlineData("10:00:00+02:00@Europe/Berlin")]
    [InlineData("10:00:00@Nowhere/City")]
    public void TimeParse_ReturnsNull_WhenTextIsNotATime(string text) => Assert.Null(FeelTime.Parse(text));

    [Theory]
    [InlineData("P1DT2H3M4.5S", "P1DT2H3M4.5S")]
    [InlineData("PT36H", "P1DT12H")]
    [InlineData("-PT0.001S", "-PT0.001S")]
    [InlineData("P0D", "PT0S")]
    public void DaysTimeDurationParse_Normalizes_WhenTextIsValid(string text, string expected) =>
        Assert.Equal(expected, FeelDaysTimeDuration.Parse(text)!.ToString());

    [Theory]
    [InlineData("P1Y")]
    [InlineData("PT")]
    [InlineData("P1H")]
    [InlineData("P1DT")]
    [InlineData("1D")]
    [InlineData("P1.5D")]
    public void DaysTimeDurationParse_ReturnsNull_WhenTextIsNotADaysTimeDuration(string text) => Assert.Null(FeelDaysTimeDuration.Parse(text));

    [Theory]
    [InlineData("P1Y13M", "P2Y1M")]
    [InlineData("-P3M", "-P3M")]
    [InlineData("P0Y", "P0M")]
    public void YearsMonthsDurationParse_Normalizes_WhenTextIsValid(string text, string expected) =>
        Assert.Equal(expected, FeelYearsMonthsDuration.Parse(text)!.ToString());

    [Fact]
    public void DateTimeCompare_ReturnsNull_WhenOnlyOneHasATimeZone() =>
        Assert.Null(FeelDateTime.Compare(FeelDateTime.Parse("2021-01-01T10:00:00")!, FeelDateTime.Parse("2021-01-01T10:00:00Z")!));

    [Fact]
    public void DateTimeEffectiveOffset_FollowsDaylightSaving_WhenZoneIsGiven()
    {
        Assert.Equal(TimeSpan.FromHours(1), FeelDateTime.Parse("2021-01-15T12:00:00@Europe/Berlin")!.EffectiveOffset);
        Assert.Equal(TimeSpan.FromHours(2), FeelDateTime.Parse("2021-07-15T12:00:00@Europe/Berlin")!.EffectiveOffset);
    }

    [Fact]
    public void DateDayOfWeek_IsIso_WhenDateIsFarInThePast() =>
        Assert.Equal(1, FeelDate.Create(1, 1, 1)!.DayOfWeek);

    [Fact]
    public void DateEpochDay_RoundTrips_WhenYearIsNegative()
    {
        var date = FeelDate.Create(-999_999_999, 1, 1)!;
        Assert.Equal(date, FeelDate.FromEpochDay(date.EpochDay));
    }
}
