using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// <c>/prozesse</c> (issue 13.1): the deployed processes of the municipality by name, each with its versions and
/// version tags, and links to its instances by state and to its open incidents.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.ReadingRoles)]
public sealed class OverviewModel(IProcessEngine engine, PlatformDbContext db) : PageModel
{
    /// <summary>What the last post did (German), shown once.</summary>
    [TempData(Key = ProcessPages.NoticeKey)]
    public string? Notice { get; set; }

    /// <summary>The number of versions waiting for a second person's approval (Vier-Augen-Prinzip).</summary>
    public int OpenApprovals { get; private set; }

    /// <summary>True when the user may model and deploy (Prozessgestaltung, Administration).</summary>
    public bool MayDesign { get; private set; }

    /// <summary>The municipality's drafts, by name; only for those who may design.</summary>
    public IReadOnlyList<DraftRow> Drafts { get; private set; } = [];

    /// <summary>The deployed processes, by name.</summary>
    public IReadOnlyList<DeployedProcess> Processes { get; private set; } = [];

    /// <summary>The instances of each definition version by state, counted by the engine in the database.</summary>
    public IReadOnlyDictionary<Guid, ProcessInstanceCounts> Counts { get; private set; } = new Dictionary<Guid, ProcessInstanceCounts>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Processes = (await ProcessCatalog.LoadAsync(engine, cancellationToken)).Processes;
        Counts = (await engine.CountProcessInstancesAsync(cancellationToken)).ToDictionary(c => c.ProcessDefinitionId);
        MayDesign = ProcessPages.MayDesign(User);
        OpenApprovals = await db.DeploymentApprovals.CountAsync(a => a.State == DeploymentApprovalState.Open, cancellationToken);
        if (MayDesign)
        {
            var drafts = await db.ProcessDrafts.AsNoTracking()
                .Select(d => new { d.Id, d.ProcessId, d.Name, d.UpdatedBy, d.UpdatedAt })
                .ToListAsync(cancellationToken);
            var users = drafts.Select(d => d.UpdatedBy).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => users.Contains(u.UserName!))
                .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken);
            Drafts = [.. drafts
                .Select(d => new DraftRow(d.Id, d.Name ?? d.ProcessId, d.ProcessId, names.GetValueOrDefault(d.UpdatedBy) is { Length: > 0 } name ? name : d.UpdatedBy, d.UpdatedAt))
                .OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase)];
        }
    }

    /// <summary>The draft of a process, or null.</summary>
    public DraftRow? DraftOf(string processId) => Drafts.FirstOrDefault(d => d.ProcessId == processId);

    /// <summary>The counts of all versions of a process added up.</summary>
    public ProcessInstanceCounts Total(DeployedProcess process) =>
        process.Versions.Select(v => Counts.GetValueOrDefault(v.Id)).OfType<ProcessInstanceCounts>()
            .Aggregate(new ProcessInstanceCounts(Guid.Empty, 0, 0, 0, 0), (sum, c) => sum with
            {
                Running = sum.Running + c.Running,
                Completed = sum.Completed + c.Completed,
                Canceled = sum.Canceled + c.Canceled,
                WithIncident = sum.WithIncident + c.WithIncident,
            });

    /// <summary>The instance list of one version of a process.</summary>
    public static string InstancesOfVersion(string processId, int version) =>
        new InstanceFilter { ProcessId = processId, Version = version }.Url();

    /// <summary>The instance list of a process in a state (<see cref="InstanceFilter"/> values), or in every state.</summary>
    public static string InstancesOf(string processId, string? state = null) =>
        new InstanceFilter { ProcessId = processId, State = state }.Url();
}

/// <summary>A draft in the list of <c>/prozesse</c>.</summary>
/// <param name="Id">The draft.</param>
/// <param name="Name">The process name, or its id when the diagram has no name.</param>
/// <param name="ProcessId">The process id.</param>
/// <param name="SavedBy">The display name of whoever saved it last.</param>
/// <param name="SavedAt">When (UTC).</param>
public sealed record DraftRow(Guid Id, string Name, string ProcessId, string SavedBy, DateTimeOffset SavedAt);
