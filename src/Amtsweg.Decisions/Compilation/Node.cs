using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Compilation;

/// <summary>A compiled boxed expression. Immutable and shared by all evaluations of the model.</summary>
internal abstract class Node(string? id, SourceLocation location)
{
    public string? Id { get; } = id;

    public SourceLocation Location { get; } = location;

    public abstract FeelValue Evaluate(FeelScope scope, EvaluationRun run);
}

/// <summary>A fixed value (a missing expression gives null), with an optional error to report when evaluated.</summary>
internal sealed class ConstantNode(FeelValue value, string? id, SourceLocation location, DmnText? error = null) : Node(id, location)
{
    public override FeelValue Evaluate(FeelScope scope, EvaluationRun run)
    {
        if (error is not null)
        {
            run.Error(error, Id, Location);
        }

        return value;
    }
}

/// <summary>A literal FEEL expression.</summary>
internal sealed class LiteralNode(CompiledExpression expression, string? id, SourceLocation location) : Node(id, location)
{
    public CompiledExpression Expression { get; } = expression;

    public override FeelValue Evaluate(FeelScope scope, EvaluationRun run) => Expression.Evaluate(scope, run);
}

/// <summary>An expression with a declared type: its value is checked (and coerced) like a variable's.</summary>
internal sealed class TypedNode(Node inner, FeelType type, string? id, SourceLocation location) : Node(id, location)
{
    public override FeelValue Evaluate(FeelScope scope, EvaluationRun run) =>
        TypeCheck.Conform(inner.Evaluate(scope, run), type, DmnSubject.Expression(), run, Id, Location);
}

/// <summary>Type checks at the boundaries of decisions, inputs, parameters and context entries.</summary>
internal static class TypeCheck
{
    /// <summary>
    /// Returns the value if it conforms to the type (after the implicit singleton-list conversions), otherwise null
    /// with a warning, as DMN 1.5 (10.3.2.9.4) and the TCK expect.
    /// </summary>
    public static FeelValue Conform(FeelValue value, FeelType? type, DmnSubject what, EvaluationRun run, string? elementId, SourceLocation location)
    {
        if (type is null || value.IsNull || type.IsInstance(value))
        {
            return value;
        }

        if (Coercion.Coerce(value, type) is { } coerced)
        {
            return coerced;
        }

        run.Warn(DmnTexts.TypeMismatch(what, Shorten(value), type.Name), elementId, location);
        return FeelValue.Null;
    }

    private static string Shorten(FeelValue value)
    {
        var text = value.ToString();
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
