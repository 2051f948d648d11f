using Amtsweg.Decisions.Model;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Compilation;

/// <summary>The types visible in one model: FEEL built-ins, its item definitions, and those of imported models by prefix.</summary>
internal sealed class TypeRegistry
{
    private readonly ModelUnit _unit;
    private readonly Dictionary<string, FeelType> _own = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FeelType> _structural = new(StringComparer.Ordinal);

    /// <summary>
    /// Camunda 7 models (dmn-js with the Camunda type list) write Java-like type names; they are FEEL numbers.
    /// </summary>
    private static readonly Dictionary<string, FeelType> CamundaTypes = new(StringComparer.Ordinal)
    {
        ["integer"] = FeelType.Number,
        ["long"] = FeelType.Number,
        ["double"] = FeelType.Number,
    };

    /// <summary>The model the types belong to.</summary>
    public ModelUnit Unit => _unit;

    public TypeRegistry(ModelUnit unit)
    {
        _unit = unit;
        foreach (var definition in unit.Definitions.ItemDefinitions)
        {
            _own[definition.Name] = new ItemDefinitionType(definition, this, checkConstraints: true);
            _structural[definition.Name] = new ItemDefinitionType(definition, this, checkConstraints: false);
        }
    }

    /// <summary>Resolves a type reference for type checks (allowed values included); <see langword="null"/> when unknown.</summary>
    public FeelType? Resolve(string typeRef) => Resolve(typeRef, checkConstraints: true);

    /// <summary>Resolves a type name for FEEL <c>instance of</c>, which ignores allowed values (TCK 0070).</summary>
    public FeelType? ResolveForInstanceOf(string typeRef) => Resolve(typeRef, checkConstraints: false);

    public FeelType? Resolve(string typeRef, bool checkConstraints)
    {
        ArgumentNullException.ThrowIfNull(typeRef);
        var name = typeRef.Trim();
        var own = checkConstraints ? _own : _structural;
        if (own.TryGetValue(name, out var found))
        {
            return found;
        }

        if (FeelType.BuiltIn.TryGetValue(name, out var builtIn))
        {
            return builtIn;
        }

        if (CamundaTypes.TryGetValue(name, out builtIn))
        {
            return builtIn;
        }

        // DMN 1.1 and some tools qualify built-ins with a "feel." prefix.
        if (name.StartsWith("feel.", StringComparison.Ordinal) && FeelType.BuiltIn.TryGetValue(name[5..], out builtIn))
        {
            return builtIn;
        }

        foreach (var (prefix, unit) in _unit.ImportedUnits)
        {
            if (prefix.Length > 0 && name.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                var imported = unit.Types.Resolve(name[(prefix.Length + 1)..], checkConstraints);
                if (imported is not null)
                {
                    return imported;
                }
            }
            else if (prefix.Length == 0 && (checkConstraints ? unit.Types._own : unit.Types._structural).TryGetValue(name, out var unprefixed))
            {
                return unprefixed;
            }
        }

        // DMN 1.5 allows FEEL type syntax in type references: list<tItem>, context<a: number>, function<...> -> ...
        if (name.Contains('<', StringComparison.Ordinal))
        {
            try
            {
                return FeelParser.ParseType(name, new FeelParseOptions { TypeResolver = n => Resolve(n, checkConstraints) });
            }
            catch (FeelSyntaxException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves every item definition now, at compile time, so that evaluations (possibly on several threads) only
    /// read finished types.
    /// </summary>
    /// <exception cref="DmnModelException">An item definition is based on itself (directly or through others).</exception>
    public void Prepare()
    {
        foreach (var type in _own.Values.OfType<ItemDefinitionType>())
        {
            RejectCycle(type);
        }

        foreach (var type in _own.Values.Concat(_structural.Values).OfType<ItemDefinitionType>())
        {
            type.Prepare();
        }
    }

    /// <summary>A type whose base chain returns to itself would make every type check recurse without end.</summary>
    private static void RejectCycle(ItemDefinitionType start)
    {
        var seen = new HashSet<ItemDefinitionType>(ReferenceEqualityComparer.Instance);
        for (var current = start; current is not null; current = current.Definition.TypeRef is { } typeRef ? current.Registry.Resolve(typeRef) as ItemDefinitionType : null)
        {
            if (!seen.Add(current))
            {
                throw new DmnModelException(
                    DmnTexts.ItemDefinitionCycle(start.Name, current.Name), start.Definition.Id, start.Definition.Location);
            }
        }
    }

    internal CompiledTests CompileTests(string text, string? elementId, SourceLocation location) =>
        CompiledTests.Compile(text, _unit.RootScope, elementId, location);
}
