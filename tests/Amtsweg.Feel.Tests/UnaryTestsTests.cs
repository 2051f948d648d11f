namespace Amtsweg.Feel.Tests;

public class UnaryTestsTests
{
    [Theory]
    [InlineData("-", "5", true)]
    [InlineData("< 10", "5", true)]
    [InlineData("<= 10", "10", true)]
    [InlineData("> 10", "10", false)]
    [InlineData(">= 10", "10", true)]
    [InlineData("= 10", "10", true)]
    [InlineData("!= 10", "10", false)]
    [InlineData("[1..10]", "10", true)]
    [InlineData("[1..10)", "10", false)]
    [InlineData("(1..10]", "1", false)]
    [InlineData("]1..10[", "5", true)]
    [InlineData("1, 2, 3", "2", true)]
    [InlineData("1, 2, 3", "4", false)]
    [InlineData("\"a\", \"b\"", "\"b\"", true)]
    [InlineData("not(1, 2)", "3", true)]
    [InlineData("not(1, 2)", "2", false)]
    [InlineData("not([1..5])", "7", true)]
    [InlineData("? > 5 and ? < 10", "7", true)]
    [InlineData("odd(?)", "7", true)]
    [InlineData("[1, 2, 3]", "2", true)]
    [InlineData("true", "true", true)]
    [InlineData("false", "true", false)]
    [InlineData("< date(\"2021-01-01\")", "date(\"2020-12-31\")", true)]
    [InlineData("[@\"2021-01-01\"..@\"2021-12-31\"]", "date(\"2021-06-01\")", true)]
    [InlineData("null", "null", true)]
    [InlineData("string length(?) > 2", "\"abc\"", true)]
    public void Evaluate_MatchesInput_WhenTestsAreWellFormed(string tests, string input, bool expected)
    {
        var inputValue = FeelParser.Evaluate(input).Value;
        var parsed = FeelParser.ParseUnaryTests(tests);
        Assert.Equal(expected, parsed.Matches(inputValue));
    }

    [Fact]
    public void Evaluate_UsesScopeVariables_WhenTestsReferToNames()
    {
        var scope = new FeelScope().Set("Max Age", 65);
        var tests = FeelParser.ParseUnaryTests("< Max Age", new FeelParseOptions { KnownNames = ["Max Age"] });
        Assert.True(tests.Matches(FeelNumber.From(30), scope));
        Assert.False(tests.Matches(FeelNumber.From(70), scope));
    }

    [Fact]
    public void Evaluate_ReturnsNull_WhenInputCannotBeCompared()
    {
        var result = FeelParser.ParseUnaryTests("< 10").Evaluate("abc");
        Assert.True(result.Value.IsNull);
        Assert.NotEmpty(result.Diagnostics);
    }

    [Fact]
    public void MatchesAnything_IsTrue_WhenTestIsDash() => Assert.True(FeelParser.ParseUnaryTests("-").MatchesAnything);
}
