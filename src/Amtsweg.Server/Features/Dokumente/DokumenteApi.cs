using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Dokumente;

/// <summary>
/// The documents of a Vorgang: filing one (over REST and from the Vorgang page's form, both through the Posteingang's
/// checks, see <see cref="DokumentUpload"/>) and the audited download of a version's content. Case work only; another
/// tenant's id is answered 404.
/// </summary>
internal static class DokumenteApi
{
    public static IEndpointRouteBuilder MapDokumente(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("E-Akte")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        Add.Endpoint.Map(api);
        GetContent.Endpoint.Map(api);
        AddForm.Endpoint.Map(endpoints);
        return endpoints;
    }
}
