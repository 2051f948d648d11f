namespace Amtsweg.Feel.Tests;

public class HostFunctionTests
{
    private static FeelScope FeeScope() => new FeelScope().Set(FeelFunction.Create(
        "Fee Amount",
        ["base", "rate"],
        args => args[0] is FeelNumber b && args[1] is FeelNumber r ? b * r : FeelValue.Null));

    [Fact]
    public void Invoke_CallsDelegate_WhenArgumentsArePositional() =>
        FeelAssert.Renders("10", "Fee Amount(100, 0.1)", FeeScope());

    [Fact]
    public void Invoke_MapsNamedArguments_WhenNamesMatchParameters() =>
        FeelAssert.Renders("10", "Fee Amount(rate: 0.1, base: 100)", FeeScope());

    [Fact]
    public void Invoke_PassesFunctionAsValue_WhenHigherOrderBuiltInCallsIt()
    {
        var scope = new FeelScope().Set(FeelFunction.Create("desc", ["a", "b"], args => FeelValue.From(((FeelNumber)args[0]) > (FeelNumber)args[1])));
        FeelAssert.Renders("[3, 2, 1]", "sort([1, 3, 2], desc)", scope);
    }

    [Fact]
    public void Invoke_ReturnsErrorInsteadOfThrowing_WhenDelegateThrows()
    {
        var scope = new FeelScope().Set(FeelFunction.Create("boom", [], _ => throw new InvalidOperationException("host failure")));
        var result = FeelAssert.Evaluate("boom()", scope);
        Assert.True(result.HasError);
        Assert.Contains("host failure", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_WarnsWithFunctionName_WhenBodyFails()
    {
        var scope = new FeelScope().Set(FeelFunction.Create("check", [new FeelParameter("x")], (context, args) => context.Fail("not allowed")));
        var result = FeelAssert.Evaluate("check(1)", scope);
        Assert.True(result.Value.IsNull);
        Assert.Equal("check: not allowed", result.Diagnostics.Single().Message);
    }

    [Fact]
    public void Invoke_ReturnsNull_WhenTypedParameterDoesNotConform()
    {
        var scope = new FeelScope().Set(FeelFunction.Create("twice", [new FeelParameter("n", FeelType.Number)], (_, args) => ((FeelNumber)args[0]) * 2));
        FeelAssert.NullWithWarning("twice(\"x\")", scope);
        FeelAssert.Renders("4", "twice(2)", scope);
    }

    [Fact]
    public void FunctionInvoke_RunsUserDefinedFunction_WhenCalledFromHost()
    {
        var function = (FeelFunction)FeelParser.Evaluate("function(a, b) a + b").Value;
        var result = function.Invoke([FeelNumber.From(2), FeelNumber.From(3)]);
        Assert.Equal(FeelNumber.From(5), result.Value);
    }

    [Fact]
    public void FunctionInvoke_SeesClosureScope_WhenReturnedFromEarlierEvaluation()
    {
        var scope = new FeelScope().Set("factor", 3);
        var function = (FeelFunction)FeelParser.Evaluate("function(x) x * factor", scope).Value;
        Assert.Equal(FeelNumber.From(12), function.Invoke([FeelNumber.From(4)]).Value);
    }
}
