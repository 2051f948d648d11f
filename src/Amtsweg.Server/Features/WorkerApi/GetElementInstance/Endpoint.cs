using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Features.WorkerApi.SearchElementInstances;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.WorkerApi.GetElementInstance;

/// <summary>
/// <c>GET /v2/element-instances/{elementInstanceKey}</c> (scope <c>process-instances</c>): one active element
/// instance of the municipality (200, Camunda 8's <c>ElementInstanceResult</c>); any other key is a 404.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder v2) =>
        v2.MapGet("/element-instances/{elementInstanceKey}", GetAsync).WithName("V2GetElementInstance")
            .Produces<ElementInstanceResult>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> GetAsync(string elementInstanceKey, IProcessEngine engine, ClaimsPrincipal client, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(elementInstanceKey, out var key))
        {
            return NotFound(elementInstanceKey);
        }

        try
        {
            var info = await engine.GetElementInstanceAsync(key, cancellationToken);
            return TypedResults.Ok(ElementInstanceResult.From(info, AmtswegClaims.TenantOf(client)!.Value));
        }
        catch (EngineObjectNotFoundException)
        {
            return NotFound(elementInstanceKey);
        }
    }

    private static IResult NotFound(string key) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, ApiProblems.NotFound, $"Die Elementinstanz {key} wurde nicht gefunden oder ist nicht mehr aktiv.");
}
