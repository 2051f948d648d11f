using System.Security.Claims;
using Amtsweg.Casework;
using Amtsweg.Records.Privacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Privacy.Export;

/// <summary><c>POST /api/privacy/export</c>: everything the e-file holds about a person, as a zip (Art. 15 DSGVO).</summary>
internal static class Endpoint
{
    public static void Map(RouteGroupBuilder privacy) =>
        privacy.MapPost("/export", Export).WithName("ExportPersonalData")
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    // The zip goes to a temporary file first: a refused request still gets its problem details, and a large export is
    // never held in memory.
    private static async Task<FileStreamHttpResult> Export(PrivacyRequest request, CaseworkPrivacy privacy, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await privacy.ExportAsync(request.Person, request.Reason, user.Identity!.Name!, file, cancellationToken);
            file.Position = 0;
            return TypedResults.File(file, "application/zip", "auskunft.zip");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
