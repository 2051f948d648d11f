using Amtsweg.Records;
using Amtsweg.Records.Intake;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Posteingang.Upload;

/// <summary>
/// <c>POST /api/posteingang</c> takes one file (multipart field <c>datei</c>, optional query <c>vorgang=&lt;id&gt;</c> to
/// file it there right after processing); the body is streamed into a temporary file and refused with 413 at
/// <c>Amtsweg:Records:MaxUploadBytes</c> without reading further.
/// </summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder posteingang) =>
        posteingang.MapPost("", Upload).WithName("UploadToPosteingang")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).DisableAntiforgery();

    private static async Task<Results<Accepted<IntakeItemResponse>, StatusCodeHttpResult>> Upload(HttpContext http, Guid? vorgang, IntakeReceiver receiver, IOptions<RecordsOptions> options, CancellationToken cancellationToken)
    {
        if (StreamedUpload.FromForeignOrigin(http))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var item = (await StreamedUpload.ReceiveAsync(http, receiver, options.Value.MaxUploadBytes, new IntakeDelivery("", IntakeSource.Api, http.User.Identity!.Name!, vorgang), maxFiles: 1, cancellationToken)).Single();
        return TypedResults.Accepted($"/api/posteingang/{item.Id}", IntakeItemResponse.From(item));
    }
}
