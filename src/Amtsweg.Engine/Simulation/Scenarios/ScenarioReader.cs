using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Simulation.Scenarios;

/// <summary>
/// Reads and writes scenarios in the format <c>amtsweg-scenario/1</c> (<c>docs/scenarios.md</c>). Reading is strict:
/// an unknown property, a missing name, a duration that is not ISO 8601 or a variable name that is not allowed is a
/// <see cref="ScenarioFormatException"/> whose German message names the place.
/// </summary>
public static partial class ScenarioReader
{
    /// <summary>The format marker every scenario file carries.</summary>
    public const string Format = "amtsweg-scenario/1";

    /// <summary>The largest scenario file read, in characters.</summary>
    public const int MaxLength = 1_000_000;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whether a variable name is allowed: a letter or <c>_</c> first, then letters, digits and <c>_</c>, at most 100 characters (usable in FEEL without quoting).</summary>
    public static bool IsAllowedVariableName(string name) => name.Length <= 100 && VariableName().IsMatch(name);

    /// <summary>The German explanation of <see cref="IsAllowedVariableName"/>.</summary>
    public static string VariableNameRule(string name) =>
        $"Der Variablenname '{name}' ist nicht erlaubt: Er beginnt mit einem Buchstaben oder _ und enthält nur Buchstaben, Ziffern und _ (höchstens 100 Zeichen).";

    /// <summary>Reads a scenario.</summary>
    /// <exception cref="ScenarioFormatException">The text is not a valid scenario.</exception>
    public static Scenario Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
        {
            throw new ScenarioFormatException(string.Empty, $"Die Szenario-Datei ist größer als {MaxLength / 1000} KB.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException error)
        {
            var where = error.LineNumber is { } line ? $" (Zeile {line + 1}, Spalte {error.BytePositionInLine + 1})" : string.Empty;
            throw new ScenarioFormatException(string.Empty, $"Die Datei ist kein gültiges JSON{where}.");
        }

        var obj = Object(root, string.Empty);
        Only(obj, string.Empty, "format", "name", "description", "processId", "startTime", "startVariables", "serviceTaskOutputs", "steps", "expected");
        var format = OptionalString(obj, "format", string.Empty);
        if (format != Format)
        {
            throw new ScenarioFormatException("format", format is null ? $"Die Angabe \"format\": \"{Format}\" fehlt." : $"Das Format '{format}' ist unbekannt; erwartet wird '{Format}'.");
        }

        var name = RequiredString(obj, "name", string.Empty);
        var startTimeText = OptionalString(obj, "startTime", string.Empty);
        DateTimeOffset? startTime = startTimeText is null ? null : PointInTime(startTimeText, "startTime");

        var serviceOutputs = new Dictionary<string, IReadOnlyDictionary<string, JsonNode?>>(StringComparer.Ordinal);
        if (obj["serviceTaskOutputs"] is { } outputs)
        {
            foreach (var (elementId, values) in Object(outputs, "serviceTaskOutputs"))
            {
                serviceOutputs[ElementId(elementId, "serviceTaskOutputs")] = Variables(values, $"serviceTaskOutputs.{elementId}");
            }
        }

        return new Scenario(
            name,
            OptionalString(obj, "description", string.Empty),
            OptionalString(obj, "processId", string.Empty),
            startTime,
            obj["startVariables"] is { } start ? Variables(start, "startVariables") : new Dictionary<string, JsonNode?>(),
            serviceOutputs,
            Steps(obj["steps"]),
            Expectation(obj["expected"] ?? throw new ScenarioFormatException("expected", "Das erwartete Ergebnis fehlt.")));
    }

    /// <summary>Writes a scenario in the same format, indented, umlauts kept.</summary>
    public static string Write(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var root = new JsonObject { ["format"] = Format, ["name"] = scenario.Name };
        if (scenario.Description is { } description)
        {
            root["description"] = description;
        }

        if (scenario.ProcessId is { } processId)
        {
            root["processId"] = processId;
        }

        if (scenario.StartTime is { } startTime)
        {
            root["startTime"] = WriteTime(startTime);
        }

        root["startVariables"] = ToObject(scenario.StartVariables);
        if (scenario.ServiceTaskOutputs.Count > 0)
        {
            var outputs = new JsonObject();
            foreach (var (elementId, values) in scenario.ServiceTaskOutputs)
            {
                outputs[elementId] = ToObject(values);
            }

            root["serviceTaskOutputs"] = outputs;
        }

        var steps = new JsonArray();
        foreach (var step in scenario.Steps)
        {
            steps.Add(step switch
            {
                SimulationTaskCompletion c => WithOptional(new JsonObject { ["completeTask"] = c.ElementId }, "role", c.Role, "values", c.Variables),
                SimulationMessageDelivery m => WithOptional(new JsonObject { ["message"] = m.Name }, "correlationKey", m.CorrelationKey, "variables", m.Variables),
                SimulationClockAdvance a => new JsonObject { ["advanceClock"] = IsoDuration(a.Duration) },
                _ => throw new ArgumentException($"Unbekannter Schritt {step.GetType().Name}.", nameof(scenario)),
            });
        }

        root["steps"] = steps;
        root["expected"] = ExpectationNode(scenario.Expected);
        return root.ToJsonString(Indented);
    }

    /// <summary>Reads the expected part of a scenario alone (the object under <c>expected</c>), as strictly as <see cref="Read"/>; places are named from <c>expected</c>.</summary>
    /// <exception cref="ScenarioFormatException">The text is not a valid expected outcome.</exception>
    public static ScenarioExpectation ReadExpectation(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
        {
            throw new ScenarioFormatException("expected", $"Die Angabe ist größer als {MaxLength / 1000} KB.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException error)
        {
            var where = error.LineNumber is { } line ? $" (Zeile {line + 1}, Spalte {error.BytePositionInLine + 1})" : string.Empty;
            throw new ScenarioFormatException("expected", $"Das ist kein gültiges JSON{where}.");
        }

        return Expectation(root ?? throw new ScenarioFormatException("expected", "Das erwartete Ergebnis fehlt."));
    }

    /// <summary>Writes the expected part of a scenario alone, indented, as it stands under <c>expected</c>.</summary>
    public static string WriteExpectation(ScenarioExpectation expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return ExpectationNode(expected).ToJsonString(Indented);
    }

    private static JsonObject ExpectationNode(ScenarioExpectation expectation)
    {
        var expected = new JsonObject
        {
            ["state"] = expectation.State switch
            {
                ScenarioEndState.Completed => "completed",
                ScenarioEndState.Waiting => "waiting",
                ScenarioEndState.Incident => "incident",
            },
        };
        if (expectation.EndEvents.Count > 0)
        {
            expected["endEvents"] = new JsonArray([.. expectation.EndEvents.Select(e => (JsonNode?)e)]);
        }

        if (expectation.WaitingAt is { } waitingAt)
        {
            expected["waitingAt"] = new JsonArray([.. waitingAt.Select(e => (JsonNode?)e)]);
        }

        if (expectation.Passed.Count > 0)
        {
            expected["passed"] = new JsonArray([.. expectation.Passed.Select(e => (JsonNode?)e)]);
        }

        if (expectation.NotPassed.Count > 0)
        {
            expected["notPassed"] = new JsonArray([.. expectation.NotPassed.Select(e => (JsonNode?)e)]);
        }

        if (expectation.Variables.Count > 0)
        {
            expected["variables"] = ToObject(expectation.Variables);
        }

        if (expectation.Deadlines.Count > 0)
        {
            expected["deadlines"] = new JsonArray([.. expectation.Deadlines.Select(d => (JsonNode?)(d.Due is { } due
                ? new JsonObject { ["element"] = d.ElementId, ["due"] = WriteTime(due) }
                : new JsonObject { ["element"] = d.ElementId, ["after"] = IsoDuration(d.After ?? TimeSpan.Zero) }))]);
        }

        if (expectation.Letters.Count > 0)
        {
            expected["letters"] = new JsonArray([.. expectation.Letters.Select(l => (JsonNode?)new JsonObject
            {
                ["template"] = l.Template,
                ["contains"] = new JsonArray([.. l.Contains.Select(c => (JsonNode?)c)]),
            })]);
        }

        return expected;
    }

    private static DateTimeOffset PointInTime(string text, string path) =>
        DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && text.Length > 19
            ? parsed
            : throw new ScenarioFormatException(path, $"'{text}' ist kein Zeitpunkt mit Zeitzone (z. B. 2026-01-05T08:00:00Z).");

    /// <summary>A point in time as the format writes it: UTC, to the second (<c>2026-03-16T08:00:00Z</c>).</summary>
    public static string WriteTime(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 days-and-time duration such as <c>P2DT4H</c>.</summary>
    public static string IsoDuration(TimeSpan duration)
    {
        var text = new StringBuilder("P");
        if (duration.Days > 0)
        {
            text.Append(duration.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (duration.Hours > 0 || duration.Minutes > 0 || duration.Seconds > 0 || duration.Days == 0)
        {
            text.Append('T');
            if (duration.Hours > 0)
            {
                text.Append(duration.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (duration.Minutes > 0)
            {
                text.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (duration.Seconds > 0 || (duration.Hours == 0 && duration.Minutes == 0))
            {
                text.Append(duration.Seconds.ToString(CultureInfo.InvariantCulture)).Append('S');
            }
        }

        return text.ToString();
    }

    /// <summary>Reads an ISO 8601 days-and-time duration (<c>P2D</c>, <c>PT4H</c>); null if it is not one or not positive.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FeelDaysTimeDuration.Parse(text.Trim())?.ToTimeSpan() is { } span && span > TimeSpan.Zero ? span : null;
    }

    /// <summary>Variables as the engine takes them.</summary>
    public static Dictionary<string, object?> ToEngine(IReadOnlyDictionary<string, JsonNode?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone(), StringComparer.Ordinal);
    }

    /// <summary>Reads a JSON object of variables (start variables, form values), checking every name.</summary>
    /// <exception cref="ScenarioFormatException">Not an object, or a name not allowed.</exception>
    public static IReadOnlyDictionary<string, JsonNode?> Variables(JsonNode? node, string path)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in Object(node, path))
        {
            if (!IsAllowedVariableName(key))
            {
                throw new ScenarioFormatException(path, VariableNameRule(key));
            }

            result[key] = value?.DeepClone();
        }

        return result;
    }

    private static IReadOnlyList<SimulationAction> Steps(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw new ScenarioFormatException("steps", "Die Schritte müssen eine Liste sein.");
        }

        var steps = new List<SimulationAction>();
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"steps[{i}]";
            var step = Object(array[i], path);
            var kinds = new[] { "completeTask", "message", "advanceClock" }.Where(step.ContainsKey).ToList();
            if (kinds.Count != 1)
            {
                throw new ScenarioFormatException(path, "Jeder Schritt hat genau eine der Angaben \"completeTask\" (Aufgabe erledigen), \"message\" (Nachricht) oder \"advanceClock\" (Zeit vorstellen).");
            }

            switch (kinds[0])
            {
                case "completeTask":
                    Only(step, path, "completeTask", "role", "values");
                    steps.Add(new SimulationTaskCompletion(
                        ElementId(RequiredString(step, "completeTask", path), $"{path}.completeTask"),
                        OptionalString(step, "role", path),
                        step["values"] is { } values ? ToEngine(Variables(values, $"{path}.values")) : null));
                    break;
                case "message":
                    Only(step, path, "message", "correlationKey", "variables");
                    steps.Add(new SimulationMessageDelivery(
                        RequiredString(step, "message", path),
                        OptionalString(step, "correlationKey", path),
                        step["variables"] is { } variables ? ToEngine(Variables(variables, $"{path}.variables")) : null));
                    break;
                default:
                    Only(step, path, "advanceClock");
                    var text = RequiredString(step, "advanceClock", path);
                    steps.Add(new SimulationClockAdvance(ParseDuration(text)
                        ?? throw new ScenarioFormatException($"{path}.advanceClock", $"'{text}' ist keine positive Dauer nach ISO 8601 in Tagen und Stunden (z. B. P2D, PT4H, P1DT12H).")));
                    break;
            }
        }

        return steps;
    }

    private static ScenarioExpectation Expectation(JsonNode node)
    {
        var obj = Object(node, "expected");
        Only(obj, "expected", "state", "endEvents", "waitingAt", "passed", "notPassed", "variables", "deadlines", "letters");
        var stateText = RequiredString(obj, "state", "expected");
        var state = stateText switch
        {
            "completed" => ScenarioEndState.Completed,
            "waiting" => ScenarioEndState.Waiting,
            "incident" => ScenarioEndState.Incident,
            _ => throw new ScenarioFormatException("expected.state", $"'{stateText}' ist kein Endzustand; erlaubt sind \"completed\" (abgeschlossen), \"waiting\" (wartet) und \"incident\" (Störung)."),
        };
        return new ScenarioExpectation(
            state,
            Ids(obj["endEvents"], "expected.endEvents") ?? [],
            Ids(obj["waitingAt"], "expected.waitingAt"),
            Ids(obj["passed"], "expected.passed") ?? [],
            Ids(obj["notPassed"], "expected.notPassed") ?? [],
            obj["variables"] is { } variables ? Variables(variables, "expected.variables") : new Dictionary<string, JsonNode?>())
        {
            Deadlines = Deadlines(obj["deadlines"]),
            Letters = Letters(obj["letters"]),
        };
    }

    private static List<ScenarioLetter> Letters(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw new ScenarioFormatException("expected.letters", "Die Briefe müssen eine Liste sein.");
        }

        var letters = new List<ScenarioLetter>();
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"expected.letters[{i}]";
            var letter = Object(array[i], path);
            Only(letter, path, "template", "contains");
            var template = RequiredString(letter, "template", path).Trim();
            var contains = new List<string>();
            if (letter["contains"] is { } phrases)
            {
                if (phrases is not JsonArray list)
                {
                    throw new ScenarioFormatException($"{path}.contains", "Die Schlüsselsätze müssen eine Liste von Texten sein.");
                }

                for (var j = 0; j < list.Count; j++)
                {
                    contains.Add(list[j] is JsonValue value && value.TryGetValue<string>(out var phrase) && !string.IsNullOrWhiteSpace(phrase)
                        ? phrase
                        : throw new ScenarioFormatException($"{path}.contains[{j}]", "Erwartet wird ein nicht leerer Text."));
                }
            }

            letters.Add(new ScenarioLetter(template, contains));
        }

        return letters;
    }

    private static List<ScenarioDeadline> Deadlines(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw new ScenarioFormatException("expected.deadlines", "Die Fristen müssen eine Liste sein.");
        }

        var deadlines = new List<ScenarioDeadline>();
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"expected.deadlines[{i}]";
            var deadline = Object(array[i], path);
            Only(deadline, path, "element", "after", "due");
            var element = ElementId(RequiredString(deadline, "element", path), $"{path}.element");
            if (deadline.ContainsKey("after") == deadline.ContainsKey("due"))
            {
                throw new ScenarioFormatException(path, "Jede Frist hat genau eine der Angaben \"after\" (Dauer ab dem Start, z. B. P28D) oder \"due\" (Zeitpunkt mit Zeitzone, z. B. 2026-03-30T08:00:00Z).");
            }

            if (deadline.ContainsKey("after"))
            {
                var text = RequiredString(deadline, "after", path);
                deadlines.Add(new ScenarioDeadline(element, ParseDuration(text)
                    ?? throw new ScenarioFormatException($"{path}.after", $"'{text}' ist keine positive Dauer nach ISO 8601 in Tagen und Stunden (z. B. P2D, PT4H, P1DT12H)."), null));
            }
            else
            {
                deadlines.Add(new ScenarioDeadline(element, null, PointInTime(RequiredString(deadline, "due", path), $"{path}.due")));
            }
        }

        return deadlines;
    }

    private static List<string>? Ids(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw new ScenarioFormatException(path, "Erwartet wird eine Liste von Element-IDs.");
        }

        return [.. array.Select((item, i) => item is JsonValue value && value.TryGetValue<string>(out var id)
            ? ElementId(id, $"{path}[{i}]")
            : throw new ScenarioFormatException($"{path}[{i}]", "Erwartet wird eine Element-ID als Text."))];
    }

    private static string ElementId(string id, string path) =>
        id.Length is > 0 and <= 255 && !id.Any(char.IsWhiteSpace)
            ? id
            : throw new ScenarioFormatException(path, $"'{id}' ist keine Element-ID (nicht leer, ohne Leerzeichen, höchstens 255 Zeichen).");

    private static JsonObject Object(JsonNode? node, string path) =>
        node as JsonObject ?? throw new ScenarioFormatException(path, "Erwartet wird ein JSON-Objekt { … }.");

    private static void Only(JsonObject obj, string path, params string[] allowed)
    {
        foreach (var key in obj.Select(p => p.Key))
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw new ScenarioFormatException(path, $"Die Angabe \"{key}\" ist unbekannt; erlaubt sind: {string.Join(", ", allowed)}.");
            }
        }
    }

    private static string RequiredString(JsonObject obj, string key, string path) =>
        OptionalString(obj, key, path) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new ScenarioFormatException(Join(path, key), "Die Angabe fehlt oder ist leer.");

    private static string? OptionalString(JsonObject obj, string key, string path) => obj[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new ScenarioFormatException(Join(path, key), "Erwartet wird ein Text."),
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static JsonObject ToObject(IReadOnlyDictionary<string, JsonNode?> values)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in values)
        {
            obj[key] = value?.DeepClone();
        }

        return obj;
    }

    private static JsonObject WithOptional(JsonObject obj, string textKey, string? text, string valuesKey, IReadOnlyDictionary<string, object?>? values)
    {
        if (text is not null)
        {
            obj[textKey] = text;
        }

        if (values is not null)
        {
            var map = new JsonObject();
            foreach (var (key, value) in values)
            {
                map[key] = value switch
                {
                    null => null,
                    JsonNode node => node.DeepClone(),
                    _ => JsonSerializer.SerializeToNode(value),
                };
            }

            obj[valuesKey] = map;
        }

        return obj;
    }

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{Nd}_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();
}
