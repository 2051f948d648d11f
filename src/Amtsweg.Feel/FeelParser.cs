namespace Amtsweg.Feel;

/// <summary>Entry point: parses FEEL text into reusable, thread-safe compiled forms.</summary>
public static class FeelParser
{
    /// <summary>Parses an expression (DMN 1.5, chapter 10).</summary>
    /// <exception cref="FeelSyntaxException">The text is not a valid expression; the exception carries line and column.</exception>
    public static FeelExpression ParseExpression(string text, FeelParseOptions? options = null)
    {
        var parser = new Parser(text, options ?? FeelParseOptions.Default);
        return new FeelExpression(text, parser.ParseExpressionToEnd());
    }

    /// <summary>Parses an expression; names known in <paramref name="scope"/> are used to split names with spaces.</summary>
    /// <exception cref="FeelSyntaxException">The text is not a valid expression.</exception>
    public static FeelExpression ParseExpression(string text, FeelScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return ParseExpression(text, new FeelParseOptions { KnownNames = [.. scope.Names] });
    }

    /// <summary>Parses unary tests as used in decision table input entries (<c>&lt; 10</c>, <c>[1..5], 7</c>, <c>not("a")</c>, <c>-</c>).</summary>
    /// <exception cref="FeelSyntaxException">The text is not valid unary tests.</exception>
    public static FeelUnaryTests ParseUnaryTests(string text, FeelParseOptions? options = null)
    {
        var parser = new Parser(text, options ?? FeelParseOptions.Default);
        return new FeelUnaryTests(text, parser.ParseUnaryTestsToEnd());
    }

    /// <summary>Parses a type such as <c>number</c>, <c>list&lt;string&gt;</c>, <c>context&lt;a: number&gt;</c>.</summary>
    /// <exception cref="FeelSyntaxException">The text is not a type.</exception>
    public static FeelType ParseType(string text, FeelParseOptions? options = null) =>
        new Parser(text, options ?? FeelParseOptions.Default).ParseTypeToEnd();

    /// <summary>Parses an expression without throwing.</summary>
    public static bool TryParseExpression(string text, FeelParseOptions? options, out FeelExpression? expression, out FeelSyntaxException? error)
    {
        try
        {
            expression = ParseExpression(text, options);
            error = null;
            return true;
        }
        catch (FeelSyntaxException e)
        {
            expression = null;
            error = e;
            return false;
        }
    }

    /// <summary>Parses and evaluates in one step (convenience for tests and one-off use).</summary>
    /// <exception cref="FeelSyntaxException">The text is not a valid expression.</exception>
    public static FeelResult Evaluate(string text, FeelScope? scope = null, FeelEvaluationOptions? options = null) =>
        ParseExpression(text, new FeelParseOptions { KnownNames = scope is null ? [] : [.. scope.Names] }).Evaluate(scope, options);
}

/// <summary>A parsed FEEL expression. Immutable and safe to evaluate from many threads at once.</summary>
public sealed class FeelExpression
{
    private readonly Node _root;

    internal FeelExpression(string text, Node root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>Evaluates the expression. Never throws for FEEL problems: they become null plus diagnostics.</summary>
    public FeelResult Evaluate(FeelScope? scope = null, FeelEvaluationOptions? options = null)
    {
        var context = new EvaluationContext(options ?? FeelEvaluationOptions.Default);
        return context.Run(() => _root.Eval(context, Env.Root(scope)));
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>Parsed unary tests. Immutable and safe to evaluate from many threads at once.</summary>
public sealed class FeelUnaryTests
{
    private readonly UnaryTest _test;

    internal FeelUnaryTests(string text, UnaryTest test)
    {
        Text = text;
        _test = test;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>True for the test <c>-</c>, which matches any input.</summary>
    public bool MatchesAnything => _test is AnyTest;

    /// <summary>Tests an input value; the result value is true, false or null. Never throws for FEEL problems.</summary>
    public FeelResult Evaluate(FeelValue input, FeelScope? scope = null, FeelEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var context = new EvaluationContext(options ?? FeelEvaluationOptions.Default);
        return context.Run(() => _test.Test(context, Env.Root(scope), input));
    }

    /// <summary>True if the input satisfies the tests (null counts as not satisfied).</summary>
    public bool Matches(FeelValue input, FeelScope? scope = null, FeelEvaluationOptions? options = null) =>
        Evaluate(input, scope, options).Value is FeelBoolean { Value: true };

    /// <inheritdoc />
    public override string ToString() => Text;
}
