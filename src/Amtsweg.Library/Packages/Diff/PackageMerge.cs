using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Amtsweg.Bpmn;
using Amtsweg.Xml;

namespace Amtsweg.Library.Packages.Diff;

/// <summary>What became of a file in a merge.</summary>
public enum MergeOutcome
{
    /// <summary>Not changed locally: the new version's file.</summary>
    Upstream,

    /// <summary>Not changed upstream (or changed the same way): the municipality's file.</summary>
    Local,

    /// <summary>Changed on both sides and merged without conflict.</summary>
    Merged,

    /// <summary>The file is gone: removed on one side and not changed on the other.</summary>
    Removed,

    /// <summary>Both sides changed it in ways that cannot both be kept; see the conflicts.</summary>
    Conflict,
}

/// <summary>One file of the merged package.</summary>
/// <param name="Path">Its path inside the package.</param>
/// <param name="Outcome">Where its content comes from.</param>
/// <param name="Content">The merged bytes; null for a removed file and for a conflict.</param>
public sealed record MergedFile(string Path, MergeOutcome Outcome, byte[]? Content);

/// <summary>Something that has to be decided by a person before the update can be taken over.</summary>
/// <param name="Path">The file (the manifest for parameters).</param>
/// <param name="Element">The element id, the manifest field or <c>parameter.NAME</c>; null for the file as a whole.</param>
/// <param name="Text">What collides, in German.</param>
/// <param name="Local">The municipality's side, in German or as the lines it has.</param>
/// <param name="Upstream">The new version's side.</param>
public sealed record MergeConflict(string Path, string? Element, string Text, string Local, string Upstream);

/// <summary>The result of <see cref="PackageMerge.Merge"/>: nothing is written; a caller shows it and writes it when it is clean.</summary>
/// <param name="Files">Every file of the merged package (removed ones with <see cref="MergeOutcome.Removed"/>), by path.</param>
/// <param name="Conflicts">What has to be decided; the merge is usable only without.</param>
/// <param name="ParameterValues">The municipality's parameter values for the new version (kept, new ones with their default, removed ones dropped; one in conflict is left out).</param>
/// <param name="Notes">What was decided without asking (a parameter dropped or new with its default), in German.</param>
public sealed record PackageMergeResult(IReadOnlyList<MergedFile> Files, IReadOnlyList<MergeConflict> Conflicts, JsonObject ParameterValues, IReadOnlyList<string> Notes)
{
    /// <summary>True when there is no conflict.</summary>
    public bool IsClean => Conflicts.Count == 0;
}

/// <summary>
/// Takes a new upstream version of a package over into a municipality's adapted copy (<c>docs/process-packages.md</c>):
/// per file, unchanged locally → the new version; unchanged upstream → the municipality's; changed on both sides → a
/// BPMN model by element (<see cref="BpmnMerge"/>), the manifest by field and parameter, every other text by lines
/// (<see cref="TextMerge"/>) and checked to be still JSON or XML where it was. Parameter values: the municipality's are
/// kept, new parameters take their default, removed ones are dropped, and a value that no longer fits a changed type is
/// a conflict.
/// </summary>
public static class PackageMerge
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Merges <paramref name="local"/> (the municipality's copy of <paramref name="common"/>) with <paramref name="upstream"/>.</summary>
    /// <param name="common">The version the municipality adopted (U1).</param>
    /// <param name="local">The municipality's files (L).</param>
    /// <param name="upstream">The new version (U2).</param>
    /// <param name="localValues">The municipality's parameter values by name, or null when it set none.</param>
    /// <exception cref="PackageReadException">A manifest of the three is missing or invalid.</exception>
    public static PackageMergeResult Merge(PackageFiles common, PackageFiles local, PackageFiles upstream, JsonObject? localValues = null)
    {
        ArgumentNullException.ThrowIfNull(common);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(upstream);
        var commonManifest = PackageDiff.ReadManifest(common);
        PackageDiff.ReadManifest(local);
        var upstreamManifest = PackageDiff.ReadManifest(upstream);

        var files = new List<MergedFile>();
        var conflicts = new List<MergeConflict>();
        foreach (var path in common.Files.Keys.Union(local.Files.Keys).Union(upstream.Files.Keys).Order(StringComparer.Ordinal))
        {
            var b = common.Files.GetValueOrDefault(path);
            var l = local.Files.GetValueOrDefault(path);
            var u = upstream.Files.GetValueOrDefault(path);
            if (Same(l, b) || Same(l, u))
            {
                files.Add(u is null ? new MergedFile(path, MergeOutcome.Removed, null) : new MergedFile(path, MergeOutcome.Upstream, u));
                continue;
            }

            if (Same(u, b))
            {
                files.Add(l is null ? new MergedFile(path, MergeOutcome.Removed, null) : new MergedFile(path, MergeOutcome.Local, l));
                continue;
            }

            if (b is null || l is null || u is null)
            {
                var text = b is null ? "Die Datei wurde hier und in der neuen Version unterschiedlich angelegt."
                    : l is null ? "Die Datei wurde hier entfernt, in der neuen Version aber geändert."
                    : "Die Datei wurde in der neuen Version entfernt, hier aber geändert.";
                conflicts.Add(new MergeConflict(path, null, text, l is null ? "entfernt" : "geändert", u is null ? "entfernt" : "geändert"));
                files.Add(new MergedFile(path, MergeOutcome.Conflict, null));
                continue;
            }

            var (content, fileConflicts) = MergeFile(path, common, local, upstream);
            conflicts.AddRange(fileConflicts);
            files.Add(new MergedFile(path, fileConflicts.Count > 0 ? MergeOutcome.Conflict : MergeOutcome.Merged, fileConflicts.Count > 0 ? null : content));
        }

        var manifest = files.First(f => f.Path == PackageLayout.Manifest);
        var merged = manifest.Content is null ? upstreamManifest : ManifestReader.Read(Encoding.UTF8.GetString(manifest.Content).TrimStart('\uFEFF'));
        var (values, notes) = Values(commonManifest, merged, localValues, conflicts);
        return new PackageMergeResult(files, conflicts, values, notes);
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static (byte[]? Content, List<MergeConflict> Conflicts) MergeFile(string path, PackageFiles common, PackageFiles local, PackageFiles upstream)
    {
        string b, l, u;
        try
        {
            (b, l, u) = (common.Text(path), local.Text(path), upstream.Text(path));
        }
        catch (PackageTextException)
        {
            return (null, [new MergeConflict(path, null, "Die Datei ist keine UTF-8-Textdatei und wurde auf beiden Seiten geändert; eine Seite muss gewählt werden.", "geändert", "geändert")]);
        }

        if (path == PackageLayout.Manifest)
        {
            return MergeManifest(path, b, l, u);
        }

        if (path.EndsWith(".bpmn", StringComparison.Ordinal))
        {
            try
            {
                var model = BpmnMerge.Merge(b, l, u);
                return model.Xml is { } xml
                    ? (Encoding.UTF8.GetBytes(xml), [])
                    : (null, [.. model.Conflicts.Select(c => new MergeConflict(path, c.ElementId, c.Text, c.Local, c.Upstream))]);
            }
            catch (BpmnModelException error)
            {
                return (null, [new MergeConflict(path, null, $"Das Modell lässt sich nicht lesen und daher nicht zusammenführen: {error.MessageGerman}", "geändert", "geändert")]);
            }
        }

        var text = TextMerge.Merge(b, l, u);
        if (text.Text is not { } mergedText)
        {
            return (null, [.. text.Conflicts.Select(c => new MergeConflict(
                path,
                $"Zeile {c.BaseLine}",
                c.Base.Count == 0
                    ? $"Ab Zeile {c.BaseLine} wurde hier und in der neuen Version unterschiedlich Text eingefügt."
                    : $"Zeile {c.BaseLine}{(c.Base.Count > 1 ? $" bis {c.BaseLine + c.Base.Count - 1}" : string.Empty)} wurde hier und in der neuen Version unterschiedlich geändert.",
                string.Join('\n', c.Local),
                string.Join('\n', c.Upstream)))]);
        }

        if (Unreadable(path, mergedText) is { } problem)
        {
            return (null, [new MergeConflict(path, null, $"Die Änderungen beider Seiten passen zeilenweise zusammen, ergeben aber keine gültige Datei mehr ({problem}); eine Seite muss gewählt werden.", "geändert", "geändert")]);
        }

        return (Encoding.UTF8.GetBytes(mergedText), []);
    }

    /// <summary>Why a merged form is no longer JSON or a merged decision no longer XML; null when it still is.</summary>
    private static string? Unreadable(string path, string text)
    {
        try
        {
            if (path.EndsWith(".form", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal))
            {
                using var document = JsonDocument.Parse(text);
            }
            else if (path.EndsWith(".dmn", StringComparison.Ordinal))
            {
                SafeXml.ParseDocument(text);
            }

            return null;
        }
        catch (JsonException)
        {
            return "kein gültiges JSON";
        }
        catch (XmlException)
        {
            return "kein gültiges XML";
        }
    }

    /// <summary>The manifest by top-level field and parameter; the version is always the new one.</summary>
    private static (byte[]? Content, List<MergeConflict> Conflicts) MergeManifest(string path, string common, string local, string upstream)
    {
        var b = JsonNode.Parse(common)!.AsObject();
        var l = JsonNode.Parse(local)!.AsObject();
        var u = JsonNode.Parse(upstream)!.AsObject();
        var conflicts = new List<MergeConflict>();
        var result = new JsonObject();
        foreach (var field in u.Select(p => p.Key).Union(l.Select(p => p.Key)).ToList())
        {
            if (field == "parameters")
            {
                result[field] = MergeParameters(path, b[field] as JsonArray, l[field] as JsonArray, u[field] as JsonArray, conflicts);
                continue;
            }

            if (field == "version")
            {
                result[field] = u[field]?.DeepClone();
                continue;
            }

            if (Pick(b[field], l[field], u[field]) is var (value, ok) && ok)
            {
                if (value is not null)
                {
                    result[field] = value.DeepClone();
                }
            }
            else
            {
                conflicts.Add(new MergeConflict(path, field, $"Die Angabe „{field}“ wurde hier und in der neuen Version unterschiedlich geändert.", Json(l[field]), Json(u[field])));
            }
        }

        if (conflicts.Count > 0)
        {
            return (null, conflicts);
        }

        var text = result.ToJsonString(Indented) + "\n";
        try
        {
            ManifestReader.Read(text);
        }
        catch (PackageManifestException error)
        {
            return (null, [new MergeConflict(path, error.Path, $"Das zusammengeführte Manifest ist ungültig: {error.Message}", "geändert", "geändert")]);
        }

        return (Encoding.UTF8.GetBytes(text), []);
    }

    private static JsonArray MergeParameters(string path, JsonArray? common, JsonArray? local, JsonArray? upstream, List<MergeConflict> conflicts)
    {
        static Dictionary<string, JsonNode> ByName(JsonArray? list) =>
            (list ?? []).OfType<JsonObject>().Where(p => p["name"] is not null).ToDictionary(p => p["name"]!.ToString(), p => (JsonNode)p, StringComparer.Ordinal);
        var b = ByName(common);
        var l = ByName(local);
        var u = ByName(upstream);
        var names = (upstream ?? []).OfType<JsonObject>().Select(p => p["name"]?.ToString()).OfType<string>()
            .Concat((local ?? []).OfType<JsonObject>().Select(p => p["name"]?.ToString()).OfType<string>()).Distinct(StringComparer.Ordinal);
        var result = new JsonArray();
        foreach (var name in names)
        {
            if (Pick(b.GetValueOrDefault(name), l.GetValueOrDefault(name), u.GetValueOrDefault(name)) is var (value, ok) && ok)
            {
                if (value is not null)
                {
                    result.Add(value.DeepClone());
                }
            }
            else
            {
                conflicts.Add(new MergeConflict(path, $"parameter.{name}", $"Der Parameter „{name}“ wurde hier und in der neuen Version unterschiedlich geändert.", Json(l.GetValueOrDefault(name)), Json(u.GetValueOrDefault(name))));
            }
        }

        return result;
    }

    /// <summary>The three-way choice for one value: unchanged locally → upstream, unchanged upstream → local, both the same → it; else no choice.</summary>
    private static (JsonNode? Value, bool Ok) Pick(JsonNode? common, JsonNode? local, JsonNode? upstream) =>
        JsonNode.DeepEquals(local, common) ? (upstream, true)
        : JsonNode.DeepEquals(upstream, common) || JsonNode.DeepEquals(local, upstream) ? (local, true)
        : (null, false);

    private static string Json(JsonNode? node) => node is null ? "entfernt" : node.ToJsonString(Indented);

    private static (JsonObject Values, List<string> Notes) Values(PackageManifest common, PackageManifest merged, JsonObject? localValues, List<MergeConflict> conflicts)
    {
        var values = new JsonObject();
        var notes = new List<string>();

        // Read back as JSON: a value built in code (JsonValue of an int) answers the type check as one read from text does.
        localValues = localValues is null ? null : JsonNode.Parse(localValues.ToJsonString())!.AsObject();
        foreach (var parameter in merged.Parameters)
        {
            if (localValues is null || !localValues.TryGetPropertyValue(parameter.Name, out var value))
            {
                values[parameter.Name] = parameter.Default.DeepClone();
                if (common.Parameters.All(p => p.Name != parameter.Name))
                {
                    notes.Add($"Neuer Parameter ‚{parameter.Label}‘ ({parameter.Name}) mit dem Standardwert {PackageDiff.Value(parameter.Default)}.");
                }

                continue;
            }

            var before = common.Parameters.FirstOrDefault(p => p.Name == parameter.Name);
            if (ManifestReader.TypeProblem(parameter.Type, value) is { } problem)
            {
                var was = before is not null && before.Type != parameter.Type ? $"Der Typ wurde von {PackageDiff.TypeName(before.Type)} zu {PackageDiff.TypeName(parameter.Type)} geändert; " : string.Empty;
                conflicts.Add(new MergeConflict(
                    PackageLayout.Manifest,
                    $"parameter.{parameter.Name}",
                    $"Parameter ‚{parameter.Label}‘ ({parameter.Name}): {was}der Wert der Gemeinde {PackageDiff.Value(value)} passt nicht mehr. {problem}",
                    PackageDiff.Value(value),
                    $"Standardwert {PackageDiff.Value(parameter.Default)}"));
                continue;
            }

            values[parameter.Name] = value?.DeepClone();
        }

        foreach (var (name, _) in localValues ?? [])
        {
            if (merged.Parameters.All(p => p.Name != name))
            {
                notes.Add($"Der Parameter „{name}“ entfällt in der neuen Version; der Wert der Gemeinde wird nicht mehr gebraucht.");
            }
        }

        return (values, notes);
    }
}
