using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Amtsweg.Library.Packages;

/// <summary>
/// A municipality's values of a package's parameters: read from text (<c>--parameter NAME=VALUE</c>), checked against
/// the manifest's types, and merged with the defaults and with the values of an earlier installed version.
/// </summary>
public static class PackageParameterValues
{
    /// <summary>
    /// The value of <paramref name="text"/> as the parameter's type declares it: text as it is, a number with a point or
    /// a comma, <c>true</c>/<c>false</c> (or <c>ja</c>/<c>nein</c>), a date <c>2026-01-31</c>, a duration <c>P14D</c>.
    /// </summary>
    /// <exception cref="PackageParameterException">The text is not a value of the type.</exception>
    public static JsonNode FromText(PackageParameter parameter, string text)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        JsonNode? value = parameter.Type switch
        {
            PackageParameterType.Text => JsonValue.Create(text),
            PackageParameterType.Number or PackageParameterType.Integer =>
                decimal.TryParse(trimmed.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : null,
            PackageParameterType.Boolean => trimmed.ToLowerInvariant() switch
            {
                "true" or "ja" => JsonValue.Create(true),
                "false" or "nein" => JsonValue.Create(false),
                _ => null,
            },
            PackageParameterType.Date or PackageParameterType.Duration => JsonValue.Create(trimmed),
        };
        return value is not null && ManifestReader.TypeProblem(parameter.Type, value) is null
            ? value
            : throw new PackageParameterException(parameter.Name, $"Der Parameter „{parameter.Name}“ ({parameter.Label}) hat den Wert „{text}“: {ManifestReader.TypeProblem(parameter.Type, value ?? JsonValue.Create(text))}");
    }

    /// <summary>
    /// The values an installation keeps: for each declared parameter the given value, else the value of the earlier
    /// installed version (when it is still of the declared type), else the default. A given name the manifest does not
    /// declare, or a given value of the wrong type, is a problem naming the parameter; parameters the manifest no longer
    /// declares are dropped.
    /// </summary>
    public static (JsonObject Values, IReadOnlyList<string> Problems) Merge(PackageManifest manifest, IReadOnlyDictionary<string, JsonNode?> given, JsonObject? previous)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(given);
        var problems = new List<string>();
        var declared = manifest.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var name in given.Keys.Where(n => !declared.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            var known = manifest.Parameters.Count == 0 ? "Das Paket hat keine Parameter." : $"Das Paket kennt: {string.Join(", ", manifest.Parameters.Select(p => p.Name))}.";
            problems.Add($"Den Parameter „{name}“ gibt es im Paket „{manifest.Id}“ nicht. {known}");
        }

        var values = new JsonObject();
        foreach (var parameter in manifest.Parameters)
        {
            if (given.TryGetValue(parameter.Name, out var value))
            {
                if (ManifestReader.TypeProblem(parameter.Type, value) is { } problem)
                {
                    problems.Add($"Der Parameter „{parameter.Name}“ ({parameter.Label}): {problem}");
                    continue;
                }

                values[parameter.Name] = value!.DeepClone();
            }
            else if (previous?[parameter.Name] is { } kept && ManifestReader.TypeProblem(parameter.Type, kept) is null)
            {
                values[parameter.Name] = kept.DeepClone();
            }
            else
            {
                values[parameter.Name] = parameter.Default.DeepClone();
            }
        }

        return (values, problems);
    }

    /// <summary>Reads stored values (a JSON object); an empty object for text that is not one.</summary>
    public static JsonObject Read(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>A parameter value that is not of its declared type.</summary>
public sealed class PackageParameterException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PackageParameterException(string name, string message)
        : base(message) => Name = name;

    /// <summary>Creates the exception.</summary>
    public PackageParameterException()
        : this(string.Empty, "Der Parameterwert passt nicht zum Typ.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public PackageParameterException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PackageParameterException(string message, Exception innerException)
        : base(message, innerException) => Name = string.Empty;

    /// <summary>The parameter's name.</summary>
    public string Name { get; }
}
