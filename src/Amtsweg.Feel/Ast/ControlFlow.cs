namespace Amtsweg.Feel;

internal sealed class IfNode(Node condition, Node then, Node otherwise) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        return condition.Eval(ctx, env) is FeelBoolean { Value: true } ? then.Eval(ctx, env) : otherwise.Eval(ctx, env);
    }
}

/// <summary>One iteration context of <c>for</c>, <c>some</c> or <c>every</c>: <c>name in domain</c> or <c>name in a..b</c>.</summary>
internal sealed record Iteration(string Name, Node Domain, Node? RangeEnd);

internal static class Iterations
{
    /// <summary>The values an iteration context runs over; null (with a warning) if the domain cannot be iterated.</summary>
    public static IReadOnlyList<FeelValue>? Values(EvaluationContext ctx, Env env, Iteration iteration)
    {
        var domain = iteration.Domain.Eval(ctx, env);
        if (iteration.RangeEnd is not null)
        {
            var end = iteration.RangeEnd.Eval(ctx, env);
            return Sequence(ctx, domain, end, true, true);
        }

        return domain switch
        {
            FeelList list => list.Items,
            FeelRange { Start: { IsNull: false } s, End: { IsNull: false } e } r => Sequence(ctx, s, e, r.StartIncluded, r.EndIncluded),
            FeelNull => null,
            _ => [domain],
        };
    }

    private static List<FeelValue>? Sequence(EvaluationContext ctx, FeelValue start, FeelValue end, bool startIncluded, bool endIncluded)
    {
        var result = new List<FeelValue>();
        if (start is FeelNumber a && end is FeelNumber b && a.IsInteger && b.IsInteger)
        {
            var step = a <= b ? FeelNumber.One : FeelNumber.One.Negate();
            for (var n = a; step.Sign > 0 ? n <= b : n >= b; n += step)
            {
                ctx.Step();
                if ((n.Equals(a) && !startIncluded) || (n.Equals(b) && !endIncluded))
                {
                    continue;
                }

                result.Add(n);
            }

            return result;
        }

        if (start is FeelDate d1 && end is FeelDate d2)
        {
            var step = d1.EpochDay <= d2.EpochDay ? 1 : -1;
            for (var day = d1.EpochDay; step > 0 ? day <= d2.EpochDay : day >= d2.EpochDay; day += step)
            {
                ctx.Step();
                if ((day == d1.EpochDay && !startIncluded) || (day == d2.EpochDay && !endIncluded))
                {
                    continue;
                }

                result.Add(FeelDate.FromEpochDay(day)!);
            }

            return result;
        }

        ctx.Warn($"Cannot iterate from {Operators.Describe(start)} to {Operators.Describe(end)}.");
        return null;
    }
}

internal sealed class ForNode(IReadOnlyList<Iteration> iterations, Node body, bool usesPartial) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        var results = new List<FeelValue>();
        return Loop(ctx, env, 0, results) ? FeelList.Wrap([.. results]) : FeelValue.Null;
    }

    private bool Loop(EvaluationContext ctx, Env env, int level, List<FeelValue> results)
    {
        if (level == iterations.Count)
        {
            // 'partial' is the list of results so far (DMN 1.5, 10.3.2.14).
            // Copying the results for 'partial' costs O(n) per iteration, so it is only done when the body uses it.
            results.Add(body.Eval(ctx, usesPartial ? env.With("partial", FeelList.Wrap([.. results])) : env));
            return true;
        }

        var values = Iterations.Values(ctx, env, iterations[level]);
        if (values is null)
        {
            return false;
        }

        foreach (var value in values)
        {
            ctx.Step();
            if (!Loop(ctx, env.With(iterations[level].Name, value), level + 1, results))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class QuantifiedNode(bool every, IReadOnlyList<Iteration> iterations, Node condition) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        var outcomes = new List<FeelValue>();
        if (!Loop(ctx, env, 0, outcomes))
        {
            return FeelValue.Null;
        }

        var target = !every;
        if (outcomes.Any(o => o is FeelBoolean b && b.Value == target))
        {
            return FeelBoolean.Of(target);
        }

        return outcomes.All(static o => o is FeelBoolean) ? FeelBoolean.Of(!target) : FeelValue.Null;
    }

    private bool Loop(EvaluationContext ctx, Env env, int level, List<FeelValue> outcomes)
    {
        if (level == iterations.Count)
        {
            outcomes.Add(condition.Eval(ctx, env));
            return true;
        }

        var values = Iterations.Values(ctx, env, iterations[level]);
        if (values is null)
        {
            return false;
        }

        foreach (var value in values)
        {
            ctx.Step();
            if (!Loop(ctx, env.With(iterations[level].Name, value), level + 1, outcomes))
            {
                return false;
            }
        }

        return true;
    }
}
