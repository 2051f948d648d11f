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
        // Simple names parse without help; handing only the others over keeps parsing fast in models with hundreds of
        // decisions (the parser tokenizes every known name per expression).
        KnownNames = KnownNames.Where(NeedsDeclaring).ToList(),
        TypeResolver = Unit.Types.ResolveForInstanceOf,
    };

    /// <summary>Whether FEEL can only split a name correctly when it knows it: names with spaces, operators or other punctuation.</summary>
    private static bool NeedsDeclaring(string name) =>
        name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || name.Any(c => !(char.IsLetterOrDigit(c) || c == '_'));

    public CompileScope With(IEnumerable<string> names)
    {
        var added = KnownNames.Union(names.Where(n => n.Length > 0));
        return added.Count == KnownNames.Count ? this : new CompileScope(Compiler, Unit, added);
    }
}
