using System.Security.Claims;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Posteingang.File;

/// <summary><c>POST /api/posteingang/{id}/file</c>: files an item that waits for filing into a Vorgang.</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder posteingang) =>
        posteingang.MapPost("/{id:guid}/file", File).WithName("FilePosteingangItem")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<List<FiledDokument>>, ProblemHttpResult>> File(Guid id, FileIntakeItemRequest request, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            var versions = await executor.ExecuteAsync(new FileIntakeItemCommand(id, request.VorgangId, request.Confidentiality), user.Identity!.Name!, cancellationToken);
            return TypedResults.Ok(versions.Select(v => new FiledDokument(v.DokumentId, v.Id, v.Title, v.DokumentType)).ToList());
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiErrors.Conflict(IntakeErrors.NotWaiting, "Der Eintrag wurde gerade von jemand anderem abgelegt.");
        }
    }
}
