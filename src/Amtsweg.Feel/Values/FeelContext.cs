using System.Runtime.CompilerServices;
using System.Text;

namespace Amtsweg.Feel;

/// <summary>An immutable FEEL context: an ordered map from names to values.</summary>
public sealed class FeelContext : FeelValue
{
    private readonly KeyValuePair<string, FeelValue>[] _entries;
    private readonly Dictionary<string, int> _index;

    private FeelContext(KeyValuePair<string, FeelValue>[] entries, Dictionary<string, int> index)
    {
        EvaluationContext.ChargeItems(entries.Length);
        _entries = entries;
        _index = index;
    }

    /// <summary>The empty context.</summary>
    public static FeelContext Empty { get; } = new([], new Dictionary<string, int>(StringComparer.Ordinal));

    /// <summary>The entries in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, FeelValue>> Entries => _entries;

    /// <summary>The keys in insertion order.</summary>
    public IEnumerable<string> Keys => _entries.Select(static e => e.Key);

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Length;

    /// <inheritdoc />
    public override FeelValueKind Kind => FeelValueKind.Context;

    /// <summary>The value of a key, or <see cref="FeelValue.Null"/> if absent.</summary>
    public FeelValue this[string key] => TryGetValue(key, out var v) ? v : Null;

    /// <summary>Creates a context; a later entry with the same key replaces the earlier value in place.</summary>
    public static FeelContext Create(IEnumerable<KeyValuePair<string, FeelValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = new List<KeyValuePair<string, FeelValue>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (index.TryGetValue(key, out var at))
            {
                list[at] = new(key, value ?? Null);
            }
            else
            {
                index[key] = list.Count;
                list.Add(new(key, value ?? Null));
            }
        }

        return list.Count == 0 ? Empty : new FeelContext([.. list], index);
    }

    /// <summary>Creates a context from name/value pairs.</summary>
    public static FeelContext Of(params (string Key, FeelValue Value)[] entries) =>
        Create(entries.Select(static e => new KeyValuePair<string, FeelValue>(e.Key, e.Value)));

    /// <summary>Looks a key up.</summary>
    public bool TryGetValue(string key, out FeelValue value)
    {
        if (_index.TryGetValue(key, out var at))
        {
            value = _entries[at].Value;
            return true;
        }

        value = Null;
        return false;
    }

    /// <summary>True if the key exists.</summary>
    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <summary>A new context with the key set (replaced in place or appended).</summary>
    public FeelContext With(string key, FeelValue value) =>
        Create(_entries.Append(new KeyValuePair<string, FeelValue>(key, value)));

    /// <inheritdoc />
    public override bool Equals(FeelValue? other)
    {
        if (other is not FeelContext c || c.Count != Count)
        {
            return false;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();

        foreach (var (key, value) in _entries)
        {
            if (!c.TryGetValue(key, out var v) || !value.Equals(v))
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
        var hash = 0;
        foreach (var (key, value) in _entries)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), value);
        }

        return hash;
    }

    /// <inheritdoc />
    public override string ToFeelString()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var sb = new StringBuilder("{");
        for (var i = 0; i < _entries.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(FeelNames.IsSimpleName(_entries[i].Key) ? _entries[i].Key : new FeelString(_entries[i].Key).ToNestedString())
              .Append(": ")
              .Append(_entries[i].Value.ToNestedString());
        }

        return sb.Append('}').ToString();
    }
}
