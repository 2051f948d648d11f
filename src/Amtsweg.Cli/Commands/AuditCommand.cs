using System.CommandLine;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Audit;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary><c>amtsweg audit verify [--tenant &lt;AGS&gt;]</c>: checks the audit chains and the stored content of the e-file.</summary>
internal static class AuditCommand
{
    private const int ProblemsShown = 20;

    public static Command Create()
    {
        var tenantOption = new Option<string>("--tenant") { Description = "AGS der Gemeinde; ohne Angabe werden alle Gemeinden geprüft." };
        var verify = new Command("verify", "Prüft die Hash-Kette des Protokolls und die Inhalte der E-Akte; Exit-Code 2 bei Befunden.") { tenantOption };
        verify.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            await using var app = CliHost.Build(result);
            List<Municipality> municipalities;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(cancellationToken);
                var ags = result.GetValue(tenantOption);
                if (ags is not null)
                {
                    var municipality = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().FindMunicipalityAsync(ags, cancellationToken);
                    if (municipality is null)
                    {
                        await Console.Error.WriteLineAsync($"Fehler: Eine Gemeinde mit dem AGS {ags} gibt es nicht.");
                        return 1;
                    }

                    municipalities = [municipality];
                }
                else
                {
                    scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatformScope();
                    municipalities = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Municipalities
                        .OrderBy(m => m.Ags).ToListAsync(cancellationToken);
                }
            }

            var broken = 0;
            foreach (var municipality in municipalities)
            {
                await using var scope = app.Services.CreateTenantScope(municipality.Id);
                var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken);
                if (verification.IsIntact)
                {
                    Console.WriteLine($"{municipality.Ags}  {municipality.Name}: intakt ({verification.EntriesChecked} Protokolleinträge, {verification.VersionsChecked} Dokumentversionen)");
                    continue;
                }

                broken++;
                Console.WriteLine($"{municipality.Ags}  {municipality.Name}: VERLETZT, {verification.Problems.Count} Befund(e); erster: {verification.FirstProblem!.Message}");
                foreach (var problem in verification.Problems.Take(ProblemsShown))
                {
                    Console.WriteLine($"  [{problem.Kind}] {problem.Message}");
                }
            }

            return broken == 0 ? 0 : 2;
        }));

        return new Command("audit", "Protokoll der E-Akte prüfen.") { verify };
    }
}
