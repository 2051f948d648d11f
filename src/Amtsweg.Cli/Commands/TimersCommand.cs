using System.CommandLine;
using Amtsweg.Engine;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg timers change-due-date --tenant AGS (--instance ID --element ID | --job ID) --due TIME [--reason TEXT] [--json]</c>:
/// extends (or shortens) a deadline of a running instance; the history records old and new date, who and why (as
/// <c>POST /api/process-instances/{id}/timers/{elementId}/due-date</c>).
/// </summary>
internal static class TimersCommand
{
    public static Command Create()
    {
        var tenant = OperationsCli.Tenant();
        var instance = new Option<Guid?>("--instance") { Description = "Die Prozessinstanz, deren Frist sich ändert (mit --element)." };
        var element = new Option<string?>("--element") { Description = "Die Id des Zeitgeber-Ereignisses (mit --instance)." };
        var job = new Option<Guid?>("--job") { Description = "Statt --instance und --element: die Id des Zeitgeber-Auftrags (aus „jobs list“)." };
        var due = new Option<string>("--due") { Description = "Das neue Fälligkeitsdatum, in der Zukunft (ohne Zeitzone: Ortszeit Berlin), zum Beispiel 2026-12-24T10:00.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Warum, zum Beispiel „Frist auf Antrag verlängert“ (steht in der Historie)." };
        var json = OperationsCli.JsonOutput();
        var change = new Command("change-due-date", "Verschiebt die Frist eines wartenden Zeitgebers; die Historie hält altes und neues Datum, wer und warum fest.")
        {
            tenant, instance, element, job, due, reason, json,
        };
        change.SetAction((result, cancellationToken) => OperationsCli.RunAsync(result, result.GetValue(tenant)!, "Diesen Zeitgeber oder diese Prozessinstanz gibt es in dieser Gemeinde nicht.", async engine =>
        {
            var jobId = result.GetValue(job);
            var instanceId = result.GetValue(instance);
            var elementId = result.GetValue(element);
            if (jobId is null == (instanceId is null || string.IsNullOrWhiteSpace(elementId)) || (jobId is not null && (instanceId is not null || elementId is not null)))
            {
                return await OperationsCli.FailAsync("Bitte geben Sie entweder --job oder --instance zusammen mit --element an.");
            }

            var text = result.GetValue(due)!;
            if (!OperationsCli.TryParseTime(text, out var dueAt))
            {
                return await OperationsCli.FailAsync(OperationsCli.InvalidTime("--due", text));
            }

            var timer = await engine.ChangeTimerDueDateAsync(new ChangeTimerDueDateRequest
            {
                JobId = jobId,
                ProcessInstanceId = jobId is null ? instanceId : null,
                ElementId = jobId is null ? elementId : null,
                NewDueAt = dueAt,
                UserId = OperationsCli.Actor,
                Reason = string.IsNullOrWhiteSpace(result.GetValue(reason)) ? null : result.GetValue(reason)!.Trim(),
            }, cancellationToken);
            if (result.GetValue(json))
            {
                OperationsCli.WriteJson(timer);
            }
            else
            {
                Console.WriteLine($"Frist am Schritt „{timer.ElementId}“ der Prozessinstanz {timer.ProcessInstanceId} verschoben auf {OperationsCli.Time(timer.DueAt)} (Ortszeit Berlin).");
            }

            return 0;
        }, cancellationToken));

        return new Command("timers", "Fristen (Zeitgeber) laufender Prozessinstanzen ändern.") { change };
    }
}
