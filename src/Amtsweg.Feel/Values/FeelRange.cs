namespace Amtsweg.Feel;

/// <summary>
/// A FEEL range (DMN 1.5, 10.3.2.7), e.g. <c>[1..10)</c>. An endpoint that is <see cref="FeelValue.Null"/> is unbounded,
/// as produced by the unary tests <c>&lt; 10</c> or <c>&gt;= 5</c>.
/// </summary>
public sealed class FeelRange : FeelValue
{
    /// <summary>Creates a range.</summary>
    public FeelRange(bool startIncluded, FeelValue start, FeelValue end, bool endIncluded)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        StartIncluded = startIncluded;
        Start = start;
        End = end;
        EndIncluded = endIncluded;
    }

    /// <summary>True for a closed start (<c>[</c>).</summary>
    public bool StartIncluded { get; }

    /// <summary>The start point; null when unbounded.</summary>
    public FeelValue Start { get; }

    /// <summary>The end point; null when unbounded.</summary>
    public FeelValue End { get; }

    /// <summary>True for a closed end (<c>]</c>).</summary>
    public bool EndIncluded { get; }

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Range;

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) =>
        other is FeelRange r && r.StartIncluded == StartIncluded && r.EndIncluded == EndIncluded && r.Start.Equals(Start) && r.End.Equals(End);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StartIncluded, Start, End, EndIncluded);

    /// <inheritdoc />
    public override string ToFeelString() =>
        (StartIncluded ? "[" : "(") + Start.ToNestedString() + ".." + End.ToNestedString() + (EndIncluded ? "]" : ")");
}
