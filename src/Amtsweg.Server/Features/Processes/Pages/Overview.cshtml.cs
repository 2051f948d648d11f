using Amtsweg.Engine;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// <c>/prozesse</c> (issue 13.1): the deployed processes of the municipality by name, each with its versions and
/// version tags, and links to its instances by state and to its open incidents.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.ReadingRoles)]
public sealed class OverviewModel(IProcessEngine engine) : PageModel
{
    /// <summary>The deployed processes, by name.</summary>
    public IReadOnlyList<DeployedProcess> Processes { get; private set; } = [];

    /// <summary>The instances of each definition version by state, counted by the engine in the database.</summary>
    public IReadOnlyDictionary<Guid, ProcessInstanceCounts> Counts { get; private set; } = new Dictionary<Guid, ProcessInstanceCounts>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Processes = (await ProcessCatalog.LoadAsync(engine, cancellationToken)).Processes;
        Counts = (await engine.CountProcessInstancesAsync(cancellationToken)).ToDictionary(c => c.ProcessDefinitionId);
    }

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
