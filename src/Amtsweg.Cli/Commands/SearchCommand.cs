using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records;
using Amtsweg.Records.Model;
using Amtsweg.Records.Search;
using Amtsweg.Server.Features.Search;
using Amtsweg.Server.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary><c>amtsweg search --tenant &lt;AGS&gt; "&lt;query&gt;" [--json]</c>: the e-file search of one municipality.</summary>
internal static partial class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "Suchbegriffe; alle müssen vorkommen." };
        var tenantOption = new Option<string>("--tenant") { Description = "AGS der Gemeinde, deren E-Akte durchsucht wird.", Required = true };
        var jsonOption = new Option<bool>("--json") { Description = "Treffer als JSON (wie GET /api/search)." };
        var limitOption = new Option<int>("--limit") { Description = "Höchstens so viele Treffer (1–200).", DefaultValueFactory = _ => 20 };
        var typeOption = new Option<string?>("--type") { Description = "Nur Dokumente dieser Dokumentart." };
        var statusOption = new Option<RecordState?>("--status") { Description = "Nur Vorgänge in diesem Zustand: Open, Closed, Disposed." };
        var command = new Command("search", "Durchsucht die E-Akte einer Gemeinde (Metadaten und Volltext); letzte Zeile: Anzahl der Treffer.")
        {
            query, tenantOption, jsonOption, limitOption, typeOption, statusOption,
        };
        command.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            // Only the hits go to standard output (--json is read by programs); information logs are dropped.
            await using var app = CliHost.Build(result);
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(cancellationToken);
            var ags = result.GetRequiredValue(tenantOption);
            var municipality = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().FindMunicipalityAsync(ags, cancellationToken);
            if (municipality is null)
            {
                await Console.Error.WriteLineAsync($"Fehler: Eine Gemeinde mit dem AGS {ags} gibt es nicht.");
                return 1;
            }

            scope.ServiceProvider.GetRequiredService<TenantContext>().UseTenant(municipality.Id);
            IReadOnlyList<SearchHit> hits;
            try
            {
                var request = new SearchRequest(result.GetRequiredValue(query), DokumentType: result.GetValue(typeOption), Status: result.GetValue(statusOption), Limit: result.GetValue(limitOption));
                hits = await scope.ServiceProvider.GetRequiredService<RecordsSearch>().SearchAsync(request, cancellationToken);
            }
            catch (RecordsException error)
            {
                await Console.Error.WriteLineAsync($"Fehler: {error.Message}");
                return 1;
            }

            if (result.GetValue(jsonOption))
            {
                Console.WriteLine(JsonSerializer.Serialize(hits.Select(SearchHitResponse.Of), new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
                return 0;
            }

            foreach (var hit in hits)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{hit.Score,7:0.00}  {hit.Aktenzeichen}  {hit.Kind}: {Printable(hit.Title)} ({hit.Date:yyyy-MM-dd})"));
                Console.WriteLine("         " + Printable(PlainSnippet(hit.Snippet)));
            }

            Console.WriteLine($"{hits.Count} Treffer");
            return 0;
        }));
        return command;
    }

    // The snippet is HTML for the page; on the console the matched words are set in »…«.
    private static string PlainSnippet(string html) =>
        WebUtility.HtmlDecode(Mark().Replace(html, match => match.Value.StartsWith("</", StringComparison.Ordinal) ? "«" : "»"));

    // Text from documents must not act on the terminal: an escape sequence could recolour, move or retitle it.
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));

    [GeneratedRegex("</?mark>")]
    private static partial Regex Mark();
}
