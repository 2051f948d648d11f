namespace Amtsweg.Decisions.Model;

/// <summary>
/// One DMN model file: its item definitions and its decision requirements graph. Immutable; produced by
/// <see cref="DmnParser"/>.
/// </summary>
public sealed record DmnDefinitions
{
    /// <summary>Element id.</summary>
    public string? Id { get; init; }

    /// <summary>Model name.</summary>
    public required string Name { get; init; }

    /// <summary>Model namespace (the key by which other models import it).</summary>
    public required string Namespace { get; init; }

    /// <summary>DMN version of the file ("1.1" to "1.5").</summary>
    public required string DmnVersion { get; init; }

    /// <summary>Default expression language URI, if declared.</summary>
    public string? ExpressionLanguage { get; init; }

    /// <summary>Imports of other models.</summary>
    public IReadOnlyList<DmnImport> Imports { get; init; } = [];

    /// <summary>Item definitions (types).</summary>
    public IReadOnlyList<ItemDefinition> ItemDefinitions { get; init; } = [];

    /// <summary>Input data.</summary>
    public IReadOnlyList<InputData> InputData { get; init; } = [];

    /// <summary>Decisions.</summary>
    public IReadOnlyList<Decision> Decisions { get; init; } = [];

    /// <summary>Business knowledge models.</summary>
    public IReadOnlyList<BusinessKnowledgeModel> BusinessKnowledgeModels { get; init; } = [];

    /// <summary>Decision services.</summary>
    public IReadOnlyList<DecisionService> DecisionServices { get; init; } = [];

    /// <summary>The file the model was read from, if known.</summary>
    public string? SourcePath { get; init; }

    /// <summary>All DRG elements (input data, decisions, knowledge models, services).</summary>
    public IEnumerable<DrgElement> DrgElements =>
        InputData.Cast<DrgElement>().Concat(Decisions).Concat(BusinessKnowledgeModels).Concat(DecisionServices);

    /// <summary>Finds a DRG element by id, or <see langword="null"/>.</summary>
    public DrgElement? FindById(string id) => DrgElements.FirstOrDefault(e => e.Id == id);
}
