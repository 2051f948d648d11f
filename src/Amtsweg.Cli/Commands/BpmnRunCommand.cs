using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Xml;
using Amtsweg.Engine;
using Amtsweg.Engine.Simulation;
using Amtsweg.Xml;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg bpmn run &lt;file.bpmn&gt; [--process id] [--vars json] [--task-outputs json] [--complete-open-tasks] [--message name=key]... [--with file.form|file.dmn]... [--json]</c>:
/// simulates a process in a throwaway in-memory engine, with the forms and decisions it links deployed beside it. A user task without given outputs waits unless
/// <c>--complete-open-tasks</c> is given. Exit code 0 completed, 2 waiting, 3 incident or error.
/// </summary>
internal static class BpmnRunCommand
{
    private static async Task<IReadOnlyList<DeploymentResource>> WithAsync(FileInfo[] files, CancellationToken cancellationToken)
    {
        var resources = new List<DeploymentResource>();
        foreach (var file in files)
        {
            if (!file.Extension.Equals(".form", StringComparison.OrdinalIgnoreCase) && !file.Extension.Equals(".dmn", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"--with {file.Name}: erwartet wird ein Formular (.form) oder eine Entscheidung (.dmn).");
            }

            resources.Add(new DeploymentResource(file.Name, await File.ReadAllTextAsync(file.FullName, cancellationToken)));
        }

        return resources;
    }

    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The <c>run</c> subcommand of <c>bpmn</c>.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("datei") { Description = "Die BPMN-Datei." };
        var process = new Option<string?>("--process") { Description = "Die Prozess-ID (Standard: der erste ausführbare Prozess)." };
        var vars = new Option<string?>("--vars") { Description = "Startvariablen als JSON-Objekt, z. B. '{\"betrag\": 120}'." };
        var outputs = new Option<string?>("--task-outputs") { Description = "Ergebnisse je Aufgabe (Element-ID) als JSON, z. B. '{\"pruefen\": {\"ok\": true}}'." };
        var completeOpen = new Option<bool>("--complete-open-tasks") { Description = "Schließt Benutzeraufgaben, für die --task-outputs nichts angibt, ohne Variablen ab, statt an ihnen zu warten." };
        var messages = new Option<string[]>("--message") { Description = "Nachricht name=schlüssel, die zugestellt wird, sobald jemand auf sie wartet (mehrfach möglich).", AllowMultipleArgumentsPerToken = false };
        var with = new Option<FileInfo[]>("--with") { Description = "Weitere Datei, die mit dem Prozess bereitgestellt wird: ein verknüpftes Formular (.form) oder eine Entscheidung (.dmn) (mehrfach möglich).", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "Ergebnis als JSON ausgeben." };
        var run = new Command("run", "Simuliert einen Prozess in einer Engine im Speicher (virtuelle Zeit).") { file, process, vars, outputs, completeOpen, messages, with, json };
        run.SetAction(async (result, cancellationToken) =>
        {
            SimulationOptions options;
            string xml;
            try
            {
                xml = await ReadAsync(result.GetValue(file)!.FullName, cancellationToken);
                options = new SimulationOptions
                {
                    ProcessId = result.GetValue(process),
                    Variables = ParseObject(result.GetValue(vars), "--vars"),
                    TaskOutputs = ParseOutputs(result.GetValue(outputs)),
                    CompleteOpenTasks = result.GetValue(completeOpen),
                    Messages = [.. (result.GetValue(messages) ?? []).Select(ParseMessage)],
                    Resources = await WithAsync(result.GetValue(with) ?? [], cancellationToken),
                };
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or JsonException or XmlException)
            {
                await Console.Error.WriteLineAsync("Fehler: " + error.Message);
                return 3;
            }

            var simulation = await ProcessSimulation.RunAsync(xml, options, cancellationToken);
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(simulation, JsonOutput));
            }
            else
            {
                Print(simulation);
            }

            return simulation.Outcome switch
            {
                SimulationOutcome.Completed => 0,
                SimulationOutcome.Waiting => 2,
                SimulationOutcome.Incident => 3,
            };
        });

        return run;
    }

    /// <summary>Reads the file as the BPMN reader does (code-page encodings, a wrong declaration with a warning).</summary>
    private static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var text = SafeXml.Decode(stream);
        if (text.Warning is { } warning)
        {
            await Console.Error.WriteLineAsync(("Warnung: " + warning.MessageGerman).AsMemory(), cancellationToken);
        }

        return text.Text;
    }

    private static void Print(SimulationResult simulation)
    {
        foreach (var step in simulation.Trace)
        {
            Console.WriteLine($"{step.Time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}  {step.Transition,-9}  {step.ElementType,-22}  {step.ElementId}");
        }

        Console.WriteLine(simulation.Outcome switch
        {
            SimulationOutcome.Completed => "Abgeschlossen.",
            SimulationOutcome.Waiting => "Wartet an: " + string.Join(", ", simulation.WaitingAt),
            SimulationOutcome.Incident => $"Störung{(simulation.IncidentElementId is null ? string.Empty : $" an '{simulation.IncidentElementId}'")}: {simulation.Message}",
        });
    }

    private static Dictionary<string, object?>? ParseObject(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return JsonNode.Parse(text) is JsonObject obj
            ? obj.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone())
            : throw new ArgumentException($"{option} muss ein JSON-Objekt sein.");
    }

    private static Dictionary<string, IReadOnlyDictionary<string, object?>> ParseOutputs(string? text)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var (elementId, values) in ParseObject(text, "--task-outputs") ?? [])
        {
            result[elementId] = values is JsonObject obj
                ? obj.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone())
                : throw new ArgumentException($"--task-outputs: Die Ergebnisse von '{elementId}' müssen ein JSON-Objekt sein.");
        }

        return result;
    }

    private static SimulationMessage ParseMessage(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0
            ? new SimulationMessage(text, null)
            : new SimulationMessage(text[..equals], text[(equals + 1)..]);
    }
}
