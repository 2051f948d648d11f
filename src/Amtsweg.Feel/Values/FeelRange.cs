namespace Amtsweg.Feel;

/// <summary>
/// A FEEL range (DMN 1.5), e.g. <c>[1..10)</c>. An endpoint that is the CLR <c>null</c> is unbounded,
/// as produced by <c>(&lt; 10)</c> or <c>(&gt;= 5)</c>; an endpoint that is <see cref="FeelValue.Null"/> is the FEEL
/// null literal (<c>(null..10]</c>), with which every membership test answers null.
/// </summary>
public sealed class FeelRange : FeelValue
{
    /// <summary>Creates a range; pass CLR null for an unbounded side.</summary>
    public FeelRange(bool startIncluded, FeelValue? start, FeelValue? end, bool endIncluded)
        : this(startIncluded, start, end, endIncluded, null)
    {
    }

    private FeelRange(bool startIncluded, FeelValue? start, FeelValue? end, bool endIncluded, string? unaryOperator)
    {
        StartIncluded = startIncluded;
        Start = start;
        End = end;
        EndIncluded = endIncluded;
        UnaryOperator = unaryOperator;
    }

    /// <summary>True for a closed start (<c>[</c>).</summary>
    public bool StartIncluded { get; }

    /// <summary>The start point; CLR null when unbounded.</summary>
    public FeelValue? Start { get; }

    /// <summary>The end point; CLR null when unbounded.</summary>
    public FeelValue? End { get; }

    /// <summary>True for a closed end (<c>]</c>).</summary>
    public bool EndIncluded { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Range;

    /// <summary><c>=</c> or <c>!=</c> for the unary-test ranges <c>(= 10)</c> and <c>(!= 10)</c>; null otherwise.</summary>
    internal string? UnaryOperator { get; }

    internal static FeelRange Equality(FeelValue value, bool negated) =>
        new(true, value, value, true, negated ? "!=" : "=");

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) =>
        other is FeelRange r && r.StartIncluded == StartIncluded && r.EndIncluded == EndIncluded && r.UnaryOperator == UnaryOperator &&
        EndpointEquals(r.Start, Start) && EndpointEquals(r.End, End);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StartIncluded, Start, End, EndIncluded, UnaryOperator);

    /// <inheritdoc />
    public override string ToFeelString()
    {
        if (UnaryOperator is not null)
        {
            return UnaryOperator + " " + Start!.ToNestedString();
        }

        if (Start is null && End is not null)
        {
            return (EndIncluded ? "<= " : "< ") + End.ToNestedString();
        }

        if (End is null && Start is not null)
        {
            return (StartIncluded ? ">= " : "> ") + Start.ToNestedString();
        }

        return (StartIncluded ? "[" : "(") + (Start?.ToNestedString() ?? string.Empty) + ".." + (End?.ToNestedString() ?? string.Empty) + (EndIncluded ? "]" : ")");
    }

    private static bool EndpointEquals(FeelValue? a, FeelValue? b) => a is null ? b is null : b is not null && a.Equals(b);
}
