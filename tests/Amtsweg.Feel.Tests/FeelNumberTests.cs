using System.Numerics;

namespace Amtsweg.Feel.Tests;

public class FeelNumberTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("-0.50", "-0.5")]
    [InlineData(".5", "0.5")]
    [InlineData("1.23e4", "12300")]
    [InlineData("1.23E-4", "0.000123")]
    [InlineData("1e40", "10000000000000000000000000000000000000000")]
    public void Parse_RendersPlainDecimal_WhenTextIsValid(string text, string expected) =>
        Assert.Equal(expected, FeelNumber.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1e")]
    public void TryParse_Fails_WhenTextIsNotANumber(string text) => Assert.False(FeelNumber.TryParse(text, out _));

    [Fact]
    public void Add_IsExact_WhenBinaryFloatingPointWouldNotBe() =>
        Assert.Equal(FeelNumber.Parse("0.3"), FeelNumber.Parse("0.1") + FeelNumber.Parse("0.2"));

    [Fact]
    public void DivideBy_RoundsTo34SignificantDigits_WhenQuotientIsPeriodic() =>
        Assert.Equal("0.3333333333333333333333333333333333", FeelNumber.One.DivideBy(FeelNumber.From(3))!.ToString());

    [Fact]
    public void DivideBy_RoundsHalfEven_WhenTwoThirds() =>
        Assert.Equal("0.6666666666666666666666666666666667", FeelNumber.From(2).DivideBy(FeelNumber.From(3))!.ToString());

    [Fact]
    public void DivideBy_ReturnsNull_WhenDivisorIsZero() => Assert.Null(FeelNumber.One.DivideBy(FeelNumber.Zero));

    [Fact]
    public void Multiply_KeepsOnly34Digits_WhenProductIsLonger()
    {
        var big = FeelNumber.Parse("1234567890123456789012345678901234");
        var product = big * FeelNumber.From(10) + FeelNumber.One;
        Assert.Equal(34, product.Unscaled.ToString().TrimEnd('0').Length);
    }

    [Theory]
    [InlineData("2.5", 0, FeelRounding.HalfEven, "2")]
    [InlineData("3.5", 0, FeelRounding.HalfEven, "4")]
    [InlineData("2.5", 0, FeelRounding.HalfUp, "3")]
    [InlineData("2.5", 0, FeelRounding.HalfDown, "2")]
    [InlineData("-2.5", 0, FeelRounding.HalfUp, "-3")]
    [InlineData("1.21", 1, FeelRounding.Up, "1.3")]
    [InlineData("-1.29", 1, FeelRounding.Down, "-1.2")]
    [InlineData("-1.21", 1, FeelRounding.Floor, "-1.3")]
    [InlineData("1.21", 1, FeelRounding.Ceiling, "1.3")]
    [InlineData("1234", -2, FeelRounding.HalfEven, "1200")]
    [InlineData("0.001", 0, FeelRounding.Up, "1")]
    public void Round_AppliesMode_WhenScaleIsGiven(string value, int scale, FeelRounding mode, string expected) =>
        Assert.Equal(expected, FeelNumber.Parse(value).Round(scale, mode).ToString());

    [Fact]
    public void Sqrt_Has34Digits_WhenRootIsIrrational() =>
        Assert.Equal("1.414213562373095048801688724209698", FeelNumber.From(2).Sqrt()!.ToString());

    [Fact]
    public void Sqrt_ReturnsNull_WhenNegative() => Assert.Null(FeelNumber.From(-4).Sqrt());

    [Fact]
    public void Equals_IgnoresTrailingZeros_WhenValuesAreEqual()
    {
        Assert.Equal(FeelNumber.Parse("1.50"), FeelNumber.Parse("1.5"));
        Assert.Equal(FeelNumber.Parse("1.50").GetHashCode(), FeelNumber.Parse("1.5").GetHashCode());
    }

    [Fact]
    public void From_KeepsAllDigits_WhenDecimal() => Assert.Equal("79228162514264337593543950335", FeelNumber.From(decimal.MaxValue).ToString());

    [Fact]
    public void From_ReturnsNull_WhenDoubleIsNaN() => Assert.Null(FeelNumber.From(double.NaN));

    [Fact]
    public void Pow_IsExact_WhenExponentIsInteger() => Assert.Equal(BigInteger.Pow(10, 50), FeelNumber.From(10).Pow(FeelNumber.From(50))!.ToBigInteger());

    [Fact]
    public void Compare_OrdersByValue_WhenScalesDiffer() => Assert.True(FeelNumber.Parse("0.1") < FeelNumber.Parse("0.11"));
}
