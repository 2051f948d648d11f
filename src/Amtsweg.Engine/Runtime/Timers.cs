using System.Globalization;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Validation;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>When a timer is due: its first due time and, for cycles, the repetitions and interval.</summary>
internal readonly record struct TimerSchedule(DateTimeOffset DueAt, int? RepeatCount, string? RepeatInterval);

/// <summary>Computes timer due times from <c>timeDate</c>, <c>timeDuration</c> and <c>timeCycle</c> (ISO 8601 or FEEL).</summary>
internal static class Timers
{
    public static TimerSchedule Schedule(TimerEventDefinition timer, DateTimeOffset now, Expressions expressions, FeelScope scope, string elementId)
    {
        if (timer.TimeDuration is { } duration)
        {
            var value = expressions.Evaluate(duration.Expression, scope, elementId);
            return new TimerSchedule(Add(now, value, elementId), null, null);
        }

        if (timer.TimeDate is { } date)
        {
            var value = expressions.Evaluate(date.Expression, scope, elementId);
            return new TimerSchedule(ToDateTime(value, elementId), null, null);
        }

        if (timer.TimeCycle is { } cycle)
        {
            var value = expressions.Evaluate(cycle.Expression, scope, elementId);
            if (value is not FeelString { Value: var text })
            {
                throw Fail(elementId, $"Der Zeitzyklus von '{elementId}' muss ein Wiederholungsintervall nach ISO 8601 sein (z. B. R3/PT10M), war aber {value.ToFeelString()}.");
            }

            return ParseCycle(text.Trim(), now, elementId);
        }

        throw Fail(elementId, $"Das Zeitereignis '{elementId}' hat weder Zeitpunkt noch Dauer noch Zyklus.");
    }

    /// <summary>The next due time of a repeating timer after it fired at <paramref name="firedAt"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset firedAt, string interval, string elementId) =>
        Add(firedAt, new FeelString(interval), elementId);

    private static TimerSchedule ParseCycle(string text, DateTimeOffset now, string elementId)
    {
        // A literal cron cycle is refused at deployment (RuntimeSupport); one computed by FEEL is only known here.
        if (TimerExpressionSyntax.IsCron(text))
        {
            throw Fail(elementId, $"Der Zeitzyklus „{text}“ von '{elementId}' ist ein Cron-Ausdruck; die Prozess-Engine versteht nur Wiederholungsintervalle nach ISO 8601 (z. B. R/P1D oder R3/PT10M).");
        }

        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R'))
        {
            throw Fail(elementId, $"Der Zeitzyklus „{text}“ von '{elementId}' ist kein Wiederholungsintervall nach ISO 8601 (z. B. R3/PT10M).");
        }

        var repeat = parts[0].Length == 1 ? -1
            : int.TryParse(parts[0][1..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count
            : throw Fail(elementId, $"Die Anzahl der Wiederholungen im Zeitzyklus „{text}“ von '{elementId}' ist keine Zahl.");
        var interval = parts[^1];
        var start = parts.Length == 3 ? ToDateTime(new FeelString(parts[1]), elementId) : now;
        var first = parts.Length == 3 ? start : Add(now, new FeelString(interval), elementId);

        // The first firing is one of the repetitions.
        var remaining = repeat < 0 ? -1 : repeat - 1;
        return repeat == 0
            ? throw Fail(elementId, $"Der Zeitzyklus „{text}“ von '{elementId}' löst nie aus (null Wiederholungen).")
            : new TimerSchedule(first, remaining, interval);
    }

    private static DateTimeOffset Add(DateTimeOffset now, FeelValue value, string elementId)
    {
        switch (value)
        {
            case FeelDaysTimeDuration days when days.ToTimeSpan() is { } span:
                return now + span;
            case FeelYearsMonthsDuration months:
                return now.AddMonths((int)months.TotalMonths);
            case FeelString { Value: var text }:
                if (FeelDaysTimeDuration.Parse(text.Trim()) is { } parsedDays && parsedDays.ToTimeSpan() is { } parsedSpan)
                {
                    return now + parsedSpan;
                }

                if (FeelYearsMonthsDuration.Parse(text.Trim()) is { } parsedMonths)
                {
                    return now.AddMonths((int)parsedMonths.TotalMonths);
                }

                throw Fail(elementId, $"Die Dauer „{text}“ des Zeitereignisses '{elementId}' ist keine Dauer nach ISO 8601 (z. B. PT5M oder P1D).");
            default:
                throw Fail(elementId, $"Die Dauer des Zeitereignisses '{elementId}' muss eine Dauer sein, war aber {value.ToFeelString()}.");
        }
    }

    private static DateTimeOffset ToDateTime(FeelValue value, string elementId)
    {
        switch (value)
        {
            case FeelDateTime dateTime when dateTime.ToDateTimeOffset() is { } offset:
                return offset.ToUniversalTime();
            case FeelDateTime dateTime when !dateTime.HasTimeZone && FeelConvert.ToObject(dateTime) is DateTime local:
                return new DateTimeOffset(local, TimeSpan.Zero);
            case FeelString { Value: var text } when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed):
                return parsed;
            default:
                throw Fail(elementId, $"Der Zeitpunkt des Zeitereignisses '{elementId}' muss ein Zeitpunkt nach ISO 8601 sein, war aber {value.ToFeelString()}.");
        }
    }

    private static IncidentException Fail(string elementId, string message) =>
        new(IncidentTypes.ExpressionFailed, elementId, message);
}
