using Amtsweg.Records.Intake;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Posteingang.Remove;

/// <summary><c>DELETE /api/posteingang/{id}</c>: removes an item that was refused or waits for a missing program.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder posteingang) =>
        posteingang.MapDelete("/{id:guid}", Remove).WithName("RemovePosteingangItem")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<NoContent> Remove(Guid id, IntakeRetry retry, CancellationToken cancellationToken)
    {
        await retry.RemoveAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
