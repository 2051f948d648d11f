namespace Amtsweg.Library.Packages;

/// <summary>
/// The fixed layout of a package (<c>docs/process-packages.md</c>): the manifest at the root and each kind of file in its
/// folder with its extension. A file anywhere else is a problem naming it, so that a misspelt folder is not ignored.
/// </summary>
public static class PackageLayout
{
    /// <summary>The manifest's file name.</summary>
    public const string Manifest = "amtsweg-package.json";

    /// <summary>The staff documentation every package has.</summary>
    public const string Documentation = "doku/so-laeuft-der-vorgang.md";

    /// <summary>The folders of the layout with the extension of their files and what they hold, in German.</summary>
    public static IReadOnlyList<(string Folder, string Extension, string What)> Folders { get; } =
    [
        ("prozesse", ".bpmn", "BPMN-Modelle"),
        ("formulare", ".form", "Formulare"),
        ("entscheidungen", ".dmn", "Entscheidungen (DMN)"),
        ("briefe", ".txt", "Briefvorlagen"),
        ("doku", ".md", "Dokumentation"),
        ("szenarien", ".json", "Szenarien"),
    ];

    /// <summary>Every file outside the layout, and what the layout requires but the package lacks.</summary>
    public static IReadOnlyList<PackageProblem> Problems(PackageFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<PackageProblem>();
        foreach (var path in files.Files.Keys)
        {
            if (path != Manifest && !Folders.Any(f => IsIn(path, f.Folder, f.Extension)))
            {
                problems.Add(new PackageProblem(path, null, Outside(path)));
            }
        }

        if (!files.Files.ContainsKey(Manifest))
        {
            problems.Add(new PackageProblem(Manifest, null, "Das Manifest fehlt."));
        }

        if (!files.In("prozesse", ".bpmn").Any())
        {
            problems.Add(new PackageProblem("prozesse/", null, "Das Paket enthält kein BPMN-Modell (prozesse/*.bpmn)."));
        }

        if (!files.Files.ContainsKey(Documentation))
        {
            problems.Add(new PackageProblem(Documentation, null, "Die Dokumentation „So läuft der Vorgang“ fehlt."));
        }

        if (!files.In("szenarien", ".json").Any())
        {
            problems.Add(new PackageProblem("szenarien/", null, "Das Paket enthält kein Szenario (szenarien/*.json); mindestens eines ist nötig."));
        }

        return problems;
    }

    private static bool IsIn(string path, string folder, string extension) =>
        path.StartsWith(folder + "/", StringComparison.Ordinal)
        && path.Count(c => c == '/') == 1
        && path.EndsWith(extension, StringComparison.Ordinal)
        && path.Length > folder.Length + 1 + extension.Length;

    private static string Outside(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && Folders.FirstOrDefault(f => f.Folder == path[..slash]) is { Folder: not null } folder)
        {
            return $"Die Datei liegt außerhalb des festen Aufbaus: Im Ordner {folder.Folder}/ stehen nur {folder.What} ({folder.Extension}), ohne Unterordner.";
        }

        return $"Die Datei liegt außerhalb des festen Aufbaus. Erlaubt sind {Manifest} und die Ordner {string.Join(", ", Folders.Select(f => $"{f.Folder}/*{f.Extension}"))}.";
    }
}
