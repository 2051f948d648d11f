using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Decisions.Model.Expressions;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Compilation;

/// <summary>
/// A compiled decision table: input expressions, rules as unary tests and output expressions, and the hit policy.
/// Records the rules that decided the result in the evaluation run.
/// </summary>
internal sealed class DecisionTableNode : Node
{
    private readonly DecisionTable _table;
    private readonly IReadOnlyList<InputColumn> _inputs;
    private readonly IReadOnlyList<OutputColumn> _outputs;
    private readonly IReadOnlyList<RuleRow> _rules;

    private DecisionTableNode(DecisionTable table, IReadOnlyList<InputColumn> inputs, IReadOnlyList<OutputColumn> outputs, IReadOnlyList<RuleRow> rules, string? id, SourceLocation location)
        : base(id, location)
    {
        _table = table;
        _inputs = inputs;
        _outputs = outputs;
        _rules = rules;
    }

    public static DecisionTableNode Compile(DecisionTable table, CompileScope scope, string? id, SourceLocation location)
    {
        var compiler = scope.Compiler;
        var inputs = table.Inputs.Select(input => new InputColumn(
            input.Expression.Text,
            input.Label ?? input.Expression.Text,
            CompiledExpression.Compile(input.Expression.Text, scope, input.Id ?? id, input.Expression.Location),
            input.InputValues is null ? null : CompiledTests.Compile(input.InputValues, scope, input.Id ?? id, input.Expression.Location))).ToList();

        var outputs = new List<OutputColumn>();
        foreach (var output in table.Outputs)
        {
            // The table's own type describes its whole result: one output value only for single-hit policies and aggregations.
            var singleResult = table.HitPolicy is HitPolicy.Unique or HitPolicy.Any or HitPolicy.Priority or HitPolicy.First || table.Aggregation is not null;
            var typeRef = output.TypeRef ?? (table.Outputs.Count == 1 && singleResult ? table.TypeRef : null);
            var type = compiler.ResolveType(scope.Unit, typeRef, output.Id ?? id, location);
            var valuesText = output.OutputValues ?? (type as ItemDefinitionType)?.Definition.AllowedValues;
            var priorities = valuesText is null
                ? []
                : UnaryTestsText.Split(valuesText).Select(t => CompiledTests.Compile(t, scope, output.Id ?? id, location)).ToList();
            outputs.Add(new OutputColumn(
                output.Name ?? output.Label ?? "",
                type,
                output.OutputValues is null ? null : CompiledTests.Compile(output.OutputValues, scope, output.Id ?? id, location),
                priorities,
                output.DefaultOutputEntry is null ? null : CompiledExpression.Compile(output.DefaultOutputEntry, scope, output.Id ?? id, location)));
        }

        if (outputs.Count > 1 && outputs.Any(o => o.Name.Length == 0))
        {
            throw new DmnModelException(DmnTexts.UnnamedOutput(), id, location);
        }

        // A cell's message names its rule and its column, so that an editor can mark the cell itself.
        var rules = table.Rules.Select(rule => new RuleRow(
            rule,
            rule.InputEntries.Select((e, i) => CompiledTests.Compile(e, scope, rule.Id ?? id, rule.Location, i < table.Inputs.Count ? table.Inputs[i].Id : null)).ToList(),
            rule.OutputEntries.Select((e, i) => CompiledExpression.Compile(e, scope, rule.Id ?? id, rule.Location, i < table.Outputs.Count ? table.Outputs[i].Id : null)).ToList())).ToList();

        return new DecisionTableNode(table, inputs, outputs, rules, id, location);
    }

    public override FeelValue Evaluate(FeelScope scope, EvaluationRun run)
    {
        var values = new FeelValue[_inputs.Count];
        for (var i = 0; i < _inputs.Count; i++)
        {
            var input = _inputs[i];
            values[i] = input.Expression.Evaluate(scope, run);
            if (input.AllowedValues is { } allowed && !allowed.Test(values[i], scope, run))
            {
                run.Error(DmnTexts.InputValueNotAllowed(values[i].ToString(), input.Label, allowed.Text), Id, Location);
                return FeelValue.Null;
            }
        }

        var matched = new List<RuleRow>();
        foreach (var rule in _rules)
        {
            if (run.Aborted)
            {
                return FeelValue.Null;
            }

            var all = true;
            for (var i = 0; i < values.Length && all; i++)
            {
                all = rule.InputEntries[i].Test(values[i], scope, run);
            }

            if (all)
            {
                matched.Add(rule);
            }
        }

        if (matched.Count == 0)
        {
            return NoMatch(scope, run);
        }

        var hits = matched.Select(rule => new Hit(rule, Outputs(rule, scope, run))).ToList();
        return _table.HitPolicy switch
        {
            HitPolicy.Unique when hits.Count > 1 => Violation(DmnTexts.UniqueViolated(Numbers(hits)), run),
            HitPolicy.Unique or HitPolicy.First => Single(hits[0], values, run),
            HitPolicy.Any => hits.Skip(1).All(h => h.Value.Equals(hits[0].Value))
                ? Single(hits[0], values, run, hits)
                : Violation(DmnTexts.AnyViolated(Numbers(hits)), run),
            HitPolicy.Priority => Single(ByPriority(hits, scope, run)[0], values, run),
            HitPolicy.RuleOrder => Many(hits, values, run),
            HitPolicy.OutputOrder => Many(ByPriority(hits, scope, run), values, run),
            HitPolicy.Collect => Collect(hits, values, run),
            _ => Violation(DmnTexts.HitPolicyNotEvaluable(_table.HitPolicy.ToString()), run),
        };
    }

    private FeelValue Outputs(RuleRow rule, FeelScope scope, EvaluationRun run)
    {
        var outputs = new KeyValuePair<string, FeelValue>[_outputs.Count];
        for (var i = 0; i < _outputs.Count; i++)
        {
            var column = _outputs[i];
            var value = TypeCheck.Conform(rule.OutputEntries[i].Evaluate(scope, run), column.Type, DmnSubject.RuleOutput(column.Name, rule.Rule.Index), run, rule.Rule.Id ?? Id, rule.Rule.Location);
            if (column.AllowedValues is { } allowed && !value.IsNull && !allowed.Test(value, scope, run))
            {
                run.Error(DmnTexts.OutputValueNotAllowed(value.ToString(), rule.Rule.Index, column.Name, allowed.Text), rule.Rule.Id ?? Id, rule.Rule.Location);
                value = FeelValue.Null;
            }

            outputs[i] = new KeyValuePair<string, FeelValue>(column.Name, value);
        }

        return _outputs.Count == 1 ? outputs[0].Value : FeelContext.Create(outputs);
    }

    private FeelValue NoMatch(FeelScope scope, EvaluationRun run)
    {
        if (_outputs.All(o => o.Default is null))
        {
            // Collecting nothing is an empty list, counting nothing is 0 (as Drools, the reference for many TCK cases);
            // every other policy gives null.
            return (_table.HitPolicy, _table.Aggregation) switch
            {
                (HitPolicy.Collect, null) => FeelList.Empty,
                (HitPolicy.Collect, BuiltinAggregator.Count) => FeelNumber.Zero,
                _ => FeelValue.Null,
            };
        }

        var defaults = _outputs
            .Select(o => new KeyValuePair<string, FeelValue>(o.Name, o.Default is null ? FeelValue.Null : TypeCheck.Conform(o.Default.Evaluate(scope, run), o.Type, DmnSubject.OutputDefault(o.Name), run, Id, Location)))
            .ToList();
        return _outputs.Count == 1 ? defaults[0].Value : FeelContext.Create(defaults);
    }

    private FeelValue Single(Hit hit, FeelValue[] values, EvaluationRun run, IReadOnlyList<Hit>? alsoRecord = null)
    {
        foreach (var h in alsoRecord ?? [hit])
        {
            Record(h, values, run);
        }

        return hit.Value;
    }

    private FeelList Many(IReadOnlyList<Hit> hits, FeelValue[] values, EvaluationRun run)
    {
        foreach (var hit in hits)
        {
            Record(hit, values, run);
        }

        return FeelList.Create(hits.Select(h => h.Value).ToList());
    }

    private FeelValue Collect(List<Hit> hits, FeelValue[] values, EvaluationRun run)
    {
        if (_table.Aggregation is not { } aggregation)
        {
            return Many(hits, values, run);
        }

        if (_outputs.Count > 1)
        {
            return Violation(DmnTexts.AggregationNeedsOneOutput(), run);
        }

        foreach (var hit in hits)
        {
            Record(hit, values, run);
        }

        var outputs = hits.Select(h => h.Value).ToList();
        return aggregation switch
        {
            BuiltinAggregator.Count => FeelNumber.From(outputs.Count),
            BuiltinAggregator.Sum => Sum(outputs, run),
            BuiltinAggregator.Min => Extreme(outputs, run, wantMax: false),
            BuiltinAggregator.Max => Extreme(outputs, run, wantMax: true),
            _ => Violation(DmnTexts.AggregationNotEvaluable(aggregation.ToString()), run),
        };
    }

    private FeelValue Sum(List<FeelValue> outputs, EvaluationRun run)
    {
        var sum = FeelNumber.Zero;
        foreach (var value in outputs)
        {
            if (value is not FeelNumber number)
            {
                return Violation(DmnTexts.SumNotNumber(value.ToString()), run);
            }

            sum += number;
        }

        return sum;
    }

    private FeelValue Extreme(List<FeelValue> outputs, EvaluationRun run, bool wantMax)
    {
        FeelValue? best = null;
        foreach (var value in outputs)
        {
            var order = best is null ? (int?)null : Compare(value, best);
            if (best is null)
            {
                best = value;
            }
            else if (order is null)
            {
                return Violation(DmnTexts.CannotCompare(wantMax ? "C>" : "C<", value.ToString(), best.ToString()), run);
            }
            else if (wantMax ? order > 0 : order < 0)
            {
                best = value;
            }
        }

        return best ?? FeelValue.Null;
    }

    private static int? Compare(FeelValue a, FeelValue b) => (a, b) switch
    {
        (FeelNumber x, FeelNumber y) => FeelNumber.Compare(x, y),
        (FeelString x, FeelString y) => x.CompareTo(y),
        (FeelDate x, FeelDate y) => x.CompareTo(y),
        (FeelDateTime x, FeelDateTime y) => x.CompareTo(y),
        (FeelTime x, FeelTime y) => FeelTime.Compare(x, y),
        (FeelDaysTimeDuration x, FeelDaysTimeDuration y) => x.CompareTo(y),
        (FeelYearsMonthsDuration x, FeelYearsMonthsDuration y) => x.CompareTo(y),
        _ => null,
    };

    /// <summary>Sorts hits by output priority: for each output in order, the position of the first output value the rule's output satisfies.</summary>
    private List<Hit> ByPriority(List<Hit> hits, FeelScope scope, EvaluationRun run)
    {
        if (_outputs.All(o => o.Priorities.Count == 0))
        {
            run.Warn(DmnTexts.PriorityWithoutOutputValues(), Id, Location);
            return hits;
        }

        int[] Rank(Hit hit) => _outputs.Select((column, i) =>
        {
            var value = _outputs.Count == 1 ? hit.Value : ((FeelContext)hit.Value)[column.Name];
            for (var p = 0; p < column.Priorities.Count; p++)
            {
                if (column.Priorities[p].Test(value, scope, run))
                {
                    return p;
                }
            }

            return column.Priorities.Count;
        }).ToArray();

        var ranked = hits.Select(h => (Hit: h, Rank: Rank(h))).ToList();

        // A stable sort keeps rule order among equal priorities.
        return ranked
            .OrderBy(r => r.Rank, Comparer<int[]>.Create(static (a, b) =>
            {
                for (var i = 0; i < a.Length; i++)
                {
                    var c = a[i].CompareTo(b[i]);
                    if (c != 0)
                    {
                        return c;
                    }
                }

                return 0;
            }))
            .Select(r => r.Hit)
            .ToList();
    }

    private void Record(Hit hit, FeelValue[] values, EvaluationRun run)
    {
        var rule = hit.Rule.Rule;
        var inputs = _inputs.Select((input, i) => new MatchedInput(input.Text, values[i], rule.InputEntries[i])).ToList();
        var outputs = _outputs.Count == 1
            ? [new KeyValuePair<string, FeelValue>(_outputs[0].Name, hit.Value)]
            : ((FeelContext)hit.Value).Entries.ToList();
        run.RecordRule(new MatchedRule(Id, rule.Id, rule.Index, inputs, outputs, rule.AnnotationEntries));
    }

    private FeelValue Violation(DmnText message, EvaluationRun run)
    {
        run.Error(message, Id, Location);
        return FeelValue.Null;
    }

    private static string Numbers(IEnumerable<Hit> hits) => string.Join(", ", hits.Select(h => h.Rule.Rule.Index));

    private sealed record InputColumn(string Text, string Label, CompiledExpression Expression, CompiledTests? AllowedValues);

    private sealed record OutputColumn(string Name, FeelType? Type, CompiledTests? AllowedValues, IReadOnlyList<CompiledTests> Priorities, CompiledExpression? Default);

    private sealed record RuleRow(DecisionRule Rule, IReadOnlyList<CompiledTests> InputEntries, IReadOnlyList<CompiledExpression> OutputEntries);

    private sealed record Hit(RuleRow Rule, FeelValue Value);
}
