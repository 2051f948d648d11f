using System.CommandLine;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg history cleanup --tenant &lt;AGS&gt;|--all [--dry-run]</c>: deletes the process history whose time to
/// live has run out (<see cref="HistoryCleanup"/>), municipality by municipality, keeping what the e-file still needs;
/// with <c>--dry-run</c> it only counts. The server runs the same cleanup daily.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var history = new Command("history", "Prozesshistorie (Verlauf beendeter Prozessinstanzen).");
        history.Subcommands.Add(CreateCleanup());
        return history;
    }

    private static Command CreateCleanup()
    {
        var tenantOption = new Option<string>("--tenant") { Description = "AGS der Gemeinde." };
        var allOption = new Option<bool>("--all") { Description = "Alle Gemeinden." };
        var dryRunOption = new Option<bool>("--dry-run") { Description = "Nur zählen, was gelöscht würde; nichts löschen." };
        var command = new Command("cleanup", "Löscht die Historie beendeter Prozessinstanzen, deren Aufbewahrungsdauer (historyTimeToLive) abgelaufen ist; was die E-Akte noch braucht, bleibt.")
        {
            tenantOption, allOption, dryRunOption,
        };
        command.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            var ags = result.GetValue(tenantOption);
            if (ags is null == !result.GetValue(allOption))
            {
                await Console.Error.WriteLineAsync("Fehler: Geben Sie genau eines an: --tenant <AGS> oder --all.");
                return 1;
            }

            var dryRun = result.GetValue(dryRunOption);
            await using var app = CliHost.Build(result);
            if (await CliHost.SelectMunicipalitiesAsync(app, ags, cancellationToken) is not { } municipalities)
            {
                return 1;
            }

            foreach (var municipality in municipalities)
            {
                await using var scope = app.Services.CreateTenantScope(municipality.Id);
                var done = await scope.ServiceProvider.GetRequiredService<HistoryCleanup>().RunAsync(dryRun, cancellationToken);
                Console.WriteLine($"{municipality.Ags} {municipality.Name}: {Describe(done)}");
            }

            return 0;
        }));
        return command;
    }

    /// <summary>One German line: what was deleted (or would be), and what stayed and why.</summary>
    public static string Describe(HistoryCleanupResult done)
    {
        ArgumentNullException.ThrowIfNull(done);
        var verb = done.DryRun ? "würden gelöscht (Probelauf, nichts gelöscht)" : "gelöscht";
        var line = $"{done.ProcessInstances} Prozessinstanz(en) mit {done.HistoryEvents} Verlaufseinträgen, {done.Variables} Variablen, "
            + $"{done.UserTasks} Aufgaben, {done.Incidents} gelösten Vorfällen und {done.Other} weiteren Einträgen {verb}";
        if (!done.DryRun && done.Batches > 0)
        {
            line += $" ({done.Batches} Transaktion(en))";
        }

        return line + $"; {done.Retained} für die E-Akte aufbewahrt, {done.Skipped} zurückgestellt (aufgerufene Instanz läuft noch oder hat einen offenen Vorfall).";
    }
}
