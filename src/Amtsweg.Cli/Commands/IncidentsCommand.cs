using System.CommandLine;
using Amtsweg.Engine;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg incidents list --tenant AGS [--state Open|Resolved] [--process ID] [--element ID] [--skip N] [--take N] [--json]</c>,
/// <c>incidents retry ID --tenant AGS [--retries N] [--vars JSON]</c>, <c>incidents resolve ID --tenant AGS</c>: the
/// incidents of a municipality (as <c>GET /api/incidents</c>, <c>POST /api/incidents/{id}/retry</c> and <c>/resolve</c>).
/// </summary>
internal static class IncidentsCommand
{
    private const string NotFound = "Eine Störung mit dieser Id gibt es in dieser Gemeinde nicht.";

    public static Command Create()
    {
        var tenant = OperationsCli.Tenant();
        var json = OperationsCli.JsonOutput();
        var state = new Option<string?>("--state") { Description = "Nur Störungen in diesem Zustand: Open (offen) oder Resolved (behoben)." };
        var process = new Option<string?>("--process") { Description = "Nur Störungen dieses Prozesses (BPMN-Prozess-Id)." };
        var element = new Option<string?>("--element") { Description = "Nur Störungen an diesem Schritt (BPMN-Element-Id)." };
        var skip = OperationsCli.Skip();
        var take = OperationsCli.Take();
        var list = new Command("list", "Listet die Störungen der Gemeinde, die neuesten zuerst; letzte Zeile: Anzahl.") { tenant, state, process, element, skip, take, json };
        list.SetAction((result, cancellationToken) => OperationsCli.RunAsync(result, result.GetValue(tenant)!, NotFound, async engine =>
        {
            if (OperationsCli.InvalidPaging(result.GetValue(skip), result.GetValue(take)) is { } invalidPaging)
            {
                return await OperationsCli.FailAsync(invalidPaging);
            }

            bool? open = null;
            if (result.GetValue(state) is { } name)
            {
                if (!string.Equals(name, "Open", StringComparison.OrdinalIgnoreCase) && !string.Equals(name, "Resolved", StringComparison.OrdinalIgnoreCase))
                {
                    return await OperationsCli.FailAsync($"Der Zustand „{name}“ ist unbekannt; erlaubt sind Open und Resolved.");
                }

                open = string.Equals(name, "Open", StringComparison.OrdinalIgnoreCase);
            }

            var incidents = await engine.QueryIncidentsAsync(new IncidentQuery
            {
                Open = open,
                ProcessId = result.GetValue(process),
                ElementId = result.GetValue(element),
                Skip = result.GetValue(skip),
                Take = result.GetValue(take),
            }, cancellationToken);
            if (result.GetValue(json))
            {
                OperationsCli.WriteJson(incidents);
                return 0;
            }

            OperationsCli.WriteTable(
                ["Id", "Prozessinstanz", "Schritt", "Art", "Aufgetreten", "Behoben", "Meldung"],
                [.. incidents.Select(i => new[] { i.Id.ToString(), i.ProcessInstanceId?.ToString(), i.ElementId, i.Type, OperationsCli.Time(i.CreatedAt), OperationsCli.Time(i.ResolvedAt), i.Message })],
                $"{incidents.Count} Störung(en)");
            return 0;
        }, cancellationToken));

        var retryId = new Argument<Guid>("id") { Description = "Die Id der offenen Störung." };
        var retries = new Option<int?>("--retries") { Description = "Neue Zahl der Versuche für den gescheiterten Auftrag (mindestens 1; Standard: die Voreinstellung der Engine)." };
        var variables = OperationsCli.Variables();
        var retryTenant = OperationsCli.Tenant();
        var retry = new Command("retry", "Führt den angehaltenen Schritt erneut aus, auf Wunsch mit neuen Versuchen und Variablen, die die Ursache beheben.") { retryId, retryTenant, retries, variables, json };
        retry.SetAction((result, cancellationToken) => OperationsCli.RunAsync(result, result.GetValue(retryTenant)!, NotFound, async engine =>
        {
            if (result.GetValue(retries) is < 1)
            {
                return await OperationsCli.FailAsync("Die Zahl der Wiederholungen (--retries) muss mindestens 1 sein.");
            }

            var values = OperationsCli.ParseVariables(result.GetValue(variables), out var invalid);
            if (invalid is not null)
            {
                return await OperationsCli.FailAsync(invalid);
            }

            var incident = await engine.RetryIncidentAsync(new RetryIncidentRequest(result.GetValue(retryId), result.GetValue(retries), values, OperationsCli.Actor), cancellationToken);
            return await WriteAsync(incident, result.GetValue(json), "erneut angestoßen");
        }, cancellationToken));

        var resolveId = new Argument<Guid>("id") { Description = "Die Id der offenen Störung." };
        var resolveTenant = OperationsCli.Tenant();
        var resolve = new Command("resolve", "Markiert eine offene Störung als behoben, ohne etwas auszuführen (eine Störung eines Auftrags wird stattdessen mit retry wiederholt).") { resolveId, resolveTenant, json };
        resolve.SetAction((result, cancellationToken) => OperationsCli.RunAsync(result, result.GetValue(resolveTenant)!, NotFound, async engine =>
            await WriteAsync(await engine.ResolveIncidentAsync(result.GetValue(resolveId), OperationsCli.Actor, cancellationToken), result.GetValue(json), "als behoben markiert"), cancellationToken));

        return new Command("incidents", "Störungen einer Gemeinde ansehen, wiederholen oder als behoben markieren.") { list, retry, resolve };
    }

    private static Task<int> WriteAsync(IncidentInfo incident, bool json, string done)
    {
        if (json)
        {
            OperationsCli.WriteJson(incident);
        }
        else
        {
            Console.WriteLine($"Störung {incident.Id} am Schritt „{incident.ElementId}“ {done}; behoben am {OperationsCli.Time(incident.ResolvedAt)}.");
        }

        return Task.FromResult(0);
    }
}
