namespace Amtsweg.Feel;

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

internal sealed class BinaryNode(BinaryOperator op, Node left, Node right) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        var a = left.Eval(ctx, env);
        var b = right.Eval(ctx, env);
        return Apply(ctx, op, a, b);
    }

    public static FeelValue Apply(EvaluationContext ctx, BinaryOperator op, FeelValue a, FeelValue b)
    {
        switch (op)
        {
            case BinaryOperator.Add:
                return Operators.Add(ctx, a, b);
            case BinaryOperator.Subtract:
                return Operators.Subtract(ctx, a, b);
            case BinaryOperator.Multiply:
                return Operators.Multiply(ctx, a, b);
            case BinaryOperator.Divide:
                return Operators.Divide(ctx, a, b);
            case BinaryOperator.Power:
                return Operators.Power(ctx, a, b);
            case BinaryOperator.Equal:
                return Bool(Operators.ValueEquals(a, b));
            case BinaryOperator.NotEqual:
                return Bool(!Operators.ValueEquals(a, b));
            case BinaryOperator.Less:
            case BinaryOperator.LessOrEqual:
            case BinaryOperator.Greater:
            case BinaryOperator.GreaterOrEqual:
                if (a.IsNull || b.IsNull)
                {
                    return FeelValue.Null;
                }

                var c = Operators.Compare(a, b);
                if (c is null)
                {
                    return ctx.Fail(new FeelMessage("feel.cannot-compare", $"Cannot compare {Operators.Describe(a)} with {Operators.Describe(b)}.", $"{Operators.DescribeGermanCapital(a)} lässt sich nicht mit {Operators.DescribeGerman(b)} vergleichen."));
                }

                return FeelBoolean.Of(op switch
                {
                    BinaryOperator.Less => c < 0,
                    BinaryOperator.LessOrEqual => c <= 0,
                    BinaryOperator.Greater => c > 0,
                    _ => c >= 0,
                });
            default:
                throw new InvalidOperationException("Unknown operator " + op);
        }
    }

    private static FeelValue Bool(bool? value) => value is { } b ? FeelBoolean.Of(b) : FeelValue.Null;
}

internal sealed class NegateNode(Node operand) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        return Operators.Negate(ctx, operand.Eval(ctx, env));
    }
}

/// <summary>Three-valued <c>and</c> / <c>or</c>; non-booleans count as null.</summary>
internal sealed class LogicNode(bool isAnd, Node left, Node right) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        var a = left.Eval(ctx, env) as FeelBoolean;
        var dominant = !isAnd;
        if (a is not null && a.Value == dominant)
        {
            return FeelBoolean.Of(dominant);
        }

        var b = right.Eval(ctx, env) as FeelBoolean;
        if (b is not null && b.Value == dominant)
        {
            return FeelBoolean.Of(dominant);
        }

        return a is not null && b is not null ? FeelBoolean.Of(!dominant) : FeelValue.Null;
    }
}

internal sealed class BetweenNode(Node value, Node low, Node high) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        var v = value.Eval(ctx, env);
        var l = low.Eval(ctx, env);
        var h = high.Eval(ctx, env);
        if (v.IsNull || l.IsNull || h.IsNull)
        {
            return FeelValue.Null;
        }

        var c1 = Operators.Compare(l, v);
        var c2 = Operators.Compare(v, h);
        if (c1 is null || c2 is null)
        {
            return ctx.Fail(new FeelMessage("feel.cannot-compare-between", $"Cannot compare {Operators.Describe(v)} with the bounds of 'between'.", $"{Operators.DescribeGermanCapital(v)} lässt sich nicht mit den Grenzen von 'between' vergleichen."));
        }

        return FeelBoolean.Of(c1 <= 0 && c2 <= 0);
    }
}

internal sealed class InNode(Node value, UnaryTest test) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        return test.Test(ctx, env, value.Eval(ctx, env));
    }
}

internal sealed class InstanceOfNode(Node value, FeelType type) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        return FeelBoolean.Of(type.IsInstance(value.Eval(ctx, env)));
    }
}
