using System.Runtime.CompilerServices;

namespace Amtsweg.Feel;

/// <summary>An immutable FEEL list.</summary>
public sealed class FeelList : FeelValue
{
    private readonly FeelValue[] _items;

    private FeelList(FeelValue[] items)
    {
        EvaluationContext.ChargeItems(items.Length);
        _items = items;
    }

    /// <summary>The empty list.</summary>
    public static FeelList Empty { get; } = new([]);

    /// <summary>The items, in order.</summary>
    public IReadOnlyList<FeelValue> Items => _items;

    /// <summary>The number of items.</summary>
    public int Count => _items.Length;

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.List;

    /// <summary>The item at a zero-based index.</summary>
    public FeelValue this[int index] => _items[index];

    /// <summary>Creates a list (the items are copied).</summary>
    public static FeelList Create(IEnumerable<FeelValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.Select(static v => v ?? Null).ToArray();
        return array.Length == 0 ? Empty : new FeelList(array);
    }

    /// <summary>Creates a list.</summary>
    public static FeelList Of(params FeelValue[] items) => Create(items);

    /// <summary>Wraps an array the caller will not change again.</summary>
    internal static FeelList Wrap(FeelValue[] items) => items.Length == 0 ? Empty : new FeelList(items);

    /// <inheritdoc />
    public override bool Equals(FeelValue? other)
    {
        if (other is not FeelList l || l.Count != Count)
        {
            return false;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();

        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(l._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToFeelString()
    {
        // Values can nest deeper than any expression (e.g. built with 'partial'); fail cleanly instead of overflowing.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return "[" + string.Join(", ", _items.Select(static i => i.ToNestedString())) + "]";
    }
}
