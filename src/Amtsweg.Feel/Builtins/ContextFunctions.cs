namespace Amtsweg.Feel;

internal static partial class Builtins
{
    private static void RegisterContexts(Registration r)
    {
        r.Add("get value", ["m", "key"], static (c, a) =>
        {
            if (a[0] is not FeelContext context)
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a context.", "erwartet einen Kontext."));
            }

            switch (a[1])
            {
                case FeelString key:
                    return context[key.Value];
                case FeelList keys:
                    FeelValue current = context;
                    foreach (var k in keys.Items)
                    {
                        if (current is not FeelContext inner || k is not FeelString ks)
                        {
                            return FeelValue.Null;
                        }

                        current = inner[ks.Value];
                    }

                    return current;
                default:
                    return NullOrFail(c, a, new FeelMessage("feel.function-argument", "key must be a string.", "der Schlüssel muss ein Text sein."));
            }
        });

        r.Add("get entries", ["m"], static (c, a) => a[0] is FeelContext context
            ? FeelList.Create(context.Entries.Select(static e => (FeelValue)FeelContext.Of(("key", new FeelString(e.Key)), ("value", e.Value))))
            : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a context.", "erwartet einen Kontext.")));

        r.Add("context", ["entries"], static (c, a) =>
        {
            var items = a[0] switch
            {
                FeelList list => list.Items,
                FeelContext single => [single],
                _ => null,
            };
            if (items is null)
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a list of contexts with 'key' and 'value'.", "erwartet eine Liste von Kontexten mit 'key' und 'value'."));
            }

            var entries = new List<KeyValuePair<string, FeelValue>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                if (item is not FeelContext entry || entry["key"] is not FeelString key || !entry.ContainsKey("value"))
                {
                    return c.Fail(new FeelMessage("feel.function-argument", "each entry needs a string 'key' and a 'value'.", "Jeder Eintrag braucht einen Text 'key' und einen Wert 'value'."));
                }

                if (!seen.Add(key.Value))
                {
                    return c.Fail(new FeelMessage("feel.duplicate-key", $"duplicate key '{key.Value}'.", $"Der Schlüssel '{key.Value}' ist doppelt vorhanden."));
                }

                entries.Add(new(key.Value, entry["value"]));
            }

            return FeelContext.Create(entries);
        });

        r.Add("context put", ["context", "keys", "value"], static (c, a) =>
        {
            if (a[0] is FeelContext single && a[1] is FeelString key)
            {
                return single.With(key.Value, a[2]);
            }

            if (a[0] is not FeelContext context || a[1] is not FeelList { Count: > 0 } keys)
            {
                return NullOrFail(c, a.Take(2).ToList(), new FeelMessage("feel.function-argument", "expects a context and a non-empty list of keys.", "erwartet einen Kontext und eine nicht leere Liste von Schlüsseln."));
            }

            return PutPath(context, keys.Items, 0, a[2]) ?? c.Fail(new FeelMessage("feel.function-argument", "keys must be strings.", "die Schlüssel müssen Texte sein."));
        });

        r.Add("context put", ["context", "key", "value"], static (c, a) =>
        {
            if (a[0] is not FeelContext context)
            {
                return NullOrFail(c, a.Take(1).ToList(), new FeelMessage("feel.function-argument", "expects a context.", "erwartet einen Kontext."));
            }

            return a[1] switch
            {
                FeelString key => context.With(key.Value, a[2]),
                _ => c.Fail(new FeelMessage("feel.function-argument", "key must be a string (use 'keys' for a path).", "der Schlüssel muss ein Text sein (für einen Pfad 'keys' verwenden).")),
            };
        });
        r.Add("context merge", ["contexts"], static (c, a) =>
        {
            if (a[0] is not FeelList list)
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a list of contexts.", "erwartet eine Liste von Kontexten."));
            }

            var result = FeelContext.Empty;
            foreach (var item in list.Items)
            {
                if (item is not FeelContext context)
                {
                    return c.Fail(new FeelMessage("feel.function-argument", "expects a list of contexts.", "erwartet eine Liste von Kontexten."));
                }

                foreach (var (key, value) in context.Entries)
                {
                    result = result.With(key, value);
                }
            }

            return result;
        });
    }

    private static FeelContext? PutPath(FeelContext context, IReadOnlyList<FeelValue> keys, int index, FeelValue value)
    {
        if (keys[index] is not FeelString key)
        {
            return null;
        }

        if (index == keys.Count - 1)
        {
            return context.With(key.Value, value);
        }

        FeelContext inner;
        if (!context.TryGetValue(key.Value, out var existing) || existing.IsNull)
        {
            inner = FeelContext.Empty;
        }
        else if (existing is FeelContext c)
        {
            inner = c;
        }
        else
        {
            return null;
        }

        return PutPath(inner, keys, index + 1, value) is { } updated ? context.With(key.Value, updated) : null;
    }
}
