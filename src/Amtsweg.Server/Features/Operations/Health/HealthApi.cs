using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Operations.Health;

/// <summary><c>GET /api/betrieb/zustand</c>: the health of every municipality for monitoring; Betrieb only.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapMunicipalityHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/betrieb/zustand", ListHealth).WithName("ListMunicipalityHealth").WithTags("Betrieb")
            .RequireAuthorization(Policies.Operations)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<MunicipalityHealthResponse>>> ListHealth(MunicipalityHealth health, HttpContext context, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await health.AllAsync(cancellationToken));
    }
}
