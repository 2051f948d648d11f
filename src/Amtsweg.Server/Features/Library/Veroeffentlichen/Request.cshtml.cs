using Amtsweg.Library.Packages;
using Amtsweg.Server.Features.Shared;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Library.Veroeffentlichen;

/// <summary>
/// One publishing request (issue 14.3): what the package is and who signed it, and, while it is open, the decision of a
/// Leitung of the same municipality other than the uploader: approve (into the library and the catalogue) or refuse with
/// a reason. A request of another municipality is not found (the tenant filter), as everywhere.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = Roles.Prozessgestaltung + "," + Roles.Leitung)]
public sealed class RequestModel(PlatformDbContext db, PackagePublishing publishing, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>The element id of the reason's input.</summary>
    public const string ReasonField = "grund";

    public PublishingRequest Publication { get; private set; } = null!;

    /// <summary>The manifest's description and publisher, read from the stored archive.</summary>
    public PackageManifest? Manifest { get; private set; }

    /// <summary>The display names of who uploaded and who decided (the login name when a user has none).</summary>
    public string RequestedByName { get; private set; } = "";

    public string? DecidedByName { get; private set; }

    public PageErrors Errors { get; } = new();

    public string? Notice { get; private set; }

    public string? Problem { get; private set; }

    public string? Reason { get; private set; }

    public bool IsUploader => string.Equals(Publication.RequestedBy, User.Identity!.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this person may decide: Leitung, not the uploader, the request open.</summary>
    public bool CanDecide => Publication.State == PublishingRequestState.Open && User.IsInRole(Roles.Leitung) && !IsUploader;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Leitung))
        {
            return Forbid();
        }

        try
        {
            var approved = await publishing.ApproveAsync(id, User.Identity!.Name!, cancellationToken);
            Notice = text["Publishing.Approved", approved.Title, approved.Version];
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (PublishingException refused)
        {
            Problem = string.Join(" ", refused.Problems);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRefuseAsync(Guid id, string? grund, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Leitung))
        {
            return Forbid();
        }

        try
        {
            var refusedRequest = await publishing.RefuseAsync(id, grund, User.Identity!.Name!, cancellationToken);
            Notice = text["Publishing.Refused", refusedRequest.Title, refusedRequest.Version];
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (PublishingException refused)
        {
            Reason = grund;
            if (string.IsNullOrWhiteSpace(grund) || grund.Trim().Length > PublishingRequest.ReasonMaxLength)
            {
                Errors.Add(ReasonField, refused.Problems[0]);
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            else
            {
                Problem = string.Join(" ", refused.Problems);
                Response.StatusCode = StatusCodes.Status409Conflict;
            }
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await db.PublishingRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return false;
        }

        Publication = request;
        RequestedByName = await db.DisplayNameAsync(request.RequestedBy, cancellationToken);
        DecidedByName = request.DecidedBy is null ? null : await db.DisplayNameAsync(request.DecidedBy, cancellationToken);
        try
        {
            using var stream = new MemoryStream(request.Archive, writable: false);
            var files = await PackageReader.ReadZipAsync(stream, "Paket", cancellationToken);
            Manifest = ManifestReader.Read(files.Text(PackageLayout.Manifest));
        }
        catch (Exception error) when (error is PackageReadException or PackageManifestException or PackageTextException or KeyNotFoundException)
        {
            // Verified when it was handed in; the facts of the row are shown without the description.
            Manifest = null;
        }

        return true;
    }

}
