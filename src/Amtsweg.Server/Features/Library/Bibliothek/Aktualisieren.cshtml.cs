using Amtsweg.Library.Packages;
using Amtsweg.Library.Packages.Diff;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Library.Bibliothek;

/// <summary>
/// <c>/bibliothek/aktualisieren?id=…&amp;version=…</c> (issue 14.3): what changed from the installed version to a newer
/// one (<see cref="PackageDiff"/>): each process of the new version in the viewer with its added and changed elements
/// marked as the studio's changes view marks them, the element lists, the line diffs of documentation, forms, decisions
/// and letters, and the changed and new parameters — the new ones need a value, prefilled with the default.
/// „Aktualisierung übernehmen“ (<c>?handler=Aktualisieren</c>) installs it through <see cref="PackageInstaller"/>:
/// running instances stay on their version. Prozessgestaltung only.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = LibraryPages.DesigningRoles)]
public sealed class AktualisierenModel(LibraryShelf shelf, PackageInstaller installer, PlatformDbContext db, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>The package.</summary>
    public ShelfPackage Package { get; private set; } = null!;

    /// <summary>The version to update to.</summary>
    public ShelfVersion Version { get; private set; } = null!;

    /// <summary>The new version's manifest.</summary>
    public PackageManifest Manifest { get; private set; } = null!;

    /// <summary>The changes from the installed version, or null when there is no update to this version.</summary>
    public PackageDiffResult? Diff { get; private set; }

    /// <summary>The parameters the new version adds: they need a value.</summary>
    public IReadOnlyList<PackageParameter> NewParameters { get; private set; } = [];

    /// <summary>The value of each new parameter's input as shown.</summary>
    public Dictionary<string, string> Inputs { get; } = new(StringComparer.Ordinal);

    /// <summary>The errors at the inputs.</summary>
    public PageErrors Errors { get; } = new();

    /// <summary>Why there is no update to this version, or why the last post changed nothing (German), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The installer's problems when they were the reason.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>What the new version's processes, forms, decisions and letters are called, by path (<see cref="LibraryPages.Titles"/>).</summary>
    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();

    /// <summary>The process files of the new version that changed or came new, with the ids to mark.</summary>
    public IReadOnlyList<FileChange> Diagrams => Diff is null ? [] : [.. Diff.Files.Where(f => f.Kind != DiffKind.Removed && f.Path.StartsWith("prozesse/", StringComparison.Ordinal))];

    /// <summary>The process files of the new version with a diagram layout the viewer can draw.</summary>
    public IReadOnlySet<string> Drawable { get; private set; } = new HashSet<string>();

    /// <summary>Every other file that changed, came or went.</summary>
    public IReadOnlyList<FileChange> OtherFiles => Diff is null ? [] : [.. Diff.Files.Except(Diagrams)];

    public async Task<IActionResult> OnGetAsync(string? id, string? version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, version, cancellationToken))
        {
            return NotFound();
        }

        if (Diff is not null)
        {
            foreach (var parameter in NewParameters)
            {
                Inputs[parameter.Name] = LibraryPages.Show(parameter.Default);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAktualisierenAsync(string? id, string? version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, version, cancellationToken))
        {
            return NotFound();
        }

        if (Diff is null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        if (await FourEyesAsync(cancellationToken))
        {
            return Refuse(StatusCodes.Status409Conflict, text["Library.FourEyes"]);
        }

        var values = LibraryPages.Read(Request.Form, NewParameters, Errors, Inputs);
        if (!Errors.IsEmpty)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            var result = await installer.InstallAsync(Version.Id, values, User.Identity!.Name!, cancellationToken);
            TempData[LibraryPages.NoticeKey] = text["Library.Update.Done", Manifest.Title, result.PreviousVersion ?? "", Manifest.Version].Value;
            if (result.RemovedWhileWaiting.Count > 0)
            {
                TempData[LibraryPages.NotesKey] = string.Join('\n', result.RemovedWhileWaiting);
            }

            return Redirect(LibraryPages.PackageUrl(Manifest.Id, Manifest.Version));
        }
        catch (PackageInstallException refused)
        {
            Problems = refused.Problems;
            return Refuse(StatusCodes.Status422UnprocessableEntity, text["Library.Update.Refused"]);
        }
    }

    private async Task<bool> LoadAsync(string? id, string? version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(version) || await shelf.FindAsync(id, version, cancellationToken) is not { } found)
        {
            return false;
        }

        (Package, Version, var files, Manifest) = found;
        if (Package.Installed is not { } installed)
        {
            Problem = text["Library.Update.NotInstalled", Manifest.Title];
            return true;
        }

        if (PackageVersion.Compare(Version.Version, installed.Version) <= 0)
        {
            Problem = text["Library.Update.NotNewer", Manifest.Title, installed.Version, Version.Version];
            return true;
        }

        Drawable = files.In("prozesse", ".bpmn").Where(p => PaketModel.HasLayout(files.Text(p))).ToHashSet(StringComparer.Ordinal);
        Titles = LibraryPages.Titles(files);
        var before = await shelf.FilesAsync(installed.LibraryPackageId, cancellationToken);
        Diff = PackageDiff.Compare(before, files);
        var added = Diff.Parameters.Where(p => p.Kind == DiffKind.Added).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        NewParameters = [.. Manifest.Parameters.Where(p => added.Contains(p.Name))];
        return true;
    }

    private async Task<bool> FourEyesAsync(CancellationToken cancellationToken)
    {
        var tenantId = HttpContext.RequestServices.GetRequiredService<Amtsweg.Data.Tenancy.TenantContext>().TenantId;
        return await db.Municipalities.AsNoTracking().Where(m => m.Id == tenantId).Select(m => m.FourEyesDeployments).SingleOrDefaultAsync(cancellationToken);
    }

    private PageResult Refuse(int status, string problem)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>The lines of a file's hunks, for the line diff view.</summary>
    public static IReadOnlyList<TextLine> Lines(FileChange file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return [.. file.Hunks.SelectMany(h => h.Lines)];
    }
}
