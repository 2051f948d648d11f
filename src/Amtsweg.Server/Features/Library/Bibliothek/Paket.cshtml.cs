using System.Text.Json;
using Amtsweg.Library.Packages;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
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
public sealed class PaketModel(LibraryShelf shelf, PackageReviews reviews) : PageModel
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

    /// <summary>Every municipality's rating and comment, newest first.</summary>
    public PackageReviewList Reviews { get; private set; } = new([]);

    /// <summary>True when the user may rate and comment for the municipality (Prozessgestaltung, Leitung).</summary>
    public bool MayReview => User.IsInRole(Roles.Prozessgestaltung) || User.IsInRole(Roles.Leitung);

    /// <summary>Why the review just sent was refused (German), shown at the form; null otherwise.</summary>
    public string? ReviewError { get; private set; }

    /// <summary>The rating and comment as sent, kept when the review was refused.</summary>
    public (int? Rating, string? Text) ReviewSent { get; private set; }

    /// <summary>What the last post did (German), shown once.</summary>
    [TempData(Key = LibraryPages.NoticeKey)]
    public string? Notice { get; set; }

    /// <summary>Notes of the last update on removed steps where instances wait, one per line, shown once.</summary>
    [TempData(Key = LibraryPages.NotesKey)]
    public string? Notes { get; set; }

    public Task<IActionResult> OnGetAsync(string? id, string? version, CancellationToken cancellationToken) => ShowAsync(id, version, cancellationToken);

    /// <summary>Saves the municipality's rating and comment for the version it runs (or the one shown when it runs none).</summary>
    public async Task<IActionResult> OnPostBewertenAsync(string? id, string? version, int? bewertung, string? kommentar, CancellationToken cancellationToken)
    {
        if (!MayReview)
        {
            return Forbid();
        }

        if (await shelf.FindAsync(id, version, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        var reviewed = found.Package.Installed?.Version ?? found.Version.Version;
        ReviewError = await reviews.SaveAsync(found.Manifest.Id, reviewed, bewertung, kommentar, User.Identity!.Name!, cancellationToken);
        if (ReviewError is not null)
        {
            ReviewSent = (bewertung, kommentar);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(id, version, cancellationToken);
        }

        Notice = "Ihre Bewertung wurde gespeichert. Alle Gemeinden dieser Installation sehen sie mit dem Namen Ihrer Gemeinde.";
        return Redirect(LibraryPages.PackageUrl(found.Manifest.Id, version) + "#bewertungen-titel");
    }

    /// <summary>Withdraws the municipality's rating and comment.</summary>
    public async Task<IActionResult> OnPostBewertungZurueckziehenAsync(string? id, string? version, CancellationToken cancellationToken)
    {
        if (!MayReview)
        {
            return Forbid();
        }

        if (await shelf.FindAsync(id, version, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        Notice = await reviews.DeleteAsync(found.Manifest.Id, User.Identity!.Name!, cancellationToken)
            ? "Ihre Bewertung wurde zurückgezogen."
            : "Ihre Gemeinde hatte dieses Paket nicht bewertet.";
        return Redirect(LibraryPages.PackageUrl(found.Manifest.Id, version) + "#bewertungen-titel");
    }

    private async Task<IActionResult> ShowAsync(string? id, string? version, CancellationToken cancellationToken)
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
        Reviews = await reviews.ListAsync(Manifest.Id, cancellationToken);
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
