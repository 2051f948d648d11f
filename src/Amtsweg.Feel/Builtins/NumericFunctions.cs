namespace Amtsweg.Feel;

internal static partial class Builtins
{
    private const int MinScale = -6111;
    private const int MaxScale = 6176;

    private static void RegisterNumeric(Registration r)
    {
        r.Add("decimal", ["n", "scale"], static (c, a) => Rounded(c, a, FeelRounding.HalfEven));
        r.Add("floor", ["n", "scale?"], static (c, a) => Rounded(c, a, FeelRounding.Floor));
        r.Add("ceiling", ["n", "scale?"], static (c, a) => Rounded(c, a, FeelRounding.Ceiling));
        r.Add("round up", ["n", "scale?"], static (c, a) => Rounded(c, a, FeelRounding.Up));
        r.Add("round down", ["n", "scale?"], static (c, a) => Rounded(c, a, FeelRounding.Down));
        r.Add("round half up", ["n", "scale?"], static (c, a) => Rounded(c, a, FeelRounding.HalfUp));
        r.Add("round half down", ["n", "scale?"], static (c, a) => Rounded(c, a, FeelRounding.HalfDown));

        r.Add("abs", ["n"], static (c, a) => a[0] switch
        {
            FeelNumber n => n.Abs(),
            FeelDaysTimeDuration d => new FeelDaysTimeDuration(System.Numerics.BigInteger.Abs(d.Nanoseconds)),
            FeelYearsMonthsDuration d => new FeelYearsMonthsDuration(Math.Abs(d.TotalMonths)),
            _ => NullOrFail(c, a, "expects a number or a duration."),
        });

        r.Add("modulo", ["dividend", "divisor"], static (c, a) =>
        {
            if (a[0] is not FeelNumber dividend || a[1] is not FeelNumber divisor)
            {
                return NullOrFail(c, a, "expects numbers.");
            }

            if (divisor.Sign == 0)
            {
                return c.Fail("division by zero.");
            }

            var quotient = dividend.DivideBy(divisor)!.Floor();
            return dividend - (divisor * quotient);
        });

        r.Add("sqrt", ["number"], static (c, a) => a[0] is FeelNumber n
            ? (FeelValue?)n.Sqrt() ?? c.Fail("negative number.")
            : NullOrFail(c, a, "expects a number."));

        r.Add("log", ["number"], static (c, a) => a[0] is FeelNumber n
            ? n.Sign > 0 ? (FeelValue?)FeelNumber.From(Math.Log(n.ToDouble())) ?? FeelValue.Null : c.Fail("number must be positive.")
            : NullOrFail(c, a, "expects a number."));

        r.Add("exp", ["number"], static (c, a) => a[0] is FeelNumber n
            ? (FeelValue?)FeelNumber.From(Math.Exp(n.ToDouble())) ?? c.Fail("result is out of range.")
            : NullOrFail(c, a, "expects a number."));

        r.Add("odd", ["number"], static (c, a) => a[0] is FeelNumber n
            ? n.IsInteger ? Bool(!n.ToBigInteger().IsEven) : FeelValue.False
            : NullOrFail(c, a, "expects a number."));

        r.Add("even", ["number"], static (c, a) => a[0] is FeelNumber n
            ? n.IsInteger ? Bool(n.ToBigInteger().IsEven) : FeelValue.False
            : NullOrFail(c, a, "expects a number."));
    }

    private static FeelValue Rounded(FeelCallContext c, IReadOnlyList<FeelValue> a, FeelRounding mode)
    {
        if (a[0] is not FeelNumber n)
        {
            return NullOrFail(c, a, "expects a number.");
        }

        var scale = 0;
        if (Arg(a, 1) is { } s)
        {
            if (s.IsNull)
            {
                return FeelValue.Null;
            }

            // A fractional scale is truncated (TCK 1100: decimal(1/3, 2.5) = 0.33).
            if (s is not FeelNumber sn || !sn.Round(0, FeelRounding.Down).TryToInt32(out scale) || scale < MinScale || scale > MaxScale)
            {
                return c.Fail("scale must be an integer between -6111 and 6176.");
            }
        }

        return n.Round(scale, mode);
    }
}
