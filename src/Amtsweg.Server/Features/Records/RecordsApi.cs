using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

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
        api.MapGet("/vorgaenge/{id:guid}/historie", GetHistory).WithName("GetVorgangHistory");
        api.MapPost("/vorgaenge/{id:guid}/zda", Close).WithName("CloseVorgang");
        api.MapPost("/vorgaenge/{id:guid}/wiederaufnahme", Reopen).WithName("ReopenVorgang");
        api.MapPost("/vorgaenge/{id:guid}/vermerke", AddNote).WithName("AddVermerk");
        api.MapPost("/vorgaenge/{id:guid}/wiedervorlagen", SetWiedervorlage).WithName("SetWiedervorlage");
        api.MapPost("/vorgaenge/{id:guid}/dokumente", AddDocument).WithName("AddDokument");
        api.MapGet("/dokument-versionen/{id:guid}/inhalt", Download).WithName("GetDokumentInhalt");
        api.MapGet("/process-instances/{id:guid}/vorgang", VorgangOfInstance).WithName("GetVorgangOfProcessInstance").WithTags("Prozesse");
        api.MapPost("/tasks/{id:guid}/dokumente", AddTaskDocument).WithName("AddTaskDokument").WithTags("Prozesse");
        return endpoints;
    }

    private static Task<IResult> ListAkten(Guid? position, RecordState? state, RecordsReader reader, CancellationToken ct) =>
        Run(async () => TypedResults.Ok(await reader.AktenAsync(position, state, ct)));

    private static Task<IResult> CreateAkte(CreateAkteRequest request, RecordsCommandExecutor executor, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct) =>
        Run(async () =>
        {
            var akte = await executor.ExecuteAsync(new CreateAkteCommand(request.PositionId, request.Title), user.Identity!.Name!, ct);
            return TypedResults.Created($"/api/akten/{akte.Id}", await reader.AkteAsync(akte.Id, ct));
        });

    private static async Task<IResult> GetAkte(Guid id, RecordsReader reader, CancellationToken ct) =>
        await reader.AkteAsync(id, ct) is { } akte ? TypedResults.Ok(akte) : ApiErrors.NotFound("Die Akte");

    private static Task<IResult> ListVorgaenge(RecordState? state, Guid? position, Guid? akte, int? limit, RecordsReader reader, CancellationToken ct) =>
        Run(async () => TypedResults.Ok(await reader.VorgaengeAsync(new VorgangFilter(state, position, akte, limit ?? 100), ct)));

    private static Task<IResult> OpenVorgang(OpenVorgangRequest request, RecordsCommandExecutor executor, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct) =>
        Run(async () =>
        {
            var vorgang = await executor.ExecuteAsync(new OpenVorgangCommand(request.AkteId, request.Title), user.Identity!.Name!, ct);
            return TypedResults.Created($"/api/vorgaenge/{vorgang.Id}", await reader.VorgangAsync(vorgang.Id, ct));
        });

    private static async Task<IResult> GetVorgang(Guid id, RecordsReader reader, CancellationToken ct) =>
        await reader.VorgangAsync(id, ct) is { } vorgang ? TypedResults.Ok(vorgang) : ApiErrors.NotFound("Der Vorgang");

    private static async Task<IResult> GetHistory(Guid id, RecordsReader reader, CancellationToken ct) =>
        await reader.VorgangAsync(id, ct) is null ? ApiErrors.NotFound("Der Vorgang") : TypedResults.Ok(await reader.HistoryAsync(id, ct));

    private static Task<IResult> Close(Guid id, RecordsCommandExecutor executor, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct) =>
        Run(async () =>
        {
            await executor.ExecuteAsync(new CloseVorgangCommand(id), user.Identity!.Name!, ct);
            return TypedResults.Ok(await reader.VorgangAsync(id, ct));
        });

    private static Task<IResult> Reopen(Guid id, ReopenVorgangRequest request, RecordsCommandExecutor executor, RecordsReader reader, ClaimsPrincipal user, CancellationToken ct) =>
        Run(async () =>
        {
            await executor.ExecuteAsync(new ReopenVorgangCommand(id, request.Reason), user.Identity!.Name!, ct);
            return TypedResults.Ok(await reader.VorgangAsync(id, ct));
        });

    private static Task<IResult> AddNote(Guid id, AddNoteRequest request, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct) =>
        Run(async () =>
        {
            var note = await executor.ExecuteAsync(new AddNoteCommand(id, request.Text), user.Identity!.Name!, ct);
            return TypedResults.Created($"/api/vorgaenge/{id}", new NoteResponse(note.Id, note.Text, note.CreatedBy, note.CreatedAt));
        });

    private static Task<IResult> SetWiedervorlage(Guid id, SetWiedervorlageRequest request, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct) =>
        Run(async () =>
        {
            var w = await executor.ExecuteAsync(new SetWiedervorlageCommand(id, request.DueOn, request.Reason), user.Identity!.Name!, ct);
            return TypedResults.Created($"/api/vorgaenge/{id}", new WiedervorlageResponse(w.Id, w.DueOn, w.Reason, w.CreatedBy, w.CreatedAt));
        });

    // Multipart (field "datei"); like every form post it needs the antiforgery token of the signed-in session.
    private static Task<IResult> AddDocument(Guid id, [FromForm] DocumentUpload? upload, RecordsCommandExecutor executor, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        Run(async () => await FileAsync(id, upload, executor, clock, user, ct));

    // A clerk working a task files into the Vorgang of the task's process instance.
    private static Task<IResult> AddTaskDocument(Guid id, [FromForm] DocumentUpload? upload, EngineDbContext engineDb, RecordsReader reader, RecordsCommandExecutor executor, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        Run(async () =>
        {
            var task = await engineDb.UserTasks.AsNoTracking().Where(t => t.Id == id).Select(t => new { t.ProcessInstanceId, t.State }).SingleOrDefaultAsync(ct);
            if (task is null)
            {
                return ApiErrors.NotFound("Die Aufgabe");
            }

            if (task.State != UserTaskState.Created)
            {
                return ApiErrors.Conflict("task-not-open", "Die Aufgabe ist nicht mehr offen.");
            }

            return await reader.VorgangOfInstanceAsync(task.ProcessInstanceId, ct) is { } vorgangId
                ? await FileAsync(vorgangId, upload, executor, clock, user, ct)
                : ApiErrors.Conflict("task-without-vorgang", "Der Prozess dieser Aufgabe ist keinem Vorgang zugeordnet.");
        });

    private static async Task<IResult> FileAsync(Guid vorgangId, DocumentUpload? upload, RecordsCommandExecutor executor, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (upload?.Datei is not { Length: > 0 } file)
        {
            return ApiErrors.Invalid(RecordsErrors.Invalid, "Es fehlt die Datei (Feld „datei“).");
        }

        var metadata = upload.ToMetadata(file, DocumentUpload.Today(clock));
        await using var content = file.OpenReadStream();
        var version = await executor.ExecuteAsync(new AddDocumentCommand(vorgangId, metadata, content), user.Identity!.Name!, ct);
        return TypedResults.Created($"/api/vorgaenge/{vorgangId}", new { version.DokumentId, VersionId = version.Id, version.ContentHash });
    }

    private static Task<IResult> Download(Guid id, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken ct) =>
        Run(async () =>
        {
            var content = await executor.ExecuteAsync(new ReadDocumentContentCommand(id), user.Identity!.Name!, ct);
            return TypedResults.Stream(content.Stream, content.Version.MediaType, content.Version.FileName);
        });

    private static Task<IResult> VorgangOfInstance(Guid id, RecordsReader reader, CancellationToken ct) =>
        Run(async () => await reader.VorgangOfInstanceAsync(id, ct) is { } vorgangId
            ? TypedResults.Ok(await reader.VorgangAsync(vorgangId, ct))
            : ApiErrors.NotFound("Der Vorgang der Prozessinstanz"));

    /// <summary>The e-file's and the engine's refusals as problem details with their stable codes.</summary>
    internal static async Task<IResult> Run(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (RecordsException error)
        {
            return Problem(error);
        }
        catch (EngineObjectNotFoundException)
        {
            return ApiErrors.NotFound("Der Eintrag");
        }
    }

    // Not found keeps the code every API answers a missing (or foreign) id with.
    internal static IResult Problem(RecordsException error) => error.Code switch
    {
        RecordsErrors.NotFound => Problem(StatusCodes.Status404NotFound, "not-found", error.Message),
        RecordsErrors.Invalid => Problem(StatusCodes.Status400BadRequest, error.Code, error.Message),
        RecordsErrors.UploadTooLarge => Problem(StatusCodes.Status413PayloadTooLarge, error.Code, error.Message),
        _ => Problem(StatusCodes.Status409Conflict, error.Code, error.Message),
    };

    private static ProblemHttpResult Problem(int status, string code, string message) =>
        TypedResults.Problem(statusCode: status, title: message, extensions: new Dictionary<string, object?> { ["code"] = code });
}
