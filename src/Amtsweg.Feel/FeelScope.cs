namespace Amtsweg.Feel;

/// <summary>
/// Variables visible to an expression: a chain of name/value maps, innermost first. A scope is not thread-safe
/// while it is being filled; once filled it may be read by many evaluations at the same time.
/// </summary>
public sealed class FeelScope
{
    private readonly Dictionary<string, FeelValue> _variables = new(StringComparer.Ordinal);

    /// <summary>Creates an empty scope, optionally inside a parent scope.</summary>
    public FeelScope(FeelScope? parent = null) => Parent = parent;

    /// <summary>The enclosing scope, if any.</summary>
    public FeelScope? Parent { get; }

    /// <summary>All names visible in this scope and its parents (for <see cref="FeelParseOptions.KnownNames"/>).</summary>
    public IEnumerable<string> Names => Parent is null ? _variables.Keys : _variables.Keys.Concat(Parent.Names).Distinct(StringComparer.Ordinal);

    /// <summary>Creates a scope holding the entries of a context.</summary>
    public static FeelScope From(FeelContext context, FeelScope? parent = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = new FeelScope(parent);
        foreach (var (key, value) in context.Entries)
        {
            scope.Set(key, value);
        }

        return scope;
    }

    /// <summary>Creates a scope from CLR values (converted with <see cref="FeelConvert.FromObject"/>).</summary>
    public static FeelScope From(IEnumerable<KeyValuePair<string, object?>> variables, FeelScope? parent = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var scope = new FeelScope(parent);
        foreach (var (key, value) in variables)
        {
            scope.Set(key, FeelConvert.FromObject(value));
        }

        return scope;
    }

    /// <summary>Sets a variable in this scope (shadowing the parents); returns the scope for chaining.</summary>
    public FeelScope Set(string name, FeelValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        _variables[name] = value ?? FeelValue.Null;
        return this;
    }

    /// <summary>Puts a host function into the scope under its name.</summary>
    public FeelScope Set(FeelFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Set(function.Name, function);
    }

    /// <summary>Looks a name up here and in the parents.</summary>
    public bool TryGet(string name, out FeelValue value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables.TryGetValue(name, out var found))
            {
                value = found;
                return true;
            }
        }

        value = FeelValue.Null;
        return false;
    }
}
