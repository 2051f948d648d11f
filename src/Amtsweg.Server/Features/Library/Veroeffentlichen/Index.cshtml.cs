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
/// The municipality's publishing requests (issue 14.3): the list with their state for Prozessgestaltung and Leitung, and
/// the upload of a signed package for Prozessgestaltung. The decision is on the request's own page.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = Roles.Prozessgestaltung + "," + Roles.Leitung)]
public sealed class IndexModel(PlatformDbContext db, PackagePublishing publishing, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>The list's path.</summary>
    public const string ListPath = "/bibliothek/veroeffentlichen";

    /// <summary>The element id of the file input.</summary>
    public const string FileField = "paket-datei";

    public IReadOnlyList<PublishingRequest> Requests { get; private set; } = [];

    /// <summary>The display names of the uploaders by login name: a clerk reads a person's name, not a login.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public PageErrors Errors { get; } = new();

    /// <summary>The refusal's lines after the first (each problem of the package).</summary>
    public IReadOnlyList<string> ProblemLines { get; private set; } = [];

    public bool CanUpload => User.IsInRole(Roles.Prozessgestaltung);

    /// <summary>The path of a request's page.</summary>
    public static string RequestPath(Guid id) => $"{ListPath}/antrag?id={id}";

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? datei, CancellationToken cancellationToken)
    {
        if (!CanUpload)
        {
            return Forbid();
        }

        if (datei is null || datei.Length == 0)
        {
            Errors.Add(FileField, text["Publishing.FileMissing"]);
        }
        else if (datei.Length > Amtsweg.Library.Packages.PackageLimits.MaxTotalBytes)
        {
            Errors.Add(FileField, text["Publishing.FileTooLarge", Amtsweg.Library.Packages.PackageLimits.MaxTotalBytes / (1024 * 1024)]);
        }
        else
        {
            using var buffer = new MemoryStream();
            await datei.CopyToAsync(buffer, cancellationToken);
            try
            {
                var request = await publishing.RequestAsync(buffer.ToArray(), User.Identity!.Name!, cancellationToken);
                return Redirect(RequestPath(request.Id));
            }
            catch (PublishingException refused)
            {
                Errors.Add(FileField, refused.Problems[0]);
                ProblemLines = refused.Problems.Skip(1).ToList();
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Ordered by id: UUID v7 follow the time they were made (SQLite cannot order by a DateTimeOffset).
        Requests = await db.PublishingRequests.AsNoTracking().OrderByDescending(r => r.Id)
            .Select(r => new PublishingRequest
            {
                Id = r.Id,
                PackageId = r.PackageId,
                Version = r.Version,
                Title = r.Title,
                PublisherPublicKey = r.PublisherPublicKey,
                Archive = Array.Empty<byte>(),
                Sha256 = r.Sha256,
                RequestedBy = r.RequestedBy,
                RequestedAt = r.RequestedAt,
                State = r.State,
                DecidedBy = r.DecidedBy,
                DecidedAt = r.DecidedAt,
            })
            .Take(200)
            .ToListAsync(cancellationToken);
        var logins = Requests.Select(r => r.RequestedBy).Distinct().ToList();
        Names = await db.Users.AsNoTracking().Where(u => logins.Contains(u.UserName!) && u.DisplayName != "")
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken);
    }
}
