using Amtsweg.Records.Intake;
using Amtsweg.Records.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Posteingang.Retry;

/// <summary><c>POST /api/posteingang/{id}/retry</c>: a refused item (or one waiting for a missing program) is processed again.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder posteingang) =>
        posteingang.MapPost("/{id:guid}/retry", Retry).WithName("RetryPosteingangItem")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Accepted<IntakeItemResponse>> Retry(Guid id, IntakeRetry retry, RecordsDbContext db, CancellationToken cancellationToken)
    {
        await retry.RetryAsync(id, cancellationToken);
        var item = await db.IntakeItems.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken);
        return TypedResults.Accepted($"/api/posteingang/{id}", IntakeItemResponse.From(item));
    }
}
