using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Privacy;
using Amtsweg.Server.Features.Dokumente;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Records.Cases;

/// <summary>
/// One Vorgang: metadata, documents with their versions, notes, follow-up dates, Beteiligte, the process history, and
/// the clerk's acts on it (write a note, set a Wiedervorlage, add or remove a Beteiligter, close zdA, reopen with a
/// reason). Every act is an e-file command; a refused one shows its German message and changes nothing. Dokumente
/// are added through the Posteingang (<see cref="DokumentUpload"/>, form posted to <c>/vorgaenge/{id}/dokumente</c>);
/// those still being processed for this Vorgang, or refused, are listed with their status.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class DetailModel(RecordsReader reader, ActorNames actorNames, RecordsCommandExecutor executor, RecordsDbContext db, IProcessEngine engine, TimeProvider clock, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>The most incoming items shown.</summary>
    public const int MaxIncoming = 20;

    public VorgangResponse Vorgang { get; private set; } = null!;

    public IReadOnlyList<ProcessHistoryResponse> History { get; private set; } = [];

    public IReadOnlyList<BeteiligterResponse> Beteiligte { get; private set; } = [];

    /// <summary>The diagram of each process instance still in the engine, by instance id.</summary>
    public IReadOnlyDictionary<Guid, ProcessDiagram> Diagrams { get; private set; } = new Dictionary<Guid, ProcessDiagram>();

    /// <summary>Who did what, by display name or process name (filled with the page).</summary>
    public ActorDirectory Actors { get; private set; } = null!;

    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>What became of the last upload (German, set by the upload endpoint).</summary>
    [TempData]
    public string? UploadNotice { get; set; }

    /// <summary>Why the last upload was refused (German, set by the upload endpoint).</summary>
    [TempData]
    public string? UploadError { get; set; }

    /// <summary>Items of the Posteingang meant for this Vorgang and not filed yet: being processed, refused, or refused by the Vorgang.</summary>
    public IReadOnlyList<IntakeItem> Incoming { get; private set; } = [];

    public DateOnly Today => DokumentUpload.Today(clock);

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public Task<IActionResult> OnPostVermerkAsync(Guid id, string? text, CancellationToken cancellationToken) =>
        ActAsync(id, "Cases.VermerkAdded", () => executor.ExecuteAsync(new AddVermerkCommand(id, text ?? ""), Actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostWiedervorlageAsync(Guid id, DateOnly? dueOn, string? reason, CancellationToken cancellationToken) =>
        ActAsync(id, "Cases.WiedervorlageSet", () => dueOn is { } due
            ? executor.ExecuteAsync(new SetWiedervorlageCommand(id, due, reason ?? ""), Actor, cancellationToken)
            : throw new RecordsException(RecordsErrors.Invalid, "Es fehlt das Datum der Wiedervorlage."), cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Cases.Closed", () => executor.ExecuteAsync(new CloseVorgangCommand(id), Actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(Guid id, string? reason, CancellationToken cancellationToken) =>
        ActAsync(id, "Cases.Reopened", () => executor.ExecuteAsync(new ReopenVorgangCommand(id, reason ?? ""), Actor, cancellationToken), cancellationToken);

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
        Diagrams = await DiagramsAsync(cancellationToken);
        var includeRestricted = User.IsInRole(Platform.Roles.Administration);
        Beteiligte = await reader.BeteiligteAsync(id, includeRestricted, cancellationToken) ?? [];
        Incoming = await db.IntakeItems.AsNoTracking()
            .Where(i => i.TargetVorgangId == id && i.Status != IntakeStatus.Filed)
            .OrderByDescending(i => i.Id).Take(MaxIncoming).ToListAsync(cancellationToken);
        if (!includeRestricted)
        {
            await HideRestrictedAsync(cancellationToken);
        }

        var actors = Vorgang.Dokumente.SelectMany(d => d.Versions).Select(v => v.CreatedBy)
            .Concat(Vorgang.Vermerke.Select(n => n.CreatedBy))
            .Concat(Vorgang.Wiedervorlagen.Select(w => w.CreatedBy))
            .Concat(History.SelectMany(p => p.Events).Select(e => e.UserId));
        Actors = await actorNames.LoadAsync(actors, History.ToDictionary(p => p.ProcessInstanceId, p => p.ProcessId), cancellationToken);
        return Page();
    }

    // The definition comes from the instance; the path from its history, which the page has read already.
    private async Task<Dictionary<Guid, ProcessDiagram>> DiagramsAsync(CancellationToken cancellationToken)
    {
        var diagrams = new Dictionary<Guid, ProcessDiagram>();
        foreach (var process in History)
        {
            ProcessInstanceInfo instance;
            try
            {
                instance = await engine.GetProcessInstanceAsync(process.ProcessInstanceId, cancellationToken);
            }
            catch (EngineObjectNotFoundException)
            {
                // Deleted by the history cleanup: the list of steps is all there is.
                continue;
            }

            diagrams[process.ProcessInstanceId] = ProcessDiagram.Of(instance, process.Events);
        }

        return diagrams;
    }

    /// <summary>The history events a clerk reads: the steps, tasks, messages and incidents, not the flows between steps.</summary>
    public static IEnumerable<HistoryEventInfo> Shown(ProcessHistoryResponse process) =>
        process.Events.Where(e => e.Type != HistoryEventTypes.SequenceFlowTaken);

    /// <summary>What happened, as a German sentence from the resources; an incident with its message.</summary>
    public string EventText(HistoryEventInfo e)
    {
        var what = text[$"History.{e.Type}"];
        var sentence = what.ResourceNotFound ? text["History.Other"].Value : what.Value;
        return e.Type == HistoryEventTypes.IncidentCreated && !string.IsNullOrWhiteSpace(e.Detail) ? text["Cases.IncidentMessage", sentence, e.Detail] : sentence;
    }

    /// <summary>The step's name from the deployed model; a generic word for a step without name, never its id.</summary>
    public string StepText(HistoryEventInfo e) => e.ElementName ?? (e.ElementId is null ? "" : text["Cases.UnnamedStep"]);

    /// <summary>What clerks see in place of data restricted under Art. 18 DSGVO.</summary>
    public const string RestrictedText = RecordsReader.RestrictedText;

    // Art. 18 DSGVO: clerks see that something is there, not whom it is about; the data-protection role sees all.
    // The Beteiligte come already hidden from the reader, as the API gives them.
    private async Task HideRestrictedAsync(CancellationToken cancellationToken)
    {
        var ids = Vorgang.Dokumente.Select(d => d.Id).Concat(Vorgang.Vermerke.Select(n => n.Id))
            .Concat(Incoming.Select(i => i.Id)).ToList();
        var restricted = (await db.Restrictions.AsNoTracking().Where(r => ids.Contains(r.SubjectId)).Select(r => r.SubjectId)
            .ToListAsync(cancellationToken)).ToHashSet();
        if (restricted.Count == 0)
        {
            return;
        }

        Vorgang = Vorgang with
        {
            Dokumente = Vorgang.Dokumente.Select(d => restricted.Contains(d.Id)
                ? d with { Versions = d.Versions.Select(v => v with { Title = RestrictedText, Sender = null, Recipient = null, FileName = RestrictedText }).ToList() }
                : d).ToList(),
            Vermerke = Vorgang.Vermerke.Select(n => restricted.Contains(n.Id) ? n with { Text = RestrictedText } : n).ToList(),
        };
        Incoming = Incoming.Where(i => !restricted.Contains(i.Id)).ToList();
    }
}

/// <summary>What the diagram of one process instance shows: its definition's XML (by id) and the element ids to mark, space-separated.</summary>
public sealed record ProcessDiagram(Guid DefinitionId, string Active, string Completed, string TakenFlows)
{
    /// <summary>The marks of an instance: its active elements, the elements completed and the sequence flows taken so far.</summary>
    public static ProcessDiagram Of(ProcessInstanceInfo instance, IEnumerable<HistoryEventInfo> history)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var events = history.Where(e => e.ElementId is not null && e.ElementId != instance.ProcessId).ToList();
        return new ProcessDiagram(
            instance.ProcessDefinitionId,
            Ids(instance.ActiveElementIds.Where(id => id != instance.ProcessId)),
            Ids(events.Where(e => e.Type == HistoryEventTypes.ElementCompleted).Select(e => e.ElementId!)),
            Ids(events.Where(e => e.Type == HistoryEventTypes.SequenceFlowTaken).Select(e => e.ElementId!)));
    }

    private static string Ids(IEnumerable<string> ids) => string.Join(' ', ids.Distinct(StringComparer.Ordinal));
}
