namespace Amtsweg.Decisions.Model;

/// <summary>A DMN item definition: a named type built from a base type, components, a collection flag, allowed values or a function signature.</summary>
public sealed record ItemDefinition
{
    /// <summary>Element id.</summary>
    public string? Id { get; init; }

    /// <summary>Type name.</summary>
    public required string Name { get; init; }

    /// <summary>Base type reference, or <see langword="null"/> for a structure or function type.</summary>
    public string? TypeRef { get; init; }

    /// <summary>Type language, when it is not FEEL.</summary>
    public string? TypeLanguage { get; init; }

    /// <summary>Allowed values as FEEL unary tests (<c>allowedValues</c>), or <see langword="null"/>.</summary>
    public string? AllowedValues { get; init; }

    /// <summary>DMN 1.5 type constraint as FEEL unary tests (<c>typeConstraint</c>), or <see langword="null"/>.</summary>
    public string? TypeConstraint { get; init; }

    /// <summary>Whether the type is a list of the described element type.</summary>
    public bool IsCollection { get; init; }

    /// <summary>Components of a structured type.</summary>
    public IReadOnlyList<ItemDefinition> Components { get; init; } = [];

    /// <summary>Function signature, for a function type.</summary>
    public FunctionItem? FunctionItem { get; init; }

    /// <summary>Position in the source file.</summary>
    public SourceLocation Location { get; init; }
}

/// <summary>The signature of a function item definition.</summary>
/// <param name="Parameters">Parameters with their types.</param>
/// <param name="OutputTypeRef">Result type reference.</param>
public sealed record FunctionItem(IReadOnlyList<InformationItem> Parameters, string? OutputTypeRef);
