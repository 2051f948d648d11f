using System.Collections.Immutable;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Compilation;

/// <summary>What is known while compiling an expression: its model and the names visible at that point.</summary>
internal sealed class CompileScope
{
    private FeelParseOptions? _parseOptions;

    public CompileScope(ModelCompiler compiler, ModelUnit unit, ImmutableHashSet<string> knownNames)
    {
        Compiler = compiler;
        Unit = unit;
        KnownNames = knownNames;
    }

    public ModelCompiler Compiler { get; }

    public ModelUnit Unit { get; }

    public ImmutableHashSet<string> KnownNames { get; }

    /// <summary>Parse options with the visible names (so names with spaces split right) and the model's types.</summary>
    public FeelParseOptions ParseOptions => _parseOptions ??= new FeelParseOptions
    {
        KnownNames = KnownNames,
        TypeResolver = Unit.Types.ResolveForInstanceOf,
    };

    public CompileScope With(IEnumerable<string> names)
    {
        var added = KnownNames.Union(names.Where(n => n.Length > 0));
        return added.Count == KnownNames.Count ? this : new CompileScope(Compiler, Unit, added);
    }
}
