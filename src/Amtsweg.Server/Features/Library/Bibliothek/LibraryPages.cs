using System.Globalization;
using System.Text.Json.Nodes;
using Amtsweg.Library.Packages;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Http;

namespace Amtsweg.Server.Features.Library.Bibliothek;

/// <summary>
/// The library pages (issue 14.3): who may do what, their addresses (query parameters only: a package id is no
/// municipality's data), and the typed parameter inputs shared by adopting, changing values and updating.
/// </summary>
public static class LibraryPages
{
    /// <summary>The roles that see the library: Prozessgestaltung, and Leitung and Administration to read.</summary>
    public const string ReadingRoles = Roles.Prozessgestaltung + "," + Roles.Leitung + "," + Roles.Administration;

    /// <summary>The role that adopts, changes and updates packages.</summary>
    public const string DesigningRoles = Roles.Prozessgestaltung;

    /// <summary>The list.</summary>
    public const string ListPath = "/bibliothek";

    /// <summary>The package page.</summary>
    public const string PackagePath = "/bibliothek/paket";

    /// <summary>The adopt page (also changes the parameter values of the installed version).</summary>
    public const string AdoptPath = "/bibliothek/uebernehmen";

    /// <summary>The update page.</summary>
    public const string UpdatePath = "/bibliothek/aktualisieren";

    /// <summary>The TempData key of what a post did (German), shown once on the package page.</summary>
    public const string NoticeKey = "LibraryNotice";

    /// <summary>The TempData key of the update's notes on removed steps where instances wait, shown once.</summary>
    public const string NotesKey = "LibraryNotes";

    /// <summary>The prefix of a parameter's input name and id.</summary>
    public const string FieldPrefix = "parameter-";

    /// <summary>True when the user may adopt and update.</summary>
    public static bool MayDesign(System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Prozessgestaltung);
    }

    /// <summary>The package page of a version (the newest without one).</summary>
    public static string PackageUrl(string packageId, string? version = null) =>
        $"{PackagePath}?id={Uri.EscapeDataString(packageId)}{(version is null ? "" : "&version=" + Uri.EscapeDataString(version))}";

    /// <summary>The adopt page of a version.</summary>
    public static string AdoptUrl(string packageId, string version) => $"{AdoptPath}?id={Uri.EscapeDataString(packageId)}&version={Uri.EscapeDataString(version)}";

    /// <summary>The update page to a version.</summary>
    public static string UpdateUrl(string packageId, string version) => $"{UpdatePath}?id={Uri.EscapeDataString(packageId)}&version={Uri.EscapeDataString(version)}";

    /// <summary>The diagram of a process file of a version, for the viewer.</summary>
    public static string DiagramUrl(string packageId, string version, string file) =>
        $"{PackagePath}?handler=Diagramm&id={Uri.EscapeDataString(packageId)}&version={Uri.EscapeDataString(version)}&datei={Uri.EscapeDataString(file)}";

    /// <summary>A file's name without folder and extension (<c>prozesse/hundesteuer.bpmn</c> → <c>hundesteuer</c>).</summary>
    public static string FileTitle(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>
    /// What the package's processes, decisions, letters and forms are called for a reader: by path (a process file by its
    /// process's name, a decision file by the name of its definitions, a letter by its template's name, a form by the
    /// first heading of its first text, as form-js schemas have no title) and by what an installation names
    /// (<c>prozess:ID</c>, <c>entscheidung:ID</c>, <c>formular:ID</c>, <c>brief:KEY</c>); the file name or id where a
    /// file names nothing or cannot be read.
    /// </summary>
    public static Dictionary<string, string> Titles(PackageFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, string? title)
        {
            if (!string.IsNullOrWhiteSpace(title))
            {
                titles[key] = title.Trim();
            }
        }

        foreach (var path in files.In("prozesse", ".bpmn"))
        {
            Read(() =>
            {
                var processes = Amtsweg.Bpmn.Reading.BpmnReader.Parse(files.Text(path)).Processes;
                Add(path, processes.Select(p => p.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)));
                foreach (var process in processes)
                {
                    Add($"prozess:{process.Id}", process.Name);
                }
            });
        }

        foreach (var path in files.In("entscheidungen", ".dmn"))
        {
            Read(() =>
            {
                var root = System.Xml.Linq.XDocument.Parse(files.Text(path)).Root!;
                Add(path, root.Attribute("name")?.Value);
                foreach (var decision in root.Elements(root.Name.Namespace + "decision"))
                {
                    Add($"entscheidung:{decision.Attribute("id")?.Value}", decision.Attribute("name")?.Value);
                }
            });
        }

        foreach (var path in files.In("briefe", ".txt"))
        {
            Read(() =>
            {
                var name = Amtsweg.Documents.LetterTemplate.Parse(FileTitle(path), files.Text(path)).Name;
                Add(path, name);
                Add($"brief:{FileTitle(path)}", name);
            });
        }

        foreach (var path in files.In("formulare", ".form"))
        {
            Read(() =>
            {
                var schema = JsonNode.Parse(files.Text(path));
                var heading = FormHeading(schema);
                Add(path, heading);
                Add($"formular:{schema?["id"]?.GetValue<string>()}", heading);
            });
        }

        foreach (var path in files.In("prozesse", ".bpmn").Concat(files.In("entscheidungen", ".dmn")).Concat(files.In("briefe", ".txt")).Concat(files.In("formulare", ".form")))
        {
            titles.TryAdd(path, FileTitle(path));
        }

        return titles;
    }

    // A file that cannot be read keeps its file name (the package was validated when it came in).
    private static void Read(Action read)
    {
        try
        {
            read();
        }
        catch (Exception e) when (e is Amtsweg.Bpmn.BpmnModelException or System.Xml.XmlException or Amtsweg.Documents.TemplateException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // Named by its file name below.
        }
    }

    // The first Markdown heading of the form's first text component, e.g. "## Hund an- oder abmelden".
    private static string? FormHeading(JsonNode? schema) =>
        (schema?["components"] as JsonArray)?
            .Select(c => c?["type"]?.GetValue<string>() == "text" ? c["text"]?.GetValue<string>() : null)
            .FirstOrDefault(t => t is not null)?
            .Split('\n')
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith('#'))?
            .TrimStart('#');

    /// <summary>A value as a designer types it: numbers with a decimal comma, booleans as Ja/Nein, the rest as stored.</summary>
    public static string Show(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "ja" : "nein",
        JsonValue v when v.TryGetValue<decimal>(out var number) => number.ToString(CultureInfo.GetCultureInfo("de-DE")),
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(),
    };

    /// <summary>
    /// Reads the posted inputs of <paramref name="parameters"/> (<see cref="FieldPrefix"/> + name) as their types declare;
    /// a value that is not of its type is an error at its field. A parameter without input is not given.
    /// </summary>
    public static Dictionary<string, JsonNode?> Read(IFormCollection form, IEnumerable<PackageParameter> parameters, PageErrors errors, Dictionary<string, string> typed)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(typed);
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var field = FieldPrefix + parameter.Name;
            if (!form.TryGetValue(field, out var posted))
            {
                errors.Add(field, $"„{parameter.Label}“ fehlt: Bitte geben Sie einen Wert ein.");
                continue;
            }

            var text = posted.ToString();
            typed[parameter.Name] = text;
            if (text.Length > 10_000)
            {
                errors.Add(field, $"„{parameter.Label}“ ist zu lang (höchstens 10.000 Zeichen).");
                continue;
            }

            if (parameter.Type != PackageParameterType.Text && string.IsNullOrWhiteSpace(text))
            {
                errors.Add(field, $"„{parameter.Label}“ fehlt: Bitte geben Sie einen Wert ein.");
                continue;
            }

            try
            {
                values[parameter.Name] = PackageParameterValues.FromText(parameter, text);
            }
            catch (PackageParameterException)
            {
                errors.Add(field, $"„{parameter.Label}“: {Expected(parameter.Type)}");
            }
        }

        return values;
    }

    /// <summary>What a value of the type looks like, in German.</summary>
    public static string Expected(PackageParameterType type) => type switch
    {
        PackageParameterType.Text => "Erwartet wird ein Text.",
        PackageParameterType.Number => "Erwartet wird eine Zahl, zum Beispiel 12,50.",
        PackageParameterType.Integer => "Erwartet wird eine ganze Zahl, zum Beispiel 3.",
        PackageParameterType.Boolean => "Bitte wählen Sie „ja“ oder „nein“.",
        PackageParameterType.Date => "Erwartet wird ein Datum.",
        PackageParameterType.Duration => "Erwartet wird eine Dauer in Tagen oder Stunden wie P14D (14 Tage) oder PT48H (48 Stunden).",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}

/// <summary>The inputs of some parameters (<c>_ParameterFields</c> partial).</summary>
/// <param name="Parameters">The parameters, in manifest order.</param>
/// <param name="Inputs">The value shown per parameter name.</param>
/// <param name="Errors">The errors at the inputs.</param>
public sealed record ParameterFields(IReadOnlyList<PackageParameter> Parameters, IReadOnlyDictionary<string, string> Inputs, PageErrors Errors);
