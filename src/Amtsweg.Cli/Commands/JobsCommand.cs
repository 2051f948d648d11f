using System.CommandLine;
using System.Globalization;
using Amtsweg.Engine;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg jobs list --tenant AGS [--state Waiting|Locked|Failed] [--process ID] [--element ID] [--instance ID]
/// [--skip N] [--take N] [--json]</c>: the jobs of a municipality, soonest due first (as <c>GET /api/jobs</c>).
/// </summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var tenant = OperationsCli.Tenant();
        var state = new Option<string?>("--state") { Description = "Nur Aufträge in diesem Zustand: Waiting (wartet), Locked (in Arbeit), Failed (gescheitert, mit Störung)." };
        var process = new Option<string?>("--process") { Description = "Nur Aufträge dieses Prozesses (BPMN-Prozess-Id)." };
        var element = new Option<string?>("--element") { Description = "Nur Aufträge dieses Schritts (BPMN-Element-Id)." };
        var instance = new Option<Guid?>("--instance") { Description = "Nur Aufträge dieser Prozessinstanz (Id)." };
        var skip = OperationsCli.Skip();
        var take = OperationsCli.Take();
        var json = OperationsCli.JsonOutput();
        var list = new Command("list", "Listet die Aufträge (Zeitgeber, Serviceaufgaben, Fortsetzungen, externe Aufträge, Signale) der Gemeinde, die fälligsten zuerst; letzte Zeile: Anzahl.")
        {
            tenant, state, process, element, instance, skip, take, json,
        };
        list.SetAction((result, cancellationToken) => OperationsCli.RunAsync(result, result.GetValue(tenant)!, "Eintrag nicht gefunden.", async engine =>
        {
            if (OperationsCli.InvalidPaging(result.GetValue(skip), result.GetValue(take)) is { } invalidPaging)
            {
                return await OperationsCli.FailAsync(invalidPaging);
            }

            JobState? parsed = null;
            if (result.GetValue(state) is { } name)
            {
                if (int.TryParse(name, out _) || !Enum.TryParse<JobState>(name, ignoreCase: true, out var value) || !Enum.IsDefined(value))
                {
                    return await OperationsCli.FailAsync($"Der Zustand „{name}“ ist unbekannt; erlaubt sind Waiting, Locked und Failed.");
                }

                parsed = value;
            }

            var jobs = await engine.QueryJobsAsync(new JobQuery
            {
                State = parsed,
                ProcessId = result.GetValue(process),
                ElementId = result.GetValue(element),
                ProcessInstanceId = result.GetValue(instance),
                Skip = result.GetValue(skip),
                Take = result.GetValue(take),
            }, cancellationToken);
            if (result.GetValue(json))
            {
                OperationsCli.WriteJson(jobs);
                return 0;
            }

            OperationsCli.WriteTable(
                ["Id", "Art", "Prozessinstanz", "Schritt", "Fällig", "Versuche", "Zustand", "Letzter Fehler"],
                [.. jobs.Select(j => new[] { j.Id.ToString(), j.Kind, j.ProcessInstanceId?.ToString(), j.ElementId, OperationsCli.Time(j.DueAt), j.Retries.ToString(CultureInfo.InvariantCulture), StateName(j.State), j.LastError })],
                $"{jobs.Count} Auftrag/Aufträge");
            return 0;
        }, cancellationToken));

        return new Command("jobs", "Aufträge des Job-Executors einer Gemeinde ansehen.") { list };
    }

    private static string StateName(JobState state) => state switch
    {
        JobState.Waiting => "wartet",
        JobState.Locked => "in Arbeit",
        JobState.Failed => "gescheitert",
        _ => state.ToString(),
    };
}
