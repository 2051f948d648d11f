namespace Amtsweg.Feel;

/// <summary>A node of the syntax tree. Nodes are immutable; evaluation state lives in the context and environment.</summary>
internal abstract class Node
{
    public abstract FeelValue Eval(EvaluationContext ctx, Env env);
}

internal sealed class LiteralNode(FeelValue value) : Node
{
    public FeelValue Value { get; } = value;

    public override FeelValue Eval(EvaluationContext ctx, Env env) => Value;
}

internal sealed class NameNode(string name, int line = 0, int column = 0) : Node
{
    public string Name { get; } = name;

    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        return env.TryLookup(Name, out var value) ? value : ctx.Fail(new FeelMessage("feel.unknown-name", $"Unknown name '{Name}' (line {line}, column {column}).", $"Unbekannter Name '{Name}' (Zeile {line}, Spalte {column})."));
    }
}

/// <summary><c>@"..."</c>: a date, time, date and time or duration literal.</summary>
internal sealed class TemporalLiteralNode(string text) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env) =>
        Builtins.ParseTemporal(text) ?? ctx.Fail(new FeelMessage("feel.invalid-temporal-literal", $"'{text}' is not a valid date, time, date and time or duration.", $"'{text}' ist kein gültiges Datum, keine gültige Uhrzeit, kein gültiger Zeitpunkt und keine gültige Dauer."));
}

internal sealed class PathNode(Node target, string member) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        var value = target.Eval(ctx, env);
        if (value is FeelList list)
        {
            return FeelList.Wrap([.. list.Items.Select(i => Member(ctx, i))]);
        }

        return Member(ctx, value);
    }

    private FeelValue Member(EvaluationContext ctx, FeelValue value) => value switch
    {
        FeelNull => FeelValue.Null,
        FeelContext c => c.TryGetValue(member, out var v) ? v : FeelValue.Null,
        _ => Properties.Get(value, member) ?? ctx.Fail(new FeelMessage("feel.no-property", $"{Operators.Describe(value)} has no property '{member}'.", $"{Operators.DescribeGermanCapital(value)} hat keine Eigenschaft '{member}'.")),
    };
}

internal sealed class FilterNode(Node target, Node filter) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        var value = target.Eval(ctx, env);
        if (value.IsNull)
        {
            return FeelValue.Null;
        }

        var items = value is FeelList list ? list.Items : [value];
        var result = new List<FeelValue>();
        for (var i = 0; i < items.Count; i++)
        {
            ctx.Step();
            var item = items[i];
            var itemEnv = env.With("item", item);
            if (item is FeelContext c)
            {
                itemEnv = itemEnv.WithContext(c);
            }

            var test = filter.Eval(ctx, itemEnv);
            if (i == 0 && test is FeelNumber index)
            {
                return Index(ctx, items, index);
            }

            if (test is FeelBoolean { Value: true })
            {
                result.Add(item);
            }
        }

        return FeelList.Wrap([.. result]);
    }

    private static FeelValue Index(EvaluationContext ctx, IReadOnlyList<FeelValue> items, FeelNumber index)
    {
        if (!index.TryToInt32(out var i) || i == 0 || Math.Abs((long)i) > items.Count)
        {
            return ctx.Fail(new FeelMessage("feel.index-out-of-range", $"Index {index} is out of range for a list of {items.Count} item(s).", $"Die Position {index} liegt außerhalb einer Liste mit {items.Count} Einträgen."));
        }

        return i > 0 ? items[i - 1] : items[items.Count + i];
    }
}

internal sealed class InvocationNode(Node callee, IReadOnlyList<Node> positional, IReadOnlyList<KeyValuePair<string, Node>>? named) : Node
{
    public Node Callee => callee;

    public IReadOnlyList<Node> Positional => positional;

    public bool HasNamedArguments => named is not null;

    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        var value = callee.Eval(ctx, env);
        if (value is not FeelFunction function)
        {
            return ctx.Fail(callee is NameNode n ? new FeelMessage("feel.not-a-function", $"'{n.Name}' is not a function.", $"'{n.Name}' ist keine Funktion.") : new FeelMessage("feel.not-a-function", $"Cannot invoke {Operators.Describe(value)}.", $"{Operators.DescribeGermanCapital(value)} lässt sich nicht aufrufen."));
        }

        if (named is not null)
        {
            var args = named.Select(a => new KeyValuePair<string, FeelValue>(a.Key, a.Value.Eval(ctx, env))).ToList();
            return Invocation.InvokeNamed(ctx, function, args);
        }

        var values = new FeelValue[positional.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = positional[i].Eval(ctx, env);
        }

        return Invocation.InvokePositional(ctx, function, values);
    }
}

internal sealed class ListNode(IReadOnlyList<Node> items) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        var values = new FeelValue[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = items[i].Eval(ctx, env);
        }

        return FeelList.Wrap(values);
    }
}

internal sealed class ContextNode(IReadOnlyList<KeyValuePair<string, Node>> entries) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();

        // Later entries see earlier ones; functions defined in the context see all of them (recursion).
        var frame = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        var inner = env.WithFrame(frame);
        var ordered = new List<KeyValuePair<string, FeelValue>>(entries.Count);
        foreach (var (key, node) in entries)
        {
            if (frame.ContainsKey(key))
            {
                return ctx.Fail(new FeelMessage("feel.duplicate-context-entry", $"Duplicate context entry '{key}'.", $"Der Kontexteintrag '{key}' ist doppelt vorhanden."));
            }

            var value = node.Eval(ctx, inner);
            frame[key] = value;
            ordered.Add(new(key, value));
        }

        return FeelContext.Create(ordered);
    }
}

/// <summary>A range literal; <paramref name="op"/> marks the unary-test forms <c>(&lt; 10)</c>, <c>(= 10)</c>, <c>(!= 10)</c>.</summary>
internal sealed class RangeNode(bool startIncluded, Node? start, Node? end, bool endIncluded, string? op = null) : Node
{
    public Node? Start => start;

    public Node? End => end;

    public string? Operator => op;

    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        var s = start?.Eval(ctx, env);
        var e = end?.Eval(ctx, env);
        if (op is "=" or "!=")
        {
            return FeelRange.Equality(e!, op == "!=");
        }

        if (s is { IsNull: false } && e is { IsNull: false } && Operators.Compare(s, e) is null)
        {
            return ctx.Fail(new FeelMessage("feel.invalid-range", $"Range endpoints {Operators.Describe(s)} and {Operators.Describe(e)} are not comparable.", $"Die Grenzen {Operators.DescribeGerman(s)} und {Operators.DescribeGerman(e)} lassen sich nicht vergleichen."));
        }

        if ((s is { IsNull: false } && !RangeOps.IsPoint(s)) || (e is { IsNull: false } && !RangeOps.IsPoint(e)))
        {
            return ctx.Fail(new FeelMessage("feel.invalid-range", "Range endpoints must be numbers, strings, dates, times or durations.", "Die Grenzen eines Bereichs müssen Zahlen, Texte, Daten, Uhrzeiten oder Dauern sein."));
        }

        return new FeelRange(startIncluded, s, e, endIncluded);
    }
}

internal sealed class FunctionDefinitionNode(IReadOnlyList<FeelParameter> parameters, Node body, FeelType? returnType) : Node
{
    public override FeelValue Eval(EvaluationContext ctx, Env env)
    {
        ctx.Step();
        var captured = env;
        var signature = new FeelSignature(
            parameters,
            (call, args) =>
            {
                var frame = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
                for (var i = 0; i < parameters.Count; i++)
                {
                    frame[parameters[i].Name] = i < args.Count ? args[i] : FeelValue.Null;
                }

                var result = body.Eval(call.Evaluation, captured.WithFrame(frame));
                if (returnType is not null && !result.IsNull)
                {
                    return Coercion.Coerce(result, returnType) ?? call.Fail(new FeelMessage("feel.function-result", $"result is not a {returnType.Name}.", $"das Ergebnis ist kein Wert vom Typ {returnType.Name}."));
                }

                return result;
            },
            returnType: returnType);
        return new FeelFunction("anonymous", [signature]);
    }
}
