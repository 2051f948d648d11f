namespace Amtsweg.Feel;

internal static partial class Builtins
{
    private static void RegisterLists(Registration r)
    {
        r.Add("list contains", ["list", "element"], static (c, a) =>
            a[0] is FeelList list ? Bool(list.Items.Any(i => Operators.ValueEquals(i, a[1]) == true)) : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a list.", "erwartet eine Liste.")));

        r.Add("count", ["list"], static (c, a) => a[0] is FeelList list ? FeelNumber.From(list.Count) : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a list.", "erwartet eine Liste.")));

        AddAggregate(r, "min", static (c, items) => Extreme(c, items, -1));
        AddAggregate(r, "max", static (c, items) => Extreme(c, items, 1));
        AddAggregate(r, "sum", static (c, items) =>
        {
            if (items.Count == 0)
            {
                return FeelValue.Null;
            }

            var numbers = Numbers(items);
            return numbers is null ? c.Fail(new FeelMessage("feel.function-argument", "expects numbers.", "erwartet Zahlen.")) : numbers.Aggregate(FeelNumber.Zero, static (x, y) => x + y);
        });
        AddAggregate(r, "product", static (c, items) =>
        {
            if (items.Count == 0)
            {
                return FeelValue.Null;
            }

            var numbers = Numbers(items);
            return numbers is null ? c.Fail(new FeelMessage("feel.function-argument", "expects numbers.", "erwartet Zahlen.")) : numbers.Aggregate(FeelNumber.One, static (x, y) => x * y);
        });
        AddAggregate(r, "mean", static (c, items) =>
        {
            var numbers = Numbers(items);
            if (numbers is null || numbers.Count == 0)
            {
                return numbers is null ? c.Fail(new FeelMessage("feel.function-argument", "expects numbers.", "erwartet Zahlen.")) : FeelValue.Null;
            }

            return numbers.Aggregate(FeelNumber.Zero, static (x, y) => x + y).DivideBy(FeelNumber.From(numbers.Count))!;
        });
        AddAggregate(r, "median", static (c, items) =>
        {
            var numbers = Numbers(items);
            if (numbers is null || numbers.Count == 0)
            {
                return numbers is null ? c.Fail(new FeelMessage("feel.function-argument", "expects numbers.", "erwartet Zahlen.")) : FeelValue.Null;
            }

            var sorted = numbers.Order().ToList();
            var mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]).DivideBy(FeelNumber.From(2))!;
        });
        AddAggregate(r, "stddev", static (c, items) =>
        {
            var numbers = Numbers(items);
            if (numbers is null || numbers.Count < 2)
            {
                return numbers is null ? c.Fail(new FeelMessage("feel.function-argument", "expects numbers.", "erwartet Zahlen.")) : FeelValue.Null;
            }

            var mean = numbers.Aggregate(FeelNumber.Zero, static (x, y) => x + y).DivideBy(FeelNumber.From(numbers.Count))!;
            var squares = numbers.Aggregate(FeelNumber.Zero, (acc, x) => acc + ((x - mean) * (x - mean)));
            var variance = squares.DivideBy(FeelNumber.From(numbers.Count - 1))!;
            return (FeelValue?)variance.Sqrt() ?? FeelValue.Null;
        });
        AddAggregate(r, "mode", static (c, items) =>
        {
            var numbers = Numbers(items);
            if (numbers is null)
            {
                return c.Fail(new FeelMessage("feel.function-argument", "expects numbers.", "erwartet Zahlen."));
            }

            if (numbers.Count == 0)
            {
                return FeelList.Empty;
            }

            var groups = numbers.GroupBy(static n => n).ToList();
            var most = groups.Max(static g => g.Count());
            return FeelList.Create(groups.Where(g => g.Count() == most).Select(static g => g.Key).Order());
        });
        AddAggregate(r, "all", static (c, items) =>
        {
            if (items.Any(static i => i is FeelBoolean { Value: false }))
            {
                return FeelValue.False;
            }

            return items.All(static i => i is FeelBoolean) ? FeelValue.True : FeelValue.Null;
        });
        AddAggregate(r, "any", static (c, items) =>
        {
            if (items.Any(static i => i is FeelBoolean { Value: true }))
            {
                return FeelValue.True;
            }

            return items.All(static i => i is FeelBoolean) ? FeelValue.False : FeelValue.Null;
        });

        r.Add("sublist", ["list", "start position", "length?"], static (c, a) =>
        {
            if (a[0] is not FeelList list || a[1] is not FeelNumber start || !start.TryToInt32(out var from) || from == 0)
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a list and a non-zero start position.", "erwartet eine Liste und eine Startposition ungleich null."));
            }

            var index = from > 0 ? from - 1 : list.Count + from;
            if (index < 0 || index >= list.Count)
            {
                return c.Fail(new FeelMessage("feel.function-argument", "start position is out of range.", "die Startposition liegt außerhalb des gültigen Bereichs."));
            }

            var length = list.Count - index;
            if (Arg(a, 2) is { } l)
            {
                if (l is not FeelNumber n || !n.TryToInt32(out var take) || take < 0 || index + take > list.Count)
                {
                    return c.Fail(new FeelMessage("feel.function-argument", "length is out of range.", "die Länge liegt außerhalb des gültigen Bereichs."));
                }

                length = take;
            }

            return FeelList.Create(list.Items.Skip(index).Take(length));
        });

        r.Add("append", ["list", "...item?"], static (c, a) =>
            a[0] is FeelList list ? FeelList.Create(list.Items.Concat(a.Skip(1))) : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a list.", "erwartet eine Liste.")));

        r.Add("concatenate", ["...list?"], static (c, a) =>
        {
            var result = new List<FeelValue>();
            foreach (var item in a)
            {
                if (item is not FeelList list)
                {
                    return c.Fail(new FeelMessage("feel.function-argument", "expects lists.", "erwartet Listen."));
                }

                result.AddRange(list.Items);
            }

            return FeelList.Create(result);
        });

        r.Add("insert before", ["list", "position", "newItem"], static (c, a) =>
        {
            if (a[0] is not FeelList list || Position(list, a[1]) is not { } index)
            {
                return NullOrFail(c, a.Take(2).ToList(), new FeelMessage("feel.function-argument", "expects a list and a position within it.", "erwartet eine Liste und eine Position darin."));
            }

            var items = list.Items.ToList();
            items.Insert(index, a[2]);
            return FeelList.Create(items);
        });

        r.Add("remove", ["list", "position"], static (c, a) =>
        {
            if (a[0] is not FeelList list || Position(list, a[1]) is not { } index)
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a list and a position within it.", "erwartet eine Liste und eine Position darin."));
            }

            var items = list.Items.ToList();
            items.RemoveAt(index);
            return FeelList.Create(items);
        });

        r.Add("reverse", ["list"], static (c, a) => a[0] is FeelList list ? FeelList.Create(list.Items.Reverse()) : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a list.", "erwartet eine Liste.")));

        r.Add("index of", ["list", "match"], static (c, a) =>
        {
            if (a[0] is not FeelList list)
            {
                return NullOrFail(c, a.Take(1).ToList(), new FeelMessage("feel.function-argument", "expects a list.", "erwartet eine Liste."));
            }

            var result = new List<FeelValue>();
            for (var i = 0; i < list.Count; i++)
            {
                if (Operators.ValueEquals(list[i], a[1]) == true)
                {
                    result.Add(FeelNumber.From(i + 1));
                }
            }

            return FeelList.Create(result);
        });

        r.Add("union", ["...list?"], static (c, a) =>
        {
            var result = new List<FeelValue>();
            foreach (var item in a)
            {
                if (item is not FeelList list)
                {
                    return c.Fail(new FeelMessage("feel.function-argument", "expects lists.", "erwartet Listen."));
                }

                AddDistinct(result, list.Items);
            }

            return FeelList.Create(result);
        });

        r.Add("distinct values", ["list"], static (c, a) =>
        {
            if (a[0] is not FeelList list)
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a list.", "erwartet eine Liste."));
            }

            var result = new List<FeelValue>();
            AddDistinct(result, list.Items);
            return FeelList.Create(result);
        });

        r.Add("flatten", ["list"], static (c, a) =>
        {
            if (a[0] is not FeelList list)
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a list.", "erwartet eine Liste."));
            }

            var result = new List<FeelValue>();
            Flatten(c, list, result);
            return FeelList.Create(result);
        });

        r.Add("sort", ["list", "precedes?"], static (c, a) =>
        {
            if (a[0] is not FeelList list)
            {
                return NullOrFail(c, a.Take(1).ToList(), new FeelMessage("feel.function-argument", "expects a list.", "erwartet eine Liste."));
            }

            if (Arg(a, 1) is FeelFunction precedes)
            {
                var comparer = Comparer<FeelValue>.Create((x, y) =>
                {
                    if (ReferenceEquals(x, y))
                    {
                        return 0;
                    }

                    if (c.Invoke(precedes, [x, y]) is FeelBoolean { Value: true })
                    {
                        return -1;
                    }

                    if (c.Invoke(precedes, [y, x]) is FeelBoolean { Value: true })
                    {
                        return 1;
                    }

                    return 0;
                });
                var sorted = list.Items.Order(comparer).ToList();
                return FeelList.Create(sorted);
            }

            if (Arg(a, 1) is { IsNull: false })
            {
                return c.Fail(new FeelMessage("feel.function-argument", "precedes must be a function.", "precedes muss eine Funktion sein."));
            }

            if (list.Items.Any(i => Operators.Compare(i, list[0]) is null))
            {
                return c.Fail(new FeelMessage("feel.function-argument", "list items cannot be ordered.", "die Einträge der Liste lassen sich nicht ordnen."));
            }

            return FeelList.Create(list.Items.Order(Comparer<FeelValue>.Create(static (x, y) => Operators.Compare(x, y) ?? 0)));
        });

        r.Add("list replace", ["list", "position", "newItem"], static (c, a) =>
        {
            if (a[0] is not FeelList list)
            {
                return NullOrFail(c, a.Take(1).ToList(), new FeelMessage("feel.function-argument", "expects a list.", "erwartet eine Liste."));
            }

            var items = list.Items.ToList();
            if (a[1] is FeelFunction match)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (c.Invoke(match, [items[i], a[2]]) is FeelBoolean { Value: true })
                    {
                        items[i] = a[2];
                    }
                }

                return FeelList.Create(items);
            }

            if (Position(list, a[1]) is not { } index)
            {
                return c.Fail(new FeelMessage("feel.function-argument", "position is out of range.", "die Position liegt außerhalb des gültigen Bereichs."));
            }

            items[index] = a[2];
            return FeelList.Create(items);
        });
    }

    private static void AddAggregate(Registration r, string name, Func<FeelCallContext, IReadOnlyList<FeelValue>, FeelValue> aggregate)
    {
        r.Add(name, ["list"], (c, a) => ListOrVarargs(a) is { } items ? aggregate(c, items) : FeelValue.Null);
        r.Add(name, ["...c"], (c, a) => ListOrVarargs(a) is { } items ? aggregate(c, items) : FeelValue.Null);
    }

    private static List<FeelNumber>? Numbers(IReadOnlyList<FeelValue> items)
    {
        var result = new List<FeelNumber>(items.Count);
        foreach (var item in items)
        {
            if (item is not FeelNumber n)
            {
                return null;
            }

            result.Add(n);
        }

        return result;
    }

    private static FeelValue Extreme(FeelCallContext c, IReadOnlyList<FeelValue> items, int direction)
    {
        if (items.Count == 0)
        {
            return FeelValue.Null;
        }

        var best = items[0];
        foreach (var item in items.Skip(1))
        {
            var cmp = Operators.Compare(item, best);
            if (cmp is null)
            {
                return c.Fail(new FeelMessage("feel.function-argument", "items cannot be compared.", "die Einträge lassen sich nicht vergleichen."));
            }

            if (cmp * direction > 0)
            {
                best = item;
            }
        }

        return Operators.Compare(best, best) is null ? c.Fail(new FeelMessage("feel.function-argument", "items cannot be compared.", "die Einträge lassen sich nicht vergleichen.")) : best;
    }

    /// <summary>A 1-based (or negative, from the end) position as a zero-based index, if within the list.</summary>
    private static int? Position(FeelList list, FeelValue position)
    {
        if (position is not FeelNumber n || !n.TryToInt32(out var p) || p == 0 || Math.Abs((long)p) > list.Count)
        {
            return null;
        }

        return p > 0 ? p - 1 : list.Count + p;
    }

    private static void AddDistinct(List<FeelValue> result, IEnumerable<FeelValue> items)
    {
        foreach (var item in items)
        {
            if (!result.Any(existing => Operators.ValueEquals(existing, item) == true))
            {
                result.Add(item);
            }
        }
    }

    private static void Flatten(FeelCallContext c, FeelList list, List<FeelValue> result)
    {
        c.Evaluation.EnsureStack();
        foreach (var item in list.Items)
        {
            if (item is FeelList inner)
            {
                Flatten(c, inner, result);
            }
            else
            {
                result.Add(item);
            }
        }
    }
}
