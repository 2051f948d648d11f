using Amtsweg.Decisions.Model;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Compilation;

/// <summary>The types visible in one model: FEEL built-ins, its item definitions, and those of imported models by prefix.</summary>
internal sealed class TypeRegistry
{
    private readonly ModelUnit _unit;
    private readonly Dictionary<string, FeelType> _own = new(StringComparer.Ordinal);

    public TypeRegistry(ModelUnit unit)
    {
        _unit = unit;
        foreach (var definition in unit.Definitions.ItemDefinitions)
        {
            _own[definition.Name] = new ItemDefinitionType(definition, this);
        }
    }

    /// <summary>Resolves a type reference; <see langword="null"/> when unknown.</summary>
    public FeelType? Resolve(string typeRef)
    {
        ArgumentNullException.ThrowIfNull(typeRef);
        var name = typeRef.Trim();
        if (_own.TryGetValue(name, out var own))
        {
            return own;
        }

        if (FeelType.BuiltIn.TryGetValue(name, out var builtIn))
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
                var imported = unit.Types.Resolve(name[(prefix.Length + 1)..]);
                if (imported is not null)
                {
                    return imported;
                }
            }
            else if (prefix.Length == 0 && unit.Types._own.TryGetValue(name, out var unprefixed))
            {
                return unprefixed;
            }
        }

        return null;
    }

    internal CompiledTests CompileTests(string text, string? elementId, SourceLocation location) =>
        CompiledTests.Compile(text, _unit.RootScope, elementId, location);
}
