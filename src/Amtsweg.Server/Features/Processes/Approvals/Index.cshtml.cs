using Amtsweg.Server.Features.Processes.Pages;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Processes.Approvals;

/// <summary>
/// <c>/prozesse/freigaben</c> (issue 13.4, Vier-Augen-Prinzip): the versions of processes and forms waiting for a second
/// person's approval, oldest first, and the latest decisions. For everyone who sees the Prozesse pages; Leitung approves
/// here although it does not model.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.ReadingRoles)]
public sealed class ApprovalsModel(PlatformDbContext db, Amtsweg.Data.Tenancy.TenantContext tenant) : PageModel
{
    /// <summary>How many decided requests the page shows.</summary>
    public const int DecidedShown = 20;

    /// <summary>The open requests, oldest first.</summary>
    public IReadOnlyList<ApprovalRow> Open { get; private set; } = [];

    /// <summary>The latest decided requests, newest first.</summary>
    public IReadOnlyList<ApprovalRow> Decided { get; private set; } = [];

    /// <summary>True when the municipality has the Vier-Augen-Prinzip on.</summary>
    public bool FourEyes { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        FourEyes = await DeploymentApprovals.IsOnAsync(db, tenant, cancellationToken);
        var columns = db.DeploymentApprovals.AsNoTracking()
            .Select(a => new { a.Id, a.Kind, a.SubjectId, a.Name, a.Comment, a.RequestedBy, a.RequestedAt, a.State, a.DecidedBy, a.DecidedAt, a.DeployedVersion });
        var open = await columns.Where(a => a.State == DeploymentApprovalState.Open).ToListAsync(cancellationToken);
        // Sorted in memory: SQLite cannot order by DateTimeOffset, and the open requests are few.
        var decided = (await columns.Where(a => a.State != DeploymentApprovalState.Open).OrderByDescending(a => a.Id).Take(DecidedShown * 5).ToListAsync(cancellationToken))
            .OrderByDescending(a => a.DecidedAt).Take(DecidedShown).ToList();
        var users = open.Select(a => a.RequestedBy).Concat(decided.Select(a => a.RequestedBy)).Concat(decided.Select(a => a.DecidedBy!)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => users.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken);
        string Name(string? login) => login is null ? "" : names.GetValueOrDefault(login) is { Length: > 0 } name ? name : login;
        Open = [.. open.OrderBy(a => a.RequestedAt).Select(a => new ApprovalRow(a.Id, a.Kind, a.Name ?? a.SubjectId, a.Comment, Name(a.RequestedBy), a.RequestedAt, a.State, null, null, null))];
        Decided = [.. decided.Select(a => new ApprovalRow(a.Id, a.Kind, a.Name ?? a.SubjectId, a.Comment, Name(a.RequestedBy), a.RequestedAt, a.State, Name(a.DecidedBy), a.DecidedAt, a.DeployedVersion))];
    }
}

/// <summary>One request as the list shows it.</summary>
public sealed record ApprovalRow(
    Guid Id,
    DeploymentApprovalKind Kind,
    string Name,
    string Comment,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DeploymentApprovalState State,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    int? DeployedVersion);
