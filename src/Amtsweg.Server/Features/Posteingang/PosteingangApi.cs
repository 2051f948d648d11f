using System.Security.Claims;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Posteingang;

/// <summary>An item of the Posteingang as the API shows it.</summary>
public sealed record IntakeItemResponse(
    Guid Id,
    Guid? ParentId,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    string Source,
    string Status,
    int Progress,
    string? Message,
    string Title,
    string? Sender,
    string? Recipient,
    DateTimeOffset? SentAt,
    string ReceivedBy,
    DateTimeOffset ReceivedAt,
    Guid? TargetVorgangId,
    Guid? ProposedVorgangId,
    string? ProposedAktenzeichen,
    Guid? FiledDokumentId,
    Guid? FiledVorgangId,
    Transfervermerk? Transfervermerk)
{
    internal static IntakeItemResponse From(IntakeItem item) => new(
        item.Id, item.ParentId, item.FileName, item.ContentType, item.Size, item.ContentHash, item.Source.ToString(), item.Status.ToString(),
        item.Progress, item.Message, item.Title, item.Sender, item.Recipient, item.SentAt, item.ReceivedBy, item.ReceivedAt,
        item.TargetVorgangId, item.ProposedVorgangId, item.ProposedAktenzeichen, item.FiledDokumentId, item.FiledVorgangId,
        Transfervermerk.Parse(item.Transfervermerk));
}

/// <summary>Request to file an item into a Vorgang.</summary>
public sealed record FileIntakeItemRequest(Guid VorgangId, Confidentiality? Confidentiality);

/// <summary>What filing created.</summary>
public sealed record FiledDokument(Guid DokumentId, Guid VersionId, string Title, string DokumentType);

/// <summary>
/// The Posteingang's REST API. <c>POST /api/posteingang</c> takes one file (multipart field <c>datei</c>, optional
/// query <c>vorgang=&lt;id&gt;</c> to file it there right after processing); the body is streamed into a temporary
/// file and refused with 413 at <c>Amtsweg:Records:MaxUploadBytes</c> without reading further.
/// </summary>
internal static class PosteingangApi
{
    /// <summary>The most files one upload form may carry.</summary>
    public const int MaxFormFiles = 20;

    public static IEndpointRouteBuilder MapPosteingang(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/posteingang").RequireAuthorization(Policies.CaseWork).WithTags("Posteingang");
        api.MapPost("", Upload).WithName("UploadToPosteingang").DisableAntiforgery();
        api.MapGet("", List).WithName("ListPosteingang");
        api.MapGet("/{id:guid}", Get).WithName("GetPosteingangItem");
        api.MapPost("/{id:guid}/file", File).WithName("FilePosteingangItem");
        api.MapPost("/{id:guid}/retry", Retry).WithName("RetryPosteingangItem");
        api.MapDelete("/{id:guid}", Remove).WithName("RemovePosteingangItem");

        // The upload form of the Posteingang page. Not a Razor page: MVC's antiforgery filter would read (buffer) the
        // whole form first. Requests from other sites are refused by the Origin check; the session cookie is
        // SameSite=Strict anyway.
        endpoints.MapPost("/posteingang/hochladen", UploadForm).RequireAuthorization(Policies.CaseWork).DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> Upload(HttpContext http, Guid? vorgang, IntakeReceiver receiver, IOptions<RecordsOptions> options, CancellationToken cancellationToken)
    {
        if (StreamedUpload.FromForeignOrigin(http))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var item = (await StreamedUpload.ReceiveAsync(http, receiver, options.Value.MaxUploadBytes, new IntakeDelivery("", IntakeSource.Api, http.User.Identity!.Name!, vorgang), maxFiles: 1, cancellationToken)).Single();
        return TypedResults.Accepted($"/api/posteingang/{item.Id}", IntakeItemResponse.From(item));
    }

    private static async Task<IResult> UploadForm(HttpContext http, IntakeReceiver receiver, IOptions<RecordsOptions> options, ITempDataDictionaryFactory tempData, IStringLocalizer<Ui> text, CancellationToken cancellationToken)
    {
        if (StreamedUpload.FromForeignOrigin(http))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var messages = tempData.GetTempData(http);
        try
        {
            var items = await StreamedUpload.ReceiveAsync(http, receiver, options.Value.MaxUploadBytes, new IntakeDelivery("", IntakeSource.Upload, http.User.Identity!.Name!), MaxFormFiles, cancellationToken);
            messages[nameof(IndexModel.Notice)] = text["Intake.Uploaded", items.Count].Value;
        }
        catch (RecordsException error)
        {
            messages[nameof(IndexModel.Error)] = error.Message;
        }

        messages.Save();
        return TypedResults.Redirect("/posteingang");
    }

    private static async Task<Ok<List<IntakeItemResponse>>> List(string? status, RecordsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await QueryAsync(db, status, cancellationToken)).Select(IntakeItemResponse.From).ToList());

    // A refused item (or one waiting for a missing program) is processed again.
    private static async Task<IResult> Retry(Guid id, IntakeRetry retry, RecordsDbContext db, CancellationToken cancellationToken)
    {
        await retry.RetryAsync(id, cancellationToken);
        var item = await db.IntakeItems.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken);
        return TypedResults.Accepted($"/api/posteingang/{id}", IntakeItemResponse.From(item));
    }

    private static async Task<IResult> Remove(Guid id, IntakeRetry retry, CancellationToken cancellationToken)
    {
        await retry.RemoveAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Get(Guid id, RecordsDbContext db, CancellationToken cancellationToken) =>
        await Visible(db).SingleOrDefaultAsync(i => i.Id == id, cancellationToken) is { } item
            ? TypedResults.Ok(IntakeItemResponse.From(item))
            : ApiErrors.NotFound("Der Eintrag im Posteingang");

    // Items restricted under Art. 18 DSGVO are not shown to clerks; the data-protection role reaches them through its export.
    private static IQueryable<IntakeItem> Visible(RecordsDbContext db) =>
        db.IntakeItems.AsNoTracking().Where(i => !db.Restrictions.Any(r => r.SubjectId == i.Id));

    private static async Task<IResult> File(Guid id, FileIntakeItemRequest request, RecordsCommandExecutor executor, ClaimsPrincipal user, CancellationToken cancellationToken)
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

    /// <summary>The newest items first (UUID v7 ids sort by arrival), optionally of one status.</summary>
    internal static Task<List<IntakeItem>> QueryAsync(RecordsDbContext db, string? status, CancellationToken cancellationToken)
    {
        var query = Visible(db);
        if (Enum.TryParse<IntakeStatus>(status, ignoreCase: true, out var wanted))
        {
            query = query.Where(i => i.Status == wanted);
        }

        return query.OrderByDescending(i => i.Id).Take(500).ToListAsync(cancellationToken);
    }
}
