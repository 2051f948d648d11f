using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Decisions.Model.Expressions;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Compilation;

/// <summary>A boxed list: the list of its items' values.</summary>
internal sealed class ListNode(IReadOnlyList<Node> items, string? id, SourceLocation location) : Node(id, location)
{
    public override FeelValue Evaluate(FeelScope scope, EvaluationRun run) =>
        FeelList.Create(items.Select(i => i.Evaluate(scope, run)).ToList());
}

/// <summary>A relation: a list of contexts, one per row, keyed by the column names.</summary>
internal sealed class RelationNode(IReadOnlyList<KeyValuePair<string, FeelType?>> columns, IReadOnlyList<IReadOnlyList<Node>> rows, string? id, SourceLocation location)
    : Node(id, location)
{
    public static RelationNode Compile(Relation relation, CompileScope scope, string? id, SourceLocation location)
    {
        var compiler = scope.Compiler;
        var columns = relation.Columns
            .Select(c => new KeyValuePair<string, FeelType?>(c.Name, compiler.ResolveType(scope.Unit, c.TypeRef, c.Id ?? id, c.Location)))
            .ToList();
        var rows = new List<IReadOnlyList<Node>>();
        foreach (var row in relation.Rows)
        {
            if (row.Count != columns.Count)
            {
                throw new DmnModelException(DmnTexts.RelationRowCells(row.Count, columns.Count), id, location);
            }

            rows.Add(row.Select(cell => compiler.CompileExpression(cell, scope, id, location)).ToList());
        }

        return new RelationNode(columns, rows, id, location);
    }

    public override FeelValue Evaluate(FeelScope scope, EvaluationRun run) =>
        FeelList.Create(rows.Select(row => (FeelValue)FeelContext.Create(columns.Select((column, i) =>
            new KeyValuePair<string, FeelValue>(
                column.Key,
                TypeCheck.Conform(row[i].Evaluate(scope, run), column.Value, DmnSubject.Column(column.Key), run, Id, Location))))).ToList());
}

/// <summary>A boxed conditional: the then-branch if the condition is true, the else-branch if it is false or null, null for any other value.</summary>
internal sealed class ConditionalNode(Node condition, Node then, Node otherwise, string? id, SourceLocation location) : Node(id, location)
{
    public override FeelValue Evaluate(FeelScope scope, EvaluationRun run)
    {
        switch (condition.Evaluate(scope, run))
        {
            case FeelBoolean { Value: true }:
                return then.Evaluate(scope, run);
            case FeelBoolean or FeelNull:
                return otherwise.Evaluate(scope, run);
            case var other:
                run.Error(DmnTexts.ConditionNotBoolean(other.ToString()), Id, Location);
                return FeelValue.Null;
        }
    }
}

/// <summary>A boxed filter: the items for which the match expression is true, each visible as <c>item</c> (and, for contexts, by its entries).</summary>
internal sealed class FilterNode(Node list, Node match, string? id, SourceLocation location) : Node(id, location)
{
    public override FeelValue Evaluate(FeelScope scope, EvaluationRun run)
    {
        var source = list.Evaluate(scope, run);
        if (source.IsNull)
        {
            return FeelValue.Null;
        }

        var items = source is FeelList l ? l.Items : [source];
        var kept = new List<FeelValue>();
        foreach (var item in items)
        {
            var itemScope = item is FeelContext context ? FeelScope.From(context, scope) : new FeelScope(scope);
            itemScope.Set("item", item);
            if (match.Evaluate(itemScope, run) is FeelBoolean { Value: true })
            {
                kept.Add(item);
            }
        }

        return FeelList.Create(kept);
    }
}

/// <summary>A boxed for, some or every over a list (or an integer range).</summary>
internal sealed class IteratorNode(IteratorKind kind, string variable, Node source, Node body, string? id, SourceLocation location) : Node(id, location)
{
    private const int MaxRangeItems = 1_000_000;

    public override FeelValue Evaluate(FeelScope scope, EvaluationRun run)
    {
        var items = Items(source.Evaluate(scope, run), run);
        if (items is null)
        {
            return FeelValue.Null;
        }

        var results = new List<FeelValue>();
        foreach (var item in items)
        {
            results.Add(body.Evaluate(new FeelScope(scope).Set(variable, item), run));
        }

        if (kind == IteratorKind.For)
        {
            return FeelList.Create(results);
        }

        // some and every need a boolean from every item; anything else makes the whole result null.
        if (results.FirstOrDefault(r => r is not FeelBoolean) is { } bad)
        {
            run.Error(DmnTexts.QuantifierNotBoolean(kind.ToString().ToLowerInvariant(), bad.ToString()), Id, Location);
            return FeelValue.Null;
        }

        return kind == IteratorKind.Some
            ? FeelBoolean.Of(results.Any(r => r is FeelBoolean { Value: true }))
            : FeelBoolean.Of(results.All(r => r is FeelBoolean { Value: true }));
    }

    private IReadOnlyList<FeelValue>? Items(FeelValue value, EvaluationRun run)
    {
        switch (value)
        {
            case FeelList list:
                return list.Items;
            case FeelRange { Start: FeelNumber start, End: FeelNumber end } range when start.IsInteger && end.IsInteger:
                var first = start.ToBigInteger() + (range.StartIncluded ? 0 : (start <= end ? 1 : -1));
                var last = end.ToBigInteger() - (range.EndIncluded ? 0 : (start <= end ? 1 : -1));
                var step = first <= last ? 1 : -1;
                var count = System.Numerics.BigInteger.Abs(last - first) + 1;
                if (count > MaxRangeItems)
                {
                    run.Error(DmnTexts.IterationLimit(count, MaxRangeItems), Id, Location);
                    return null;
                }

                var items = new List<FeelValue>();
                for (var i = first; step > 0 ? i <= last : i >= last; i += step)
                {
                    items.Add(FeelNumber.Create(i, 0));
                }

                return items;
            case FeelNull:
                return null;
            default:
                return [value];
        }
    }
}
