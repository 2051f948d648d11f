using System.Collections.Immutable;
using Amtsweg.Decisions.Model;

namespace Amtsweg.Decisions.Compilation;

/// <summary>One model of a compiled set: its definitions, the models it imports (by prefix), its types and elements.</summary>
internal sealed class ModelUnit
{
    public ModelUnit(ModelCompiler compiler, DmnDefinitions definitions, bool isMain)
    {
        Definitions = definitions;
        IsMain = isMain;
        Types = new TypeRegistry(this);
        Compiler = compiler;
    }

    public DmnDefinitions Definitions { get; }

    public string Namespace => Definitions.Namespace;

    public bool IsMain { get; }

    public ModelCompiler Compiler { get; }

    public TypeRegistry Types { get; }

    /// <summary>Imported models with the prefix under which their names are visible ("" for an unprefixed import).</summary>
    public List<KeyValuePair<string, ModelUnit>> ImportedUnits { get; } = [];

    public Dictionary<string, ElementInfo> Elements { get; } = new(StringComparer.Ordinal);

    /// <summary>The scope for expressions at the top of a DRG element: all element names and import prefixes are known.</summary>
    public CompileScope RootScope => field ??= new CompileScope(
        Compiler,
        this,
        ImmutableHashSet.CreateRange(
            StringComparer.Ordinal,
            Definitions.DrgElements.Select(e => e.Name).Concat(ImportedUnits.Select(i => i.Key)).Where(n => n.Length > 0)));

    /// <summary>The prefix under which this model sees elements of another; <see langword="null"/> if it does not import it.</summary>
    public string? PrefixFor(ModelUnit other)
    {
        if (ReferenceEquals(other, this))
        {
            return "";
        }

        foreach (var (prefix, unit) in ImportedUnits)
        {
            if (ReferenceEquals(unit, other))
            {
                return prefix;
            }
        }

        return null;
    }
}

/// <summary>The kind of a DRG element.</summary>
internal enum ElementKind
{
    InputData,
    Decision,
    BusinessKnowledgeModel,
    DecisionService,
}

/// <summary>A compiled DRG element: its model, type, compiled logic and resolved requirements.</summary>
internal sealed class ElementInfo(DrgElement element, ModelUnit unit, ElementKind kind)
{
    public DrgElement Element { get; } = element;

    public ModelUnit Unit { get; } = unit;

    public ElementKind Kind { get; } = kind;

    public string Name => Element.Name;

    public string Id => Element.Id;

    /// <summary>The declared type of the element's value, if any.</summary>
    public Feel.FeelType? Type { get; set; }

    /// <summary>A decision's logic, or a business knowledge model's function.</summary>
    public Node? Body { get; set; }

    /// <summary>A business knowledge model's parameters.</summary>
    public List<Feel.FeelParameter> Parameters { get; } = [];

    /// <summary>The declared result type of a business knowledge model or decision service, if any.</summary>
    public Feel.FeelType? ResultType { get; set; }

    /// <summary>A business knowledge model's function kind (Java and PMML are not supported).</summary>
    public Model.Expressions.FunctionKind FunctionKind { get; set; }

    /// <summary>Required decisions and input data (for decisions); output decisions (for decision services).</summary>
    public List<ElementInfo> Requirements { get; } = [];

    /// <summary>Required business knowledge models and decision services.</summary>
    public List<ElementInfo> Knowledge { get; } = [];

    /// <summary>For a decision service: its parameters, input decisions first, then input data.</summary>
    public List<ElementInfo> ServiceInputs { get; } = [];

    /// <summary>For a decision service: its output decisions.</summary>
    public List<ElementInfo> ServiceOutputs { get; } = [];

    public override string ToString() => $"{Kind} '{Name}' ({Id})";
}
