using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// Reports timers without a value, with more than one kind of value, or whose value does not fit its kind:
/// <c>timeDate</c> an ISO 8601 date-time, <c>timeDuration</c> an ISO 8601 duration, <c>timeCycle</c> a repeating
/// interval or a cron expression. FEEL values (<c>=</c> ...) are left to the FEEL check.
/// </summary>
internal sealed class TimerExpressionCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        foreach (var timer in context.ExecutableElements.OfType<TimerEventDefinition>())
        {
            var owner = timer.Parent ?? timer;
            var label = BpmnValidationContext.Label(owner);
            var values = new[] { timer.TimeDate, timer.TimeDuration, timer.TimeCycle }.Count(v => v is not null);
            if (values != 1)
            {
                context.Report(
                    BpmnProblemCodes.InvalidTimerExpression,
                    BpmnProblemSeverity.Error,
                    owner,
                    $"Der Timer von {label} braucht genau einen Wert (timeDate, timeDuration oder timeCycle), hat aber {values}.",
                    $"The timer of {label} needs exactly one value (timeDate, timeDuration or timeCycle) but has {values}.");
                continue;
            }

            Check(context, owner, label, timer.TimeDate, "timeDate", TimerExpressionSyntax.IsDateTime, "ein ISO-8601-Zeitpunkt (z. B. 2026-03-01T09:00:00+01:00)", "an ISO 8601 date-time (e.g. 2026-03-01T09:00:00+01:00)");
            Check(context, owner, label, timer.TimeDuration, "timeDuration", TimerExpressionSyntax.IsDuration, "eine ISO-8601-Dauer (z. B. PT10M)", "an ISO 8601 duration (e.g. PT10M)");
            Check(context, owner, label, timer.TimeCycle, "timeCycle", v => TimerExpressionSyntax.IsRepeatingInterval(v) || TimerExpressionSyntax.IsCron(v), "ein ISO-8601-Wiederholungsintervall (z. B. R3/PT10M) oder ein Cron-Ausdruck", "an ISO 8601 repeating interval (e.g. R3/PT10M) or a cron expression");
        }
    }

    private static void Check(BpmnValidationContext context, BpmnElement owner, string label, BpmnFormalExpression? value, string kind, Func<string, bool> isValid, string expectedGerman, string expectedEnglish)
    {
        if (value is null)
        {
            return;
        }

        var expression = value.Expression;
        if (expression.IsFeel ? expression.Text.Length > 0 : isValid(expression.Text))
        {
            return;
        }

        context.Report(
            BpmnProblemCodes.InvalidTimerExpression,
            BpmnProblemSeverity.Error,
            owner.Id,
            value.Line,
            value.Column,
            $"Der Wert '{value.Text.Trim()}' in {kind} von {label} ist ungültig: erwartet wird {expectedGerman} oder ein FEEL-Ausdruck (=...).",
            $"The value '{value.Text.Trim()}' in {kind} of {label} is invalid: expected {expectedEnglish} or a FEEL expression (=...).");
    }
}
