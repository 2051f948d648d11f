using System.Text.Json.Nodes;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Records.Cases;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// <c>/prozesse/instanzen/{id}</c> (issue 13.1): one process instance — head, diagram with the active elements, the
/// path taken and the incidents marked, variables (Prozessgestaltung and Leitung), the history in German with the
/// steps' names (the Vorgang page's sentences), and the open incidents with retry and resolve, and cancelling the
/// instance after a confirmation that works without JavaScript. Leitung reads only: the server refuses its posts.
/// Another municipality's instance is not found.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.ReadingRoles)]
public sealed class InstanceModel(IProcessEngine engine, RecordsReader reader, ActorNames actorNames, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>The instance.</summary>
    public ProcessInstanceInfo Instance { get; private set; } = null!;

    /// <summary>The process's name.</summary>
    public string ProcessName { get; private set; } = "";

    /// <summary>The version the instance runs on, or null when the definition is gone.</summary>
    public int? Version { get; private set; }

    /// <summary>The Vorgang the instance is filed in, or null.</summary>
    public VorgangSummary? Vorgang { get; private set; }

    /// <summary>The open incidents with the names of their steps.</summary>
    public IReadOnlyList<IncidentRow> OpenIncidents { get; private set; } = [];

    /// <summary>What the diagram marks.</summary>
    public ProcessDiagram Diagram { get; private set; } = null!;

    /// <summary>The elements with an open incident, space-separated, for the diagram.</summary>
    public string IncidentElements { get; private set; } = "";

    /// <summary>The variables of the instance by name, or null when the user may not see them.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>>? Variables { get; private set; }

    /// <summary>The history as German sentences, newest first.</summary>
    public IReadOnlyList<TimelineEntry> History { get; private set; } = [];

    /// <summary>True when the user may retry, resolve and cancel.</summary>
    public bool MayRepair => ProcessPages.MayDesign(User);

    /// <summary>True when the instance can be cancelled here: running, and not called by another (that one is cancelled).</summary>
    public bool MayCancel => MayRepair && Instance.State == ProcessInstanceState.Active && Instance.ParentProcessInstanceId is null;

    /// <summary>True when the page asks to confirm the cancellation (<c>?abbrechen=ja</c>).</summary>
    public bool ConfirmCancel { get; private set; }

    [TempData(Key = ProcessPages.NoticeKey)]
    public string? Notice { get; set; }

    [TempData(Key = ProcessPages.ProblemKey)]
    public string? Problem { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? abbrechen, CancellationToken cancellationToken)
    {
        try
        {
            Instance = await engine.GetProcessInstanceAsync(id, cancellationToken);
        }
        catch (EngineObjectNotFoundException)
        {
            return NotFound();
        }

        ConfirmCancel = abbrechen == "ja" && MayCancel;
        var catalog = await ProcessCatalog.LoadAsync(engine, cancellationToken);
        ProcessName = catalog.NameOf(Instance.ProcessId);
        Version = catalog.Definition(Instance.ProcessDefinitionId)?.Version;
        var includeRestricted = User.IsInRole(Roles.Administration);
        var history = await reader.InstanceHistoryAsync(id, includeRestricted, cancellationToken);
        if (ProcessPages.MaySeeVariables(User))
        {
            Variables = [.. (await reader.ProcessInstanceAsync(Instance, includeRestricted, cancellationToken)).Variables.OrderBy(v => v.Key, StringComparer.Ordinal)];
        }

        if (await reader.VorgangOfInstanceAsync(id, cancellationToken) is { } vorgangId)
        {
            Vorgang = (await reader.VorgangAsync(vorgangId, cancellationToken))?.Vorgang;
        }

        var people = history.Select(e => e.UserId).Concat(history.SelectMany(VorgangTimeline.PeopleIn));
        var actors = await actorNames.LoadAsync(people, new Dictionary<Guid, string> { [id] = Instance.ProcessId }, cancellationToken);
        var timeline = new VorgangTimeline(text, actors);
        timeline.AddProcess(new ProcessHistoryResponse(id, Instance.ProcessId, history, ProcessName));
        History = timeline.Entries;
        Diagram = ProcessDiagram.Of(Instance, history);
        var open = Instance.Incidents.Where(i => i.ResolvedAt is null).OrderBy(i => i.CreatedAt).ToList();
        IncidentElements = string.Join(' ', open.Select(i => i.ElementId).Distinct(StringComparer.Ordinal));
        OpenIncidents = [.. open.Select(i => new IncidentRow(i, ProcessPages.StepName(text, i)))];
        return Page();
    }

    /// <summary>Retries what an incident of this instance stopped.</summary>
    public Task<IActionResult> OnPostRetryAsync(Guid id, Guid incidentId, CancellationToken cancellationToken) =>
        RepairAsync(id, incidentId, async (incident, step) =>
        {
            await engine.RetryIncidentAsync(new RetryIncidentRequest(incident.Id, UserId: User.Identity!.Name), cancellationToken);
            return text["Processes.Retried", step];
        }, cancellationToken);

    /// <summary>Marks an incident of this instance resolved without running anything.</summary>
    public Task<IActionResult> OnPostResolveAsync(Guid id, Guid incidentId, CancellationToken cancellationToken) =>
        RepairAsync(id, incidentId, async (incident, step) =>
        {
            await engine.ResolveIncidentAsync(incident.Id, User.Identity!.Name, cancellationToken);
            return text["Processes.Resolved", step];
        }, cancellationToken);

    /// <summary>Cancels the instance (after the confirmation step of the page).</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!MayRepair)
        {
            return Forbid();
        }

        try
        {
            await engine.CancelProcessInstanceAsync(id, User.Identity!.Name, cancellationToken);
            Notice = text["Processes.Canceled"];
        }
        catch (EngineObjectNotFoundException)
        {
            return NotFound();
        }
        catch (Exception error) when (ProcessPages.IsRefusal(error, out var refusal))
        {
            Problem = refusal;
        }

        return Redirect($"/prozesse/instanzen/{id}");
    }

    private async Task<IActionResult> RepairAsync(Guid id, Guid incidentId, Func<IncidentInfo, string, Task<string>> repair, CancellationToken cancellationToken)
    {
        if (!MayRepair)
        {
            return Forbid();
        }

        IReadOnlyList<IncidentInfo> incidents;
        ProcessInstanceInfo instance;
        try
        {
            instance = await engine.GetProcessInstanceAsync(id, cancellationToken);
            incidents = await engine.GetIncidentsAsync(id, cancellationToken);
        }
        catch (EngineObjectNotFoundException)
        {
            return NotFound();
        }

        // An incident of another instance (or municipality) is not posted from this page.
        if (incidents.FirstOrDefault(i => i.Id == incidentId) is not { } incident)
        {
            return NotFound();
        }

        var step = ProcessPages.StepName(text, incident);
        try
        {
            Notice = await repair(incident, step);
        }
        catch (Exception error) when (ProcessPages.IsRefusal(error, out var refusal))
        {
            Problem = refusal;
        }

        return Redirect($"/prozesse/instanzen/{id}");
    }

}

/// <summary>An open incident with the name of its step.</summary>
public sealed record IncidentRow(IncidentInfo Incident, string Step);
