using Amtsweg.Library.Packages;
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
/// <c>/bibliothek/uebernehmen?id=…&amp;version=…</c> (issue 14.3): adopts a package version into the own municipality
/// (<c>?handler=Uebernehmen</c>) with a typed input per parameter, prefilled with its default; or, when this version is
/// installed, changes its values (<c>?handler=Werte</c>: new instances get them, running ones keep theirs). A value that
/// is not of its type is an error at its field, and nothing is installed or changed; adopting a package the municipality
/// has already is refused. Prozessgestaltung only.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = LibraryPages.DesigningRoles)]
public sealed class UebernehmenModel(LibraryShelf shelf, PackageInstaller installer, PlatformDbContext db, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>The package.</summary>
    public ShelfPackage Package { get; private set; } = null!;

    /// <summary>The version to adopt or whose values to change.</summary>
    public ShelfVersion Version { get; private set; } = null!;

    /// <summary>Its manifest.</summary>
    public PackageManifest Manifest { get; private set; } = null!;

    /// <summary>The value of each input as shown: the default, the installed value, or what was typed.</summary>
    public Dictionary<string, string> Inputs { get; } = new(StringComparer.Ordinal);

    /// <summary>The errors at the inputs.</summary>
    public PageErrors Errors { get; } = new();

    /// <summary>Why the last post changed nothing (German), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The installer's problems when they were the reason.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>True when this version is installed: the form changes its values.</summary>
    public bool ChangesValues => Package.Installed?.Version == Version.Version;

    /// <summary>True when another version is installed: neither form applies.</summary>
    public bool OtherVersionInstalled => Package.Installed is { } installed && installed.Version != Version.Version;

    public async Task<IActionResult> OnGetAsync(string? id, string? version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, version, cancellationToken))
        {
            return NotFound();
        }

        Prefill();
        return Page();
    }

    public async Task<IActionResult> OnPostUebernehmenAsync(string? id, string? version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, version, cancellationToken))
        {
            return NotFound();
        }

        if (Package.Installed is { } installed)
        {
            Prefill();
            return Refuse(StatusCodes.Status409Conflict, installed.Version == Version.Version
                ? text["Library.Adopt.Already", Manifest.Title, installed.Version]
                : text["Library.Adopt.OtherVersion", Manifest.Title, installed.Version]);
        }

        if (await FourEyesAsync(cancellationToken))
        {
            Prefill();
            return Refuse(StatusCodes.Status409Conflict, text["Library.FourEyes"]);
        }

        var values = LibraryPages.Read(Request.Form, Manifest.Parameters, Errors, Inputs);
        if (!Errors.IsEmpty)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            var result = await installer.InstallAsync(Version.Id, values, User.Identity!.Name!, cancellationToken);
            TempData[LibraryPages.NoticeKey] = text["Library.Adopt.Done", Manifest.Title, Manifest.Version, result.Deployed.Processes.Count, result.Deployed.Forms.Count, result.Deployed.Decisions.Count, result.Deployed.Letters.Count].Value;
            return Redirect(LibraryPages.PackageUrl(Manifest.Id, Manifest.Version));
        }
        catch (PackageInstallException refused)
        {
            Problems = refused.Problems;
            return Refuse(StatusCodes.Status422UnprocessableEntity, text["Library.Adopt.Refused"]);
        }
    }

    public async Task<IActionResult> OnPostWerteAsync(string? id, string? version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, version, cancellationToken))
        {
            return NotFound();
        }

        if (!ChangesValues)
        {
            Prefill();
            return Refuse(StatusCodes.Status409Conflict, Package.Installed is null
                ? text["Library.Values.NotInstalled", Manifest.Title]
                : text["Library.Adopt.OtherVersion", Manifest.Title, Package.Installed.Version]);
        }

        var values = LibraryPages.Read(Request.Form, Manifest.Parameters, Errors, Inputs);
        if (!Errors.IsEmpty)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            await installer.ChangeParametersAsync(Manifest.Id, values, User.Identity!.Name!, cancellationToken);
            TempData[LibraryPages.NoticeKey] = text["Library.Values.Done", Manifest.Title].Value;
            return Redirect(LibraryPages.PackageUrl(Manifest.Id, Manifest.Version));
        }
        catch (PackageInstallException refused)
        {
            Problems = refused.Problems;
            return Refuse(StatusCodes.Status422UnprocessableEntity, text["Library.Values.Refused"]);
        }
    }

    private async Task<bool> LoadAsync(string? id, string? version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(version) || await shelf.FindAsync(id, version, cancellationToken) is not { } found)
        {
            return false;
        }

        (Package, Version, _, Manifest) = found;
        return true;
    }

    private void Prefill()
    {
        var own = ChangesValues ? PackageParameterValues.Read(Package.Installed!.Parameters) : null;
        foreach (var parameter in Manifest.Parameters)
        {
            Inputs[parameter.Name] = LibraryPages.Show(own?[parameter.Name] ?? parameter.Default);
        }
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
}
