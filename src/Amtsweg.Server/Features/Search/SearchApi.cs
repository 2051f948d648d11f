using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Search;

/// <summary>
/// The e-file search: German-aware full text over metadata and content (OCR text included), with filters, ranked,
/// with highlighted snippets. Case work only; always within the user's municipality.
/// </summary>
internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("E-Akte")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        Query.Endpoint.Map(api);
        return endpoints;
    }
}
