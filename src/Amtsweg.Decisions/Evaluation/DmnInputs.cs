using Amtsweg.Feel;

namespace Amtsweg.Decisions.Evaluation;

/// <summary>
/// Input values for an evaluation, by input data name. Names without a namespace belong to the main model; a value
/// for an input of an imported model is given with that model's namespace. A value given for a decision's name
/// replaces the decision's evaluation (as the TCK does for decision-service inputs).
/// </summary>
public sealed class DmnInputs
{
    private readonly Dictionary<(string Namespace, string Name), FeelValue> _values = [];

    /// <summary>No inputs.</summary>
    public static DmnInputs Empty => new();

    /// <summary>The unqualified inputs (main model), in the order given.</summary>
    public IEnumerable<KeyValuePair<string, FeelValue>> Unqualified =>
        _values.Where(v => v.Key.Namespace.Length == 0).Select(v => new KeyValuePair<string, FeelValue>(v.Key.Name, v.Value));

    /// <summary>Creates inputs from a name/value map of the main model.</summary>
    public static DmnInputs From(IEnumerable<KeyValuePair<string, FeelValue>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = new DmnInputs();
        foreach (var (name, value) in values)
        {
            inputs.Set(name, value);
        }

        return inputs;
    }

    /// <summary>Creates inputs from CLR values (converted with <see cref="FeelConvert.FromObject"/>).</summary>
    public static DmnInputs FromObjects(IEnumerable<KeyValuePair<string, object?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return From(values.Select(v => new KeyValuePair<string, FeelValue>(v.Key, FeelConvert.FromObject(v.Value))));
    }

    /// <summary>Sets an input of the main model.</summary>
    public DmnInputs Set(string name, FeelValue value) => Set(null, name, value);

    /// <summary>Sets an input of the model with the given namespace (<see langword="null"/>: the main model).</summary>
    public DmnInputs Set(string? modelNamespace, string name, FeelValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        _values[(modelNamespace ?? "", name)] = value ?? FeelValue.Null;
        return this;
    }

    /// <summary>Looks up a value: first qualified by the namespace, then (for the main model) unqualified.</summary>
    internal bool TryGet(string modelNamespace, string name, bool isMainModel, out FeelValue value)
    {
        if (_values.TryGetValue((modelNamespace, name), out var found) ||
            (isMainModel && _values.TryGetValue(("", name), out found)))
        {
            value = found;
            return true;
        }

        value = FeelValue.Null;
        return false;
    }
}
