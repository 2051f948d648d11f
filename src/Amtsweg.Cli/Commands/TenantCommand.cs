using System.CommandLine;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary><c>amtsweg tenant create --ags 12345678 [--name "..."] [--test]</c> and <c>amtsweg tenant list</c>.</summary>
internal static class TenantCommand
{
    public static Command Create()
    {
        var ags = new Option<string>("--ags") { Description = "Amtlicher Gemeindeschlüssel, 8 Ziffern.", Required = true };
        var name = new Option<string>("--name") { Description = "Anzeigename; ohne: der amtliche Name aus dem Gemeindeverzeichnis. Für eine Testgemeinde erforderlich." };
        var test = new Option<bool>("--test") { Description = "Testgemeinde: der AGS steht nicht im Gemeindeverzeichnis (Schulung, Erprobung)." };
        var create = new Command("create", "Legt eine Gemeinde (Mandant) an; der AGS wird gegen das Gemeindeverzeichnis geprüft.") { ags, name, test };
        create.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            await using var app = CliHost.Build(result);
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(cancellationToken);
            var isTest = result.GetValue(test);
            var listed = scope.ServiceProvider.GetRequiredService<MunicipalityDirectorySource>().Check(result.GetValue(ags), result.GetValue(name), isTest);
            if (listed.ErrorCode is not null)
            {
                await Console.Error.WriteLineAsync("Fehler: " + listed.Error);
                return 1;
            }

            var created = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>()
                .CreateMunicipalityAsync(result.GetValue(ags)!, listed.Name ?? "", cancellationToken, isTest);
            if (!created.Succeeded)
            {
                await Console.Error.WriteLineAsync("Fehler: " + created.Error);
                return 1;
            }

            var kind = created.Value!.IsTest ? "Testgemeinde" : "Gemeinde";
            Console.WriteLine($"{kind} „{created.Value.Name}“ angelegt: AGS {created.Value.Ags}, {created.Value.FederalState}, Id {created.Value.Id}");
            return 0;
        }));

        var list = new Command("list", "Listet die Gemeinden.");
        list.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            await using var app = CliHost.Build(result);
            await using var scope = app.Services.CreatePlatformScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            foreach (var municipality in db.Municipalities.OrderBy(m => m.Name))
            {
                Console.WriteLine($"{municipality.Ags}  {municipality.Name}  ({municipality.FederalState}){(municipality.IsTest ? "  Testgemeinde" : "")}");
            }

            await Task.CompletedTask;
            return 0;
        }));

        return new Command("tenant", "Gemeinden (Mandanten) verwalten.") { create, list };
    }
}
