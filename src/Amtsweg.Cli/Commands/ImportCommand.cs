using System.CommandLine;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records;
using Amtsweg.Records.Intake;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg import &lt;files or folders&gt; --tenant &lt;AGS&gt;</c>: takes files into a municipality's Posteingang and
/// processes them right away with the same processor as the server (virus scan, text, OCR, proposal). Folders are
/// read recursively with a progress bar; a summary ends the run. A file the municipality took in by an earlier import
/// (same full path, same content) is skipped and named, unless <c>--again</c> is given; if a killed run left it
/// unprocessed, it is processed now. Exit code 0 when every file waits for filing or was filed (or was skipped), 2 when
/// any was refused, 1 on wrong input.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("pfade") { Description = "Dateien oder Ordner (Ordner werden mit Unterordnern eingelesen).", Arity = ArgumentArity.OneOrMore };
        var tenantOption = new Option<string>("--tenant") { Description = "AGS der Gemeinde, in deren Posteingang die Dateien gehen.", Required = true };
        var again = new Option<bool>("--again") { Description = "Auch Dateien übernehmen, die ein früherer Import schon übernommen hat (gleicher Pfad, gleicher Inhalt)." };
        var command = new Command("import", "Dateien in den Posteingang einer Gemeinde übernehmen und verarbeiten (Virenprüfung, Text, Texterkennung).") { paths, tenantOption, again };
        command.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            var files = new List<string>();
            foreach (var path in result.GetValue(paths)!)
            {
                if (Directory.Exists(path))
                {
                    files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
                }
                else if (File.Exists(path))
                {
                    files.Add(path);
                }
                else
                {
                    await Console.Error.WriteLineAsync($"Fehler: {path} gibt es nicht.");
                    return 1;
                }
            }

            await using var app = CliHost.Build(result);
            Municipality? municipality;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(cancellationToken);
                municipality = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().FindMunicipalityAsync(result.GetValue(tenantOption)!, cancellationToken);
            }

            if (municipality is null)
            {
                await Console.Error.WriteLineAsync($"Fehler: Eine Gemeinde mit dem AGS {result.GetValue(tenantOption)} gibt es nicht.");
                return 1;
            }

            var progress = new ProgressBar(files.Count);
            var outcome = new Dictionary<IntakeStatus, int>();
            var refused = 0;
            var actor = "import:" + Environment.UserName;
            var worker = app.Services.GetRequiredService<IntakeWorker>();
            var skipped = 0;
            foreach (var file in files)
            {
                progress.Show(Path.GetFileName(file));
                Guid id;
                await using (var scope = app.Services.CreateTenantScope(municipality.Id))
                {
                    var path = Path.GetFullPath(file);
                    if (!result.GetValue(again) && await TakenBeforeAsync(scope.ServiceProvider.GetRequiredService<Records.Persistence.RecordsDbContext>(), path, cancellationToken) is { } earlier)
                    {
                        skipped++;
                        progress.Print($"übersprungen  {file}: schon übernommen am {earlier.ReceivedAt:dd.MM.yyyy HH:mm} UTC (erneut mit --again)");
                        if (earlier.Status is IntakeStatus.Received or IntakeStatus.Processing)
                        {
                            // A killed run left it unprocessed: process it now (a live claim of another process wins).
                            await worker.RunItemAsync(earlier.Id, cancellationToken);
                        }

                        continue;
                    }

                    try
                    {
                        var content = File.OpenRead(file);
                        await using (content)
                        {
                            id = (await scope.ServiceProvider.GetRequiredService<IntakeReceiver>().ReceiveAsync(content, new IntakeDelivery(Path.GetFileName(file), IntakeSource.Import, actor, SourcePath: path), cancellationToken)).Id;
                        }
                    }
                    catch (RecordsException error)
                    {
                        refused++;
                        progress.Print($"abgewiesen  {file}: {error.Message}");
                        continue;
                    }
                }

                var status = await worker.RunItemAsync(id, cancellationToken) ?? IntakeStatus.Received;
                outcome[status] = outcome.GetValueOrDefault(status) + 1;
                if (status == IntakeStatus.Failed)
                {
                    await using var scope = app.Services.CreateTenantScope(municipality.Id);
                    var message = scope.ServiceProvider.GetRequiredService<Records.Persistence.RecordsDbContext>().IntakeItems.Where(i => i.Id == id).Select(i => i.Message).Single();
                    progress.Print($"abgewiesen  {file}: {message}");
                }
            }

            progress.Done();
            var failed = refused + outcome.GetValueOrDefault(IntakeStatus.Failed);
            Console.WriteLine($"{municipality.Ags}  {municipality.Name}: {files.Count - failed - skipped} von {files.Count} Dateien übernommen; "
                + $"{outcome.GetValueOrDefault(IntakeStatus.WaitingForFiling)} warten auf Ablage, {outcome.GetValueOrDefault(IntakeStatus.Filed)} abgelegt, "
                + $"{outcome.GetValueOrDefault(IntakeStatus.Received) + outcome.GetValueOrDefault(IntakeStatus.Processing)} in Verarbeitung, {failed} abgewiesen"
                + (skipped > 0 ? $", {skipped} übersprungen (schon übernommen)" : ""));
            return failed == 0 ? 0 : 2;
        }));
        return command;
    }

    // The municipality's earlier import of the same file: same full path and same content (SHA-256).
    private static async Task<IntakeItem?> TakenBeforeAsync(Records.Persistence.RecordsDbContext db, string path, CancellationToken cancellationToken)
    {
        string hash;
        var content = File.OpenRead(path);
        await using (content)
        {
            hash = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(content, cancellationToken));
        }

        return await db.IntakeItems.AsNoTracking()
            .Where(i => i.Source == IntakeSource.Import && i.ContentHash == hash && i.SourcePath == path)
            .OrderBy(i => i.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Progress on standard error while several files are read: a one-line bar on a terminal, else (a log file, a
    /// pipe) one line per file. Messages and the summary go to standard output.
    /// </summary>
    private sealed class ProgressBar(int total)
    {
        private const int Width = 30;
        private readonly bool _show = total > 1;
        private readonly bool _terminal = !Console.IsErrorRedirected;
        private int _done;

        public void Show(string current)
        {
            if (_show && _terminal)
            {
                var filled = _done * Width / total;
                var name = current.Length > 40 ? current[..37] + "..." : current;
                Console.Error.Write($"\r[{new string('#', filled)}{new string('-', Width - filled)}] {_done + 1}/{total} {name,-40}");
            }
            else if (_show)
            {
                Console.Error.WriteLine($"[{_done + 1}/{total}] {current}");
            }

            _done++;
        }

        public void Print(string line)
        {
            if (_show && _terminal)
            {
                Console.Error.Write("\r" + new string(' ', Width + 60) + "\r");
            }

            Console.WriteLine(line);
        }

        public void Done()
        {
            if (_show && _terminal)
            {
                Console.Error.WriteLine($"\r[{new string('#', Width)}] {total}/{total}{new string(' ', 45)}");
            }
        }
    }
}
