using System.CommandLine;
using System.Globalization;
using Amtsweg.Casework;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records;
using Amtsweg.Records.Privacy;
using Amtsweg.Server.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg privacy export|erase|restrict|unrestrict --tenant &lt;AGS&gt; --name "..." --reason "..."</c>: the DSGVO rights of a
/// person over a municipality's e-file (Art. 15 access as a zip, Art. 17 erasure, Art. 18 restriction and lifting it).
/// </summary>
internal static class PrivacyCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "AGS der Gemeinde.", Required = true };
        var name = new Option<string>("--name") { Description = "Vor- und Nachname der Person.", Required = true };
        var email = new Option<string>("--email") { Description = "E-Mail-Adresse der Person." };
        var address = new Option<string>("--address") { Description = "Anschrift (unterscheidet Namensgleiche unter den Beteiligten)." };
        var birthDate = new Option<string>("--birth-date") { Description = "Geburtsdatum JJJJ-MM-TT (unterscheidet Namensgleiche)." };
        var reason = new Option<string>("--reason") { Description = "Anlass, z. B. das Aktenzeichen des Ersuchens; wird protokolliert.", Required = true };
        var output = new Option<string>("--out") { Description = "Zieldatei der Auskunft (.zip).", Required = true };
        Option[] person = [tenant, name, email, address, birthDate, reason];

        var export = new Command("export", "Auskunft (Art. 15 DSGVO): alles zur Person als Zip mit auskunft.json, uebersicht.csv und den Dokumenten.");
        var erase = new Command("erase", "Löschung (Art. 17 DSGVO), wo keine Aufbewahrungsfrist entgegensteht; sonst Abbruch mit Begründung, nichts gelöscht.");
        var restrict = new Command("restrict", "Einschränkung (Art. 18 DSGVO): Sachbearbeitung findet und öffnet die Daten nicht mehr.");
        var unrestrict = new Command("unrestrict", "Hebt die Einschränkung (Art. 18 Abs. 3 DSGVO) für die Person auf: Sachbearbeitung findet die Daten wieder.");
        foreach (var command in new[] { export, erase, restrict, unrestrict })
        {
            foreach (var option in person)
            {
                command.Options.Add(option);
            }
        }

        export.Options.Add(output);
        export.SetAction((result, cancellationToken) => RunAsync(result, async (privacy, subject, why, actor) =>
        {
            var path = Path.GetFullPath(result.GetValue(output)!);
            if (File.Exists(path))
            {
                throw new RecordsException(RecordsErrors.Invalid, $"Die Datei {path} gibt es schon; sie wird nicht überschrieben.");
            }

            try
            {
                var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                await using (file)
                {
                    var data = await privacy.ExportAsync(subject, why, actor, file, cancellationToken);
                    Console.WriteLine($"Auskunft geschrieben: {path} ({data.Beteiligte.Count} Beteiligungen, {data.Dokumente.Count} Dokumente, {data.Vermerke.Count} Vermerke, {data.PosteingangItems.Count} Posteingangseinträge, {data.Vorgaenge.Count} Vorgänge)");
                }
            }
            catch
            {
                File.Delete(path);
                throw;
            }
        }));
        erase.SetAction((result, cancellationToken) => RunAsync(result, async (privacy, subject, why, actor) =>
        {
            var erased = await privacy.EraseAsync(subject, why, actor, cancellationToken);
            Console.WriteLine($"Gelöscht: {erased.Dokumente} Dokumente ({erased.Versions} Versionen), {erased.Beteiligte} Beteiligungen, {erased.Vermerke} Vermerke, {erased.PosteingangItems} Posteingangseinträge, {erased.Titles} Titel, Daten in {erased.ProcessInstances} Prozessen.");
        }));
        restrict.SetAction((result, cancellationToken) => RunAsync(result, async (privacy, subject, why, actor) =>
        {
            var restricted = await privacy.RestrictAsync(subject, why, actor, cancellationToken);
            Console.WriteLine($"Eingeschränkt: {restricted.Dokumente} Dokumente, {restricted.Vorgaenge} Vorgänge; schon eingeschränkt: {restricted.AlreadyRestricted}.");
        }));

        unrestrict.SetAction((result, cancellationToken) => RunAsync(result, async (privacy, subject, why, actor) =>
        {
            var lifted = await privacy.LiftRestrictionAsync(subject, why, actor, cancellationToken);
            Console.WriteLine($"Einschränkung aufgehoben: {lifted.Dokumente} Dokumente, {lifted.Vorgaenge} Vorgänge; für andere Personen weiter eingeschränkt: {lifted.StillRestricted}.");
        }));

        return new Command("privacy", "Datenschutz (DSGVO): Auskunft, Löschung, Einschränkung und deren Aufhebung.") { export, erase, restrict, unrestrict };

        Task<int> RunAsync(ParseResult result, Func<CaseworkPrivacy, DataSubject, string, string, Task> body) => CliHost.RunAsync(async () =>
        {
            DateOnly? born = null;
            if (result.GetValue(birthDate) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    await Console.Error.WriteLineAsync("Fehler: Das Geburtsdatum muss die Form JJJJ-MM-TT haben.");
                    return 1;
                }

                born = parsed;
            }

            await using var app = CliHost.Build(result);
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(CancellationToken.None);
            var ags = result.GetValue(tenant)!;
            var municipality = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().FindMunicipalityAsync(ags, CancellationToken.None);
            if (municipality is null)
            {
                await Console.Error.WriteLineAsync($"Fehler: Eine Gemeinde mit dem AGS {ags} gibt es nicht.");
                return 1;
            }

            scope.ServiceProvider.GetRequiredService<TenantContext>().UseTenant(municipality.Id);
            try
            {
                var subject = new DataSubject(result.GetValue(name)!, result.GetValue(email), result.GetValue(address), born);
                await body(scope.ServiceProvider.GetRequiredService<CaseworkPrivacy>(), subject, result.GetValue(reason)!, "cli:" + Environment.UserName);
                return 0;
            }
            catch (RecordsException error)
            {
                await Console.Error.WriteLineAsync($"Fehler ({error.Code}): {error.Message}");
                return error.Code is RecordsErrors.RetentionForbidsErasure or CaseworkErrors.ProcessRunning ? 2 : 1;
            }
        });
    }
}
