using System.Globalization;
using Amtsweg.Records.Intake;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Operations.Health;

/// <summary><c>/betrieb/zustand</c> (issue 16.2): one row per municipality, those that need attention first.</summary>
[Authorize(Policy = Policies.Operations)]
public sealed class IndexModel(MunicipalityHealth health, IOptions<IntakeOptions> intake) : PageModel
{
    public IReadOnlyList<MunicipalityHealthResponse> Rows { get; private set; } = [];

    /// <summary>After how many minutes unfinished processing counts as stuck.</summary>
    public int StuckAfterMinutes => (int)Math.Round(intake.Value.StuckAfter.TotalMinutes);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Rows = await health.AllAsync(cancellationToken);
    }

    /// <summary>Bytes in MB below a GB, else in GB, in the request's culture (<c>12,3 MB</c>, <c>1,25 GB</c>).</summary>
    public static string Storage(long bytes)
    {
        const double megabyte = 1024 * 1024;
        const double gigabyte = megabyte * 1024;
        return bytes < gigabyte
            ? (bytes / megabyte).ToString("N1", CultureInfo.CurrentCulture) + " MB"
            : (bytes / gigabyte).ToString("N2", CultureInfo.CurrentCulture) + " GB";
    }
}
