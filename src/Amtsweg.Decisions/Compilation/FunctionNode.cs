using Amtsweg.Decisions.Evaluation;
using Amtsweg.Decisions.Model;
using Amtsweg.Decisions.Model.Expressions;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Compilation;

/// <summary>A boxed function definition: evaluates to a FEEL function that closes over the scope it was defined in.</summary>
internal sealed class FunctionNode(FunctionKind kind, IReadOnlyList<FeelParameter> parameters, FeelType? resultType, Node? body, string? id, SourceLocation location)
    : Node(id, location)
{
    public static FunctionNode Compile(FunctionDefinition function, CompileScope scope, string? id, SourceLocation location)
    {
        var compiler = scope.Compiler;
        var parameters = function.Parameters
            .Select(p => new FeelParameter(p.Name, compiler.ResolveType(scope.Unit, p.TypeRef, p.Id ?? id, p.Location)))
            .ToList();
        if (function.Kind != FunctionKind.Feel)
        {
            compiler.Warn(DmnTexts.FunctionKindNotSupported(function.Kind.ToString()), id, location);
            return new FunctionNode(function.Kind, parameters, null, null, id, location);
        }

        var resultType = compiler.ResolveType(scope.Unit, function.TypeRef, id, location);
        var body = compiler.CompileExpression(function.Body, scope.With(parameters.Select(p => p.Name)), id, location);
        return new FunctionNode(function.Kind, parameters, resultType is ItemDefinitionType { Definition.FunctionItem: not null } ? null : resultType, body, id, location);
    }

    public override FeelValue Evaluate(FeelScope scope, EvaluationRun run) =>
        FeelFunction.Create("function", parameters, (_, arguments) => Call(scope, run, arguments));

    private FeelValue Call(FeelScope closure, EvaluationRun run, IReadOnlyList<FeelValue> arguments)
    {
        if (body is null)
        {
            run.Error(DmnTexts.FunctionKindCalled(kind.ToString()), Id, Location);
            return FeelValue.Null;
        }

        if (!run.Enter("function", Id, Location))
        {
            return FeelValue.Null;
        }

        try
        {
            var scope = new FeelScope(closure);
            for (var i = 0; i < parameters.Count; i++)
            {
                scope.Set(parameters[i].Name, i < arguments.Count ? arguments[i] : FeelValue.Null);
            }

            return TypeCheck.Conform(body.Evaluate(scope, run), resultType, DmnSubject.FunctionResult(), run, Id, Location);
        }
        finally
        {
            run.Exit();
        }
    }
}
