using Amtsweg.Records.Intake;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Features.Posteingang;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Dokumente.Add;

/// <summary>
/// <c>POST /api/vorgaenge/{id}/dokumente</c>: files a document into a Vorgang. Multipart, streamed through the
/// Posteingang's checks (<see cref="DokumentUpload"/>): 201 when filed at once, 202 with the Posteingang item while a
/// scan is recognised in the background.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/vorgaenge/{id:guid}/dokumente", AddDokument).WithName("AddDokument").ProducesUploadProblems();

    private static Task<Results<Created<AddedDokumentResponse>, Accepted<IntakeItemResponse>, ProblemHttpResult, StatusCodeHttpResult>> AddDokument(Guid id, HttpContext http, RecordsDbContext db, CancellationToken ct) =>
        UploadAsync(http, id, db, ct);

    /// <summary>Files the request's document into the Vorgang and answers as the API does (also for a task's upload).</summary>
    internal static async Task<Results<Created<AddedDokumentResponse>, Accepted<IntakeItemResponse>, ProblemHttpResult, StatusCodeHttpResult>> UploadAsync(HttpContext http, Guid vorgangId, RecordsDbContext db, CancellationToken ct)
    {
        if (StreamedUpload.FromForeignOrigin(http))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var item = await DokumentUpload.AddAsync(http, vorgangId, IntakeSource.Api, ct);

        return item.Status switch
        {
            IntakeStatus.Filed => TypedResults.Created($"/api/vorgaenge/{vorgangId}", await db.DokumentVersionen.AsNoTracking()
                .Where(v => v.DokumentId == item.FiledDokumentId).OrderByDescending(v => v.Number)
                .Select(v => new AddedDokumentResponse(v.DokumentId, v.Id, v.ContentHash, item.Id)).FirstAsync(ct)),
            IntakeStatus.Failed => ApiErrors.Problem(StatusCodes.Status422UnprocessableEntity, IntakeErrors.ProcessingFailed, item.Message ?? ""),
            IntakeStatus.WaitingForFiling => ApiErrors.Problem(StatusCodes.Status409Conflict, IntakeErrors.NotFiled, item.Message ?? ""),
            // Waiting for a missing program is still on its way: it is filed once the program is installed.
            IntakeStatus.Received or IntakeStatus.Processing or IntakeStatus.WaitingForSetup => TypedResults.Accepted($"/api/posteingang/{item.Id}", IntakeItemResponse.From(item)),
        };
    }

    /// <summary>What the exception handler and the checks of an upload answer besides success.</summary>
    internal static RouteHandlerBuilder ProducesUploadProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
