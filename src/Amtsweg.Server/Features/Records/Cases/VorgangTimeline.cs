using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records.Audit;
using Amtsweg.Server.Resources;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Records.Cases;

/// <summary>One line of the Vorgang's Verlauf: when, a German sentence, and optionally a quoted text under it (a note, a reason, an incident's message).</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Sentence, string? Detail = null);

/// <summary>An act on the Vorgang itself read from the audit trail (opened, closed, reopened, moved).</summary>
public sealed record VorgangAct(DateTimeOffset At, string Actor, string Action, string Details);

/// <summary>
/// The Vorgang's Verlauf (issue 12.3): the e-file's records (documents and their versions, notes, Beteiligte,
/// follow-ups, the audited acts on the Vorgang) and the engine's history of its process instances merged into one list,
/// newest first, each as a German sentence with people's and steps' names. The engine's bookkeeping (sequence flows,
/// changed variables, retries) stays out: the diagram shows the path, the incident shows the failure.
/// </summary>
public sealed class VorgangTimeline(IStringLocalizer<Ui> text, ActorDirectory actors)
{
    private readonly List<TimelineEntry> _entries = [];

    /// <summary>The entries, newest first; on equal times the later-added first (the engine's order within a process).</summary>
    public IReadOnlyList<TimelineEntry> Entries =>
        [.. _entries.Select((e, i) => (e, i)).OrderByDescending(x => x.e.At).ThenByDescending(x => x.i).Select(x => x.e)];

    /// <summary>Adds the documents: the first version as filed, every later one as a new version.</summary>
    public void AddDokumente(IEnumerable<DokumentResponse> dokumente)
    {
        foreach (var version in dokumente.SelectMany(d => d.Versions))
        {
            _entries.Add(version.Number == 1
                ? new(version.CreatedAt, text["Timeline.DokumentFiled", Who(version.CreatedBy), version.Title])
                : new(version.CreatedAt, text["Timeline.DokumentVersion", Who(version.CreatedBy), version.Number, version.Title]));
        }
    }

    /// <summary>Adds the notes, with their text.</summary>
    public void AddVermerke(IEnumerable<VermerkResponse> vermerke)
    {
        foreach (var note in vermerke)
        {
            _entries.Add(new(note.CreatedAt, text["Timeline.Vermerk", Who(note.CreatedBy)], note.Text));
        }
    }

    /// <summary>Adds the Beteiligte as they were added.</summary>
    public void AddBeteiligte(IEnumerable<BeteiligterResponse> beteiligte)
    {
        foreach (var b in beteiligte)
        {
            _entries.Add(new(b.CreatedAt, text["Timeline.Beteiligter", Who(b.CreatedBy), b.Name, b.Role]));
        }
    }

    /// <summary>Adds the removed Beteiligte: when they were added, and when and by whom they were removed.</summary>
    public void AddRemovedBeteiligte(IEnumerable<RemovedBeteiligterResponse> removed)
    {
        foreach (var b in removed)
        {
            _entries.Add(new(b.CreatedAt, text["Timeline.Beteiligter", Who(b.CreatedBy), b.Name, b.Role]));
            _entries.Add(new(b.RemovedAt, text["Timeline.BeteiligterRemoved", Who(b.RemovedBy), b.Name, b.Role]));
        }
    }

    /// <summary>Adds the follow-ups, with their reason.</summary>
    public void AddWiedervorlagen(IEnumerable<WiedervorlageResponse> wiedervorlagen)
    {
        foreach (var w in wiedervorlagen)
        {
            _entries.Add(new(w.CreatedAt, text["Timeline.Wiedervorlage", Who(w.CreatedBy), Display.Date(w.DueOn)], w.Reason));
        }
    }

    /// <summary>Adds the audited acts on the Vorgang: opened, moved, closed (zdA), reopened with its reason.</summary>
    public void AddActs(IEnumerable<VorgangAct> acts)
    {
        foreach (var act in acts)
        {
            var who = Who(act.Actor);
            TimelineEntry? entry = act.Action switch
            {
                AuditActions.VorgangOpened => new(act.At, text["Timeline.Opened", who]),
                AuditActions.VorgangClosed => new(act.At, text["Timeline.Closed", who]),
                AuditActions.VorgangReopened => new(act.At, text["Timeline.Reopened", who], Value(act.Details, "reason")),
                AuditActions.VorgangMoved => new(act.At, text["Timeline.Moved", who]),
                _ => null,
            };
            if (entry is not null)
            {
                _entries.Add(entry);
            }
        }
    }

    /// <summary>Adds what happened in one process instance of the Vorgang, named after the process.</summary>
    public void AddProcess(ProcessHistoryResponse process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var name = process.ProcessName ?? text["Cases.UnnamedProcess"];
        foreach (var e in process.Events)
        {
            // The process itself appears as an element too (its id is the process id): its start and end are told once.
            if (e.ElementId == process.ProcessId && e.Type is HistoryEventTypes.ElementEntered or HistoryEventTypes.ElementCompleted or HistoryEventTypes.ElementCanceled)
            {
                continue;
            }

            if (ProcessSentence(e, name) is { } entry)
            {
                _entries.Add(entry);
            }
        }
    }

    private TimelineEntry? ProcessSentence(HistoryEventInfo e, string process)
    {
        var step = StepName(e);
        var who = e.UserId is null ? null : actors.Name(e.UserId);
        string? sentence = e.Type switch
        {
            HistoryEventTypes.ProcessInstanceStarted => who is null ? text["Timeline.ProcessStarted", process] : text["Timeline.ProcessStartedBy", who, process],
            HistoryEventTypes.ProcessInstanceCompleted => text["Timeline.ProcessCompleted", process],
            HistoryEventTypes.ProcessInstanceCanceled => who is null ? text["Timeline.ProcessCanceled", process] : text["Timeline.ProcessCanceledBy", who, process],
            HistoryEventTypes.UserTaskCreated => text["Timeline.TaskCreated", step],
            HistoryEventTypes.UserTaskClaimed => text["Timeline.TaskClaimed", Person(e.Detail) ?? who ?? text["Timeline.Someone"], step],
            HistoryEventTypes.UserTaskUnclaimed => text["Timeline.TaskUnclaimed", step],
            HistoryEventTypes.UserTaskDelegated => Delegated(e, step),
            HistoryEventTypes.UserTaskCompleted => text["Timeline.TaskCompleted", who ?? text["Timeline.Someone"], step],
            // The start event is the process's start, told once; a user task is told as the task.
            HistoryEventTypes.ElementEntered when !IsUserTask(e) && e.ElementType != "startEvent" => text["Timeline.StepReached", step],
            HistoryEventTypes.ElementCompleted when !IsUserTask(e) && IsActivity(e) => text["Timeline.StepCompleted", step],
            HistoryEventTypes.ElementCanceled => text["Timeline.StepCanceled", step],
            HistoryEventTypes.ActivityCompensated => text["Timeline.StepCompensated", step],
            HistoryEventTypes.MessageCorrelated => who is null ? text["Timeline.MessageCorrelated", step] : text["Timeline.MessageReported", who, step],
            HistoryEventTypes.TimerFired => text["Timeline.TimerFired", step],
            HistoryEventTypes.TimerDueDateChanged => text["Timeline.TimerChanged", who ?? text["Timeline.Someone"], step],
            HistoryEventTypes.ConditionMet => text["Timeline.ConditionMet", step],
            HistoryEventTypes.IncidentCreated => text["Timeline.Incident", step],
            HistoryEventTypes.IncidentResolved => text["Timeline.IncidentResolved", step],
            _ => null,
        };
        if (sentence is null)
        {
            return null;
        }

        var detail = e.Type == HistoryEventTypes.IncidentCreated && !string.IsNullOrWhiteSpace(e.Detail) ? e.Detail : null;
        return new TimelineEntry(e.Timestamp, sentence, detail);
    }

    private string Delegated(HistoryEventInfo e, string step)
    {
        // The detail is {"from","to","by"} unless hidden under Art. 18 DSGVO; then the sentence says less.
        var handover = Json(e.Detail);
        var by = handover?["by"]?.GetValue<string>() ?? e.UserId;
        var to = handover?["to"]?.GetValue<string>();
        return to is null
            ? text["Timeline.TaskHandedOver", by is null ? text["Timeline.Someone"] : actors.Name(by), step]
            : text["Timeline.TaskDelegated", by is null ? text["Timeline.Someone"] : actors.Name(by), step, actors.Name(to)];
    }

    /// <summary>The step's name in the model; for a step without name a German word for its kind, never its id.</summary>
    public string StepName(HistoryEventInfo e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return StepName(text, e.ElementName, e.ElementType);
    }

    /// <summary>A step's name from its name in the model and its BPMN kind (<c>userTask</c>, ...): the name, else a German word for the kind, never its id.</summary>
    public static string StepName(IStringLocalizer<Ui> text, string? name, string? kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!string.IsNullOrWhiteSpace(name))
        {
            return name.Trim();
        }

        var word = text[$"Timeline.Kind.{kind}"];
        return word.ResourceNotFound ? text["Cases.UnnamedStep"] : word.Value;
    }

    /// <summary>The login names a process's history names besides the acting users: who claimed, who a task was handed to.</summary>
    public static IEnumerable<string> PeopleIn(HistoryEventInfo e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Type == HistoryEventTypes.UserTaskClaimed && e.Detail is { } claimer)
        {
            yield return claimer;
        }

        if (e.Type == HistoryEventTypes.UserTaskDelegated && Json(e.Detail) is { } handover)
        {
            foreach (var key in new[] { "from", "to", "by" })
            {
                if (handover[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    yield return value.GetValue<string>();
                }
            }
        }
    }

    private string? Person(string? login) => string.IsNullOrWhiteSpace(login) || login == RecordsReader.RestrictedText ? null : actors.Name(login);

    private string Who(string actor) => actors.Name(actor);

    private static bool IsUserTask(HistoryEventInfo e) => e.ElementType == "userTask";

    // Events and gateways are reached and left at once: "reached" says all there is.
    private static bool IsActivity(HistoryEventInfo e) =>
        e.ElementType is { } type && !type.EndsWith("Event", StringComparison.Ordinal) && !type.EndsWith("Gateway", StringComparison.Ordinal);

    private static JsonObject? Json(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail) || !detail.StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(detail) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Value(string details, string key) => Json(details)?[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
