using Amtsweg.Records.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Posteingang.List;

/// <summary><c>GET /api/posteingang</c>: the newest items first, optionally of one status.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder posteingang) => posteingang.MapGet("", List).WithName("ListPosteingang");

    private static async Task<Ok<List<IntakeItemResponse>>> List(string? status, RecordsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await PosteingangApi.QueryAsync(db, status, cancellationToken)).Select(IntakeItemResponse.From).ToList());
}
