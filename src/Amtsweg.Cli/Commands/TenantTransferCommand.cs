using System.CommandLine;
using System.Security.Cryptography;
using Amtsweg.Server.Platform.Transfer;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg tenant export --tenant AGS --out FILE</c> and <c>amtsweg tenant import FILE</c>: a whole municipality as
/// one verifiable archive (docs/tenant-export.md). Kept apart from <see cref="TenantCommand"/>, which adds them.
/// </summary>
internal static class TenantTransferCommand
{
    public static Command CreateExport()
    {
        var tenant = new Option<string>("--tenant") { Description = "AGS der Gemeinde.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Archivdatei, die geschrieben wird (.zip).", Required = true };
        var export = new Command("export", "Schreibt eine Gemeinde mit allen Daten, Dokumenten und dem Protokoll in ein prüfbares Archiv.") { tenant, output };
        export.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            await using var app = CliHost.Build(result);
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Data.DatabaseMigrator>().EnsureEmbeddedMigratedAsync(cancellationToken);
            var path = result.GetValue(output)!.FullName;
            if (File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"Fehler: Die Datei {path} gibt es schon; sie wird nicht überschrieben.");
                return 1;
            }

            // Written beside the target and renamed when complete, so that a failed export leaves no half archive.
            var partial = path + ".part";
            try
            {
                TenantArchiveManifest manifest;
                await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
                {
                    manifest = await scope.ServiceProvider.GetRequiredService<TenantExporter>().ExportAsync(result.GetValue(tenant)!, file, cancellationToken);
                    file.Flush(flushToDisk: true);
                }

                File.Move(partial, path);
                string sha;
                await using (var written = File.OpenRead(path))
                {
                    sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(written, cancellationToken));
                }

                Console.WriteLine($"Gemeinde „{manifest.Name}“ (AGS {manifest.Ags}) exportiert nach {path}: {manifest.Tables.Count} Tabellen, {manifest.Tables.Sum(t => t.Rows)} Zeilen, {manifest.Blobs.Count} Dokumentinhalte, Protokoll bis Eintrag {manifest.AuditLastSequence}.");
                Console.WriteLine($"SHA-256 des Archivs: {sha}");
                return 0;
            }
            catch (TenantTransferException error)
            {
                await Console.Error.WriteLineAsync("Fehler: " + error.Message);
                return 1;
            }
            finally
            {
                File.Delete(partial);
            }
        }));
        return export;
    }

    public static Command CreateImport()
    {
        var file = new Argument<FileInfo>("datei") { Description = "Archivdatei aus „amtsweg tenant export“." };
        var expected = new Option<string?>("--sha256") { Description = "Erwartete SHA-256-Prüfsumme des Archivs (wie beim Export ausgegeben)." };
        var import = new Command("import", "Übernimmt eine Gemeinde aus einem Archiv; prüft zuerst jede Prüfsumme, dann alles oder nichts.") { file, expected };
        import.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            var path = result.GetValue(file)!.FullName;
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"Fehler: Die Datei {path} gibt es nicht.");
                return 1;
            }

            if (result.GetValue(expected) is { } want)
            {
                await using var stream = File.OpenRead(path);
                var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
                if (!string.Equals(actual, want.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    await Console.Error.WriteLineAsync($"Fehler: Die SHA-256-Prüfsumme des Archivs ist {actual}, erwartet war {want.Trim()}. Es wurde nichts übernommen.");
                    return 1;
                }
            }

            await using var app = CliHost.Build(result);
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Data.DatabaseMigrator>().EnsureEmbeddedMigratedAsync(cancellationToken);
            try
            {
                var imported = await scope.ServiceProvider.GetRequiredService<TenantImporter>().ImportAsync(path, cancellationToken);
                var manifest = imported.Manifest;
                Console.WriteLine($"Gemeinde „{manifest.Name}“ (AGS {manifest.Ags}) übernommen: {imported.Rows} Zeilen, {imported.Blobs} Dokumentinhalte.");
                if (!imported.Audit.IsIntact)
                {
                    Console.WriteLine($"Protokoll: VERLETZT, {imported.Audit.Problems.Count} Befund(e); erster: {imported.Audit.FirstProblem!.Message}");
                    return 2;
                }

                Console.WriteLine($"Protokoll: intakt ({imported.Audit.EntriesChecked} Protokolleinträge, {imported.Audit.VersionsChecked} Dokumentversionen geprüft).");
                return 0;
            }
            catch (TenantTransferException error)
            {
                await Console.Error.WriteLineAsync("Fehler: " + error.Message);
                return 1;
            }
        }));
        return import;
    }
}
