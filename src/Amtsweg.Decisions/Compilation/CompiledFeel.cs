using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Compilation;

/// <summary>
/// A FEEL expression parsed once when the model is compiled. A syntax error does not stop the model: the expression
/// then evaluates to null with an error message naming the element, as the TCK expects.
/// </summary>
internal sealed class CompiledExpression
{
    private readonly FeelExpression? _expression;
    private readonly FeelSyntaxException? _syntaxError;

    private CompiledExpression(string text, FeelExpression? expression, FeelSyntaxException? syntaxError, string? elementId, SourceLocation location)
    {
        Text = text;
        _expression = expression;
        _syntaxError = syntaxError;
        ElementId = elementId;
        Location = location;
    }

    public string Text { get; }

    public string? ElementId { get; }

    public SourceLocation Location { get; }

    public static CompiledExpression Compile(string text, CompileScope scope, string? elementId, SourceLocation location, string? columnId = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            // An empty cell (dmn-js leaves output entries empty) means null, not a syntax error.
            return new CompiledExpression(text, FeelParser.ParseExpression("null"), null, elementId, location);
        }

        try
        {
            return new CompiledExpression(text, FeelParser.ParseExpression(text, scope.ParseOptions), null, elementId, location);
        }
        catch (FeelSyntaxException ex)
        {
            scope.Compiler.Warn(DmnTexts.FeelSyntaxError(Shorten(text), ex.Message, ex.MessageGerman), elementId, location, columnId);
            return new CompiledExpression(text, null, ex, elementId, location);
        }
    }

    public FeelValue Evaluate(FeelScope scope, EvaluationRun run)
    {
        if (run.Aborted)
        {
            return FeelValue.Null;
        }

        if (_expression is null)
        {
            run.Error(DmnTexts.FeelSyntaxError(Shorten(Text), _syntaxError?.Message ?? "", _syntaxError?.MessageGerman ?? ""), ElementId, Location);
            return FeelValue.Null;
        }

        var result = _expression.Evaluate(scope, run.FeelOptions);
        run.AddDiagnostics(result, ElementId, Location);
        return result.Value;
    }

    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}

/// <summary>FEEL unary tests (an input entry, input values, output values, allowed values) parsed once.</summary>
internal sealed class CompiledTests
{
    private readonly FeelUnaryTests? _tests;
    private readonly FeelSyntaxException? _syntaxError;

    private CompiledTests(string text, FeelUnaryTests? tests, FeelSyntaxException? syntaxError, string? elementId, SourceLocation location)
    {
        Text = text;
        _tests = tests;
        _syntaxError = syntaxError;
        ElementId = elementId;
        Location = location;
    }

    public string Text { get; }

    public string? ElementId { get; }

    public SourceLocation Location { get; }

    /// <summary>True for <c>-</c> or an empty entry, which every value satisfies.</summary>
    public bool IsAny => Text.Trim() is "-" or "";

    public static CompiledTests Compile(string text, CompileScope scope, string? elementId, SourceLocation location, string? columnId = null)
    {
        if (text.Trim() is "-" or "")
        {
            return new CompiledTests(text, null, null, elementId, location);
        }

        try
        {
            return new CompiledTests(text, FeelParser.ParseUnaryTests(text, scope.ParseOptions), null, elementId, location);
        }
        catch (FeelSyntaxException ex)
        {
            scope.Compiler.Warn(DmnTexts.FeelUnaryTestsSyntaxError(CompiledExpression.Shorten(text), ex.Message, ex.MessageGerman), elementId, location, columnId);
            return new CompiledTests(text, null, ex, elementId, location);
        }
    }

    /// <summary>Whether the value satisfies the tests; a syntax error or a non-boolean outcome counts as not satisfied.</summary>
    public bool Test(FeelValue value, FeelScope scope, EvaluationRun? run)
    {
        if (IsAny)
        {
            return true;
        }

        if (_tests is null)
        {
            run?.Error(DmnTexts.FeelUnaryTestsSyntaxError(CompiledExpression.Shorten(Text), _syntaxError?.Message ?? "", _syntaxError?.MessageGerman ?? ""), ElementId, Location);
            return false;
        }

        var result = _tests.Evaluate(value, scope, run?.FeelOptions ?? FeelEvaluationOptions.Default);
        if (run is not null)
        {
            run.AddDiagnostics(result, ElementId, Location);
        }

        return result.Value is FeelBoolean { Value: true };
    }
}
