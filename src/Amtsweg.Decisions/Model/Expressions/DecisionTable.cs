namespace Amtsweg.Decisions.Model.Expressions;

/// <summary>The hit policy of a decision table.</summary>
public enum HitPolicy
{
    /// <summary>U: at most one rule may match.</summary>
    Unique,

    /// <summary>A: several rules may match if they give the same output.</summary>
    Any,

    /// <summary>P: the matching rule with the highest output priority.</summary>
    Priority,

    /// <summary>F: the first matching rule in rule order.</summary>
    First,

    /// <summary>R: all matching rules in rule order.</summary>
    RuleOrder,

    /// <summary>O: all matching rules, by output priority.</summary>
    OutputOrder,

    /// <summary>C: all matching rules (optionally aggregated).</summary>
    Collect,
}

/// <summary>Aggregation of a collect decision table.</summary>
public enum BuiltinAggregator
{
    /// <summary>C+: sum.</summary>
    Sum,

    /// <summary>C#: count.</summary>
    Count,

    /// <summary>C&lt;: minimum.</summary>
    Min,

    /// <summary>C&gt;: maximum.</summary>
    Max,
}

/// <summary>A decision table.</summary>
public sealed record DecisionTable : DmnExpression
{
    /// <summary>Input columns.</summary>
    public IReadOnlyList<DecisionTableInput> Inputs { get; init; } = [];

    /// <summary>Output columns.</summary>
    public IReadOnlyList<DecisionTableOutput> Outputs { get; init; } = [];

    /// <summary>Annotation column names.</summary>
    public IReadOnlyList<string> Annotations { get; init; } = [];

    /// <summary>Rules in table order.</summary>
    public IReadOnlyList<DecisionRule> Rules { get; init; } = [];

    /// <summary>Hit policy.</summary>
    public HitPolicy HitPolicy { get; init; } = HitPolicy.Unique;

    /// <summary>Aggregation for the collect policy, or <see langword="null"/> for a list.</summary>
    public BuiltinAggregator? Aggregation { get; init; }

    /// <summary>Output label, if given.</summary>
    public string? OutputLabel { get; init; }
}

/// <summary>An input column.</summary>
/// <param name="Id">Element id.</param>
/// <param name="Label">Label, if given.</param>
/// <param name="Expression">The input expression.</param>
/// <param name="InputValues">Allowed input values as FEEL unary tests, or <see langword="null"/>.</param>
public sealed record DecisionTableInput(string? Id, string? Label, LiteralExpression Expression, string? InputValues);

/// <summary>An output column.</summary>
/// <param name="Id">Element id.</param>
/// <param name="Name">Output name (the context key when the table has several outputs).</param>
/// <param name="Label">Label, if given.</param>
/// <param name="TypeRef">Output type, if given.</param>
/// <param name="OutputValues">Output values as FEEL unary tests (their order is the priority for P and O), or <see langword="null"/>.</param>
/// <param name="DefaultOutputEntry">Default output expression when no rule matches, or <see langword="null"/>.</param>
public sealed record DecisionTableOutput(string? Id, string? Name, string? Label, string? TypeRef, string? OutputValues, string? DefaultOutputEntry);

/// <summary>A rule: one unary test per input, one expression per output, one text per annotation.</summary>
/// <param name="Id">Element id.</param>
/// <param name="Index">1-based position in the table.</param>
/// <param name="InputEntries">Input entries as FEEL unary tests text.</param>
/// <param name="OutputEntries">Output entries as FEEL expression text.</param>
/// <param name="AnnotationEntries">Annotation texts.</param>
/// <param name="Location">Position in the source file.</param>
public sealed record DecisionRule(
    string? Id,
    int Index,
    IReadOnlyList<string> InputEntries,
    IReadOnlyList<string> OutputEntries,
    IReadOnlyList<string> AnnotationEntries,
    SourceLocation Location);
