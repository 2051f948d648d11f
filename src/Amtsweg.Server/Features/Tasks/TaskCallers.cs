using System.Security.Claims;
using Amtsweg.Data;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Tasks;

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
}
