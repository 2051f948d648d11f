using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Tests.Model;

public sealed class BpmnExpressionTests
{
    [Theory]
    [InlineData("= amount > 100", true, "amount > 100")]
    [InlineData("=x", true, "x")]
    [InlineData("  = a + b ", true, "a + b")]
    [InlineData("mail", false, "mail")]
    [InlineData("a = b", false, "a = b")]
    [InlineData("", false, "")]
    public void Parse_SeparatesFeelFromLiterals_ByLeadingEqualsSign(string raw, bool isFeel, string text)
    {
        var expression = BpmnExpression.Parse(raw);

        Assert.Equal((raw, isFeel, text), (expression.Raw, expression.IsFeel, expression.Text));
    }

    [Fact]
    public void ParseOptional_ReturnsNull_WhenValueIsAbsent() => Assert.Null(BpmnExpression.ParseOptional(null));
}
