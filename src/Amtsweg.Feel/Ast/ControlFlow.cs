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
    /// <remarks>Ranges are enumerated lazily, so a huge range costs only the steps actually taken.</remarks>
    public static IEnumerable<FeelValue>? Values(EvaluationContext ctx, Env env, Iteration iteration)
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

    private static IEnumerable<FeelValue>? Sequence(EvaluationContext ctx, FeelValue start, FeelValue end, bool startIncluded, bool endIncluded)
    {
        if (start is FeelNumber a && end is FeelNumber b && a.TryToInt64(out var from) && b.TryToInt64(out var to))
        {
            return Count(from, to, startIncluded, endIncluded).Select(static n => (FeelValue)FeelNumber.From(n));
        }

        if (start is FeelDate d1 && end is FeelDate d2)
        {
            return Count(d1.EpochDay, d2.EpochDay, startIncluded, endIncluded).Select(static day => (FeelValue)FeelDate.FromEpochDay(day)!);
        }

        ctx.Warn(new FeelMessage("feel.cannot-iterate", $"Cannot iterate from {Operators.Describe(start)} to {Operators.Describe(end)}.", $"Von {Operators.DescribeGerman(start)} bis {Operators.DescribeGerman(end)} lässt sich nicht zählen."));
        return null;
    }

    /// <summary>Counts from one bound to the other, upwards or downwards, leaving out excluded bounds.</summary>
    private static IEnumerable<long> Count(long from, long to, bool fromIncluded, bool toIncluded)
    {
        var step = from <= to ? 1 : -1;
        for (var n = from; ; n += step)
        {
            if ((n != from || fromIncluded) && (n != to || toIncluded))
            {
                yield return n;
            }

            if (n == to)
            {
                yield break;
            }
        }
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
            // 'partial' is the list of results so far (DMN 1.5).
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

        // 'some' stops at the first true, 'every' at the first false; otherwise any non-boolean makes the result null.
        var target = !every;
        var allBoolean = true;
        var outcome = Loop(ctx, env, 0, target, ref allBoolean);
        return outcome switch
        {
            null => FeelValue.Null,
            true => FeelBoolean.Of(target),
            false => allBoolean ? FeelBoolean.Of(!target) : FeelValue.Null,
        };
    }

    /// <summary>True if the target was found, false if not, null if a domain could not be iterated.</summary>
    private bool? Loop(EvaluationContext ctx, Env env, int level, bool target, ref bool allBoolean)
    {
        if (level == iterations.Count)
        {
            var value = condition.Eval(ctx, env);
            if (value is FeelBoolean b)
            {
                return b.Value == target;
            }

            allBoolean = false;
            return false;
        }

        var values = Iterations.Values(ctx, env, iterations[level]);
        if (values is null)
        {
            return null;
        }

        foreach (var value in values)
        {
            ctx.Step();
            var found = Loop(ctx, env.With(iterations[level].Name, value), level + 1, target, ref allBoolean);
            if (found != false)
            {
                return found;
            }
        }

        return false;
    }
}
