using Amtsweg.Decisions.Model.Expressions;

namespace Amtsweg.Decisions.Model;

/// <summary>An element of the decision requirements graph.</summary>
public abstract record DrgElement
{
    /// <summary>Element id.</summary>
    public required string Id { get; init; }

    /// <summary>Element name (the name by which FEEL refers to it).</summary>
    public required string Name { get; init; }

    /// <summary>The variable holding the name and type of the element's value.</summary>
    public InformationItem? Variable { get; init; }

    /// <summary>Position in the source file.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>The type of the element's value, from its variable.</summary>
    public string? TypeRef => Variable?.TypeRef;
}

/// <summary>An input of the model, supplied by the caller.</summary>
public sealed record InputData : DrgElement;

/// <summary>A decision: an expression over its required decisions, inputs and knowledge.</summary>
public sealed record Decision : DrgElement
{
    /// <summary>Required decisions.</summary>
    public IReadOnlyList<DmnReference> RequiredDecisions { get; init; } = [];

    /// <summary>Required input data.</summary>
    public IReadOnlyList<DmnReference> RequiredInputs { get; init; } = [];

    /// <summary>Required business knowledge models and decision services.</summary>
    public IReadOnlyList<DmnReference> RequiredKnowledge { get; init; } = [];

    /// <summary>The decision logic, or <see langword="null"/> when the model has none.</summary>
    public DmnExpression? Expression { get; init; }
}

/// <summary>A business knowledge model: a reusable function.</summary>
public sealed record BusinessKnowledgeModel : DrgElement
{
    /// <summary>The function, or <see langword="null"/> when the model has none.</summary>
    public FunctionDefinition? EncapsulatedLogic { get; init; }

    /// <summary>Required business knowledge models and decision services.</summary>
    public IReadOnlyList<DmnReference> RequiredKnowledge { get; init; } = [];
}

/// <summary>A decision service: a set of decisions exposed as a function of its input decisions and input data.</summary>
public sealed record DecisionService : DrgElement
{
    /// <summary>Decisions whose values the service returns.</summary>
    public IReadOnlyList<DmnReference> OutputDecisions { get; init; } = [];

    /// <summary>Decisions evaluated inside the service.</summary>
    public IReadOnlyList<DmnReference> EncapsulatedDecisions { get; init; } = [];

    /// <summary>Decisions whose values are parameters of the service.</summary>
    public IReadOnlyList<DmnReference> InputDecisions { get; init; } = [];

    /// <summary>Input data that are parameters of the service.</summary>
    public IReadOnlyList<DmnReference> InputData { get; init; } = [];
}
