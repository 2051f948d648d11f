using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Decisions.Model.Expressions;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Compilation;

/// <summary>
/// A boxed context: entries evaluated in order, each seeing the earlier ones (and itself, so that a function entry can
/// recurse); the value is the context, or the value of an unnamed final result entry.
/// </summary>
internal sealed class ContextNode(IReadOnlyList<ContextNode.Entry> entries, bool hasResult, string? id, SourceLocation location) : Node(id, location)
{
    public static ContextNode Compile(ContextExpression context, CompileScope scope, string? id, SourceLocation location)
    {
        var inner = scope.With(context.Entries.Select(e => e.Variable?.Name ?? ""));
        var compiled = new List<Entry>();
        for (var i = 0; i < context.Entries.Count; i++)
        {
            var entry = context.Entries[i];
            if (entry.Variable is null && i != context.Entries.Count - 1)
            {
                throw new DmnModelException(DmnTexts.UnnamedContextEntry(), id, location);
            }

            var type = entry.Variable is null ? null : scope.Compiler.ResolveType(scope.Unit, entry.Variable.TypeRef, entry.Variable.Id ?? id, entry.Variable.Location);
            compiled.Add(new Entry(entry.Variable?.Name, type, scope.Compiler.CompileExpression(entry.Expression, inner, entry.Variable?.Id ?? id, location)));
        }

        var hasResult = context.Entries.Count > 0 && context.Entries[^1].Variable is null;
        return new ContextNode(compiled, hasResult, id, location);
    }

    public override FeelValue Evaluate(FeelScope scope, EvaluationRun run)
    {
        var inner = new FeelScope(scope);
        var values = new List<KeyValuePair<string, FeelValue>>(entries.Count);
        foreach (var entry in entries)
        {
            var value = entry.Value.Evaluate(inner, run);
            if (entry.Name is null)
            {
                return value;
            }

            value = TypeCheck.Conform(value, entry.Type, DmnSubject.ContextEntry(entry.Name), run, Id, Location);
            inner.Set(entry.Name, value);
            values.Add(new KeyValuePair<string, FeelValue>(entry.Name, value));
        }

        return hasResult ? FeelValue.Null : FeelContext.Create(values);
    }

    internal sealed record Entry(string? Name, FeelType? Type, Node Value);
}
