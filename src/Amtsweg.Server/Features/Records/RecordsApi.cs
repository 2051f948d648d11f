using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Features.Posteingang;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Records;

/// <summary>
/// The e-file's REST API: Aktenplan, Akten, Vorgänge with documents, notes and follow-up dates, close (zdA) and
/// reopen, filing a document, and the audited download of document content. Case work only; the tenant filter of the
/// data layer scopes everything, so another tenant's id is answered 404.
/// </summary>
internal static class RecordsApi
{
    public static IEndpointRouteBuilder MapRecords(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CaseWork).WithTags("E-Akte");
        api.MapGet("/aktenplan", async (RecordsReader reader, CancellationToken ct) => TypedResults.Ok(await reader.PositionsAsync(ct))).WithName("ListAktenplan");
        api.MapGet("/akten", ListAkten).WithName("ListAkten");
        api.MapPost("/akten", CreateAkte).WithName("CreateAkte");
        api.MapGet("/akten/{id:guid}", GetAkte).WithName("GetAkte");
        api.MapGet("/vorgaenge", ListVorgaenge).WithName("ListVorgaenge");
        api.MapPost("/vorgaenge", OpenVorgang).WithName("OpenVorgang");
        api.MapGet("/vorgaenge/{id:guid}", GetVorgang).WithName("GetVorgang");
        api.MapGet("/vorgaenge/{id:guid}/history", GetHistory).WithName("GetVorgangHistory");
        api.MapPost("/vorgaenge/{id:guid}/close", Close).WithName("CloseVorgang");
        api.MapPost("/vorgaenge/{id:guid}/reopen", Reopen).WithName("ReopenVorgang");
        api.MapPost("/vorgaenge/{id:guid}/vermerke", AddVermerk).WithName("AddVermerk");
        api.MapPost("/vorgaenge/{id:guid}/wiedervorlagen", SetWiedervorlage).WithName("SetWiedervorlage");
        api.MapPost("/vorgaenge/{id:guid}/dokumente", AddDokument).WithName("AddDokument");
        api.MapGet("/dokument-versionen/{id:guid}/content", Download).WithName("GetDokumentContent");
        api.MapGet("/process-instances/{id:guid}/vorgang", VorgangOfInstance).WithName("GetVorgangOfProcessInstance").WithTags("Prozesse");
        api.MapPost("/tasks/{id:guid}/dokumente", AddTaskDokument).WithName("AddTaskDokument").WithTags("Prozesse");

        // The Vorgang page's upload form. Not a Razor page handler: MVC's antiforgery filter would read (buffer) the
        // whole form first. Requests from other sites are refused by the Origin check; the session cookie is
        // SameSite=Strict anyway.
        endpoints.MapPost("/vorgaenge/{id:guid}/dokumente", AddDokumentForm).RequireAuthorization(Policies.CaseWork).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ListAkten(Guid? position, RecordState? state, RecordsReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.AktenAsync(position, state, ct));

    private static async Task<IResult> CreateAkte(CreateAkteRequest request, RecordsCommandExecutor executor, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct)
    {
        var akte = await executor.ExecuteAsync(new CreateAkteCommand(request.PositionId, request.Title), user.Identity!.Name!, ct);
        return TypedResults.Created($"/api/akten/{akte.Id}", await reader.AkteAsync(akte.Id, ct));
    }

    private static async Task<IResult> GetAkte(Guid id, RecordsReader reader, CancellationToken ct) =>
        await reader.AkteAsync(id, ct) is { } akte ? TypedResults.Ok(akte) : ApiErrors.NotFound("Die Akte");

    /// <summary>The most Vorgänge one list answers.</summary>
    public const int MaxListLimit = 500;

    private static async Task<IResult> ListVorgaenge(RecordState? state, Guid? position, Guid? akte, int? limit, RecordsReader reader, CancellationToken ct) =>
        limit is < 1 or > MaxListLimit
            ? ApiErrors.Invalid("request.limit-invalid", $"Der Wert für limit muss zwischen 1 und {MaxListLimit} liegen.")
            : TypedResults.Ok(await reader.VorgaengeAsync(new VorgangFilter(state, position, akte, limit ?? 100), ct));

    private static async Task<IResult> OpenVorgang(OpenVorgangRequest request, RecordsCommandExecutor executor, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct)
    {
        var vorgang = await executor.ExecuteAsync(new OpenVorgangCommand(request.AkteId, request.Title), user.Identity!.Name!, ct);
        return TypedResults.Created($"/api/vorgaenge/{vorgang.Id}", await reader.VorgangAsync(vorgang.Id, ct));
    }

    private static async Task<IResult> GetVorgang(Guid id, RecordsReader reader, CancellationToken ct) =>
        await reader.VorgangAsync(id, ct) is { } vorgang ? TypedResults.Ok(vorgang) : ApiErrors.NotFound("Der Vorgang");

    // Art. 18 DSGVO: the values of a restricted Vorgang's processes are hidden, except from the data-protection role.
    private static async Task<IResult> GetHistory(Guid id, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct) =>
        await reader.VorgangAsync(id, ct) is null ? ApiErrors.NotFound("Der Vorgang") : TypedResults.Ok(await reader.HistoryAsync(id, user.IsInRole(Platform.Roles.Administration), ct));

    private static async Task<IResult> Close(Guid id, RecordsCommandExecutor executor, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct)
    {
        await executor.ExecuteAsync(new CloseVorgangCommand(id), user.Identity!.Name!, ct);
        return TypedResults.Ok(await reader.VorgangAsync(id, ct));
    }

    private static async Task<IResult> Reopen(Guid id, ReopenVorgangRequest request, RecordsCommandExecutor executor, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct)
    {
        await executor.ExecuteAsync(new ReopenVorgangCommand(id, request.Reason), user.Identity!.Name!, ct);
        return TypedResults.Ok(await reader.VorgangAsync(id, ct));
    }

    private static async Task<IResult> AddVermerk(Guid id, AddVermerkRequest request, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct)
    {
        var note = await executor.ExecuteAsync(new AddVermerkCommand(id, request.Text), user.Identity!.Name!, ct);
        return TypedResults.Created($"/api/vorgaenge/{id}", new VermerkResponse(note.Id, note.Text, note.CreatedBy, note.CreatedAt));
    }

    private static async Task<IResult> SetWiedervorlage(Guid id, SetWiedervorlageRequest request, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct)
    {
        var w = await executor.ExecuteAsync(new SetWiedervorlageCommand(id, request.DueOn, request.Reason), user.Identity!.Name!, ct);
        return TypedResults.Created($"/api/vorgaenge/{id}", new WiedervorlageResponse(w.Id, w.DueOn, w.Reason, w.CreatedBy, w.CreatedAt));
    }

    // Multipart, streamed through the Posteingang's checks (DokumentUpload): 201 when filed at once, 202 with the
    // Posteingang item while a scan is recognised in the background.
    private static Task<IResult> AddDokument(Guid id, HttpContext http, RecordsDbContext db, CancellationToken ct) =>
        UploadAsync(http, id, db, ct);

    // A clerk working a task files into the Vorgang of the task's process instance.
    private static async Task<IResult> AddTaskDokument(Guid id, HttpContext http, IProcessEngine engine, RecordsReader reader, RecordsDbContext db, CancellationToken ct)
    {
        var task = await engine.GetUserTaskAsync(id, ct);

        if (task.State != UserTaskState.Created)
        {
            return ApiErrors.Conflict("engine.task-not-open", "Die Aufgabe ist nicht mehr offen.");
        }

        return await reader.VorgangOfInstanceAsync(task.ProcessInstanceId, ct) is { } vorgangId
            ? await UploadAsync(http, vorgangId, db, ct)
            : ApiErrors.Conflict("casework.task-without-vorgang", "Der Prozess dieser Aufgabe ist keinem Vorgang zugeordnet.");
    }

    private static async Task<IResult> UploadAsync(HttpContext http, Guid vorgangId, RecordsDbContext db, CancellationToken ct)
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
            IntakeStatus.Failed => ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, IntakeErrors.ProcessingFailed, item.Message ?? ""),
            IntakeStatus.WaitingForFiling => ApiProblems.Problem(StatusCodes.Status409Conflict, IntakeErrors.NotFiled, item.Message ?? ""),
            // Waiting for a missing program is still on its way: it is filed once the program is installed.
            IntakeStatus.Received or IntakeStatus.Processing or IntakeStatus.WaitingForSetup => TypedResults.Accepted($"/api/posteingang/{item.Id}", IntakeItemResponse.From(item)),
        };
    }

    // The page form: the outcome in German on the Vorgang page.
    private static async Task<IResult> AddDokumentForm(Guid id, HttpContext http, ITempDataDictionaryFactory tempData, IStringLocalizer<Ui> text, CancellationToken ct)
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
                IntakeStatus.Filed => (nameof(Cases.DetailModel.UploadNotice), text["Cases.DokumentFiled", item.FileName].Value),
                IntakeStatus.Failed => (nameof(Cases.DetailModel.UploadError), item.Message ?? ""),
                IntakeStatus.WaitingForFiling => (nameof(Cases.DetailModel.UploadError), text["Cases.DokumentNotFiled", item.FileName, item.Message ?? ""].Value),
                IntakeStatus.Received or IntakeStatus.Processing => (nameof(Cases.DetailModel.UploadNotice), text["Cases.DokumentProcessing", item.FileName].Value),
                IntakeStatus.WaitingForSetup => (nameof(Cases.DetailModel.UploadNotice), item.FileName + ": " + item.Message),
            };
            messages[key] = message;
        }
        catch (RecordsException error) when (error.Code == RecordsErrors.NotFound)
        {
            return TypedResults.NotFound();
        }
        catch (RecordsException error)
        {
            messages[nameof(Cases.DetailModel.UploadError)] = error.Message;
        }

        messages.Save();
        return TypedResults.Redirect($"/vorgaenge/{id}");
    }

    private static async Task<IResult> Download(Guid id, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct)
    {
        var content = await executor.ExecuteAsync(new ReadDokumentContentCommand(id), user.Identity!.Name!, ct);
        return TypedResults.Stream(content.Stream, content.Version.MediaType, content.Version.FileName);
    }

    private static async Task<IResult> VorgangOfInstance(Guid id, RecordsReader reader, CancellationToken ct) =>
        await reader.VorgangOfInstanceAsync(id, ct) is { } vorgangId
            ? TypedResults.Ok(await reader.VorgangAsync(vorgangId, ct))
            : ApiErrors.NotFound("Der Vorgang der Prozessinstanz");
}
