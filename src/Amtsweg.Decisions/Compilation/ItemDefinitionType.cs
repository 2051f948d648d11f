using Amtsweg.Decisions.Model;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Compilation;

/// <summary>
/// A DMN item definition as a FEEL type: a base type or components, optionally a collection, restricted by allowed
/// values. Used for type checks of decisions, inputs and parameters and for <c>instance of</c>.
/// </summary>
internal sealed class ItemDefinitionType : FeelType
{
    private readonly ItemDefinition _definition;
    private readonly TypeRegistry _registry;
    private readonly Lazy<Resolved> _resolved;
    private readonly bool _checkConstraints;

    /// <param name="definition">The item definition.</param>
    /// <param name="registry">The types of its model.</param>
    /// <param name="checkConstraints">Whether allowed values count (type checks) or not (<c>instance of</c>).</param>
    /// <param name="qualifiedName">The name for messages, for anonymous component types.</param>
    public ItemDefinitionType(ItemDefinition definition, TypeRegistry registry, bool checkConstraints, string? qualifiedName = null)
    {
        _definition = definition;
        _registry = registry;
        _checkConstraints = checkConstraints;
        Name = qualifiedName ?? definition.Name;
        _resolved = new Lazy<Resolved>(Resolve);
    }

    public override string Name { get; }

    public ItemDefinition Definition => _definition;

    /// <summary>The registry (and so the model) the type belongs to.</summary>
    public TypeRegistry Registry => _registry;

    /// <summary>Whether the type is a collection.</summary>
    public bool IsCollection => _definition.IsCollection;

    /// <summary>The components of a structured type with their types (null when untyped).</summary>
    public IReadOnlyList<KeyValuePair<string, FeelType?>> Components => _resolved.Value.Components;

    /// <summary>Resolves the base type, components and allowed values (and those of the components) now.</summary>
    public void Prepare()
    {
        foreach (var component in _resolved.Value.Components)
        {
            (component.Value as ItemDefinitionType)?.Prepare();
        }
    }

    public override bool IsInstance(FeelValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsNull)
        {
            return false;
        }

        if (_definition.IsCollection)
        {
            return value is FeelList list && list.Items.All(i => i.IsNull || IsElementInstance(i));
        }

        return IsElementInstance(value);
    }

    public override bool ConformsTo(FeelType other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other) || other == Any)
        {
            return true;
        }

        var resolved = _resolved.Value;
        return !_definition.IsCollection && resolved.Components.Count == 0 && resolved.Allowed is null && resolved.Base is not null && resolved.Base.ConformsTo(other);
    }

    /// <summary>Whether a single (non-collection) value is an instance: base type or components, then allowed values.</summary>
    private bool IsElementInstance(FeelValue value)
    {
        var resolved = _resolved.Value;
        if (_definition.FunctionItem is not null)
        {
            return value is FeelFunction;
        }

        if (resolved.Components.Count > 0)
        {
            if (value is not FeelContext context)
            {
                return false;
            }

            // Every component must be present (its value may be null); further entries are allowed (0082).
            foreach (var (name, type) in resolved.Components)
            {
                if (!context.TryGetValue(name, out var entry) || (type is not null && !entry.IsNull && !type.IsInstance(entry)))
                {
                    return false;
                }
            }
        }
        else if (resolved.Base is not null && !resolved.Base.IsInstance(value))
        {
            return false;
        }

        return resolved.Allowed is null || resolved.Allowed.Test(value, new FeelScope(), null);
    }

    private Resolved Resolve()
    {
        var baseType = _definition.TypeRef is null ? null : _registry.Resolve(_definition.TypeRef, _checkConstraints);
        var components = _definition.Components
            .Select(c => new KeyValuePair<string, FeelType?>(c.Name, new ItemDefinitionType(c, _registry, _checkConstraints, Name + "." + c.Name)))
            .ToList();
        var allowedText = _checkConstraints ? _definition.TypeConstraint ?? _definition.AllowedValues : null;
        var allowed = allowedText is null ? null : _registry.CompileTests(allowedText, _definition.Id, _definition.Location);
        return new Resolved(baseType, components, allowed);
    }

    private sealed record Resolved(FeelType? Base, IReadOnlyList<KeyValuePair<string, FeelType?>> Components, CompiledTests? Allowed);
}
