using System.Globalization;
using Amtsweg.Bpmn;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Validation;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// The time to live of a process's history, read at deployment. Camunda 7 models carry it as the attribute
/// <c>camunda:historyTimeToLive</c> on <c>bpmn:process</c> (days as an integer, or an ISO 8601 period of days such as
/// <c>P30D</c>: Camunda accepts only the day notation). Camunda 8 has no per-process time to live (its Operate,
/// Tasklist and Optimize keep history for one global retention period), so a Camunda 8 file names it as an extension
/// property, which Camunda Modeler writes in Camunda 8 mode as
/// <c>&lt;zeebe:properties&gt;&lt;zeebe:property name="amtsweg:historyTimeToLive" value="P30D" /&gt;</c>.
/// A value that is not such a number of days is refused at deployment with the process named.
/// </summary>
internal static class HistoryTimeToLive
{
    /// <summary>The name of the extension property of Camunda 8 files.</summary>
    public const string PropertyName = "amtsweg:historyTimeToLive";

    /// <summary>The stable problem code of a wrong value.</summary>
    public const string ProblemCode = "ENGINE-HISTORY-TTL";

    /// <summary>The longest time to live accepted: 200 years, the longest retention period of the e-file.</summary>
    public const int MaxDays = 200 * 366;

    /// <summary>The days the process's model gives, or null when it gives none; <paramref name="problem"/> is set for a wrong value.</summary>
    public static int? Read(BpmnProcess process, out BpmnProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(process);
        problem = null;
        var values = new List<string>();
        if (process.GetAttribute(BpmnNamespaces.Camunda7 + "historyTimeToLive") is { } attribute)
        {
            values.Add(attribute);
        }

        values.AddRange(process.Zeebe.Properties.Where(p => p.Name == PropertyName).Select(p => p.Value ?? string.Empty));
        if (values.Count == 0)
        {
            return null;
        }

        if (values.FirstOrDefault(v => ParseDays(v) is null) is { } wrong)
        {
            problem = Problem(process, $"Die Aufbewahrungsdauer der Prozesshistorie (historyTimeToLive) des Prozesses '{process.Id}' ist „{wrong}“; erlaubt ist eine Anzahl Tage von 0 bis {MaxDays}, als ganze Zahl (30) oder als Zeitraum nach ISO 8601 (P30D).",
                $"The history time to live (historyTimeToLive) of the process '{process.Id}' is '{wrong}'; expected a number of days from 0 to {MaxDays}, as an integer (30) or an ISO 8601 period (P30D).");
            return null;
        }

        var days = values.Select(v => ParseDays(v)!.Value).Distinct().ToList();
        if (days.Count > 1)
        {
            problem = Problem(process, $"Der Prozess '{process.Id}' gibt zwei verschiedene Aufbewahrungsdauern der Prozesshistorie an ({string.Join(", ", values)}); geben Sie sie nur einmal an.",
                $"The process '{process.Id}' gives two different history times to live ({string.Join(", ", values)}); give it once.");
            return null;
        }

        return days[0];
    }

    /// <summary>
    /// Days from "30", "P30D" (case-insensitive, blanks around ignored); null for anything else: a sign, a fraction,
    /// other units (Camunda 7 refuses them too), or more than <see cref="MaxDays"/>.
    /// </summary>
    public static int? ParseDays(string? text)
    {
        var value = (text ?? string.Empty).Trim();
        if (value.Length > 2 && value[0] is 'P' or 'p' && value[^1] is 'D' or 'd')
        {
            value = value[1..^1];
        }

        return value.Length is > 0 and <= 9
            && value.All(char.IsAsciiDigit)
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            && days <= MaxDays
                ? days
                : null;
    }

    private static BpmnProblem Problem(BpmnProcess process, string german, string english) =>
        new(ProblemCode, BpmnProblemSeverity.Error, process.Id, process.Line, process.Column, german, english);
}
