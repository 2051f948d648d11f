using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Decisions.Model.Expressions;

namespace Amtsweg.Decisions;

/// <summary>
/// What keeps a DMN file from being deployed, and what is worth a warning, for a designer while editing and for a
/// deployment: the file must read (well-formed XML, a DMN model, known hit policy), every id must be unique, every
/// required element must exist, and every FEEL text must parse (input expressions, input entries, output entries, literal
/// expressions). Evaluation treats a FEEL syntax error as null at run time, as the TCK expects; a deployment refuses it.
/// </summary>
public static class DmnCheck
{
    /// <summary>The codes of FEEL syntax errors, which compiling reports as warnings and a deployment refuses.</summary>
    public static IReadOnlySet<string> FeelSyntaxCodes { get; } = new HashSet<string>(StringComparer.Ordinal) { "dmn.feel-syntax-error", "dmn.feel-unary-tests-syntax-error" };

    /// <summary>Reads and checks a DMN file; a file that does not read gives one problem with its line.</summary>
    public static IReadOnlyList<DmnCheckProblem> Check(string xml)
    {
        DmnDefinitions definitions;
        try
        {
            definitions = DmnParser.ParseText(xml);
        }
        catch (DmnModelException e)
        {
            return [Unreadable(e)];
        }

        return Check(definitions);
    }

    /// <summary>Checks a DMN model that was read already.</summary>
    public static IReadOnlyList<DmnCheckProblem> Check(DmnDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<DmnCheckProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, decisionId, location) in Ids(definitions))
        {
            if (decisionId is not null)
            {
                owners.TryAdd(id, decisionId);
            }

            if (!seen.Add(id))
            {
                var text = DmnTexts.DuplicateId(id);
                problems.Add(new DmnCheckProblem(text.Code, DmnMessageSeverity.Error, decisionId, id, null, location, text.German, text.English));
            }
        }

        if (problems.Count > 0)
        {
            // Compiling stops at the first duplicate element; the duplicates are what the designer must fix first.
            return problems;
        }

        DmnModel model;
        try
        {
            model = DmnEngine.Compile(definitions);
        }
        catch (DmnModelException e)
        {
            return [new DmnCheckProblem(e.Code, DmnMessageSeverity.Error, e.ElementId is { } element ? owners.GetValueOrDefault(element) : null, e.ElementId, null, e.Location, e.ReasonGerman, e.Reason)];
        }

        foreach (var message in model.CompileMessages)
        {
            var severity = FeelSyntaxCodes.Contains(message.Code) ? DmnMessageSeverity.Error : message.Severity;
            var decisionId = message.ElementId is { } element ? owners.GetValueOrDefault(element) : null;
            problems.Add(new DmnCheckProblem(message.Code, severity, decisionId, message.ElementId, message.ColumnId, message.Location, message.TextGerman, message.Text));
        }

        return problems;
    }

    private static DmnCheckProblem Unreadable(DmnModelException e)
    {
        // The XML reader's own reason is English: the German message says where, which is what a designer can act on.
        var german = e.Code == "dmn.invalid-xml"
            ? e.Location.Line > 0
                ? $"Die DMN-Datei ist kein lesbares XML: Der Fehler steht in Zeile {e.Location.Line}, Spalte {e.Location.Column}."
                : "Die DMN-Datei ist kein lesbares XML."
            : e.MessageGerman;
        return new DmnCheckProblem(e.Code, DmnMessageSeverity.Error, null, e.ElementId, null, e.Location, german, e.Message);
    }

    // Every id of the file with the decision it belongs to (null for input data, knowledge models and services).
    private static IEnumerable<(string Id, string? DecisionId, SourceLocation Location)> Ids(DmnDefinitions definitions)
    {
        foreach (var element in definitions.InputData.Concat<DrgElement>(definitions.BusinessKnowledgeModels).Concat(definitions.DecisionServices))
        {
            yield return (element.Id, null, element.Location);
            if (element is BusinessKnowledgeModel { EncapsulatedLogic: { } logic })
            {
                foreach (var id in ExpressionIds(logic, element.Location))
                {
                    yield return (id.Id, null, id.Location);
                }
            }
        }

        foreach (var decision in definitions.Decisions)
        {
            yield return (decision.Id, decision.Id, decision.Location);
            foreach (var id in ExpressionIds(decision.Expression, decision.Location))
            {
                yield return (id.Id, decision.Id, id.Location);
            }
        }
    }

    private static IEnumerable<(string Id, SourceLocation Location)> ExpressionIds(DmnExpression? expression, SourceLocation owner)
    {
        if (expression is null)
        {
            yield break;
        }

        var location = expression.Location.Line > 0 ? expression.Location : owner;
        if (expression.Id is { } own)
        {
            yield return (own, location);
        }

        IEnumerable<DmnExpression?> children = expression switch
        {
            DecisionTable table => [],
            ContextExpression context => context.Entries.Select(e => e.Expression),
            Invocation invocation => invocation.Bindings.Select(b => b.Expression).Prepend(invocation.CalledFunction),
            FunctionDefinition function => [function.Body],
            Relation relation => relation.Rows.SelectMany(r => r),
            ListExpression list => list.Items,
            Conditional conditional => [conditional.If, conditional.Then, conditional.Else],
            Filter filter => [filter.In, filter.Match],
            Model.Expressions.Iterator iterator => [iterator.In, iterator.Body],
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var id in ExpressionIds(child, location))
            {
                yield return id;
            }
        }

        if (expression is DecisionTable decisionTable)
        {
            foreach (var input in decisionTable.Inputs)
            {
                if (input.Id is { } inputId)
                {
                    yield return (inputId, input.Expression.Location.Line > 0 ? input.Expression.Location : location);
                }

                if (input.Expression.Id is { } expressionId)
                {
                    yield return (expressionId, input.Expression.Location.Line > 0 ? input.Expression.Location : location);
                }
            }

            foreach (var output in decisionTable.Outputs.Where(o => o.Id is not null))
            {
                yield return (output.Id!, location);
            }

            foreach (var rule in decisionTable.Rules.Where(r => r.Id is not null))
            {
                yield return (rule.Id!, rule.Location);
            }
        }
    }
}

/// <summary>One problem <see cref="DmnCheck"/> found.</summary>
/// <param name="Code">A stable code (<c>dmn.*</c>).</param>
/// <param name="Severity">An error keeps the file from being deployed; a warning does not.</param>
/// <param name="DecisionId">The decision the problem is in, if it is in one.</param>
/// <param name="ElementId">The element: the decision, its decision table or literal expression, an input column or a rule.</param>
/// <param name="ColumnId">For a table cell (<paramref name="ElementId"/> is its rule): its input or output column; otherwise null.</param>
/// <param name="Location">Where in the file.</param>
/// <param name="TextGerman">What is wrong, in German.</param>
/// <param name="Text">What is wrong, in English.</param>
public sealed record DmnCheckProblem(
    string Code,
    DmnMessageSeverity Severity,
    string? DecisionId,
    string? ElementId,
    string? ColumnId,
    SourceLocation Location,
    string TextGerman,
    string Text);
