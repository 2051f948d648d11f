namespace Amtsweg.Decisions.Model;

/// <summary>Where a model element starts in its DMN file (1-based; 0 when unknown).</summary>
/// <param name="Line">Line number.</param>
/// <param name="Column">Column number.</param>
public readonly record struct SourceLocation(int Line, int Column)
{
    /// <summary>No known position.</summary>
    public static SourceLocation Unknown => default;

    /// <inheritdoc />
    public override string ToString() => Line == 0 ? "(unknown position)" : $"line {Line}, column {Column}";
}
