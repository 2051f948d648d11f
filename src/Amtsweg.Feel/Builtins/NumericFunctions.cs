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
            _ => NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a number or a duration.", "erwartet eine Zahl oder eine Dauer.")),
        });

        r.Add("modulo", ["dividend", "divisor"], static (c, a) =>
        {
            if (a[0] is not FeelNumber dividend || a[1] is not FeelNumber divisor)
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects numbers.", "erwartet Zahlen."));
            }

            if (divisor.Sign == 0)
            {
                return c.Fail(new FeelMessage("feel.division-by-zero", "division by zero.", "Division durch null."));
            }

            var quotient = dividend.DivideBy(divisor)!.Floor();
            return dividend - (divisor * quotient);
        });

        r.Add("sqrt", ["number"], static (c, a) => a[0] is FeelNumber n
            ? (FeelValue?)n.Sqrt() ?? c.Fail(new FeelMessage("feel.function-argument", "negative number.", "negative Zahl."))
            : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a number.", "erwartet eine Zahl.")));

        r.Add("log", ["number"], static (c, a) => a[0] is FeelNumber n
            ? n.Sign > 0 ? (FeelValue?)FeelNumber.From(Math.Log(n.ToDouble())) ?? FeelValue.Null : c.Fail(new FeelMessage("feel.function-argument", "number must be positive.", "die Zahl muss positiv sein."))
            : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a number.", "erwartet eine Zahl.")));

        r.Add("exp", ["number"], static (c, a) => a[0] is FeelNumber n
            ? (FeelValue?)FeelNumber.From(Math.Exp(n.ToDouble())) ?? c.Fail(new FeelMessage("feel.function-argument", "result is out of range.", "das Ergebnis liegt außerhalb des gültigen Bereichs."))
            : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a number.", "erwartet eine Zahl.")));

        r.Add("odd", ["number"], static (c, a) => a[0] is FeelNumber n
            ? n.IsInteger ? Bool(!n.ToBigInteger().IsEven) : FeelValue.False
            : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a number.", "erwartet eine Zahl.")));

        r.Add("even", ["number"], static (c, a) => a[0] is FeelNumber n
            ? n.IsInteger ? Bool(n.ToBigInteger().IsEven) : FeelValue.False
            : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a number.", "erwartet eine Zahl.")));
    }

    private static FeelValue Rounded(FeelCallContext c, IReadOnlyList<FeelValue> a, FeelRounding mode)
    {
        if (a[0] is not FeelNumber n)
        {
            return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a number.", "erwartet eine Zahl."));
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
                return c.Fail(new FeelMessage("feel.function-argument", "scale must be an integer between -6111 and 6176.", "die Stellenzahl muss eine ganze Zahl zwischen -6111 und 6176 sein."));
            }
        }

        return n.Round(scale, mode);
    }
}
