using System.CommandLine;
using Amtsweg.Records.Archive;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg xdomea export|import</c>: the Aussonderung with xdomea 3.0.0 (ADR 0010). Export offers the due Akten
/// (0501, with <c>--due</c>) and hands over what the archive appraised as worth archiving (0503); import reads the
/// archive's answers (0502, 0504, 0506) and disposes of what they allow.
/// </summary>
internal static class XdomeaCommand
{
    private const string ArchiveSetting = "Amtsweg:Archive:Name";

    public static Command Create()
    {
        var tenantOption = new Option<string>("--tenant") { Description = "AGS der Gemeinde.", Required = true };
        var outOption = new Option<DirectoryInfo>("--out") { Description = "Ordner für die xdomea-Nachrichten (ZIP).", Required = true };
        var dueOption = new Option<bool>("--due") { Description = "Die zur Aussonderung fälligen Akten dem Archiv anbieten (Anbieteverzeichnis 0501)." };
        var archiveOption = new Option<string>("--archive") { Description = $"Name des zuständigen Archivs (sonst die Einstellung {ArchiveSetting})." };
        var export = new Command("export", "Schreibt die Aussonderung 0503 für vom Archiv übernommene Vorgänge und mit --due das Anbieteverzeichnis 0501.")
        {
            tenantOption, outOption, dueOption, archiveOption,
        };
        export.SetAction((result, cancellationToken) => RunAsync(result, tenantOption, async (app, scope, municipality) =>
        {
            var archiveName = result.GetValue(archiveOption) ?? app.Configuration[ArchiveSetting];
            if (string.IsNullOrWhiteSpace(archiveName))
            {
                await Console.Error.WriteLineAsync($"Fehler: Es ist kein Archiv angegeben (--archive oder Einstellung {ArchiveSetting}).");
                return 1;
            }

            var written = await scope.ServiceProvider.GetRequiredService<AussonderungService>().ExportAsync(
                new XdomeaParty(municipality.Name, municipality.Ags), new XdomeaParty(archiveName.Trim(), null),
                result.GetValue(outOption)!.FullName, result.GetValue(dueOption), Actor, cancellationToken);
            foreach (var message in written)
            {
                Console.WriteLine($"{message.Path}: {message.Akten} Akte(n), {message.Vorgaenge} Vorgang/Vorgänge, {message.Versions} Dokumentversion(en)");
            }

            Console.WriteLine(written.Count == 0 ? "Nichts zu exportieren." : $"{written.Count} Nachricht(en) geschrieben.");
            return 0;
        }, cancellationToken));

        var fileArgument = new Argument<FileInfo>("datei") { Description = "Antwort des Archivs: Bewertungsverzeichnis 0502, Empfangsbestätigung 0504 oder Importbestätigung 0506 (XML oder ZIP)." };
        var import = new Command("import", "Liest eine Antwort des Archivs ein und sondert aus, was sie erlaubt.") { tenantOption, fileArgument };
        import.SetAction((result, cancellationToken) => RunAsync(result, tenantOption, async (_, scope, municipality) =>
        {
            var imported = await scope.ServiceProvider.GetRequiredService<AussonderungService>().ImportAsync(
                result.GetValue(fileArgument)!.FullName, municipality.Ags, Actor, cancellationToken);
            Console.WriteLine($"{imported.Message} ({imported.ProcessId}): {imported.Summary}");
            return 0;
        }, cancellationToken));

        return new Command("xdomea", "Aussonderung an das Archiv mit xdomea 3.0.0.") { export, import };
    }

    private static string Actor => "cli:" + Environment.UserName;

    private static Task<int> RunAsync(ParseResult result, Option<string> tenantOption, Func<WebApplication, AsyncServiceScope, Municipality, Task<int>> body, CancellationToken cancellationToken) =>
        CliHost.RunForMunicipalityAsync(result, result.GetValue(tenantOption)!, body, cancellationToken);
}
