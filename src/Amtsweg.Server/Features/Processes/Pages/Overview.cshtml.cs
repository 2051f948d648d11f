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

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Processes = (await ProcessCatalog.LoadAsync(engine, cancellationToken)).Processes;

    /// <summary>The instance list of a process in a state (<see cref="InstanceFilter"/> values), or in every state.</summary>
    public static string InstancesOf(string processId, string? state = null) =>
        new InstanceFilter { ProcessId = processId, State = state }.Url();
}
