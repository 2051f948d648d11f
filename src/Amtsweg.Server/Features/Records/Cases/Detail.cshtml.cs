using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Privacy;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Records.Cases;

/// <summary>
/// One Vorgang: metadata, documents with their versions, notes, follow-up dates, Beteiligte, the process history, and
/// the clerk's acts on it (file a document, write a note, set a Wiedervorlage, add or remove a Beteiligter, close zdA,
/// reopen with a reason).
/// Every act is an e-file command; a refused one shows its German message and changes nothing.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
[RequestSizeLimit(long.MaxValue)]
public sealed class DetailModel(RecordsReader reader, RecordsCommandExecutor executor, TimeProvider clock) : PageModel
{
    public VorgangResponse Vorgang { get; private set; } = null!;

    public IReadOnlyList<ProcessHistoryResponse> History { get; private set; } = [];

    public IReadOnlyList<BeteiligterResponse> Beteiligte { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public DateOnly Today => DocumentUpload.Today(clock);

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(Guid id, string? text, CancellationToken cancellationToken) =>
        ActAsync(id, "Cases.NoteAdded", () => executor.ExecuteAsync(new AddNoteCommand(id, text ?? ""), Actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostWiedervorlageAsync(Guid id, DateOnly? dueOn, string? reason, CancellationToken cancellationToken) =>
        ActAsync(id, "Cases.WiedervorlageSet", () => dueOn is { } due
            ? executor.ExecuteAsync(new SetWiedervorlageCommand(id, due, reason ?? ""), Actor, cancellationToken)
            : throw new RecordsException(RecordsErrors.Invalid, "Es fehlt das Datum der Wiedervorlage."), cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Cases.Closed", () => executor.ExecuteAsync(new CloseVorgangCommand(id), Actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(Guid id, string? reason, CancellationToken cancellationToken) =>
        ActAsync(id, "Cases.Reopened", () => executor.ExecuteAsync(new ReopenVorgangCommand(id, reason ?? ""), Actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUploadAsync(Guid id, DocumentUpload upload, CancellationToken cancellationToken) =>
        ActAsync(id, "Cases.DocumentAdded", async () =>
        {
            if (upload.Datei is not { Length: > 0 } file)
            {
                throw new RecordsException(RecordsErrors.Invalid, "Bitte wählen Sie eine Datei aus.");
            }

            await using var content = file.OpenReadStream();
            return await executor.ExecuteAsync(new AddDocumentCommand(id, upload.ToMetadata(file, Today), content), Actor, cancellationToken);
        }, cancellationToken);

    public Task<IActionResult> OnPostBeteiligterAsync(Guid id, string? role, string? name, string? address, string? email, DateOnly? birthDate, CancellationToken cancellationToken) =>
        ActAsync(id, "Cases.BeteiligterAdded", () => executor.ExecuteAsync(new AddBeteiligterCommand(id, role ?? "", new DataSubject(name ?? "", email, address, birthDate)), Actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRemoveBeteiligterAsync(Guid id, Guid beteiligterId, CancellationToken cancellationToken) =>
        ActAsync(id, "Cases.BeteiligterRemoved", () => executor.ExecuteAsync(new RemoveBeteiligterCommand(id, beteiligterId), Actor, cancellationToken), cancellationToken);

    private string Actor => User.Identity!.Name!;

    private async Task<IActionResult> ActAsync<T>(Guid id, string doneKey, Func<Task<T>> act, CancellationToken cancellationToken)
    {
        try
        {
            await act();
        }
        catch (RecordsException error)
        {
            Error = error.Message;
            Response.StatusCode = error.Code == RecordsErrors.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return await ShowAsync(id, cancellationToken);
        }

        Done = doneKey;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await reader.VorgangAsync(id, cancellationToken) is not { } vorgang)
        {
            return NotFound();
        }

        Vorgang = vorgang;
        History = await reader.HistoryAsync(id, cancellationToken);
        Beteiligte = await reader.BeteiligteAsync(id, cancellationToken) ?? [];
        return Page();
    }
}
