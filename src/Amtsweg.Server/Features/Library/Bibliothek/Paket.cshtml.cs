using System.Text.Json;
using Amtsweg.Library.Packages;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Library.Bibliothek;

/// <summary>
/// <c>/bibliothek/paket?id=…&amp;version=…</c> (issue 14.3): one package version before it is adopted — the staff
/// documentation (Markdown, sanitised), the diagrams in the viewer (<c>?handler=Diagramm</c>), parameters, forms,
/// decisions, letters, scenarios, connectors and job types, licence, authors and every version known — and, for the own
/// municipality, what is installed with links to it, adopting, changing the values and updating.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = LibraryPages.ReadingRoles)]
public sealed class PaketModel(LibraryShelf shelf) : PageModel
{
    /// <summary>The package.</summary>
    public ShelfPackage Package { get; private set; } = null!;

    /// <summary>The version shown.</summary>
    public ShelfVersion Version { get; private set; } = null!;

    /// <summary>The manifest of the version shown.</summary>
    public PackageManifest Manifest { get; private set; } = null!;

    /// <summary>The documentation files as safe HTML, by path.</summary>
    public IReadOnlyList<(string Path, string Html)> Documentation { get; private set; } = [];

    /// <summary>The process files (<c>prozesse/*.bpmn</c>).</summary>
    public IReadOnlyList<string> Processes { get; private set; } = [];

    /// <summary>The process files that carry a diagram layout the viewer can draw; the others are named without a picture.</summary>
    public IReadOnlySet<string> Drawable { get; private set; } = new HashSet<string>();

    /// <summary>The form files.</summary>
    public IReadOnlyList<string> Forms { get; private set; } = [];

    /// <summary>The decision files.</summary>
    public IReadOnlyList<string> Decisions { get; private set; } = [];

    /// <summary>The letter files.</summary>
    public IReadOnlyList<string> Letters { get; private set; } = [];

    /// <summary>What the processes, forms, decisions and letters are called, by path (<see cref="LibraryPages.Titles"/>).</summary>
    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();

    /// <summary>How many scenario tests the version has.</summary>
    public int Scenarios { get; private set; }

    /// <summary>What the own municipality's installation deployed, or null.</summary>
    public InstalledParts? Deployed { get; private set; }

    /// <summary>The own municipality's parameter values, or null.</summary>
    public System.Text.Json.Nodes.JsonObject? Values { get; private set; }

    /// <summary>True when the user may adopt and update.</summary>
    public bool MayDesign => LibraryPages.MayDesign(User);

    /// <summary>True when the user may open the letter templates (Administration).</summary>
    public bool MayEditLetters => User.IsInRole(Roles.Administration);

    /// <summary>What the last post did (German), shown once.</summary>
    [TempData(Key = LibraryPages.NoticeKey)]
    public string? Notice { get; set; }

    /// <summary>Notes of the last update on removed steps where instances wait, one per line, shown once.</summary>
    [TempData(Key = LibraryPages.NotesKey)]
    public string? Notes { get; set; }

    public async Task<IActionResult> OnGetAsync(string? id, string? version, CancellationToken cancellationToken)
    {
        if (await shelf.FindAsync(id, version, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        (Package, Version, var files, Manifest) = found;
        Documentation = [.. files.In("doku", ".md").Order(StringComparer.Ordinal)
            .OrderBy(p => p == PackageLayout.Documentation ? 0 : 1)
            .Select(p => (p, PackageDocumentation.ToHtml(files.Text(p))))];
        Processes = [.. files.In("prozesse", ".bpmn").Order(StringComparer.Ordinal)];
        Drawable = Processes.Where(p => HasLayout(files.Text(p))).ToHashSet(StringComparer.Ordinal);
        Forms = [.. files.In("formulare", ".form").Order(StringComparer.Ordinal)];
        Decisions = [.. files.In("entscheidungen", ".dmn").Order(StringComparer.Ordinal)];
        Letters = [.. files.In("briefe", ".txt").Order(StringComparer.Ordinal)];
        Scenarios = files.In("szenarien", ".json").Count();
        Titles = LibraryPages.Titles(files);
        if (Package.Installed is { } installed)
        {
            Deployed = JsonSerializer.Deserialize<InstalledParts>(installed.Deployed, InstalledParts.Json);
            Values = PackageParameterValues.Read(installed.Parameters);
        }

        return Page();
    }

    /// <summary>True when the model has a diagram (BPMN DI) to draw; a model without one is valid but has no picture.</summary>
    public static bool HasLayout(string xml)
    {
        try
        {
            return Amtsweg.Bpmn.Reading.BpmnReader.Parse(xml).Diagrams.Length > 0;
        }
        catch (Amtsweg.Bpmn.BpmnModelException)
        {
            return false;
        }
    }

    /// <summary>A process file of the version, for the diagram viewer.</summary>
    public async Task<IActionResult> OnGetDiagrammAsync(string? id, string? version, string? datei, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(version) || string.IsNullOrEmpty(datei) || await shelf.FindAsync(id, version, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        var path = "prozesse/" + datei;
        return found.Files.In("prozesse", ".bpmn").Contains(path, StringComparer.Ordinal)
            ? Content(found.Files.Text(path), "application/xml", System.Text.Encoding.UTF8)
            : NotFound();
    }
}
