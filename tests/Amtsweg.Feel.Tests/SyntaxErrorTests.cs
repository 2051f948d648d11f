namespace Amtsweg.Feel.Tests;

public class SyntaxErrorTests
{
    [Theory]
    [InlineData("1 +", 1, 4, "Unexpected end of expression")]
    [InlineData("{a: 1,\n  b: }", 2, 6, "Unexpected '}'")]
    [InlineData("if x then 1", 1, 12, "Expected 'else'")]
    [InlineData("\"abc", 1, 1, "String literal is not closed")]
    [InlineData("1 $ 2", 1, 3, "Unexpected text after the end")]
    [InlineData("/* never closed", 1, 1, "Comment is not closed")]
    [InlineData("[1, 2", 1, 6, "Expected ']'")]
    [InlineData("f(a: 1, 2)", 1, 9, "Cannot mix named and positional arguments")]
    [InlineData("f(a: 1, a: 2)", 1, 12, "Argument 'a' is given twice")]
    [InlineData("1 instance of foo", 1, 15, "Unknown type 'foo'")]
    [InlineData("for x in [1] x", 1, 14, "Expected 'return'")]
    [InlineData("{a: 1, a: 2}", 1, 8, "Duplicate context key 'a'")]
    [InlineData("function(a) external {}", 1, 13, "External functions are not supported")]
    [InlineData("@\"2021-13-01\"", 1, 1, "is not a valid date")]
    [InlineData("\"\\u12\"", 1, 2, "Invalid unicode escape")]
    [InlineData("1 +\n\n   * 2", 3, 4, "Unexpected '*'")]
    public void ParseExpression_ReportsPosition_WhenTextIsMalformed(string text, int line, int column, string message)
    {
        var error = Assert.Throws<FeelSyntaxException>(() => FeelParser.ParseExpression(text));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains($"line {line}, column {column}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1 +", "feel.unexpected-end", "Der Ausdruck endet unerwartet (Zeile 1, Spalte 4)")]
    [InlineData("if x then 1", "feel.expected-token", "'else' erwartet, gefunden: Ende des Ausdrucks (Zeile 1, Spalte 12)")]
    [InlineData("\"abc", "feel.string-not-closed", "Der Text ist nicht geschlossen")]
    public void ParseExpression_GivesCodeAndGermanMessage_WhenTextIsMalformed(string text, string code, string german)
    {
        var error = Assert.Throws<FeelSyntaxException>(() => FeelParser.ParseExpression(text));

        Assert.Equal(code, error.Code);
        Assert.Contains(german, error.MessageGerman, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("< ", 1, 3)]
    [InlineData("[1..2", 1, 6)]
    [InlineData("not(1, 2", 1, 9)]
    public void ParseUnaryTests_ReportsPosition_WhenTextIsMalformed(string text, int line, int column)
    {
        var error = Assert.Throws<FeelSyntaxException>(() => FeelParser.ParseUnaryTests(text));
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void TryParseExpression_ReturnsError_WhenTextIsMalformed()
    {
        Assert.False(FeelParser.TryParseExpression("1 +", null, out var expression, out var error));
        Assert.Null(expression);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("list<number>", "list<number>")]
    [InlineData("context<a: number, b: list<string>>", "context<a: number, b: list<string>>")]
    [InlineData("function<number, string> -> boolean", "function<number, string> -> boolean")]
    [InlineData("date and time", "date and time")]
    public void ParseType_ReadsTypeExpression_WhenWellFormed(string text, string expected) =>
        Assert.Equal(expected, FeelParser.ParseType(text).Name);

    [Fact]
    public void ParseType_UsesResolver_WhenTypeIsNotBuiltIn()
    {
        var options = new FeelParseOptions { TypeResolver = name => name == "tAge" ? FeelType.Number : null };
        Assert.Same(FeelType.Number, FeelParser.ParseType("tAge", options));
        Assert.True(FeelParser.ParseExpression("5 instance of tAge", options).Evaluate().Value is FeelBoolean { Value: true });
    }
}
