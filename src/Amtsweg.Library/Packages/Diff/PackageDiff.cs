using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Amtsweg.Bpmn;

namespace Amtsweg.Library.Packages.Diff;

/// <summary>A field of the manifest that changed, with a German sentence.</summary>
/// <param name="Field">The manifest field (<c>version</c>, <c>leika</c>).</param>
/// <param name="Text">What changed, in German.</param>
public sealed record ManifestChange(string Field, string Text);

/// <summary>A parameter added, removed or changed.</summary>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Name">The parameter's name.</param>
/// <param name="Text">A German sentence.</param>
/// <param name="Details">For a changed parameter, one German sentence per field that changed (type, default, label, ...).</param>
public sealed record ParameterChange(DiffKind Kind, string Name, string Text, IReadOnlyList<string> Details);

/// <summary>How one file of the package changed.</summary>
/// <param name="Path">Its path inside the package.</param>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Elements">For a changed BPMN or DMN file: its elements added, removed or changed.</param>
/// <param name="Hunks">For a changed text file (and a model that cannot be read): the line diff.</param>
/// <param name="LayoutChanged">For a model: the diagram's layout changed.</param>
/// <param name="Note">A German remark on how the file was compared, or null.</param>
public sealed record FileChange(string Path, DiffKind Kind, IReadOnlyList<ElementChange> Elements, IReadOnlyList<TextHunk> Hunks, bool LayoutChanged, string? Note)
{
    /// <summary>True when only the diagram's layout changed.</summary>
    public bool LayoutOnly => Kind == DiffKind.Changed && LayoutChanged && Elements.Count == 0 && Hunks.Count == 0;

    /// <summary>How many changes the file counts for: one per element and hunk, one for the layout; an added or removed file is one.</summary>
    public int Count => Kind == DiffKind.Changed ? Math.Max(1, Elements.Count + Hunks.Count + (LayoutChanged ? 1 : 0)) : 1;
}

/// <summary>What changed between two versions of a package (<see cref="PackageDiff.Compare"/>).</summary>
/// <param name="Before">The old version's manifest.</param>
/// <param name="After">The new version's manifest.</param>
/// <param name="Manifest">Changed manifest fields (parameters apart).</param>
/// <param name="Parameters">Added, removed and changed parameters.</param>
/// <param name="Files">Added, removed and changed files other than the manifest, by path.</param>
public sealed record PackageDiffResult(
    PackageManifest Before,
    PackageManifest After,
    IReadOnlyList<ManifestChange> Manifest,
    IReadOnlyList<ParameterChange> Parameters,
    IReadOnlyList<FileChange> Files)
{
    /// <summary>How many changes there are in all.</summary>
    public int Count => Manifest.Count + Parameters.Count + Files.Sum(f => f.Count);

    /// <summary>True when nothing differs.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The changes as lines grouped by file, last <c>N Änderungen</c> or <c>keine Änderungen</c>.</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>();
        if (Manifest.Count + Parameters.Count > 0)
        {
            lines.Add(PackageLayout.Manifest);
            lines.AddRange(Manifest.Select(m => "  " + m.Text));
            lines.AddRange(Parameters.Select(p => "  " + p.Text));
        }

        foreach (var file in Files)
        {
            switch (file.Kind)
            {
                case DiffKind.Added:
                    lines.Add($"{file.Path}: hinzugefügt");
                    continue;
                case DiffKind.Removed:
                    lines.Add($"{file.Path}: entfernt");
                    continue;
                case DiffKind.Changed:
                    break;
                default:
                    throw new InvalidOperationException($"Unknown change kind {file.Kind}.");
            }

            lines.Add(file.LayoutOnly ? $"{file.Path}: nur Layout geändert" : $"{file.Path}: geändert");
            if (file.Note is { } note)
            {
                lines.Add("  " + note);
            }

            lines.AddRange(file.Elements.Select(e => "  " + e.Text));
            if (file.LayoutChanged && !file.LayoutOnly)
            {
                lines.Add("  Layout des Diagramms geändert");
            }

            foreach (var hunk in file.Hunks)
            {
                lines.Add("  " + hunk.Header);
                lines.AddRange(hunk.Lines.Select(l => l.Kind switch
                {
                    TextLineKind.Same => "    " + l.Text,
                    TextLineKind.Removed => "  - " + l.Text,
                    TextLineKind.Added => "  + " + l.Text,
                    _ => throw new InvalidOperationException($"Unknown line kind {l.Kind}."),
                }));
            }
        }

        lines.Add(Count switch
        {
            0 => "keine Änderungen",
            1 => "1 Änderung",
            var n => $"{n} Änderungen",
        });
        return lines;
    }
}

/// <summary>
/// Compares two versions of a package as read by <see cref="PackageReader"/>: manifest fields, parameters, files added
/// and removed, and per changed file the elements of a BPMN model (<see cref="BpmnFileDiff"/>) or of a DMN file
/// (<see cref="DmnFileDiff"/>) and the lines of every other text (forms indented as JSON first, so that a changed field
/// is a changed line). A model that cannot be read is compared line by line with a note. The signature of a signed
/// archive is not part of the comparison.
/// </summary>
public static class PackageDiff
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>.</summary>
    /// <exception cref="PackageReadException">The manifest of one of them is missing or invalid.</exception>
    public static PackageDiffResult Compare(PackageFiles before, PackageFiles after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var oldManifest = ReadManifest(before);
        var newManifest = ReadManifest(after);
        var files = new List<FileChange>();
        foreach (var path in before.Files.Keys.Union(after.Files.Keys).Where(p => p != PackageLayout.Manifest).Order(StringComparer.Ordinal))
        {
            var inOld = before.Files.TryGetValue(path, out var oldBytes);
            var inNew = after.Files.TryGetValue(path, out var newBytes);
            if (!inOld)
            {
                files.Add(new FileChange(path, DiffKind.Added, [], [], false, null));
            }
            else if (!inNew)
            {
                files.Add(new FileChange(path, DiffKind.Removed, [], [], false, null));
            }
            else if (!oldBytes.AsSpan().SequenceEqual(newBytes))
            {
                files.Add(CompareFile(path, before, after));
            }
        }

        return new PackageDiffResult(oldManifest, newManifest, ManifestChanges(oldManifest, newManifest), ParameterChanges(oldManifest.Parameters, newManifest.Parameters), files);
    }

    /// <summary>Reads a package's manifest; a missing or invalid one is a <see cref="PackageReadException"/> naming the package.</summary>
    internal static PackageManifest ReadManifest(PackageFiles files)
    {
        if (!files.Files.ContainsKey(PackageLayout.Manifest))
        {
            throw new PackageReadException($"{files.Source}: Das Manifest {PackageLayout.Manifest} fehlt.");
        }

        try
        {
            return ManifestReader.Read(files.Text(PackageLayout.Manifest));
        }
        catch (PackageManifestException error)
        {
            throw new PackageReadException($"{files.Source}: {PackageLayout.Manifest}: {error.Message}", error);
        }
        catch (PackageTextException error)
        {
            throw new PackageReadException($"{files.Source}: {PackageLayout.Manifest}: {error.Message}", error);
        }
    }

    /// <summary>A form's JSON indented one property per line, or the text as it is when it is not JSON.</summary>
    internal static string FormText(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Indented) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static FileChange CompareFile(string path, PackageFiles before, PackageFiles after)
    {
        string oldText, newText;
        try
        {
            oldText = before.Text(path);
            newText = after.Text(path);
        }
        catch (PackageTextException)
        {
            return new FileChange(path, DiffKind.Changed, [], [], false, "Inhalt geändert (keine UTF-8-Textdatei, daher ohne Zeilenvergleich)");
        }

        string? note = null;
        if (path.EndsWith(".bpmn", StringComparison.Ordinal))
        {
            try
            {
                var model = BpmnFileDiff.Compare(oldText, newText);
                return Unchanged(new FileChange(path, DiffKind.Changed, model.Elements, [], model.LayoutChanged, null));
            }
            catch (BpmnModelException error)
            {
                note = $"Das Modell lässt sich nicht lesen ({error.MessageGerman}); verglichen wird zeilenweise.";
            }
        }
        else if (path.EndsWith(".dmn", StringComparison.Ordinal))
        {
            try
            {
                var decisions = DmnFileDiff.Compare(oldText, newText);
                return Unchanged(new FileChange(path, DiffKind.Changed, decisions.Elements, [], decisions.LayoutChanged, null));
            }
            catch (XmlException error)
            {
                note = $"Die Entscheidungstabelle lässt sich nicht lesen ({error.Message}); verglichen wird zeilenweise.";
            }
        }
        else if (path.EndsWith(".form", StringComparison.Ordinal))
        {
            oldText = FormText(oldText);
            newText = FormText(newText);
        }

        return Unchanged(new FileChange(path, DiffKind.Changed, [], TextDiff.Hunks(TextDiff.Compare(oldText, newText)), false, note));
    }

    /// <summary>A file whose bytes differ but whose content compares equal (whitespace, attribute order, line ends): said so.</summary>
    private static FileChange Unchanged(FileChange change) =>
        change.Elements.Count == 0 && change.Hunks.Count == 0 && !change.LayoutChanged && change.Note is null
            ? change with { Note = "Nur die Schreibweise ist anders (Leerzeichen, Zeilenenden, Reihenfolge der Attribute), nicht der Inhalt." }
            : change;

    private static List<ManifestChange> ManifestChanges(PackageManifest before, PackageManifest after)
    {
        var changes = new List<ManifestChange>();
        void Scalar(string field, string label, string old, string current)
        {
            if (!string.Equals(old, current, StringComparison.Ordinal))
            {
                changes.Add(new ManifestChange(field, $"{label} von ‚{Cut(old)}‘ zu ‚{Cut(current)}‘ geändert"));
            }
        }

        void List(string field, string label, IReadOnlyList<string> old, IReadOnlyList<string> current)
        {
            foreach (var item in current.Except(old, StringComparer.Ordinal))
            {
                changes.Add(new ManifestChange(field, $"{label} ‚{item}‘ hinzugefügt"));
            }

            foreach (var item in old.Except(current, StringComparer.Ordinal))
            {
                changes.Add(new ManifestChange(field, $"{label} ‚{item}‘ entfernt"));
            }
        }

        Scalar("id", "Paketkennung", before.Id, after.Id);
        Scalar("version", "Version", before.Version, after.Version);
        Scalar("title", "Titel", before.Title, after.Title);
        Scalar("description", "Beschreibung", before.Description, after.Description);
        List("leika", "LeiKa-Schlüssel", before.Leika, after.Leika);
        List("tags", "Schlagwort", before.Tags, after.Tags);
        Scalar("publisher", "Herausgeber", $"{before.Publisher.Name} ({before.Publisher.Ags})", $"{after.Publisher.Name} ({after.Publisher.Ags})");
        List("authors", "Autor", before.Authors, after.Authors);
        Scalar("license", "Lizenz", before.License, after.License);
        List("sources", "Quelle", before.Sources, after.Sources);
        List("connectors", "Anbindung", before.Connectors, after.Connectors);
        List("jobTypes", "Auftragsart", before.JobTypes, after.JobTypes);
        return changes;
    }

    private static List<ParameterChange> ParameterChanges(IReadOnlyList<PackageParameter> before, IReadOnlyList<PackageParameter> after)
    {
        var changes = new List<ParameterChange>();
        foreach (var parameter in before.Where(p => after.All(a => a.Name != p.Name)))
        {
            changes.Add(new ParameterChange(DiffKind.Removed, parameter.Name, $"Parameter ‚{parameter.Label}‘ ({parameter.Name}) entfernt", []));
        }

        foreach (var parameter in after)
        {
            var old = before.FirstOrDefault(p => p.Name == parameter.Name);
            if (old is null)
            {
                changes.Add(new ParameterChange(
                    DiffKind.Added,
                    parameter.Name,
                    $"Parameter ‚{parameter.Label}‘ ({parameter.Name}) hinzugefügt: {TypeName(parameter.Type)}, Standardwert {Value(parameter.Default)}",
                    []));
                continue;
            }

            var details = new List<string>();
            if (old.Type != parameter.Type)
            {
                details.Add($"Typ von {TypeName(old.Type)} zu {TypeName(parameter.Type)} geändert");
            }

            if (!JsonNode.DeepEquals(old.Default, parameter.Default))
            {
                details.Add($"Standardwert von {Value(old.Default)} zu {Value(parameter.Default)} geändert");
            }

            if (old.Label != parameter.Label)
            {
                details.Add($"Bezeichnung von ‚{old.Label}‘ zu ‚{parameter.Label}‘ geändert");
            }

            if (old.Description != parameter.Description)
            {
                details.Add(parameter.Description is null ? "Erläuterung entfernt" : old.Description is null ? $"Erläuterung ‚{Cut(parameter.Description)}‘ hinzugefügt" : $"Erläuterung von ‚{Cut(old.Description)}‘ zu ‚{Cut(parameter.Description)}‘ geändert");
            }

            if (old.Unit != parameter.Unit)
            {
                details.Add($"Einheit von ‚{old.Unit ?? "keine"}‘ zu ‚{parameter.Unit ?? "keine"}‘ geändert");
            }

            if (details.Count > 0)
            {
                changes.Add(new ParameterChange(DiffKind.Changed, parameter.Name, $"Parameter ‚{parameter.Label}‘ ({parameter.Name}): {string.Join("; ", details)}", details));
            }
        }

        return changes;
    }

    /// <summary>The German name of a parameter type.</summary>
    internal static string TypeName(PackageParameterType type) => type switch
    {
        PackageParameterType.Text => "Text",
        PackageParameterType.Number => "Zahl",
        PackageParameterType.Integer => "ganze Zahl",
        PackageParameterType.Boolean => "Ja/Nein",
        PackageParameterType.Date => "Datum",
        PackageParameterType.Duration => "Dauer",
    };

    /// <summary>A parameter value as JSON text (<c>90</c>, <c>"P14D"</c>).</summary>
    internal static string Value(JsonNode? value) => value?.ToJsonString(Compact) ?? "null";

    private static string Cut(string value) => value.Length <= 120 ? value : string.Concat(value.AsSpan(0, 120), "…");
}
