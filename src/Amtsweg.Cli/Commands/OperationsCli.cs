using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Amtsweg.Data;
using Amtsweg.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// What the operations commands (<c>instances</c>, <c>jobs</c>, <c>incidents</c>, <c>timers</c>, <c>messages</c>,
/// <c>signals</c>) share: the engine of one municipality, the engine's refusals as German messages with exit code 1,
/// German tables or <c>--json</c> (the API's shapes), times in Europe/Berlin, variables as JSON.
/// </summary>
internal static class OperationsCli
{
    /// <summary>The JSON of <c>--json</c>: the shapes of the REST API (camelCase, enums as strings).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>Who acts, as the history records it (the same actor the e-file commands of the CLI write).</summary>
    public static string Actor => "cli:" + Environment.UserName;

    public static Option<string> Tenant() => new("--tenant") { Description = "AGS der Gemeinde.", Required = true };

    public static Option<bool> JsonOutput() => new("--json") { Description = "Ergebnis als JSON (wie die REST-API)." };

    public static Option<int> Skip() => new("--skip") { Description = "So viele Einträge überspringen (Blättern).", DefaultValueFactory = _ => 0 };

    public static Option<int> Take() => new("--take") { Description = "Höchstens so viele Einträge (1–200).", DefaultValueFactory = _ => 50 };

    public static Option<string?> Variables() => new("--vars") { Description = "Variablen als JSON-Objekt, zum Beispiel '{\"betrag\": 250}'." };

    /// <summary>
    /// Runs <paramref name="body"/> with the engine of the municipality <paramref name="ags"/>; an unknown AGS and every
    /// refusal of the engine end with a German message on standard error and exit code 1 (the command's transaction
    /// is rolled back, so nothing changed).
    /// </summary>
    public static Task<int> RunAsync(ParseResult result, string ags, string notFound, Func<IProcessEngine, Task<int>> body, CancellationToken cancellationToken) =>
        CliHost.RunForMunicipalityAsync(result, ags, async (_, scope, _) =>
        {
            try
            {
                return await body(scope.ServiceProvider.GetRequiredService<IProcessEngine>());
            }
            catch (EngineObjectNotFoundException)
            {
                return await FailAsync(notFound);
            }
            catch (ProcessIncidentException incident)
            {
                return await FailAsync("Der Prozess wurde durch eine Störung angehalten: " + incident.Incident.Message);
            }
            catch (ConcurrentModificationException)
            {
                return await FailAsync("Der Eintrag wurde gerade von jemand anderem geändert. Bitte versuchen Sie es noch einmal.");
            }
            catch (Exception error) when (error is InvalidEngineStateException or InvalidVariableException)
            {
                return await FailAsync(error.Message);
            }
        }, cancellationToken);

    /// <summary>Writes <c>Fehler: message</c> to standard error; returns exit code 1.</summary>
    public static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync("Fehler: " + message);
        return 1;
    }

    /// <summary>The German refusal of invalid paging, or null.</summary>
    public static string? InvalidPaging(int skip, int take) =>
        skip < 0 || take is < 1 or > 200 ? "--skip muss mindestens 0 und --take zwischen 1 und 200 liegen." : null;

    /// <summary>
    /// A time given on the command line: ISO 8601 with offset (<c>2026-12-24T10:00:00Z</c>) as given, without offset
    /// (<c>2026-12-24</c>, <c>2026-12-24T10:00</c>, <c>24.12.2026</c>, <c>24.12.2026 10:00</c>) as Europe/Berlin time.
    /// </summary>
    public static bool TryParseTime(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.EndsWith('Z') || HasOffset(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "dd.MM.yyyy", "dd.MM.yyyy HH:mm"];
        if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        value = new DateTimeOffset(local, BerlinTime.Zone.GetUtcOffset(local));
        return true;
    }

    /// <summary>The German refusal of a time that is no time.</summary>
    public static string InvalidTime(string option, string text) =>
        $"{option} „{text}“ ist kein Zeitpunkt; erwartet wird zum Beispiel 2026-12-24, 24.12.2026 10:00 oder 2026-12-24T10:00:00Z.";

    /// <summary>
    /// Variables from <c>--vars</c>: a JSON object, its values kept as JSON; null without the option. A refusal in German
    /// (not JSON, not an object) in <paramref name="error"/>.
    /// </summary>
    public static Dictionary<string, object?>? ParseVariables(string? text, out string? error)
    {
        error = null;
        if (text is null)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonObject variables)
            {
                error = "--vars muss ein JSON-Objekt sein, zum Beispiel '{\"betrag\": 250}'.";
                return null;
            }

            return variables.ToDictionary(pair => pair.Key, pair => (object?)pair.Value?.DeepClone(), StringComparer.Ordinal);
        }
        catch (JsonException json)
        {
            error = json.LineNumber is { } line
                ? $"--vars ist kein gültiges JSON (Zeile {line + 1}, Position {json.BytePositionInLine + 1})."
                : "--vars ist kein gültiges JSON.";
            return null;
        }
    }

    /// <summary>A time as people in the town hall read it: Europe/Berlin, <c>24.12.2026 10:00</c>.</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } instant ? BerlinTime.ToLocal(instant).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture) : "–";

    /// <summary>Writes the object as JSON to standard output.</summary>
    public static void WriteJson<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>
    /// Writes a table with a header line and columns padded to their widest cell, then a last line with the count
    /// (<paramref name="counted"/>); text from the database cannot act on the terminal (control characters are blanked).
    /// </summary>
    public static void WriteTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string?>> rows, string counted)
    {
        var cells = rows.Select(row => row.Select(cell => Printable(cell ?? "–")).ToList()).ToList();
        var widths = headers.Select((header, column) => cells.Select(row => row[column].Length).Append(header.Length).Max()).ToList();
        var output = new StringBuilder();
        void Line(IReadOnlyList<string> line) =>
            output.AppendLine(string.Join("  ", line.Select((cell, column) => column == line.Count - 1 ? cell : cell.PadRight(widths[column]))).TrimEnd());
        Line(headers);
        Line([.. widths.Select(width => new string('-', width))]);
        foreach (var row in cells)
        {
            Line(row);
        }

        output.Append(counted);
        Console.WriteLine(output.ToString());
    }

    private static bool HasOffset(string text) =>
        text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':';

    private static string Printable(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
}
