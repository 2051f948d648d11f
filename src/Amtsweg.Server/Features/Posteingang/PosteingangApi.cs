using Amtsweg.Records.Intake;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Posteingang;

/// <summary>
/// The Posteingang's REST API and the upload form of its page: upload, list, read, file into a Vorgang, retry and
/// remove items. Case work only; the tenant filter of the data layer scopes everything.
/// </summary>
internal static class PosteingangApi
{
    /// <summary>The most files one upload form may carry.</summary>
    public const int MaxFormFiles = 20;

    public static IEndpointRouteBuilder MapPosteingang(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/posteingang").RequireAuthorization(Policies.CaseWork).WithTags("Posteingang")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        Upload.Endpoint.Map(api);
        List.Endpoint.Map(api);
        Get.Endpoint.Map(api);
        File.Endpoint.Map(api);
        Retry.Endpoint.Map(api);
        Remove.Endpoint.Map(api);
        UploadForm.Endpoint.Map(endpoints);
        return endpoints;
    }

    // Items restricted under Art. 18 DSGVO are not shown to clerks; the data-protection role reaches them through its export.
    internal static IQueryable<IntakeItem> Visible(RecordsDbContext db) =>
        db.IntakeItems.AsNoTracking().Where(i => !db.Restrictions.Any(r => r.SubjectId == i.Id));

    /// <summary>The newest items first (UUID v7 ids sort by arrival), optionally of one status.</summary>
    internal static Task<List<IntakeItem>> QueryAsync(RecordsDbContext db, string? status, CancellationToken cancellationToken)
    {
        var query = Visible(db);
        if (Enum.TryParse<IntakeStatus>(status, ignoreCase: true, out var wanted))
        {
            query = query.Where(i => i.Status == wanted);
        }

        return query.OrderByDescending(i => i.Id).Take(500).ToListAsync(cancellationToken);
    }
}
