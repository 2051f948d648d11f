namespace Amtsweg.Feel;

/// <summary>The kind of a FEEL value (DMN 1.5).</summary>
public enum FeelValueKind
{
    /// <summary>The null value.</summary>
    Null,

    /// <summary>A decimal number, <see cref="FeelNumber"/>.</summary>
    Number,

    /// <summary>A string, <see cref="FeelString"/>.</summary>
    String,

    /// <summary>true or false, <see cref="FeelBoolean"/>.</summary>
    Boolean,

    /// <summary>A calendar date, <see cref="FeelDate"/>.</summary>
    Date,

    /// <summary>A time of day, optionally with offset or zone, <see cref="FeelTime"/>.</summary>
    Time,

    /// <summary>A date and time, optionally with offset or zone, <see cref="FeelDateTime"/>.</summary>
    DateTime,

    /// <summary>A days and time duration, <see cref="FeelDaysTimeDuration"/>.</summary>
    DaysTimeDuration,

    /// <summary>A years and months duration, <see cref="FeelYearsMonthsDuration"/>.</summary>
    YearsMonthsDuration,

    /// <summary>A list, <see cref="FeelList"/>.</summary>
    List,

    /// <summary>An ordered context (record), <see cref="FeelContext"/>.</summary>
    Context,

    /// <summary>A range (interval), <see cref="FeelRange"/>.</summary>
    Range,

    /// <summary>A function, <see cref="FeelFunction"/>.</summary>
    Function,
}

/// <summary>
/// A FEEL value. Values are immutable and safe to share between threads. The concrete types are
/// <see cref="FeelNull"/>, <see cref="FeelNumber"/>, <see cref="FeelString"/>, <see cref="FeelBoolean"/>,
/// <see cref="FeelDate"/>, <see cref="FeelTime"/>, <see cref="FeelDateTime"/>, <see cref="FeelDaysTimeDuration"/>,
/// <see cref="FeelYearsMonthsDuration"/>, <see cref="FeelList"/>, <see cref="FeelContext"/>, <see cref="FeelRange"/>
/// and <see cref="FeelFunction"/>. <see cref="Equals(FeelValue)"/> is structural equality, consistent with
/// <see cref="GetHashCode"/>: it matches FEEL <c>=</c> where that answers true or false, except that it is false where
/// FEEL would answer null (values of different kinds) and that it compares times to the nanosecond, where FEEL
/// compares to the second.
/// </summary>
public abstract class FeelValue : IEquatable<FeelValue>
{
    private protected FeelValue()
    {
    }

    /// <summary>The FEEL null value.</summary>
    public static FeelValue Null => FeelNull.Instance;

    /// <summary>The boolean true.</summary>
    public static FeelBoolean True => FeelBoolean.True;

    /// <summary>The boolean false.</summary>
    public static FeelBoolean False => FeelBoolean.False;

    /// <summary>The kind of this value.</summary>
    public abstract FeelValueKind Kind { get; }

    /// <summary>True for the null value.</summary>
    public bool IsNull => Kind == FeelValueKind.Null;

    /// <summary>FEEL equality (true/false); values of different kinds are not equal.</summary>
    public static bool operator ==(FeelValue? left, FeelValue? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Negated <see cref="operator ==(FeelValue?, FeelValue?)"/>.</summary>
    public static bool operator !=(FeelValue? left, FeelValue? right) => !(left == right);

    /// <summary>Implicit conversion from a string.</summary>
    public static implicit operator FeelValue(string? value) => value is null ? Null : new FeelString(value);

    /// <summary>Implicit conversion from a boolean.</summary>
    public static implicit operator FeelValue(bool value) => FeelBoolean.Of(value);

    /// <summary>Implicit conversion from an integer.</summary>
    public static implicit operator FeelValue(int value) => FeelNumber.From(value);

    /// <summary>Implicit conversion from a decimal.</summary>
    public static implicit operator FeelValue(decimal value) => FeelNumber.From(value);

    /// <summary>Converts a CLR value (see <see cref="FeelConvert.FromObject"/>).</summary>
    public static FeelValue From(object? value) => FeelConvert.FromObject(value);

    /// <summary>FEEL equality; see the type remarks.</summary>
    public abstract bool Equals(FeelValue? other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FeelValue v && Equals(v);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    /// <summary>A readable FEEL-like rendering: strings quoted, lists as <c>[1, 2]</c>, contexts as <c>{a: 1}</c>.</summary>
    public override string ToString() => ToFeelString();

    /// <summary>The rendering used by the FEEL <c>string()</c> function (strings unquoted at the top level).</summary>
    public abstract string ToFeelString();

    /// <summary>Rendering inside lists and contexts, where strings are quoted.</summary>
    internal virtual string ToNestedString() => ToFeelString();
}

/// <summary>The FEEL null value (a singleton, <see cref="FeelValue.Null"/>).</summary>
public sealed class FeelNull : FeelValue
{
    private FeelNull()
    {
    }

    /// <summary>The only instance.</summary>
    public static FeelNull Instance { get; } = new();

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Null;

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelNull;

    /// <inheritdoc />
    public override int GetHashCode() => 0;

    /// <inheritdoc />
    public override string ToFeelString() => "null";
}

/// <summary>A FEEL boolean.</summary>
public sealed class FeelBoolean : FeelValue
{
    private FeelBoolean(bool value) => Value = value;

    /// <summary>true.</summary>
    public static new FeelBoolean True { get; } = new(true);

    /// <summary>false.</summary>
    public static new FeelBoolean False { get; } = new(false);

    /// <summary>The CLR value.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Boolean;

    /// <summary>The instance for a CLR boolean.</summary>
    public static FeelBoolean Of(bool value) => value ? True : False;

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelBoolean b && b.Value == Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value ? 1 : 2;

    /// <inheritdoc />
    public override string ToFeelString() => Value ? "true" : "false";
}

/// <summary>A FEEL string (a sequence of Unicode code points; lengths count code points, not UTF-16 units).</summary>
public sealed class FeelString : FeelValue, IComparable<FeelString>
{
    /// <summary>Creates a string value.</summary>
    public FeelString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        EvaluationContext.ChargeString(value.Length);
        Value = value;
    }

    /// <summary>The empty string.</summary>
    public static FeelString Empty { get; } = new(string.Empty);

    /// <summary>The CLR value.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.String;

    /// <inheritdoc />
    public int CompareTo(FeelString? other) => other is null ? 1 : string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelString s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToFeelString() => Value;

    /// <inheritdoc />
    public override string ToString() => ToNestedString();

    internal override string ToNestedString() =>
        "\"" + Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
