namespace Amtsweg.Feel.Tests;

public class LimitTests
{
    [Fact]
    public void Evaluate_StopsWithError_WhenRecursionIsEndless()
    {
        var result = FeelAssert.Evaluate("{f: function(n) f(n + 1), r: f(1)}.r");
        Assert.True(result.HasError);
        Assert.True(result.Value.IsNull);
        Assert.Contains(result.Diagnostics, d => d.Severity == FeelSeverity.Error && d.Message.Contains("depth", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_StopsWithError_WhenStepLimitIsReached()
    {
        var options = new FeelEvaluationOptions { MaxSteps = 10_000 };
        var result = FeelAssert.Evaluate("for i in 1..1000000 return i", options: options);
        Assert.True(result.HasError);
        Assert.Contains("step limit", result.Diagnostics.Single(d => d.Severity == FeelSeverity.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StopsWithError_WhenCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var result = FeelAssert.Evaluate("for i in 1..100000 return i", options: new FeelEvaluationOptions { CancellationToken = cancellation.Token });
        Assert.True(result.HasError);
    }

    [Fact]
    public void Evaluate_StopsWithError_WhenStackRunsLowBeforeDepthLimit()
    {
        // A generous depth limit on a small stack: the stack probe must end evaluation before the process dies.
        FeelResult? result = null;
        var options = new FeelEvaluationOptions { MaxCallDepth = 1_000_000, MaxSteps = long.MaxValue };
        var thread = new Thread(() => result = FeelAssert.Evaluate("{f: function(n) if n < 0 then 0 else 1 + f(n + 1), r: f(1)}.r", options: options), 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.NotNull(result);
        Assert.True(result.HasError);
    }

    [Fact]
    public void Evaluate_ComputesDeepRecursion_WhenWithinLimit() =>
        FeelAssert.Renders("200", "{f: function(n) if n = 0 then 0 else 1 + f(n - 1), r: f(200)}.r");

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("-", "")]
    [InlineData("{a: ", "}")]
    [InlineData("not(", ")")]
    public void ParseExpression_FailsCleanly_WhenNestingIsTooDeep(string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, 5000)) + "1" + string.Concat(Enumerable.Repeat(close, 5000));
        var error = Assert.Throws<FeelSyntaxException>(() => FeelParser.ParseExpression(text));
        Assert.Contains("nested too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseExpression_Fails_WhenTextIsTooLong()
    {
        var options = new FeelParseOptions { MaxLength = 100 };
        var error = Assert.Throws<FeelSyntaxException>(() => FeelParser.ParseExpression(new string('1', 101), options));
        Assert.Contains("too long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseExpression_Succeeds_WhenNestingIsModerate()
    {
        var text = string.Concat(Enumerable.Repeat("(", 50)) + "1" + string.Concat(Enumerable.Repeat(")", 50));
        Assert.Equal("1", FeelParser.ParseExpression(text).Evaluate().Value.ToString());
    }

    [Fact]
    public void Evaluate_ReportsError_WhenValueNestsTooDeeplyToRender()
    {
        // 'partial' lets a loop nest lists far deeper than the syntax; rendering must fail cleanly, not overflow.
        FeelResult? result = null;
        var thread = new Thread(() => result = FeelAssert.Evaluate("string(for i in 1..5000 return [if i = 1 then 0 else partial[-1]])"), 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.NotNull(result);
        Assert.True(result.HasError);
    }

    [Theory]
    [InlineData("10 ** 7000")]
    [InlineData("1e6000 * 1e6000")]
    [InlineData("product([1e3000, 1e3000, 1e3000])")]
    public void Evaluate_ReturnsNullWithWarning_WhenNumberLeavesTheFeelRange(string text) => FeelAssert.NullWithWarning(text);

    [Fact]
    public void ParseExpression_Fails_WhenNumberLiteralIsBeyondTheFeelRange()
    {
        var error = Assert.Throws<FeelSyntaxException>(() => FeelParser.ParseExpression("1e7000"));
        Assert.Contains("Invalid number", error.Message, StringComparison.Ordinal);
    }

    // Regression (security test, issue 17): a 350-character script that doubled a string 23 times grew the server
    // from 0.6 to 3 GB in 12 seconds. Thirty doublings would be 20 GB; the evaluation must stop at the string limit.
    [Fact]
    public void Bug_StringDoubling_TookTheServersMemory()
    {
        var entries = string.Join(", ", Enumerable.Range(1, 30).Select(i => $"s{i}: s{i - 1} + s{i - 1}"));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = FeelAssert.Evaluate("{s0: \"0123456789\", " + entries + "}.s30");

        Assert.True(result.HasError);
        Assert.Contains("exceeds the limit of 1000000 characters", Error(result), StringComparison.Ordinal);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64L * 1024 * 1024);
    }

    [Fact]
    public void Evaluate_StopsAtMemoryLimit_WhenManyStringsStayBelowTheStringLimit()
    {
        var options = new FeelEvaluationOptions { MaxAllocatedBytes = 4 * 1024 * 1024 };

        var result = FeelAssert.Evaluate("for i in 1..100 return substring(\"x\" + string(i), 1) + string join(for j in 1..2000 return \"abcdefghij\")", options: options);

        Assert.True(result.HasError);
        Assert.Contains("memory limit", Error(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Replace_StopsAtStringLimit_WhenEachMatchGrowsTheText()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = FeelAssert.Evaluate("replace(string join(for i in 1..100000 return \"a\"), \"a\", string join(for i in 1..100 return \"b\"))");

        Assert.True(result.HasError);
        Assert.Contains("replace() exceeds the limit", Error(result), StringComparison.Ordinal);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64L * 1024 * 1024);
    }

    [Fact]
    public void Evaluate_StopsAtListLimit_WhenLoopBuildsAHugeList()
    {
        var result = FeelAssert.Evaluate("count(for i in 1..200000 return i)");

        Assert.True(result.HasError);
        Assert.Contains("exceeds the limit of 100000 items", Error(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StopsAtTimeLimit_WhenTheClockRunsPastIt()
    {
        var options = new FeelEvaluationOptions { Clock = new RacingClock(), MaxSteps = long.MaxValue };

        var result = FeelAssert.Evaluate("count(for i in 1..50000 return i)", options: options);

        Assert.True(result.HasError);
        Assert.Contains("time limit", Error(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BuildsLargeValues_WhenWithinTheLimits() =>
        FeelAssert.Renders("500000", "string length(string join(for i in 1..50000 return \"0123456789\"))");

    private static string Error(FeelResult result) => result.Diagnostics.Single(d => d.Severity == FeelSeverity.Error).Message;

    // Every reading of the timestamp is a second later than the one before.
    private sealed class RacingClock : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => 1;

        public override long GetTimestamp() => ++_now;
    }
}
