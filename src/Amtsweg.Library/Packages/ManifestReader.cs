using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amtsweg.Engine.Simulation.Scenarios;
using Amtsweg.Feel;

namespace Amtsweg.Library.Packages;

/// <summary>
/// Reads the manifest <c>amtsweg-package.json</c> strictly, as <see cref="ScenarioReader"/> reads scenarios: an unknown
/// field, a value of the wrong type, an id, version, AGS or LeiKa key of the wrong form or a parameter default that does
/// not fit its type is a <see cref="PackageManifestException"/> whose German message names the place as a JSON path.
/// </summary>
public static partial class ManifestReader
{
    /// <summary>The format marker every manifest carries.</summary>
    public const string Format = "amtsweg-package/1";

    /// <summary>The largest manifest read, in characters.</summary>
    public const int MaxLength = 256 * 1024;

    private static readonly string[] Fields =
        ["format", "id", "version", "title", "description", "leika", "tags", "publisher", "authors", "license", "sources", "parameters", "connectors", "jobTypes"];

    private static readonly Dictionary<string, PackageParameterType> Types = new(StringComparer.Ordinal)
    {
        ["text"] = PackageParameterType.Text,
        ["number"] = PackageParameterType.Number,
        ["integer"] = PackageParameterType.Integer,
        ["boolean"] = PackageParameterType.Boolean,
        ["date"] = PackageParameterType.Date,
        ["duration"] = PackageParameterType.Duration,
    };

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="PackageManifestException">The text is not a valid manifest.</exception>
    public static PackageManifest Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
        {
            throw new PackageManifestException(string.Empty, $"Das Manifest ist größer als {MaxLength / 1024} KB.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException error)
        {
            var where = error.LineNumber is { } line ? $" (Zeile {line + 1}, Spalte {error.BytePositionInLine + 1})" : string.Empty;
            throw new PackageManifestException(string.Empty, $"Das Manifest ist kein gültiges JSON{where}.");
        }

        var obj = Object(root, string.Empty);
        Only(obj, string.Empty, Fields);
        var format = OptionalString(obj, "format", string.Empty);
        if (format != Format)
        {
            throw new PackageManifestException("format", format is null ? $"Die Angabe \"format\": \"{Format}\" fehlt." : $"Das Format '{format}' ist unbekannt; erwartet wird '{Format}'.");
        }

        var id = RequiredString(obj, "id", string.Empty);
        if (!IdSyntax().IsMatch(id))
        {
            throw new PackageManifestException("id", $"'{id}' ist keine Paketkennung: 3 bis 64 Zeichen aus Kleinbuchstaben, Ziffern und -, am Anfang ein Buchstabe (z. B. hundesteuer).");
        }

        var version = RequiredString(obj, "version", string.Empty);
        if (!VersionSyntax().IsMatch(version))
        {
            throw new PackageManifestException("version", $"'{version}' ist keine Version der Form MAJOR.MINOR.PATCH (z. B. 1.0.0 oder 1.1.0-entwurf).");
        }

        var leika = Strings(obj, "leika", required: false);
        for (var i = 0; i < leika.Count; i++)
        {
            if (!LeikaSyntax().IsMatch(leika[i]))
            {
                throw new PackageManifestException($"leika[{i}]", $"'{leika[i]}' ist kein LeiKa-Schlüssel (14 Ziffern).");
            }
        }

        var tags = Strings(obj, "tags", required: false);
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i].Length > 40)
            {
                throw new PackageManifestException($"tags[{i}]", "Ein Schlagwort hat höchstens 40 Zeichen.");
            }
        }

        var jobTypes = Strings(obj, "jobTypes", required: false);
        Unique(jobTypes, "jobTypes", "Der Auftragstyp");
        var connectors = Strings(obj, "connectors", required: false);
        Unique(connectors, "connectors", "Der Konnektor");
        return new PackageManifest(
            id,
            version,
            RequiredString(obj, "title", string.Empty),
            RequiredString(obj, "description", string.Empty),
            leika,
            tags,
            Publisher(obj["publisher"]),
            Strings(obj, "authors", required: true),
            RequiredString(obj, "license", string.Empty),
            Strings(obj, "sources", required: false),
            Parameters(obj["parameters"]),
            connectors,
            jobTypes);
    }

    /// <summary>Why <paramref name="value"/> is not a value of <paramref name="type"/>, in German; null when it is one.</summary>
    public static string? TypeProblem(PackageParameterType type, JsonNode? value)
    {
        var kind = value?.GetValueKind();
        var fits = type switch
        {
            PackageParameterType.Text => kind == JsonValueKind.String,
            PackageParameterType.Number => kind == JsonValueKind.Number,
            PackageParameterType.Integer => kind == JsonValueKind.Number && value!.GetValue<decimal>() is var number && decimal.IsInteger(number),
            PackageParameterType.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            PackageParameterType.Date => kind == JsonValueKind.String
                && DateOnly.TryParseExact(value!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            PackageParameterType.Duration => kind == JsonValueKind.String && FeelDaysTimeDuration.Parse(value!.GetValue<string>()) is not null,
        };
        return fits ? null : type switch
        {
            PackageParameterType.Text => "Erwartet wird ein Text.",
            PackageParameterType.Number => "Erwartet wird eine Zahl.",
            PackageParameterType.Integer => "Erwartet wird eine ganze Zahl.",
            PackageParameterType.Boolean => "Erwartet wird true oder false.",
            PackageParameterType.Date => "Erwartet wird ein Datum als Text im Format JJJJ-MM-TT (z. B. \"2026-01-31\").",
            PackageParameterType.Duration => "Erwartet wird eine Dauer nach ISO 8601 in Tagen und Stunden als Text (z. B. \"P14D\", \"PT48H\").",
        };
    }

    private static PackagePublisher Publisher(JsonNode? node)
    {
        if (node is null)
        {
            throw new PackageManifestException("publisher", "Die Angabe fehlt: der herausgebende Ort mit \"ags\" und \"name\".");
        }

        var obj = Object(node, "publisher");
        Only(obj, "publisher", "ags", "name");
        var ags = RequiredString(obj, "ags", "publisher");
        if (!AgsSyntax().IsMatch(ags))
        {
            throw new PackageManifestException("publisher.ags", $"'{ags}' ist kein Amtlicher Gemeindeschlüssel (8 Ziffern).");
        }

        return new PackagePublisher(ags, RequiredString(obj, "name", "publisher"));
    }

    private static List<PackageParameter> Parameters(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw new PackageManifestException("parameters", "Erwartet wird eine Liste [ … ].");
        }

        var parameters = new List<PackageParameter>();
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"parameters[{i}]";
            var obj = Object(array[i], path);
            Only(obj, path, "name", "type", "default", "label", "description", "unit");
            var name = RequiredString(obj, "name", path);
            if (!ScenarioReader.IsAllowedVariableName(name))
            {
                throw new PackageManifestException($"{path}.name", ScenarioReader.VariableNameRule(name));
            }

            if (parameters.Any(p => p.Name == name))
            {
                throw new PackageManifestException($"{path}.name", $"Den Parameter '{name}' gibt es schon.");
            }

            var typeText = RequiredString(obj, "type", path);
            if (!Types.TryGetValue(typeText, out var type))
            {
                throw new PackageManifestException($"{path}.type", $"'{typeText}' ist kein Parametertyp; erlaubt sind: {string.Join(", ", Types.Keys)}.");
            }

            if (!obj.TryGetPropertyValue("default", out var value))
            {
                throw new PackageManifestException($"{path}.default", "Der Standardwert fehlt.");
            }

            if (TypeProblem(type, value) is { } problem)
            {
                throw new PackageManifestException($"{path}.default", problem);
            }

            parameters.Add(new PackageParameter(name, type, value!.DeepClone(), RequiredString(obj, "label", path), OptionalString(obj, "description", path), OptionalString(obj, "unit", path)));
        }

        return parameters;
    }

    private static List<string> Strings(JsonObject obj, string key, bool required)
    {
        var node = obj[key];
        if (node is null)
        {
            return required ? throw new PackageManifestException(key, "Die Angabe fehlt (eine Liste von Texten).") : [];
        }

        if (node is not JsonArray array)
        {
            throw new PackageManifestException(key, "Erwartet wird eine Liste von Texten [ … ].");
        }

        var items = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            items.Add(array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { } text && !string.IsNullOrWhiteSpace(text)
                ? text
                : throw new PackageManifestException($"{key}[{i}]", "Erwartet wird ein Text, der nicht leer ist."));
        }

        if (required && items.Count == 0)
        {
            throw new PackageManifestException(key, "Die Liste darf nicht leer sein.");
        }

        return items;
    }

    private static void Unique(List<string> items, string key, string what)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items.IndexOf(items[i]) < i)
            {
                throw new PackageManifestException($"{key}[{i}]", $"{what} '{items[i]}' steht doppelt in der Liste.");
            }
        }
    }

    private static JsonObject Object(JsonNode? node, string path) =>
        node as JsonObject ?? throw new PackageManifestException(path, "Erwartet wird ein JSON-Objekt { … }.");

    private static void Only(JsonObject obj, string path, params string[] allowed)
    {
        foreach (var key in obj.Select(p => p.Key))
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw new PackageManifestException(path, $"Die Angabe \"{key}\" ist unbekannt; erlaubt sind: {string.Join(", ", allowed)}.");
            }
        }
    }

    private static string RequiredString(JsonObject obj, string key, string path) =>
        OptionalString(obj, key, path) is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new PackageManifestException(Join(path, key), "Die Angabe fehlt oder ist leer.");

    private static string? OptionalString(JsonObject obj, string key, string path) => obj[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new PackageManifestException(Join(path, key), "Erwartet wird ein Text."),
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    [GeneratedRegex(@"^[a-z][a-z0-9-]{2,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdSyntax();

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSyntax();

    [GeneratedRegex(@"^[0-9]{8}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AgsSyntax();

    [GeneratedRegex(@"^[0-9]{14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex LeikaSyntax();
}
