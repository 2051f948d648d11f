using System.CommandLine;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg search reindex --tenant &lt;AGS&gt;|--all</c>: rebuilds the search entries of one or every municipality
/// from the records (<see cref="SearchReindexer"/>), e.g. after a change of the search's German analysis.
/// </summary>
internal static class ReindexCommand
{
    public static Command Create()
    {
        var tenantOption = new Option<string>("--tenant") { Description = "AGS der Gemeinde." };
        var allOption = new Option<bool>("--all") { Description = "Alle Gemeinden." };
        var command = new Command("reindex", "Baut den Suchindex aus der E-Akte neu auf (neueste Version jedes Dokuments mit ihrem Text).") { tenantOption, allOption };
        command.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            var ags = result.GetValue(tenantOption);
            if (ags is null == !result.GetValue(allOption))
            {
                await Console.Error.WriteLineAsync("Fehler: Geben Sie genau eines an: --tenant <AGS> oder --all.");
                return 1;
            }

            await using var app = CliHost.Build(result);
            if (await CliHost.SelectMunicipalitiesAsync(app, ags, cancellationToken) is not { } municipalities)
            {
                return 1;
            }

            foreach (var municipality in municipalities)
            {
                await using var scope = app.Services.CreateTenantScope(municipality.Id);
                try
                {
                    var done = await scope.ServiceProvider.GetRequiredService<SearchReindexer>().ReindexAsync("cli:" + Environment.UserName, null, cancellationToken);
                    Console.WriteLine($"{municipality.Ags} {municipality.Name}: {done.Vorgaenge} Vorgänge, {done.Dokumente} Dokumente und {done.Posteingang} Einträge im Posteingang neu indexiert.");
                    if (done.MissingContent > 0)
                    {
                        await Console.Error.WriteLineAsync($"Warnung: Bei {done.MissingContent} Dokument(en) fehlt der Inhalt im Ablageordner; sie sind nur über ihre Metadaten auffindbar. Prüfen Sie mit „amtsweg audit verify --tenant {municipality.Ags}“.");
                    }
                }
                catch (RecordsException error)
                {
                    await Console.Error.WriteLineAsync($"Fehler ({error.Code}) bei {municipality.Ags}: {error.Message}");
                    return 1;
                }
            }

            return 0;
        }));
        return command;
    }
}
