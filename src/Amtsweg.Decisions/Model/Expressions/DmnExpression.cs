namespace Amtsweg.Decisions.Model.Expressions;

/// <summary>A boxed expression: literal expression, decision table, context, invocation and the other DMN expression kinds.</summary>
public abstract record DmnExpression
{
    /// <summary>Element id.</summary>
    public string? Id { get; init; }

    /// <summary>Declared result type, if any.</summary>
    public string? TypeRef { get; init; }

    /// <summary>Position in the source file.</summary>
    public SourceLocation Location { get; init; }
}

/// <summary>A FEEL expression as text.</summary>
public sealed record LiteralExpression : DmnExpression
{
    /// <summary>The expression text (empty when the model leaves it out).</summary>
    public required string Text { get; init; }

    /// <summary>Expression language URI, when not FEEL.</summary>
    public string? ExpressionLanguage { get; init; }
}

/// <summary>A context: named entries evaluated in order, each seeing the ones before; an unnamed last entry is the result.</summary>
public sealed record ContextExpression : DmnExpression
{
    /// <summary>The entries.</summary>
    public IReadOnlyList<ContextEntry> Entries { get; init; } = [];
}

/// <summary>An entry of a context.</summary>
/// <param name="Variable">The entry's name and type; <see langword="null"/> for the result entry.</param>
/// <param name="Expression">The entry's value expression (may be missing in a model, which yields null).</param>
public sealed record ContextEntry(InformationItem? Variable, DmnExpression? Expression);

/// <summary>A call of a function (usually a business knowledge model) with named argument bindings.</summary>
public sealed record Invocation : DmnExpression
{
    /// <summary>The expression naming the called function.</summary>
    public required DmnExpression CalledFunction { get; init; }

    /// <summary>The argument bindings.</summary>
    public IReadOnlyList<Binding> Bindings { get; init; } = [];
}

/// <summary>One argument of an invocation.</summary>
/// <param name="Parameter">The parameter bound.</param>
/// <param name="Expression">The argument expression; <see langword="null"/> binds null.</param>
public sealed record Binding(InformationItem Parameter, DmnExpression? Expression);

/// <summary>The kind of a function definition.</summary>
public enum FunctionKind
{
    /// <summary>A FEEL function (the body is a boxed expression).</summary>
    Feel,

    /// <summary>An external Java function; not supported by this engine.</summary>
    Java,

    /// <summary>A PMML model; not supported by this engine.</summary>
    Pmml,
}

/// <summary>A function definition: parameters and a body.</summary>
public sealed record FunctionDefinition : DmnExpression
{
    /// <summary>The kind of function.</summary>
    public FunctionKind Kind { get; init; }

    /// <summary>Formal parameters.</summary>
    public IReadOnlyList<InformationItem> Parameters { get; init; } = [];

    /// <summary>The body, or <see langword="null"/> if the model has none.</summary>
    public DmnExpression? Body { get; init; }
}

/// <summary>A relation: a table whose rows become a list of contexts keyed by the column names.</summary>
public sealed record Relation : DmnExpression
{
    /// <summary>The columns.</summary>
    public IReadOnlyList<InformationItem> Columns { get; init; } = [];

    /// <summary>The rows; each has one expression per column.</summary>
    public IReadOnlyList<IReadOnlyList<DmnExpression?>> Rows { get; init; } = [];
}

/// <summary>A boxed list of expressions.</summary>
public sealed record ListExpression : DmnExpression
{
    /// <summary>The items.</summary>
    public IReadOnlyList<DmnExpression?> Items { get; init; } = [];
}

/// <summary>A boxed conditional (DMN 1.5): if, then, else.</summary>
public sealed record Conditional : DmnExpression
{
    /// <summary>The condition.</summary>
    public DmnExpression? If { get; init; }

    /// <summary>The value when the condition is true.</summary>
    public DmnExpression? Then { get; init; }

    /// <summary>The value otherwise.</summary>
    public DmnExpression? Else { get; init; }
}

/// <summary>A boxed filter (DMN 1.5): the items of a list for which the match expression is true, the item named <c>item</c>.</summary>
public sealed record Filter : DmnExpression
{
    /// <summary>The list.</summary>
    public DmnExpression? In { get; init; }

    /// <summary>The condition for each item.</summary>
    public DmnExpression? Match { get; init; }
}

/// <summary>The kind of a boxed iterator.</summary>
public enum IteratorKind
{
    /// <summary><c>for</c>: the list of the return values.</summary>
    For,

    /// <summary><c>some</c>: true if the condition holds for any item.</summary>
    Some,

    /// <summary><c>every</c>: true if the condition holds for all items.</summary>
    Every,
}

/// <summary>A boxed iterator (DMN 1.5): for, some or every over a list or range.</summary>
public sealed record Iterator : DmnExpression
{
    /// <summary>for, some or every.</summary>
    public IteratorKind Kind { get; init; }

    /// <summary>The variable that takes each item.</summary>
    public required string IteratorVariable { get; init; }

    /// <summary>The list or range iterated over.</summary>
    public DmnExpression? In { get; init; }

    /// <summary>The <c>return</c> (for) or <c>satisfies</c> (some, every) expression.</summary>
    public DmnExpression? Body { get; init; }
}
