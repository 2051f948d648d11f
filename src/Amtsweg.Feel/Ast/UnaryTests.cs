namespace Amtsweg.Feel;

/// <summary>A unary test (DMN 1.5): answers true, false or null for an input value.</summary>
internal abstract class UnaryTest
{
    public abstract FeelValue Test(EvaluationContext ctx, Env env, FeelValue input);

    /// <summary>The disjunction of several tests: true if one is true, false if all are false, otherwise null.</summary>
    public static FeelValue Any(EvaluationContext ctx, Env env, IReadOnlyList<UnaryTest> tests, FeelValue input)
    {
        var sawNull = false;
        foreach (var test in tests)
        {
            switch (test.Test(ctx, env, input))
            {
                case FeelBoolean { Value: true }:
                    return FeelValue.True;
                case FeelBoolean:
                    break;
                default:
                    sawNull = true;
                    break;
            }
        }

        return sawNull ? FeelValue.Null : FeelValue.False;
    }
}

/// <summary><c>-</c>: matches everything.</summary>
internal sealed class AnyTest : UnaryTest
{
    public override FeelValue Test(EvaluationContext ctx, Env env, FeelValue input) => FeelValue.True;
}

/// <summary><c>&lt; e</c>, <c>&lt;= e</c>, <c>&gt; e</c>, <c>&gt;= e</c>, <c>= e</c>, <c>!= e</c>.</summary>
internal sealed class ComparisonTest(BinaryOperator op, Node operand) : UnaryTest
{
    public override FeelValue Test(EvaluationContext ctx, Env env, FeelValue input)
    {
        var value = operand.Eval(ctx, env.With("?", input));
        return BinaryNode.Apply(ctx, op, input, value);
    }
}

/// <summary>An expression used as a test: a range, a list, a value to compare, or a boolean built with <c>?</c>.</summary>
internal sealed class ExpressionTest(Node expression, bool usesInput) : UnaryTest
{
    public override FeelValue Test(EvaluationContext ctx, Env env, FeelValue input)
    {
        var value = expression.Eval(ctx, env.With("?", input));
        return Matches(value, input, usesInput);
    }

    public static FeelValue Matches(FeelValue value, FeelValue input, bool usesInput)
    {
        if (usesInput && value is FeelBoolean)
        {
            return value;
        }

        switch (value)
        {
            case FeelRange range:
                return RangeOps.Contains(range, input) is { } inRange ? FeelBoolean.Of(inRange) : FeelValue.Null;
            case FeelList list when input is not FeelList || Operators.ValueEquals(list, input) != true:
                foreach (var item in list.Items)
                {
                    var m = item is FeelRange r ? RangeOps.Contains(r, input) : Operators.ValueEquals(item, input);
                    if (m == true)
                    {
                        return FeelValue.True;
                    }
                }

                return FeelValue.False;
            case FeelBoolean b when input is not FeelBoolean:
                return b;
            default:
                return Operators.ValueEquals(value, input) is { } eq ? FeelBoolean.Of(eq) : FeelValue.Null;
        }
    }
}

/// <summary><c>not(tests)</c>.</summary>
internal sealed class NotTest(IReadOnlyList<UnaryTest> tests) : UnaryTest
{
    public override FeelValue Test(EvaluationContext ctx, Env env, FeelValue input) =>
        Any(ctx, env, tests, input) is FeelBoolean b ? FeelBoolean.Of(!b.Value) : FeelValue.Null;
}

/// <summary>A comma-separated list of tests (true if one matches).</summary>
internal sealed class DisjunctionTest(IReadOnlyList<UnaryTest> tests) : UnaryTest
{
    public override FeelValue Test(EvaluationContext ctx, Env env, FeelValue input) => Any(ctx, env, tests, input);
}

internal static class RangeOps
{
    public static bool IsPoint(FeelValue v) => v.Kind is FeelValueKind.Number or FeelValueKind.String or FeelValueKind.Date
        or FeelValueKind.Time or FeelValueKind.DateTime or FeelValueKind.DaysTimeDuration or FeelValueKind.YearsMonthsDuration;

    /// <summary>True if the point lies in the range, null if it cannot be compared with the endpoints.</summary>
    public static bool? Contains(FeelRange range, FeelValue point)
    {
        if (point.IsNull || range.Start is FeelNull || range.End is FeelNull)
        {
            return null;
        }

        if (range.UnaryOperator is not null)
        {
            return Operators.ValueEquals(range.Start!, point) is { } eq ? eq == (range.UnaryOperator == "=") : null;
        }

        if (range.Start is not null)
        {
            var c = Operators.Compare(range.Start, point);
            if (c is null)
            {
                return null;
            }

            if (c > 0 || (c == 0 && !range.StartIncluded))
            {
                return false;
            }
        }

        if (range.End is not null)
        {
            var c = Operators.Compare(point, range.End);
            if (c is null)
            {
                return null;
            }

            if (c > 0 || (c == 0 && !range.EndIncluded))
            {
                return false;
            }
        }

        return true;
    }
}
