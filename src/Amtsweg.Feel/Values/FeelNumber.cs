using System.Globalization;
using System.Numerics;
using System.Text;

namespace Amtsweg.Feel;

/// <summary>How a number is rounded to a given scale.</summary>
public enum FeelRounding
{
    /// <summary>Round to the nearest neighbour; ties go to the even neighbour (banker's rounding).</summary>
    HalfEven,

    /// <summary>Round to the nearest neighbour; ties go away from zero.</summary>
    HalfUp,

    /// <summary>Round to the nearest neighbour; ties go towards zero.</summary>
    HalfDown,

    /// <summary>Round away from zero.</summary>
    Up,

    /// <summary>Round towards zero (truncate).</summary>
    Down,

    /// <summary>Round towards negative infinity.</summary>
    Floor,

    /// <summary>Round towards positive infinity.</summary>
    Ceiling,
}

/// <summary>
/// A FEEL number: an exact decimal with at most 34 significant digits, rounded half-even like IEEE 754 decimal128
/// (DMN 1.5). Stored as an arbitrary-size integer <see cref="Unscaled"/> and a <see cref="Scale"/>
/// (value = unscaled × 10^-scale), normalised so that equal numbers have equal representations. See ADR 0005.
/// </summary>
public sealed class FeelNumber : FeelValue, IComparable<FeelNumber>, IEquatable<FeelNumber>
{
    /// <summary>The number of significant digits kept after every operation.</summary>
    public const int Precision = 34;

    private const int MaxMagnitude = 6145;
    private const int MinMagnitude = -6176;

    private static readonly BigInteger[] PowersOfTen = BuildPowers(160);

    /// <summary>The number 0.</summary>
    public static readonly FeelNumber Zero = new(BigInteger.Zero, 0);

    /// <summary>The number 1.</summary>
    public static readonly FeelNumber One = new(BigInteger.One, 0);

    private FeelNumber(BigInteger unscaled, int scale)
    {
        Unscaled = unscaled;
        Scale = scale;
    }

    /// <summary>The digits of the number without the decimal point (normalised: no trailing zeros).</summary>
    public BigInteger Unscaled { get; }

    /// <summary>The power of ten the unscaled value is divided by; negative for large round numbers.</summary>
    public int Scale { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Number;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => Unscaled.Sign;

    /// <summary>True if the number has no fractional part.</summary>
    public bool IsInteger => Scale <= 0;

    /// <summary>Creates a number from unscaled digits and a scale, rounding to 34 significant digits.</summary>
    /// <exception cref="OverflowException">The number is beyond the FEEL range (about 1E6145).</exception>
    public static FeelNumber Create(BigInteger unscaled, int scale) => Normalize(unscaled, scale);

    /// <summary>Creates a number from a 64-bit integer.</summary>
    public static FeelNumber From(long value) => Normalize(value, 0);

    /// <summary>Creates a number from a <see cref="decimal"/> (exact).</summary>
    public static FeelNumber From(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[3] < 0)
        {
            mantissa = -mantissa;
        }

        return Normalize(mantissa, scale);
    }

    /// <summary>Creates a number from a <see cref="double"/> using its shortest round-trip decimal form; null for NaN and infinities.</summary>
    public static FeelNumber? From(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return null;
        }

        return TryParse(value.ToString("R", CultureInfo.InvariantCulture), out var n) ? n : null;
    }

    /// <summary>Parses a number in FEEL literal syntax (<c>-12.5</c>, <c>.5</c>, <c>1.2e-3</c>), culture-invariant.</summary>
    public static bool TryParse(string text, out FeelNumber result)
    {
        result = Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var i = 0;
        var negative = false;
        if (text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            i++;
        }

        var digits = new StringBuilder();
        var fractionDigits = 0;
        var sawDigit = false;
        var sawPoint = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
                sawDigit = true;
                if (sawPoint)
                {
                    fractionDigits++;
                }
            }
            else if (c == '.' && !sawPoint)
            {
                sawPoint = true;
            }
            else
            {
                break;
            }
        }

        if (!sawDigit)
        {
            return false;
        }

        var exponent = 0;
        if (i < text.Length)
        {
            if (text[i] is not ('e' or 'E'))
            {
                return false;
            }

            i++;
            var expText = text[i..];
            if (expText.Length == 0 || expText.Length > 10 || !int.TryParse(expText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }
        }

        var unscaled = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        if (negative)
        {
            unscaled = -unscaled;
        }

        long scale = (long)fractionDigits - exponent;
        try
        {
            result = Normalize(unscaled, scale);
        }
        catch (OverflowException)
        {
            return false;
        }

        return true;
    }

    /// <summary>Parses a number or throws <see cref="FormatException"/>.</summary>
    public static FeelNumber Parse(string text) =>
        TryParse(text, out var n) ? n : throw new FormatException($"'{text}' is not a FEEL number.");

    /// <summary>Sum.</summary>
    public static FeelNumber operator +(FeelNumber a, FeelNumber b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Scale == b.Scale)
        {
            return Normalize(a.Unscaled + b.Unscaled, a.Scale);
        }

        // Aligning two numbers of very different magnitude would create huge integers; the smaller one
        // then cannot influence the 34 kept digits beyond a sticky digit, so it is clipped first.
        var (big, small) = a.Magnitude >= b.Magnitude ? (a, b) : (b, a);
        if (small.Sign != 0 && big.Sign != 0 && (long)big.Magnitude - small.Magnitude > Precision + 4)
        {
            var targetScale = big.Scale + (Precision + 4 - big.Digits);
            var sticky = new BigInteger(small.Sign);
            return Normalize((big.Unscaled * Pow10(targetScale + 1 - big.Scale)) + sticky, targetScale + 1);
        }

        var scale = Math.Max(a.Scale, b.Scale);
        return Normalize((a.Unscaled * Pow10(scale - a.Scale)) + (b.Unscaled * Pow10(scale - b.Scale)), scale);
    }

    /// <summary>Difference.</summary>
    public static FeelNumber operator -(FeelNumber a, FeelNumber b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return a + b.Negate();
    }

    /// <summary>Product.</summary>
    public static FeelNumber operator *(FeelNumber a, FeelNumber b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Normalize(a.Unscaled * b.Unscaled, (long)a.Scale + b.Scale);
    }

    /// <summary>Negation.</summary>
    public static FeelNumber operator -(FeelNumber a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Negate();
    }

    /// <summary>Compares by value.</summary>
    public static bool operator <(FeelNumber a, FeelNumber b) => Compare(a, b) < 0;

    /// <summary>Compares by value.</summary>
    public static bool operator >(FeelNumber a, FeelNumber b) => Compare(a, b) > 0;

    /// <summary>Compares by value.</summary>
    public static bool operator <=(FeelNumber a, FeelNumber b) => Compare(a, b) <= 0;

    /// <summary>Compares by value.</summary>
    public static bool operator >=(FeelNumber a, FeelNumber b) => Compare(a, b) >= 0;

    /// <summary>Implicit conversion from <see cref="int"/>.</summary>
    public static implicit operator FeelNumber(int value) => From(value);

    /// <summary>Implicit conversion from <see cref="decimal"/>.</summary>
    public static implicit operator FeelNumber(decimal value) => From(value);

    /// <summary>Compares two numbers by value.</summary>
    public static int Compare(FeelNumber a, FeelNumber b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Sign != b.Sign)
        {
            return a.Sign.CompareTo(b.Sign);
        }

        if (a.Sign == 0)
        {
            return 0;
        }

        if (a.Magnitude != b.Magnitude)
        {
            return a.Magnitude.CompareTo(b.Magnitude) * a.Sign;
        }

        var scale = Math.Max(a.Scale, b.Scale);
        return (a.Unscaled * Pow10(scale - a.Scale)).CompareTo(b.Unscaled * Pow10(scale - b.Scale));
    }

    /// <summary>Quotient rounded to 34 significant digits; null when dividing by zero.</summary>
    public FeelNumber? DivideBy(FeelNumber divisor)
    {
        ArgumentNullException.ThrowIfNull(divisor);
        if (divisor.Sign == 0)
        {
            return null;
        }

        if (Sign == 0)
        {
            return Zero;
        }

        // Shift the dividend so that the integer quotient has at least 36 digits, then add a sticky
        // digit for a non-zero remainder so that the final half-even rounding sees the true value.
        var shift = Math.Max(0, Precision + 2 + divisor.Digits - Digits);
        var dividend = Unscaled * Pow10(shift);
        var quotient = BigInteger.DivRem(dividend, divisor.Unscaled, out var remainder);
        var scale = (long)Scale - divisor.Scale + shift;
        if (!remainder.IsZero)
        {
            quotient = (quotient * 10) + (dividend.Sign * divisor.Unscaled.Sign);
            scale++;
        }

        return Normalize(quotient, scale);
    }

    /// <summary>The absolute value.</summary>
    public FeelNumber Abs() => Sign < 0 ? Negate() : this;

    /// <summary>The negated value.</summary>
    public FeelNumber Negate() => Sign == 0 ? this : new FeelNumber(-Unscaled, Scale);

    /// <summary>Rounds to <paramref name="scale"/> digits after the decimal point (negative: before it).</summary>
    public FeelNumber Round(int scale, FeelRounding mode)
    {
        if (Scale <= scale)
        {
            return this;
        }

        var drop = Scale - scale;
        if (drop > Digits + 1)
        {
            // Every digit is dropped; only the direction of rounding matters.
            var awayFromZero = mode switch
            {
                FeelRounding.Up => true,
                FeelRounding.Floor => Sign < 0,
                FeelRounding.Ceiling => Sign > 0,
                _ => false,
            };
            return awayFromZero ? Normalize(new BigInteger(Sign), scale) : Zero;
        }

        return Normalize(RoundDivide(Unscaled, Pow10(drop), mode), scale);
    }

    /// <summary>Largest integer not greater than this number.</summary>
    public FeelNumber Floor() => Round(0, FeelRounding.Floor);

    /// <summary>Smallest integer not less than this number.</summary>
    public FeelNumber Ceiling() => Round(0, FeelRounding.Ceiling);

    /// <summary>
    /// Power: exact (to 34 digits) for integer exponents, through <see cref="double"/> otherwise; null for 0 to a
    /// negative power or a non-finite result.
    /// </summary>
    /// <exception cref="OverflowException">The result is beyond the FEEL range.</exception>
    public FeelNumber? Pow(FeelNumber exponent)
    {
        ArgumentNullException.ThrowIfNull(exponent);
        if (!exponent.IsInteger || exponent.Abs() > From(999_999_999))
        {
            var d = Math.Pow(ToDouble(), exponent.ToDouble());
            return From(d);
        }

        var n = (long)exponent.ToBigInteger();
        var negative = n < 0;
        FeelNumber result;
        try
        {
            result = IntegerPower(this, Math.Abs(n));
        }
        catch (OverflowException) when (negative)
        {
            // |x|^n is beyond the range, so its reciprocal is below the smallest number.
            return Zero;
        }

        return negative ? One.DivideBy(result) : result;
    }

    /// <summary>Square root to 34 significant digits; null for negative numbers.</summary>
    public FeelNumber? Sqrt()
    {
        if (Sign < 0)
        {
            return null;
        }

        if (Sign == 0)
        {
            return Zero;
        }

        // Scale the integer so that its root has about 40 digits, with an even scale so the root's scale is whole.
        var shift = Math.Max(0, 80 - Digits);
        if ((Scale + shift) % 2 != 0)
        {
            shift++;
        }

        var n = Unscaled * Pow10(shift);
        var root = IntegerSqrt(n);
        var scale = (Scale + shift) / 2;
        if (root * root != n)
        {
            root = (root * 10) + 1;
            scale++;
        }

        return Normalize(root, scale);
    }

    /// <summary>The value truncated to an integer.</summary>
    public BigInteger ToBigInteger() => Scale <= 0 ? Unscaled * Pow10(-Scale) : BigInteger.Divide(Unscaled, Pow10(Scale));

    /// <summary>Tries to convert to an <see cref="int"/>; fails for fractions and out-of-range values.</summary>
    public bool TryToInt32(out int value)
    {
        value = 0;
        if (!IsInteger || Magnitude > 11)
        {
            return false;
        }

        var big = ToBigInteger();
        if (big < int.MinValue || big > int.MaxValue)
        {
            return false;
        }

        value = (int)big;
        return true;
    }

    /// <summary>Tries to convert to a <see cref="long"/>; fails for fractions and out-of-range values.</summary>
    public bool TryToInt64(out long value)
    {
        value = 0;
        if (!IsInteger || Magnitude > 20)
        {
            return false;
        }

        var big = ToBigInteger();
        if (big < long.MinValue || big > long.MaxValue)
        {
            return false;
        }

        value = (long)big;
        return true;
    }

    /// <summary>Converts to <see cref="decimal"/>, rounding to 28 digits; fails if out of range.</summary>
    public bool TryToDecimal(out decimal value) =>
        decimal.TryParse(ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Converts to the nearest <see cref="double"/>.</summary>
    public double ToDouble() => double.Parse(ToScientificString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Plain decimal notation without exponent, e.g. <c>-12.5</c>, <c>1000</c> (FEEL's <c>string()</c>).</summary>
    public override string ToString()
    {
        var digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        var sign = Sign < 0 ? "-" : string.Empty;
        if (Scale <= 0)
        {
            return Sign == 0 ? "0" : sign + digits + new string('0', -Scale);
        }

        if (digits.Length > Scale)
        {
            return sign + digits[..^Scale] + "." + digits[^Scale..];
        }

        return sign + "0." + new string('0', Scale - digits.Length) + digits;
    }

    /// <inheritdoc />
    public override string ToFeelString() => ToString();

    /// <summary>Scientific notation (<c>1.5E+40</c>) for logging and conversion.</summary>
    public string ToScientificString() =>
        Unscaled.ToString(CultureInfo.InvariantCulture) + "E" + (-Scale).ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public int CompareTo(FeelNumber? other) => other is null ? 1 : Compare(this, other);

    /// <inheritdoc />
    public bool Equals(FeelNumber? other) => other is not null && Scale == other.Scale && Unscaled == other.Unscaled;

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelNumber n && Equals(n);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Unscaled, Scale);

    /// <summary>Number of decimal digits of <see cref="Unscaled"/>.</summary>
    internal int Digits => DigitCount(BigInteger.Abs(Unscaled));

    /// <summary>Position of the most significant digit: value is in [10^(m-1), 10^m).</summary>
    internal int Magnitude => Sign == 0 ? int.MinValue : Digits - Scale;

    internal static BigInteger Pow10(int n) =>
        n < PowersOfTen.Length ? PowersOfTen[n] : BigInteger.Pow(10, n);

    internal static int DigitCount(BigInteger value)
    {
        if (value.IsZero)
        {
            return 1;
        }

        if (value <= ulong.MaxValue)
        {
            var small = (ulong)value;
            var count = 1;
            while (small >= 10)
            {
                small /= 10;
                count++;
            }

            return count;
        }

        var estimate = (int)Math.Floor(BigInteger.Log10(value)) + 1;
        if (estimate < 1)
        {
            estimate = 1;
        }

        // Log10 can be off by one near powers of ten.
        if (value >= Pow10(estimate))
        {
            estimate++;
        }
        else if (estimate > 1 && value < Pow10(estimate - 1))
        {
            estimate--;
        }

        return estimate;
    }

    internal static BigInteger RoundDivide(BigInteger value, BigInteger divisor, FeelRounding mode)
    {
        var quotient = BigInteger.DivRem(value, divisor, out var remainder);
        if (remainder.IsZero)
        {
            return quotient;
        }

        var sign = value.Sign;
        var twice = BigInteger.Abs(remainder) * 2;
        var half = twice.CompareTo(divisor);
        var away = mode switch
        {
            FeelRounding.Up => true,
            FeelRounding.Down => false,
            FeelRounding.Floor => sign < 0,
            FeelRounding.Ceiling => sign > 0,
            FeelRounding.HalfUp => half >= 0,
            FeelRounding.HalfDown => half > 0,
            FeelRounding.HalfEven => half > 0 || (half == 0 && !quotient.IsEven),
            _ => false,
        };
        return away ? quotient + sign : quotient;
    }

    private static FeelNumber Normalize(BigInteger unscaled, long scale)
    {
        if (unscaled.IsZero)
        {
            return Zero;
        }

        // Fast path: at most 18 digits need no rounding, and long arithmetic strips zeros cheaply.
        if (unscaled > -999_999_999_999_999_999L && unscaled < 999_999_999_999_999_999L && scale is > -4096 and < 4096)
        {
            var small = (long)unscaled;
            while (small % 10 == 0)
            {
                small /= 10;
                scale--;
            }

            return new FeelNumber(small, (int)scale);
        }

        // Roughly the decimal128 exponent range; it also keeps every BigInteger derived from a number small.
        var magnitude = DigitCount(BigInteger.Abs(unscaled)) - scale;
        if (magnitude > MaxMagnitude)
        {
            throw new OverflowException("The number is outside the FEEL range (at most 34 digits and an exponent up to 6144).");
        }

        if (magnitude < MinMagnitude)
        {
            return Zero;
        }

        var digits = DigitCount(BigInteger.Abs(unscaled));
        if (digits > Precision)
        {
            var drop = digits - Precision;
            unscaled = RoundDivide(unscaled, Pow10(drop), FeelRounding.HalfEven);
            scale -= drop;
        }

        while (!unscaled.IsZero && (unscaled % 10).IsZero)
        {
            // Strip whole blocks first; long runs of zeros are common after shifting.
            if ((unscaled % 1_000_000_000).IsZero)
            {
                unscaled /= 1_000_000_000;
                scale -= 9;
            }
            else
            {
                unscaled /= 10;
                scale--;
            }
        }

        return new FeelNumber(unscaled, (int)scale);
    }

    /// <summary>Exponentiation by squaring; throws <see cref="OverflowException"/> beyond the FEEL range.</summary>
    private static FeelNumber IntegerPower(FeelNumber value, long n)
    {
        var result = One;
        var power = value;
        while (n > 0)
        {
            if ((n & 1) == 1)
            {
                result *= power;
            }

            n >>= 1;
            if (n > 0)
            {
                power *= power;
            }
        }

        return result;
    }

    private static BigInteger IntegerSqrt(BigInteger n)
    {
        var x = (BigInteger)Math.Sqrt((double)n);
        if (x.IsZero)
        {
            x = BigInteger.One;
        }

        while (true)
        {
            var y = (x + (n / x)) >> 1;
            if (BigInteger.Abs(y - x) <= BigInteger.One)
            {
                x = y;
                break;
            }

            x = y;
        }

        while (x * x > n)
        {
            x--;
        }

        while ((x + 1) * (x + 1) <= n)
        {
            x++;
        }

        return x;
    }

    private static BigInteger[] BuildPowers(int count)
    {
        var result = new BigInteger[count];
        result[0] = BigInteger.One;
        for (var i = 1; i < count; i++)
        {
            result[i] = result[i - 1] * 10;
        }

        return result;
    }
}
