using System.Globalization;
using Amtsweg.Engine;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// <c>/prozesse/stoerungen</c> (issue 13.1): every open incident of the municipality, newest first, paged by the
/// engine in the database (the query of <c>GET /api/incidents</c>), with the process, the step's name, the message,
/// since when and a link to the instance; retry and resolve for Prozessgestaltung and Administration.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.ReadingRoles)]
public sealed class IncidentsModel(IProcessEngine engine, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>Incidents per page.</summary>
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public string? PageInput { get; set; }

    /// <summary>The page shown, from 1.</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>True when a further page follows.</summary>
    public bool HasNextPage { get; private set; }

    /// <summary>The open incidents of the page with their process and step.</summary>
    public IReadOnlyList<OpenIncident> Rows { get; private set; } = [];

    /// <summary>True when the user may retry and resolve.</summary>
    public bool MayRepair => ProcessPages.MayDesign(User);

    [TempData(Key = ProcessPages.NoticeKey)]
    public string? Notice { get; set; }

    [TempData(Key = ProcessPages.ProblemKey)]
    public string? Problem { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = ParsePage(PageInput);
        var page = await engine.QueryIncidentsAsync(new IncidentQuery { Open = true, Skip = (PageNumber - 1) * PageSize, Take = PageSize + 1 }, cancellationToken);
        HasNextPage = page.Count > PageSize;
        var catalog = await ProcessCatalog.LoadAsync(engine, cancellationToken);
        var instances = new Dictionary<Guid, ProcessInstanceInfo?>();
        var rows = new List<OpenIncident>();
        foreach (var incident in page.Take(PageSize))
        {
            var instance = incident.ProcessInstanceId is { } instanceId ? await InstanceAsync(instances, instanceId, cancellationToken) : null;
            rows.Add(instance is null
                ? new OpenIncident(incident, null, text["Processes.UnknownProcess"], text["Cases.UnnamedStep"])
                : new OpenIncident(incident, instance, catalog.NameOf(instance.ProcessId), ProcessPages.StepName(text, incident)));
        }

        Rows = rows;
    }

    /// <summary>Retries what an incident stopped.</summary>
    public Task<IActionResult> OnPostRetryAsync(Guid incidentId, string? seite, CancellationToken cancellationToken) =>
        RepairAsync(seite, async () => await engine.RetryIncidentAsync(new RetryIncidentRequest(incidentId, UserId: User.Identity!.Name), cancellationToken), "Processes.Retried");

    /// <summary>Marks an incident resolved without running anything.</summary>
    public Task<IActionResult> OnPostResolveAsync(Guid incidentId, string? seite, CancellationToken cancellationToken) =>
        RepairAsync(seite, async () => await engine.ResolveIncidentAsync(incidentId, User.Identity!.Name, cancellationToken), "Processes.Resolved");

    /// <summary>This list's address on a page.</summary>
    public static string PageUrl(int page) => page > 1 ? "/prozesse/stoerungen?seite=" + page.ToString(CultureInfo.InvariantCulture) : "/prozesse/stoerungen";

    private async Task<IActionResult> RepairAsync(string? seite, Func<Task<IncidentInfo>> repair, string doneKey)
    {
        if (!MayRepair)
        {
            return Forbid();
        }

        try
        {
            var incident = await repair();
            Notice = text[doneKey, ProcessPages.StepName(text, incident)];
        }
        catch (EngineObjectNotFoundException)
        {
            return NotFound();
        }
        catch (Exception error) when (ProcessPages.IsRefusal(error, out var refusal))
        {
            Problem = refusal;
        }

        return Redirect(PageUrl(ParsePage(seite)));
    }

    private async Task<ProcessInstanceInfo?> InstanceAsync(Dictionary<Guid, ProcessInstanceInfo?> known, Guid instanceId, CancellationToken cancellationToken)
    {
        if (!known.TryGetValue(instanceId, out var instance))
        {
            try
            {
                instance = await engine.GetProcessInstanceAsync(instanceId, cancellationToken);
            }
            catch (EngineObjectNotFoundException)
            {
                // Deleted by the history cleanup between the two reads: the row stays, without names.
                instance = null;
            }

            known[instanceId] = instance;
        }

        return instance;
    }

    private static int ParsePage(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= 1_000_000 ? page : 1;
}

/// <summary>An open incident with its instance (null for a start that made none), its process's name and its step's name.</summary>
public sealed record OpenIncident(IncidentInfo Incident, ProcessInstanceInfo? Instance, string ProcessName, string Step);
