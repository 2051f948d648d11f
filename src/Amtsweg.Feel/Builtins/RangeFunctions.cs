namespace Amtsweg.Feel;

internal static partial class Builtins
{
    private static void RegisterRanges(Registration r)
    {
        AddRangeFunction(r, "before", static (c, x, y) => Before(c, x, y));
        AddRangeFunction(r, "after", static (c, x, y) => Before(c, y, x));
        AddRangeFunction(r, "meets", static (c, x, y) => Meets(c, x, y));
        AddRangeFunction(r, "met by", static (c, x, y) => Meets(c, y, x));
        AddRangeFunction(r, "overlaps", static (c, x, y) => Overlaps(c, x, y));
        AddRangeFunction(r, "overlaps before", static (c, x, y) => OverlapsBefore(c, x, y));
        AddRangeFunction(r, "overlaps after", static (c, x, y) => OverlapsBefore(c, y, x));
        AddRangeFunction(r, "finishes", static (c, x, y) => Finishes(c, x, y));
        AddRangeFunction(r, "finished by", static (c, x, y) => Finishes(c, y, x));
        AddRangeFunction(r, "includes", static (c, x, y) => Includes(c, x, y));
        AddRangeFunction(r, "during", static (c, x, y) => Includes(c, y, x));
        AddRangeFunction(r, "starts", static (c, x, y) => Starts(c, x, y));
        AddRangeFunction(r, "started by", static (c, x, y) => Starts(c, y, x));
        AddRangeFunction(r, "coincides", static (c, x, y) => Coincides(c, x, y));

        r.Add("range", ["from"], static (c, a) =>
        {
            if (a[0] is not FeelString s)
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a string.", "erwartet einen Text."));
            }

            return ParseRange(s.Value) ?? c.Fail(new FeelMessage("feel.not-a-range", $"'{s.Value}' is not a range.", $"'{s.Value}' ist kein Bereich."));
        });
    }

    /// <summary>Registers the four signatures (point/point, point/range, range/point, range/range) by their parameter names.</summary>
    private static void AddRangeFunction(Registration r, string name, Func<FeelCallContext, FeelValue, FeelValue, bool?> relation)
    {
        FeelValue Body(FeelCallContext c, IReadOnlyList<FeelValue> a)
        {
            if (a[0].IsNull || a[1].IsNull)
            {
                return FeelValue.Null;
            }

            if (!(a[0] is FeelRange || RangeOps.IsPoint(a[0])) || !(a[1] is FeelRange || RangeOps.IsPoint(a[1])))
            {
                return c.Fail(new FeelMessage("feel.function-argument", "expects points or ranges.", "erwartet Werte oder Bereiche."));
            }

            return relation(c, a[0], a[1]) is { } result ? Bool(result) : c.Fail(new FeelMessage("feel.function-argument", "the arguments cannot be compared.", "die Argumente lassen sich nicht vergleichen."));
        }

        r.Add(name, ["point1", "point2"], Body);
        r.Add(name, ["point", "range"], Body);
        r.Add(name, ["range", "point"], Body);
        r.Add(name, ["range1", "range2"], Body);
    }

    /// <summary>
    /// The <c>range</c> function accepts only interval syntax with literal endpoints (numbers, strings, <c>@</c> literals,
    /// or <c>date/time/date and time/duration</c> of a string literal), of one kind, ascending (TCK 1156).
    /// </summary>
    private static FeelRange? ParseRange(string text)
    {
        Node node;
        try
        {
            node = new Parser(text.Trim(), FeelParseOptions.Default).ParseExpressionToEnd();
        }
        catch (FeelSyntaxException)
        {
            return null;
        }

        if (node is not RangeNode { Operator: null } literal || !IsLiteralEndpoint(literal.Start) || !IsLiteralEndpoint(literal.End))
        {
            return null;
        }

        var context = new EvaluationContext(FeelEvaluationOptions.Default);
        var result = context.Run(() => node.Eval(context, Env.Root(null)));
        if (result.Value is not FeelRange range || result.Diagnostics.Count > 0)
        {
            return null;
        }

        if (range.Start is FeelNull && range.End is FeelNull)
        {
            return null;
        }

        if (range.Start is { IsNull: false } s && range.End is { IsNull: false } e && (s.Kind != e.Kind || Operators.Compare(s, e) > 0))
        {
            return null;
        }

        return range;
    }

    private static bool IsLiteralEndpoint(Node? node) => node switch
    {
        null or LiteralNode => true,
        InvocationNode { Callee: NameNode { Name: "date" or "time" or "date and time" or "duration" }, HasNamedArguments: false, Positional: [LiteralNode { Value: FeelString }] } => true,
        _ => false,
    };

    /// <summary>An endpoint with infinity for an unbounded side.</summary>
    private readonly record struct Bound(FeelValue Value, int Infinity, bool Included);

    private static Bound Lo(FeelValue v) => v is FeelRange r
        ? new Bound(r.Start ?? FeelValue.Null, r.Start is null ? -1 : 0, r.StartIncluded)
        : new Bound(v, 0, true);

    private static Bound Hi(FeelValue v) => v is FeelRange r
        ? new Bound(r.End ?? FeelValue.Null, r.End is null ? 1 : 0, r.EndIncluded)
        : new Bound(v, 0, true);

    private static int? Cmp(Bound a, Bound b)
    {
        if (a.Infinity != 0 || b.Infinity != 0)
        {
            return a.Infinity.CompareTo(b.Infinity);
        }

        return Operators.Compare(a.Value, b.Value);
    }

    private static bool? Before(FeelCallContext c, FeelValue x, FeelValue y)
    {
        var end = Hi(x);
        var start = Lo(y);
        if (Cmp(end, start) is not { } cmp)
        {
            return null;
        }

        return cmp < 0 || (cmp == 0 && (!end.Included || !start.Included));
    }

    private static bool? Meets(FeelCallContext c, FeelValue x, FeelValue y)
    {
        if (x is not FeelRange || y is not FeelRange)
        {
            return null;
        }

        var end = Hi(x);
        var start = Lo(y);
        return Cmp(end, start) is { } cmp ? cmp == 0 && end.Included && start.Included && end.Infinity == 0 : null;
    }

    private static bool? Overlaps(FeelCallContext c, FeelValue x, FeelValue y)
    {
        if (x is not FeelRange || y is not FeelRange)
        {
            return null;
        }

        var (s1, e1, s2, e2) = (Lo(x), Hi(x), Lo(y), Hi(y));
        if (Cmp(e1, s2) is not { } a || Cmp(s1, e2) is not { } b)
        {
            return null;
        }

        return (a > 0 || (a == 0 && e1.Included && s2.Included)) && (b < 0 || (b == 0 && s1.Included && e2.Included));
    }

    private static bool? OverlapsBefore(FeelCallContext c, FeelValue x, FeelValue y)
    {
        if (x is not FeelRange || y is not FeelRange)
        {
            return null;
        }

        var (s1, e1, s2, e2) = (Lo(x), Hi(x), Lo(y), Hi(y));
        if (Cmp(s1, s2) is not { } a || Cmp(e1, s2) is not { } b || Cmp(e1, e2) is not { } d)
        {
            return null;
        }

        return (a < 0 || (a == 0 && s1.Included && !s2.Included)) &&
               (b > 0 || (b == 0 && e1.Included && s2.Included)) &&
               (d < 0 || (d == 0 && (!e1.Included || e2.Included)));
    }

    private static bool? Finishes(FeelCallContext c, FeelValue x, FeelValue y)
    {
        if (y is not FeelRange)
        {
            return null;
        }

        var e2 = Hi(y);
        if (x is not FeelRange)
        {
            return Cmp(Hi(x), e2) is { } p ? p == 0 && e2.Included : null;
        }

        var (s1, e1, s2) = (Lo(x), Hi(x), Lo(y));
        if (Cmp(e1, e2) is not { } a || Cmp(s1, s2) is not { } b)
        {
            return null;
        }

        return e1.Included == e2.Included && a == 0 && (b > 0 || (b == 0 && (!s1.Included || s2.Included)));
    }

    private static bool? Includes(FeelCallContext c, FeelValue x, FeelValue y)
    {
        if (x is not FeelRange range)
        {
            return null;
        }

        if (y is not FeelRange)
        {
            return RangeOps.Contains(range, y);
        }

        var (s1, e1, s2, e2) = (Lo(x), Hi(x), Lo(y), Hi(y));
        if (Cmp(s1, s2) is not { } a || Cmp(e1, e2) is not { } b)
        {
            return null;
        }

        return (a < 0 || (a == 0 && (s1.Included || !s2.Included))) && (b > 0 || (b == 0 && (e1.Included || !e2.Included)));
    }

    private static bool? Starts(FeelCallContext c, FeelValue x, FeelValue y)
    {
        if (y is not FeelRange)
        {
            return null;
        }

        var s2 = Lo(y);
        if (x is not FeelRange)
        {
            return Cmp(Lo(x), s2) is { } p ? p == 0 && s2.Included : null;
        }

        var (s1, e1, e2) = (Lo(x), Hi(x), Hi(y));
        if (Cmp(s1, s2) is not { } a || Cmp(e1, e2) is not { } b)
        {
            return null;
        }

        return a == 0 && s1.Included == s2.Included && (b < 0 || (b == 0 && (!e1.Included || e2.Included)));
    }

    private static bool? Coincides(FeelCallContext c, FeelValue x, FeelValue y)
    {
        if (x is FeelRange != y is FeelRange)
        {
            return null;
        }

        var (s1, e1, s2, e2) = (Lo(x), Hi(x), Lo(y), Hi(y));
        if (Cmp(s1, s2) is not { } a || Cmp(e1, e2) is not { } b)
        {
            return null;
        }

        return a == 0 && b == 0 && s1.Included == s2.Included && e1.Included == e2.Included;
    }
}
