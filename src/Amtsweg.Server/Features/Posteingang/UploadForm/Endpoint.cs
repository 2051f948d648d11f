using Amtsweg.Records;
using Amtsweg.Records.Intake;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Posteingang.UploadForm;

/// <summary>
/// <c>POST /posteingang/hochladen</c>: the upload form of the Posteingang page. Not a Razor page: MVC's antiforgery
/// filter would read (buffer) the whole form first. Requests from other sites are refused by the Origin check; the
/// session cookie is SameSite=Strict anyway.
/// </summary>
internal static class Endpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/posteingang/hochladen", UploadForm).RequireAuthorization(Policies.CaseWork).DisableAntiforgery().ExcludeFromDescription();

    private static async Task<Results<RedirectHttpResult, StatusCodeHttpResult>> UploadForm(HttpContext http, IntakeReceiver receiver, IOptions<RecordsOptions> options, ITempDataDictionaryFactory tempData, IStringLocalizer<Ui> text, CancellationToken cancellationToken)
    {
        if (StreamedUpload.FromForeignOrigin(http))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var messages = tempData.GetTempData(http);
        try
        {
            var items = await StreamedUpload.ReceiveAsync(http, receiver, options.Value.MaxUploadBytes, new IntakeDelivery("", IntakeSource.Upload, http.User.Identity!.Name!), PosteingangApi.MaxFormFiles, cancellationToken);
            messages[nameof(IndexModel.Notice)] = text["Intake.Uploaded", items.Count].Value;
        }
        catch (RecordsException error)
        {
            messages[nameof(IndexModel.Error)] = error.Message;
        }

        messages.Save();
        return TypedResults.Redirect("/posteingang");
    }
}
