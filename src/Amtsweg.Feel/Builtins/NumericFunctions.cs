namespace Amtsweg.Feel;

internal static partial class Builtins
{
    private const int MinScale = -6111;
    private const int MaxScale = 6176;

    private static void RegisterNumeric(Registration r)
    {
        r.Add("decimal", ["n", "scale"], static (c, a) => Rounded(c, a, FeelRounding.HalfEven, true));
        r.Add("floor", ["n", "scale?"], static (c, a) => Rounded(c, a, FeelRounding.Floor, false));
        r.Add("ceiling", ["n", "scale?"], static (c, a) => Rounded(c, a, FeelRounding.Ceiling, false));
        r.Add("round up", ["n", "scale?"], static (c, a) => Rounded(c, a, FeelRounding.Up, false));
        r.Add("round down", ["n", "scale?"], static (c, a) => Rounded(c, a, FeelRounding.Down, false));
        r.Add("round half up", ["n", "scale?"], static (c, a) => Rounded(c, a, FeelRounding.HalfUp, false));
        r.Add("round half down", ["n", "scale?"], static (c, a) => Rounded(c, a, FeelRounding.HalfDown, false));

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

    private static FeelValue Rounded(FeelCallContext c, IReadOnlyList<FeelValue> a, FeelRounding mode, bool scaleRequired)
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
                if (scaleRequired)
                {
                    return FeelValue.Null;
                }
            }
            else if (s is not FeelNumber sn || !sn.TryToInt32(out scale) || scale < MinScale || scale > MaxScale)
            {
                return c.Fail("scale must be an integer between -6111 and 6176.");
            }
        }

        return n.Round(scale, mode);
    }
}
