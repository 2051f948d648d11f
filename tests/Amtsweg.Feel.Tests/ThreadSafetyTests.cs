namespace Amtsweg.Feel.Tests;

public class ThreadSafetyTests
{
    [Fact]
    public void Evaluate_GivesEachCallerItsOwnResult_WhenOneExpressionRunsOnManyThreads()
    {
        var expression = FeelParser.ParseExpression(
            "{double: function(x) x * 2, r: for i in 1..10 return double(i) + Amount}.r[10]",
            new FeelParseOptions { KnownNames = ["Amount"] });
        var results = new FeelValue[2000];

        Parallel.For(0, results.Length, i =>
        {
            var scope = new FeelScope().Set("Amount", i);
            results[i] = expression.Evaluate(scope).Value;
        });

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(FeelNumber.From(20 + i), results[i]);
        }
    }

    [Fact]
    public void Matches_GivesEachCallerItsOwnResult_WhenUnaryTestsRunOnManyThreads()
    {
        var tests = FeelParser.ParseUnaryTests("[10..20], > 100");
        var results = new bool[1000];
        Parallel.For(0, results.Length, i => results[i] = tests.Matches(FeelNumber.From(i)));
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i is >= 10 and <= 20 or > 100, results[i]);
        }
    }

    [Fact]
    public void Evaluate_KeepsWarningsSeparate_WhenEvaluationsRunInParallel()
    {
        var expression = FeelParser.ParseExpression("if x > 0 then x else x + \"a\"", new FeelParseOptions { KnownNames = ["x"] });
        var counts = new int[500];
        Parallel.For(0, counts.Length, i => counts[i] = expression.Evaluate(new FeelScope().Set("x", i % 2 == 0 ? 1 : -1)).Diagnostics.Count);
        for (var i = 0; i < counts.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? 0 : 1, counts[i]);
        }
    }
}
