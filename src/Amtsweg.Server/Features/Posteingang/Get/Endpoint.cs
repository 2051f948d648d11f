using Amtsweg.Records.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Posteingang.Get;

/// <summary><c>GET /api/posteingang/{id}</c>: one item of the Posteingang.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder posteingang) =>
        posteingang.MapGet("/{id:guid}", Get).WithName("GetPosteingangItem")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<IntakeItemResponse>, ProblemHttpResult>> Get(Guid id, RecordsDbContext db, CancellationToken cancellationToken) =>
        await PosteingangApi.Visible(db).SingleOrDefaultAsync(i => i.Id == id, cancellationToken) is { } item
            ? TypedResults.Ok(IntakeItemResponse.From(item))
            : ApiErrors.NotFound("Der Eintrag im Posteingang");
}
