using System.Security.Claims;
using Amtsweg.Data;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Tasks;

/// <summary>A colleague of the municipality who works cases.</summary>
/// <param name="UserName">The user name.</param>
/// <param name="DisplayName">The name shown.</param>
public sealed record Colleague(string UserName, string DisplayName);

/// <summary>
/// The one place where a signed-in user becomes the caller the engine checks task permissions against: their name, their
/// platform roles as groups, Leitung may reassign, and the colleagues they stand in for today (Vertretung).
/// </summary>
public sealed class TaskCallers(PlatformDbContext db, TimeProvider clock)
{
    /// <summary>The role that may reassign and unclaim any task.</summary>
    public const string ReassigningRole = Roles.Leitung;

    /// <summary>The caller for <paramref name="user"/>, with the absent colleagues whose deputy they are today.</summary>
    public async Task<TaskCaller> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var caller = new TaskCaller(user.Identity!.Name!, [.. user.FindAll(ClaimTypes.Role).Select(role => role.Value)], user.IsInRole(ReassigningRole));
        var today = BerlinTime.Today(clock);
        var absent = await db.Absences.AsNoTracking()
            .Where(a => a.DeputyUserName == caller.UserId && a.From <= today && a.Until >= today)
            .Select(a => a.UserName).Distinct().ToListAsync(cancellationToken);
        if (absent.Count == 0)
        {
            return caller;
        }

        // The absent person's groups are their roles; a deputy does not inherit Leitung's right to reassign.
        var roles = await (from person in db.Users
                           where absent.Contains(person.UserName!)
                           join membership in db.UserRoles on person.Id equals membership.UserId
                           join role in db.Roles on membership.RoleId equals role.Id
                           select new { person.UserName, role.Name }).ToListAsync(cancellationToken);
        return caller with
        {
            Represents = [.. absent.Select(name => new TaskCaller(name, [.. roles.Where(r => r.UserName == name).Select(r => r.Name!)]))],
        };
    }

    /// <summary>The colleagues of the municipality with a case-work role, by display name.</summary>
    public async Task<IReadOnlyList<Colleague>> ColleaguesAsync(CancellationToken cancellationToken)
    {
        // The user table is tenant-filtered: only colleagues of this municipality.
        var caseWork = Roles.CaseWork.ToList();
        return await (from person in db.Users.AsNoTracking()
                      where db.UserRoles.Any(m => m.UserId == person.Id && db.Roles.Any(r => r.Id == m.RoleId && caseWork.Contains(r.Name!)))
                      orderby person.DisplayName
                      select new Colleague(person.UserName!, person.DisplayName)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The user of this municipality named <paramref name="userName"/> as a task's new assignee (their roles as groups),
    /// or null when the municipality has no such user.
    /// </summary>
    public async Task<TaskCaller?> ColleagueAsync(string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var person = await db.Users.AsNoTracking().Where(u => u.UserName == userName && u.TenantId != null).Select(u => new { u.Id, u.UserName }).SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }

        var roles = await (from membership in db.UserRoles
                           where membership.UserId == person.Id
                           join role in db.Roles on membership.RoleId equals role.Id
                           select role.Name!).ToListAsync(cancellationToken);
        return new TaskCaller(person.UserName!, roles);
    }
}
