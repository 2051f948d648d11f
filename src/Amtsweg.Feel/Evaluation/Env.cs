namespace Amtsweg.Feel;

/// <summary>
/// The lexical environment during evaluation: a chain of immutable frames (for variables, function parameters,
/// context entries seen so far, filter items), then the host's <see cref="FeelScope"/>, then the built-ins.
/// Closures capture an <see cref="Env"/>.
/// </summary>
internal sealed class Env
{
    private readonly Env? _parent;
    private readonly string? _name;
    private readonly FeelValue? _value;
    private readonly IReadOnlyDictionary<string, FeelValue>? _frame;
    private readonly FeelContext? _context;

    private Env(FeelScope? host, Env? parent, string? name, FeelValue? value, IReadOnlyDictionary<string, FeelValue>? frame, FeelContext? contextFrame)
    {
        Host = host;
        _parent = parent;
        _name = name;
        _value = value;
        _frame = frame;
        _context = contextFrame;
    }

    public FeelScope? Host { get; }

    public static Env Root(FeelScope? host) => new(host, null, null, null, null, null);

    public Env With(string name, FeelValue value) => new(Host, this, name, value, null, null);

    public Env WithFrame(IReadOnlyDictionary<string, FeelValue> frame) => new(Host, this, null, null, frame, null);

    public Env WithContext(FeelContext context) => new(Host, this, null, null, null, context);

    public bool TryLookup(string name, out FeelValue value)
    {
        for (var env = this; env is not null; env = env._parent)
        {
            if (env._name is not null && env._name == name)
            {
                value = env._value!;
                return true;
            }

            if (env._frame is not null && env._frame.TryGetValue(name, out var v))
            {
                value = v;
                return true;
            }

            if (env._context is not null && env._context.TryGetValue(name, out var c))
            {
                value = c;
                return true;
            }
        }

        if (Host is not null && Host.TryGet(name, out value))
        {
            return true;
        }

        if (Builtins.All.TryGetValue(name, out var function))
        {
            value = function;
            return true;
        }

        value = FeelValue.Null;
        return false;
    }
}
