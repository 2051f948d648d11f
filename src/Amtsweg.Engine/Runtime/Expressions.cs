using System.Collections.Concurrent;
using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Evaluates BPMN expressions in the Camunda convention (<c>=</c> means FEEL, anything else is a literal) against the
/// variables of an execution. Every failure becomes an <see cref="IncidentException"/> naming the element; its
/// message is German (the FEEL library's German texts), because incidents are read by clerks and operators of German
/// town halls.
/// </summary>
internal sealed class Expressions(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, FeelExpression> _parsed = new(StringComparer.Ordinal);

    public FeelValue Evaluate(BpmnExpression expression, FeelScope scope, string elementId)
    {
        if (!expression.IsFeel)
        {
            return new FeelString(expression.Text);
        }

        return EvaluateFeel(expression.Text, scope, elementId);
    }

    public FeelValue EvaluateFeel(string text, FeelScope scope, string elementId)
    {
        FeelExpression parsed;
        try
        {
            parsed = _parsed.GetOrAdd(text, static t => FeelParser.ParseExpression(t));
        }
        catch (FeelSyntaxException e)
        {
            throw new IncidentException(IncidentTypes.ExpressionFailed, elementId, DoesNotParse(text, e));
        }

        var result = parsed.Evaluate(scope, new FeelEvaluationOptions { Clock = clock });
        if (result.HasError)
        {
            throw new IncidentException(IncidentTypes.ExpressionFailed, elementId, $"Der FEEL-Ausdruck '{text}' ist fehlgeschlagen: {Describe(result)}.");
        }

        return result.Value;
    }

    /// <summary>Evaluates a condition; anything but true or false is an incident (as in Camunda 8).</summary>
    public bool EvaluateCondition(BpmnExpression expression, FeelScope scope, string elementId)
    {
        if (!expression.IsFeel)
        {
            throw new IncidentException(IncidentTypes.ExpressionFailed, elementId, $"Die Bedingung '{expression.Raw}' ist kein FEEL-Ausdruck (sie muss mit '=' beginnen).");
        }

        var parsed = Parse(expression.Text, elementId);
        var result = parsed.Evaluate(scope, new FeelEvaluationOptions { Clock = clock });
        return result.Value is FeelBoolean boolean && !result.HasError
            ? boolean.Value
            : throw new IncidentException(
                IncidentTypes.ExpressionFailed,
                elementId,
                $"Die Bedingung '{expression.Text}' muss wahr oder falsch ergeben, ergab aber {result.Value.ToFeelString()}{(result.Diagnostics.Count == 0 ? string.Empty : ": " + Describe(result))}.");
    }

    private FeelExpression Parse(string text, string elementId)
    {
        try
        {
            return _parsed.GetOrAdd(text, static t => FeelParser.ParseExpression(t));
        }
        catch (FeelSyntaxException e)
        {
            throw new IncidentException(IncidentTypes.ExpressionFailed, elementId, DoesNotParse(text, e));
        }
    }

    private static string DoesNotParse(string text, FeelSyntaxException e) => $"Der FEEL-Ausdruck '{text}' ist syntaktisch falsch: {e.MessageGerman}";

    private static string Describe(FeelResult result) => string.Join("; ", result.Diagnostics.Select(d => d.MessageGerman.TrimEnd('.')));
}
