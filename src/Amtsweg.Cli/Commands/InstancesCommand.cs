using System.CommandLine;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Features.Processes.ListInstances;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg instances list --tenant AGS [--process ID] [--state Active|Completed|Canceled|Incident] [--business-key KEY]
/// [--started-from TIME] [--started-before TIME] [--has-incident true|false] [--skip N] [--take N] [--json]</c>: the
/// process instances of a municipality, newest start first (as <c>GET /api/process-instances</c>).
/// <c>amtsweg instances show --tenant AGS ID [--json]</c>: the active element instances of one instance with their keys
/// (as <c>POST /v2/element-instances/search</c>), e.g. the key the ad-hoc activation takes.
/// </summary>
internal static class InstancesCommand
{
    public static Command Create()
    {
        var tenant = OperationsCli.Tenant();
        var process = new Option<string?>("--process") { Description = "Nur Instanzen dieses Prozesses (BPMN-Prozess-Id, jede Version)." };
        var state = new Option<string?>("--state") { Description = "Nur Instanzen in diesem Zustand: Active (laufend), Completed (abgeschlossen), Canceled (abgebrochen), Incident (laufend mit offener Störung)." };
        var businessKey = new Option<string?>("--business-key") { Description = "Nur die Instanz mit diesem Geschäftsschlüssel (Aktenzeichen)." };
        var startedFrom = new Option<string?>("--started-from") { Description = "Nur Instanzen, die ab diesem Zeitpunkt gestartet wurden (ohne Zeitzone: Ortszeit Berlin)." };
        var startedBefore = new Option<string?>("--started-before") { Description = "Nur Instanzen, die vor diesem Zeitpunkt gestartet wurden (ohne Zeitzone: Ortszeit Berlin)." };
        var hasIncident = new Option<bool?>("--has-incident") { Description = "true: nur Instanzen mit offener Störung; false: nur Instanzen ohne." };
        var skip = OperationsCli.Skip();
        var take = OperationsCli.Take();
        var json = OperationsCli.JsonOutput();
        var list = new Command("list", "Listet die Prozessinstanzen der Gemeinde, die neuesten zuerst; letzte Zeile: Anzahl.")
        {
            tenant, process, state, businessKey, startedFrom, startedBefore, hasIncident, skip, take, json,
        };
        list.SetAction((result, cancellationToken) => OperationsCli.RunAsync(result, result.GetValue(tenant)!, "Eintrag nicht gefunden.", async engine =>
        {
            var query = new ProcessInstanceQuery
            {
                ProcessId = result.GetValue(process),
                BusinessKey = result.GetValue(businessKey),
                HasIncident = result.GetValue(hasIncident),
                Skip = result.GetValue(skip),
                Take = result.GetValue(take),
            };
            if (OperationsCli.InvalidPaging(query.Skip, query.Take) is { } invalidPaging)
            {
                return await OperationsCli.FailAsync(invalidPaging);
            }

            if (InstanceStateFilter.Apply(result.GetValue(state), query, out query) is { } invalidState)
            {
                return await OperationsCli.FailAsync(invalidState);
            }

            foreach (var (option, apply) in new (Option<string?> Option, Func<DateTimeOffset, ProcessInstanceQuery> Apply)[]
            {
                (startedFrom, time => query with { StartedFrom = time }),
                (startedBefore, time => query with { StartedBefore = time }),
            })
            {
                if (result.GetValue(option) is not { } text)
                {
                    continue;
                }

                if (!OperationsCli.TryParseTime(text, out var time))
                {
                    return await OperationsCli.FailAsync(OperationsCli.InvalidTime(option.Name, text));
                }

                query = apply(time);
            }

            if (query.StartedFrom > query.StartedBefore)
            {
                return await OperationsCli.FailAsync("--started-from muss vor --started-before liegen.");
            }

            var instances = await engine.QueryProcessInstancesAsync(query, cancellationToken);
            if (result.GetValue(json))
            {
                OperationsCli.WriteJson(instances);
                return 0;
            }

            OperationsCli.WriteTable(
                ["Id", "Prozess", "Version", "Aktenzeichen", "Zustand", "Gestartet", "Beendet", "Störungen"],
                [.. instances.Select(i => new[] { i.Id.ToString(), i.ProcessId, i.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), i.BusinessKey, StateName(i), OperationsCli.Time(i.StartedAt), OperationsCli.Time(i.EndedAt), i.OpenIncidents.ToString(System.Globalization.CultureInfo.InvariantCulture) })],
                $"{instances.Count} Prozessinstanz(en)");
            return 0;
        }, cancellationToken));

        return new Command("instances", "Prozessinstanzen einer Gemeinde ansehen.") { list, Show() };
    }

    /// <summary>The largest number of element instances one instance shows; more are cut off with a note.</summary>
    private const int MaxElementInstances = 1000;

    private static Command Show()
    {
        var tenant = OperationsCli.Tenant();
        var id = new Argument<Guid>("id") { Description = "Die Id der Prozessinstanz." };
        var json = OperationsCli.JsonOutput();
        var show = new Command("show", "Listet die aktiven Elementinstanzen einer Prozessinstanz mit ihren Schlüsseln; letzte Zeile: Anzahl.") { tenant, id, json };
        show.SetAction((result, cancellationToken) => OperationsCli.RunAsync(result, result.GetValue(tenant)!, "Eine Prozessinstanz mit dieser Id gibt es in der Gemeinde nicht.", async engine =>
        {
            var instanceId = result.GetValue(id);

            // A finished instance has no element instances; this tells it apart from an id the municipality does not have.
            await engine.GetProcessInstanceAsync(instanceId, cancellationToken);
            var page = await engine.QueryElementInstancesAsync(new ElementInstanceQuery { ProcessInstanceId = instanceId, Take = MaxElementInstances }, cancellationToken);
            if (result.GetValue(json))
            {
                OperationsCli.WriteJson(page.Items);
                return 0;
            }

            OperationsCli.WriteTable(
                ["Schlüssel", "Element", "Name", "Typ", "Seit", "Störung"],
                [.. page.Items.Select(e => new[] { e.Id.ToString(), e.ElementId, e.ElementName, e.ElementType, OperationsCli.Time(e.StartedAt), e.IncidentId?.ToString() })],
                page.Total > page.Items.Count
                    ? $"{page.Items.Count} von {page.Total} aktiven Elementinstanz(en)"
                    : $"{page.Total} aktive Elementinstanz(en)");
            return 0;
        }, cancellationToken));
        return show;
    }

    private static string StateName(ProcessInstanceSummary instance) => instance.State switch
    {
        ProcessInstanceState.Active => instance.OpenIncidents > 0 ? "gestört" : "laufend",
        ProcessInstanceState.Completed => "abgeschlossen",
        ProcessInstanceState.Canceled => "abgebrochen",
        _ => instance.State.ToString(),
    };
}
