using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Decisions.Model.Expressions;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Compilation;

/// <summary>A boxed invocation: calls a function (usually a business knowledge model) with arguments bound by parameter name.</summary>
internal sealed class InvocationNode(Node function, IReadOnlyList<KeyValuePair<string, Node>> bindings, string? id, SourceLocation location)
    : Node(id, location)
{
    public static InvocationNode Compile(Invocation invocation, CompileScope scope, string? id, SourceLocation location)
    {
        var function = scope.Compiler.CompileExpression(invocation.CalledFunction, scope, id, location);
        var bindings = invocation.Bindings
            .Select(b => new KeyValuePair<string, Node>(b.Parameter.Name, scope.Compiler.CompileExpression(b.Expression, scope, id, location)))
            .ToList();
        return new InvocationNode(function, bindings, id, location);
    }

    public override FeelValue Evaluate(FeelScope scope, EvaluationRun run)
    {
        if (function.Evaluate(scope, run) is not FeelFunction callee)
        {
            run.Error(DmnTexts.NotAFunction(), Id, Location);
            return FeelValue.Null;
        }

        var parameters = callee.Parameters;
        foreach (var (name, _) in bindings)
        {
            if (!parameters.Any(p => p.Name == name))
            {
                run.Error(DmnTexts.UnknownParameter(callee.Name, name), Id, Location);
                return FeelValue.Null;
            }
        }

        var arguments = parameters
            .Select(p => bindings.FirstOrDefault(b => b.Key == p.Name).Value is { } node ? node.Evaluate(scope, run) : FeelValue.Null)
            .ToList();
        var result = callee.Invoke(arguments, run.FeelOptions);
        run.AddDiagnostics(result, Id, Location);
        return result.Value;
    }
}
