using System.CommandLine;
using System.Text;
using System.Xml;
using Amtsweg.Records.Archive;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg aktenplan export|import --tenant &lt;AGS&gt; --format csv|xdomea</c>: a municipality's Aktenplan as CSV
/// (<see cref="AktenplanCsv"/>) or as the xdomea 3.0.0 message Aktenplan.Aktenplan.0301 (<see cref="AktenplanXdomea"/>).
/// </summary>
internal static class AktenplanCommand
{
    public static Command Create()
    {
        var tenantOption = new Option<string>("--tenant") { Description = "AGS der Gemeinde.", Required = true };
        var formatOption = new Option<string>("--format") { Description = "csv (Semikolon, UTF-8) oder xdomea (Aktenplan.Aktenplan.0301).", Required = true };
        formatOption.AcceptOnlyFromAmong("csv", "xdomea");
        var outOption = new Option<FileInfo>("--out") { Description = "Zieldatei; ohne Angabe die Standardausgabe." };
        var toOption = new Option<string>("--to") { Description = "xdomea: Name des Empfängers (sonst die Gemeinde selbst)." };
        var export = new Command("export", "Schreibt den Aktenplan der Gemeinde als CSV oder als xdomea-Nachricht.") { tenantOption, formatOption, outOption, toOption };
        export.SetAction((result, cancellationToken) => CliHost.RunForMunicipalityAsync(result, result.GetValue(tenantOption)!, async (_, scope, municipality) =>
        {
            var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
            var path = result.GetValue(outOption)?.FullName;
            if (path is not null && File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"Fehler: Die Datei {path} gibt es schon; sie wird nicht überschrieben.");
                return 1;
            }

            await using var content = new MemoryStream();
            if (result.GetValue(formatOption) == "csv")
            {
                await using var writer = new StreamWriter(content, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                await AktenplanCsv.ExportAsync(db, writer, cancellationToken);
            }
            else
            {
                var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
                var to = result.GetValue(toOption) is { } name && !string.IsNullOrWhiteSpace(name) ? new XdomeaParty(name.Trim(), null) : null;
                var message = await AktenplanXdomea.ExportAsync(db, Guid.CreateVersion7(clock.GetUtcNow()), clock.GetUtcNow(), new XdomeaParty(municipality.Name, municipality.Ags), to, cancellationToken);
                await using var xml = XmlWriter.Create(content, new XmlWriterSettings { Indent = true, Async = true, Encoding = new UTF8Encoding(false) });
                await message.SaveAsync(xml, cancellationToken);
            }

            if (path is null)
            {
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(content.ToArray(), cancellationToken);
                return 0;
            }

            await File.WriteAllBytesAsync(path, content.ToArray(), cancellationToken);
            await Console.Error.WriteLineAsync($"Aktenplan geschrieben: {path}");
            return 0;
        }, cancellationToken));

        var fileArgument = new Argument<FileInfo>("datei") { Description = "CSV-Datei, oder xdomea-Nachricht Aktenplan.Aktenplan.0301 als XML oder ZIP." };
        var import = new Command("import", "Liest einen Aktenplan ein: neue Positionen werden angelegt, gleiche übersprungen; widerspricht eine Position einer vorhandenen, wird nichts eingelesen.")
        {
            tenantOption, formatOption, fileArgument,
        };
        import.SetAction((result, cancellationToken) => CliHost.RunForMunicipalityAsync(result, result.GetValue(tenantOption)!, async (_, scope, _) =>
        {
            var path = result.GetValue(fileArgument)!.FullName;
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"Fehler: Die Datei {path} gibt es nicht.");
                return 1;
            }

            var executor = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
            var actor = "cli:" + Environment.UserName;
            if (result.GetValue(formatOption) == "csv")
            {
                var created = await executor.ExecuteAsync(new ImportAktenplanCommand(await File.ReadAllTextAsync(path, cancellationToken)), actor, cancellationToken);
                Console.WriteLine($"{created} Aktenplanposition(en) angelegt.");
            }
            else
            {
                if (new FileInfo(path).Length > AktenplanXdomea.MaxBytes)
                {
                    await Console.Error.WriteLineAsync("Fehler: Die Datei ist größer als 64 MB und kein Aktenplan.");
                    return 1;
                }

                var imported = await executor.ExecuteAsync(new ImportAktenplanXdomeaCommand(await File.ReadAllBytesAsync(path, cancellationToken)), actor, cancellationToken);
                Console.WriteLine($"Aktenplan {imported.ProcessId}: {imported.Created} von {imported.Positions} Positionen angelegt, {imported.Positions - imported.Created} gab es schon, {imported.Decommissioned} stillgelegte ausgelassen.");
            }

            return 0;
        }, cancellationToken));

        return new Command("aktenplan", "Aktenplan austauschen (CSV oder xdomea).") { export, import };
    }
}
