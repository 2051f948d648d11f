using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records;
using Amtsweg.Records.Audit;
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
/// One Vorgang as a clerk works in it (issue 12.3): a head with what matters at a glance (Aktenzeichen, subject,
/// applicant, status, next deadline, who is responsible, Akte and Aktenplan position), then sections that open on
/// demand (<c>?abschnitt=</c> names the open one, so that it survives the redirect after an act): the Verlauf, the
/// documents, the processes with their diagrams, notes, Beteiligte, follow-ups and closing. Every act is an e-file
/// command; a refused one shows its German message in its section, with its form open, and changes nothing. Dokumente
/// are added through the Posteingang (<see cref="DokumentUpload"/>, form posted to <c>/vorgaenge/{id}/dokumente</c>);
/// those still being processed for this Vorgang, or refused, are listed with their status.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class DetailModel(RecordsReader reader, ActorNames actorNames, RecordsCommandExecutor executor, RecordsDbContext db, IProcessEngine engine, TimeProvider clock, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>The most incoming items shown.</summary>
    public const int MaxIncoming = 20;

    /// <summary>Entries of the Verlauf shown at first; "ältere anzeigen" shows this many more each time.</summary>
    public const int TimelinePage = 50;

    /// <summary>The sections of the page, by the name in <c>?abschnitt=</c> and in their element ids.</summary>
    public static class Sections
    {
        public const string Verlauf = "verlauf";
        public const string Dokumente = "dokumente";
        public const string Prozesse = "prozesse";
        public const string Vermerke = "vermerke";
        public const string Beteiligte = "beteiligte";
        public const string Wiedervorlagen = "wiedervorlagen";
        public const string Abschluss = "abschluss";

        /// <summary>Every section, in page order.</summary>
        public static readonly IReadOnlyList<string> All = [Verlauf, Dokumente, Prozesse, Vermerke, Beteiligte, Wiedervorlagen, Abschluss];
    }

    public VorgangResponse Vorgang { get; private set; } = null!;

    public IReadOnlyList<ProcessHistoryResponse> History { get; private set; } = [];

    public IReadOnlyList<BeteiligterResponse> Beteiligte { get; private set; } = [];

    /// <summary>The diagram of each process instance still in the engine, by instance id.</summary>
    public IReadOnlyDictionary<Guid, ProcessDiagram> Diagrams { get; private set; } = new Dictionary<Guid, ProcessDiagram>();

    /// <summary>Whether each process instance still in the engine runs, by instance id.</summary>
    public IReadOnlyDictionary<Guid, ProcessInstanceState> ProcessStates { get; private set; } = new Dictionary<Guid, ProcessInstanceState>();

    /// <summary>What each running process instance waits for (its open message subscriptions), by instance id.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<MessageSubscriptionInfo>> Waiting { get; private set; } = new Dictionary<Guid, IReadOnlyList<MessageSubscriptionInfo>>();

    /// <summary>The documents a clerk may name when reporting that something arrived: those not restricted under Art. 18 DSGVO.</summary>
    public IReadOnlyList<DokumentResponse> ReportableDokumente { get; private set; } = [];

    /// <summary>Who did what, by display name or process name (filled with the page).</summary>
    public ActorDirectory Actors { get; private set; } = null!;

    /// <summary>The Verlauf, newest first, as far as it is shown (<see cref="TimelineShown"/>).</summary>
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>How many entries the Verlauf has in all.</summary>
    public int TimelineCount { get; private set; }

    /// <summary>The open user tasks of the Vorgang's processes, soonest due first.</summary>
    public IReadOnlyList<UserTaskInfo> OpenTasks { get; private set; } = [];

    /// <summary>The Beteiligter with the role of applicant (Antragsteller, Antragstellerin), if there is one.</summary>
    public BeteiligterResponse? Applicant { get; private set; }

    /// <summary>The Akte's Aktenplan position (its id for the link, its title).</summary>
    public PositionResponse? Position { get; private set; }

    /// <summary>Who opened the Vorgang (as recorded in the audit trail), null when unknown.</summary>
    public string? OpenedBy { get; private set; }

    /// <summary>The section shown open: the one asked for in <c>?abschnitt=</c>, else the Verlauf.</summary>
    [BindProperty(SupportsGet = true, Name = "abschnitt")]
    public string? Section { get; set; }

    /// <summary>How many entries of the Verlauf are shown (<c>?eintraege=</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "eintraege")]
    public int? TimelineShown { get; set; }

    /// <summary>The action form shown open: the one whose act was refused.</summary>
    public string? OpenForm { get; private set; }

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

    /// <summary>The section that is open.</summary>
    public string OpenSection => Section is { } s && Sections.All.Contains(s) ? s : Sections.Verlauf;

    /// <summary>The next deadline: the earliest due date of an open task or a follow-up, with what it belongs to.</summary>
    public (DateOnly Due, string What)? Deadline
    {
        get
        {
            var tasks = OpenTasks.Where(t => t.DueDate is not null)
                .Select(t => (Due: DateOnly.FromDateTime(Amtsweg.Data.BerlinTime.ToLocal(t.DueDate!.Value).DateTime), What: text["Cases.DeadlineTask", TaskName(t)].Value));
            var followUps = Vorgang.Wiedervorlagen.Select(w => (Due: w.DueOn, What: text["Cases.DeadlineWiedervorlage", w.Reason].Value));
            return tasks.Concat(followUps).OrderBy(d => d.Due).Select(d => ((DateOnly, string)?)d).FirstOrDefault();
        }
    }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public Task<IActionResult> OnPostVermerkAsync(Guid id, string? text, CancellationToken cancellationToken) =>
        ActAsync(id, Sections.Vermerke, "Cases.VermerkAdded", () => executor.ExecuteAsync(new AddVermerkCommand(id, text ?? ""), Actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostWiedervorlageAsync(Guid id, DateOnly? dueOn, string? reason, CancellationToken cancellationToken) =>
        ActAsync(id, Sections.Wiedervorlagen, "Cases.WiedervorlageSet", () => dueOn is { } due
            ? executor.ExecuteAsync(new SetWiedervorlageCommand(id, due, reason ?? ""), Actor, cancellationToken)
            : throw new RecordsException(RecordsErrors.Invalid, "Es fehlt das Datum der Wiedervorlage."), cancellationToken);

    // Closing ends all changes until a reasoned reopening: the clerk confirms it explicitly, also without JavaScript.
    public Task<IActionResult> OnPostCloseAsync(Guid id, bool confirmed, CancellationToken cancellationToken) =>
        ActAsync(id, Sections.Abschluss, "Cases.Closed", () => confirmed
            ? executor.ExecuteAsync(new CloseVorgangCommand(id), Actor, cancellationToken)
            : throw new RecordsException(RecordsErrors.Invalid, text["Cases.CloseNotConfirmed"]), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(Guid id, string? reason, CancellationToken cancellationToken) =>
        ActAsync(id, Sections.Abschluss, "Cases.Reopened", () => executor.ExecuteAsync(new ReopenVorgangCommand(id, reason ?? ""), Actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostBeteiligterAsync(Guid id, string? role, string? name, string? address, string? email, DateOnly? birthDate, CancellationToken cancellationToken) =>
        ActAsync(id, Sections.Beteiligte, "Cases.BeteiligterAdded", () => executor.ExecuteAsync(new AddBeteiligterCommand(id, role ?? "", new DataSubject(name ?? "", email, address, birthDate)), Actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRemoveBeteiligterAsync(Guid id, Guid beteiligterId, CancellationToken cancellationToken) =>
        ActAsync(id, Sections.Beteiligte, "Cases.BeteiligterRemoved", () => executor.ExecuteAsync(new RemoveBeteiligterCommand(id, beteiligterId), Actor, cancellationToken), cancellationToken);

    /// <summary>
    /// A clerk reports what a waiting process waits for (documents arrived, an answer came): the message is delivered to
    /// that one instance, with the chosen document of the Vorgang as the variables <c>dokument</c> (its id) and
    /// <c>dokumentTitel</c>. Refused when the Vorgang is closed, the process no longer waits for it, or the document is
    /// not one of the Vorgang's.
    /// </summary>
    public Task<IActionResult> OnPostMeldenAsync(Guid id, Guid instanz, Guid wartet, Guid? dokument, CancellationToken cancellationToken) =>
        ActAsync(id, Sections.Prozesse, "Cases.Reported", () => ReportAsync(id, instanz, wartet, dokument, cancellationToken), cancellationToken);

    /// <summary>What people call what a process waits for: the waiting step's name, else the message's name.</summary>
    public static string WaitingName(MessageSubscriptionInfo waiting)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        return string.IsNullOrWhiteSpace(waiting.ElementName) ? waiting.MessageName : waiting.ElementName.Trim();
    }

    /// <summary>The task's German name; a task without name is called by its kind.</summary>
    public string TaskName(UserTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return string.IsNullOrWhiteSpace(task.Name) ? text["Timeline.Kind.userTask"] : task.Name.Trim();
    }

    /// <summary>The address of the page with <paramref name="section"/> open, at that section.</summary>
    public static string SectionUrl(Guid id, string section) => $"/vorgaenge/{id}?abschnitt={section}#{section}";

    private string Actor => User.Identity!.Name!;

    private async Task<MessageCorrelationResult> ReportAsync(Guid id, Guid instanceId, Guid subscriptionId, Guid? dokumentId, CancellationToken cancellationToken)
    {
        var vorgang = await reader.VorgangAsync(id, cancellationToken) ?? throw new RecordsException(RecordsErrors.NotFound, text["Cases.ReportNotWaiting"]);
        if (vorgang.Vorgang.State != "Open")
        {
            throw new RecordsException(RecordsErrors.VorgangClosed, text["Cases.ReportClosed"]);
        }

        var notWaiting = new RecordsException(RecordsErrors.Invalid, text["Cases.ReportNotWaiting"]);
        if (!vorgang.Processes.Any(p => p.ProcessInstanceId == instanceId))
        {
            throw notWaiting;
        }

        var waiting = (await engine.GetMessageSubscriptionsAsync(instanceId, cancellationToken)).FirstOrDefault(w => w.Id == subscriptionId) ?? throw notWaiting;
        var variables = new Dictionary<string, object?>();
        if (dokumentId is { } chosen)
        {
            var restricted = await db.Restrictions.AsNoTracking().AnyAsync(r => r.SubjectId == chosen, cancellationToken);
            var found = vorgang.Dokumente.FirstOrDefault(d => d.Id == chosen);
            if (found is null || restricted)
            {
                throw new RecordsException(RecordsErrors.Invalid, text["Cases.ReportUnknownDokument"]);
            }

            variables["dokument"] = found.Id.ToString("D");
            variables["dokumentTitel"] = found.Versions[0].Title;
        }

        var result = await engine.CorrelateMessageAsync(
            new CorrelateMessageRequest(waiting.MessageName, waiting.CorrelationKey, variables, Actor, instanceId), cancellationToken);
        return result.Correlated ? result : throw notWaiting;
    }

    private async Task<IActionResult> ActAsync<T>(Guid id, string section, string doneKey, Func<Task<T>> act, CancellationToken cancellationToken)
    {
        try
        {
            await act();
        }
        catch (RecordsException error)
        {
            Error = error.Message;
            Section = section;
            OpenForm = section;
            Response.StatusCode = error.Code == RecordsErrors.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return await ShowAsync(id, cancellationToken);
        }

        Done = doneKey;
        return Redirect(SectionUrl(id, section));
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await reader.VorgangAsync(id, cancellationToken) is not { } vorgang)
        {
            return NotFound();
        }

        Vorgang = vorgang;
        var includeRestricted = User.IsInRole(Platform.Roles.Administration);
        History = await reader.HistoryAsync(id, includeRestricted, cancellationToken);
        await ReadProcessesAsync(cancellationToken);
        if (Waiting.Count > 0)
        {
            var dokumentIds = vorgang.Dokumente.Select(d => d.Id).ToList();
            var restricted = await db.Restrictions.AsNoTracking().Where(r => dokumentIds.Contains(r.SubjectId)).Select(r => r.SubjectId).ToListAsync(cancellationToken);
            ReportableDokumente = [.. vorgang.Dokumente.Where(d => !restricted.Contains(d.Id))];
        }

        Beteiligte = await reader.BeteiligteAsync(id, includeRestricted, cancellationToken) ?? [];
        Applicant = Beteiligte.FirstOrDefault(b => b.Role.Trim().StartsWith("Antragsteller", StringComparison.OrdinalIgnoreCase));
        Incoming = await db.IntakeItems.AsNoTracking()
            .Where(i => i.TargetVorgangId == id && i.Status != IntakeStatus.Filed)
            .OrderByDescending(i => i.Id).Take(MaxIncoming).ToListAsync(cancellationToken);
        if (!includeRestricted)
        {
            await HideRestrictedAsync(cancellationToken);
        }

        var positionId = await db.Akten.AsNoTracking().Where(a => a.Id == vorgang.Vorgang.AkteId).Select(a => a.PositionId).SingleAsync(cancellationToken);
        Position = await db.AktenplanPositionen.AsNoTracking().Where(p => p.Id == positionId)
            .Select(p => new PositionResponse(p.Id, p.ParentId, p.Code, p.Title, p.RetentionYears, p.DisposalRule.ToString())).SingleOrDefaultAsync(cancellationToken);

        // The acts on the Vorgang itself; the acts on its documents, notes and Beteiligte are read from their rows.
        var acts = await db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == id).OrderBy(e => e.Sequence)
            .Select(e => new VorgangAct(e.OccurredAt, e.Actor, e.Action, e.Details)).ToListAsync(cancellationToken);
        OpenedBy = acts.FirstOrDefault(a => a.Action == AuditActions.VorgangOpened)?.Actor;

        var removedBeteiligte = await reader.RemovedBeteiligteAsync(id, includeRestricted, cancellationToken);
        var actors = Vorgang.Dokumente.SelectMany(d => d.Versions).Select(v => v.CreatedBy)
            .Concat(Vorgang.Vermerke.Select(n => n.CreatedBy))
            .Concat(Vorgang.Wiedervorlagen.Select(w => w.CreatedBy))
            .Concat(Beteiligte.Select(b => b.CreatedBy))
            .Concat(removedBeteiligte.SelectMany(b => new[] { b.CreatedBy, b.RemovedBy }))
            .Concat(acts.Select(a => a.Actor))
            .Concat(OpenTasks.Select(t => t.Assignee))
            .Concat(History.SelectMany(p => p.Events).Select(e => e.UserId))
            .Concat(History.SelectMany(p => p.Events).SelectMany(VorgangTimeline.PeopleIn));
        Actors = await actorNames.LoadAsync(actors, History.ToDictionary(p => p.ProcessInstanceId, p => p.ProcessId), cancellationToken);

        var timeline = new VorgangTimeline(text, Actors);
        timeline.AddActs(acts);
        timeline.AddDokumente(Vorgang.Dokumente);
        timeline.AddVermerke(Vorgang.Vermerke);
        timeline.AddBeteiligte(Beteiligte);
        timeline.AddRemovedBeteiligte(removedBeteiligte);
        timeline.AddWiedervorlagen(Vorgang.Wiedervorlagen);
        foreach (var process in History)
        {
            timeline.AddProcess(process);
        }

        var entries = timeline.Entries;
        TimelineCount = entries.Count;
        TimelineShown = Math.Clamp(TimelineShown ?? TimelinePage, TimelinePage, Math.Max(TimelinePage, entries.Count));
        Timeline = [.. entries.Take(TimelineShown.Value)];
        return Page();
    }

    // The definition comes from the instance; the path from its history, which the page has read already. The open
    // tasks name the responsible people and the next deadline in the head.
    private async Task ReadProcessesAsync(CancellationToken cancellationToken)
    {
        var diagrams = new Dictionary<Guid, ProcessDiagram>();
        var states = new Dictionary<Guid, ProcessInstanceState>();
        var tasks = new List<UserTaskInfo>();
        var waiting = new Dictionary<Guid, IReadOnlyList<MessageSubscriptionInfo>>();
        foreach (var process in History)
        {
            ProcessInstanceInfo instance;
            try
            {
                instance = await engine.GetProcessInstanceAsync(process.ProcessInstanceId, cancellationToken);
            }
            catch (EngineObjectNotFoundException)
            {
                // Deleted by the history cleanup: the Verlauf is all there is.
                continue;
            }

            diagrams[process.ProcessInstanceId] = ProcessDiagram.Of(instance, process.Events);
            states[process.ProcessInstanceId] = instance.State;
            if (instance.State == ProcessInstanceState.Active)
            {
                tasks.AddRange(await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id }, cancellationToken));
                if (await engine.GetMessageSubscriptionsAsync(instance.Id, cancellationToken) is { Count: > 0 } subscriptions)
                {
                    waiting[instance.Id] = subscriptions;
                }
            }
        }

        Waiting = waiting;
        Diagrams = diagrams;
        ProcessStates = states;
        OpenTasks = [.. tasks.OrderBy(t => t.DueDate ?? DateTimeOffset.MaxValue).ThenBy(t => t.CreatedAt)];
    }

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
