using Amtsweg.Records;
using Amtsweg.Records.Intake;
using Amtsweg.Server.Features.Posteingang;
using Amtsweg.Server.Features.Records.Cases;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Dokumente.AddForm;

/// <summary>
/// <c>POST /vorgaenge/{id}/dokumente</c>: the Vorgang page's upload form, answered with the outcome in German on the
/// Vorgang page. Not a Razor page handler: MVC's antiforgery filter would read (buffer) the whole form first. Requests
/// from other sites are refused by the Origin check; the session cookie is SameSite=Strict anyway.
/// </summary>
internal static class Endpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/vorgaenge/{id:guid}/dokumente", AddDokumentForm).RequireAuthorization(Policies.CaseWork).ExcludeFromDescription();

    private static async Task<Results<RedirectHttpResult, NotFound, StatusCodeHttpResult>> AddDokumentForm(Guid id, HttpContext http, ITempDataDictionaryFactory tempData, IStringLocalizer<Ui> text, CancellationToken ct)
    {
        if (StreamedUpload.FromForeignOrigin(http))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var messages = tempData.GetTempData(http);
        try
        {
            var item = await DokumentUpload.AddAsync(http, id, IntakeSource.Upload, ct);
            var (key, message) = item.Status switch
            {
                IntakeStatus.Filed => (nameof(DetailModel.UploadNotice), text["Cases.DokumentFiled", item.FileName].Value),
                IntakeStatus.Failed => (nameof(DetailModel.UploadError), item.Message ?? ""),
                IntakeStatus.WaitingForFiling => (nameof(DetailModel.UploadError), text["Cases.DokumentNotFiled", item.FileName, item.Message ?? ""].Value),
                IntakeStatus.Received or IntakeStatus.Processing => (nameof(DetailModel.UploadNotice), text["Cases.DokumentProcessing", item.FileName].Value),
                IntakeStatus.WaitingForSetup => (nameof(DetailModel.UploadNotice), item.FileName + ": " + item.Message),
            };
            messages[key] = message;
        }
        catch (RecordsException error) when (error.Code == RecordsErrors.NotFound)
        {
            return TypedResults.NotFound();
        }
        catch (RecordsException error)
        {
            messages[nameof(DetailModel.UploadError)] = error.Message;
        }

        messages.Save();
        // Back to the documents, where the upload form was.
        return TypedResults.Redirect($"/vorgaenge/{id}?abschnitt={DetailModel.Sections.Dokumente}#{DetailModel.Sections.Dokumente}");
    }
}
