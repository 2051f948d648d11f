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
/// platform roles and the keys of their municipality's teams (<see cref="Team"/>) as groups, Leitung may reassign, and
/// the colleagues they stand in for today (Vertretung).
/// </summary>
public sealed class TaskCallers(PlatformDbContext db, TimeProvider clock)
{
    /// <summary>The role that may reassign and unclaim any task.</summary>
    public const string ReassigningRole = Roles.Leitung;

    /// <summary>The caller for <paramref name="user"/>, with the absent colleagues whose deputy they are today.</summary>
    public async Task<TaskCaller> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userName = user.Identity!.Name!;

        // The roles come from the sign-in (claims); the teams are read now, so a membership changed by the administration
        // counts from the next request on.
        var teams = await TeamKeysAsync([userName], cancellationToken);
        var caller = new TaskCaller(userName, [.. user.FindAll(ClaimTypes.Role).Select(role => role.Value), .. teams[userName]], user.IsInRole(ReassigningRole));
        var today = BerlinTime.Today(clock);
        var absent = await db.Absences.AsNoTracking()
            .Where(a => a.DeputyUserName == caller.UserId && a.From <= today && a.Until >= today)
            .Select(a => a.UserName).Distinct().ToListAsync(cancellationToken);
        if (absent.Count == 0)
        {
            return caller;
        }

        // The absent person's groups are their roles and teams; a deputy does not inherit Leitung's right to reassign.
        var roles = await (from person in db.Users
                           where absent.Contains(person.UserName!)
                           join membership in db.UserRoles on person.Id equals membership.UserId
                           join role in db.Roles on membership.RoleId equals role.Id
                           select new { person.UserName, role.Name }).ToListAsync(cancellationToken);
        var absentTeams = await TeamKeysAsync(absent, cancellationToken);
        return caller with
        {
            Represents = [.. absent.Select(name => new TaskCaller(name, [.. roles.Where(r => r.UserName == name).Select(r => r.Name!), .. absentTeams[name]]))],
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
    /// The user of this municipality named <paramref name="userName"/> as a task's new assignee (their roles and teams as groups),
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
        var teams = await TeamKeysAsync([person.UserName!], cancellationToken);
        return new TaskCaller(person.UserName!, [.. roles, .. teams[person.UserName!]]);
    }

    /// <summary>
    /// The names to show for a task's candidate groups: a team's display name, a role's name as the platform spells it,
    /// and a group that is neither as the model wrote it (there is no other name for it).
    /// </summary>
    public async Task<IReadOnlyList<string>> GroupNamesAsync(IReadOnlyCollection<string> groups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0)
        {
            return [];
        }

        // Keys are stored in lower case; a model may spell a group in any case, as the engine compares ignoring it.
        var keys = groups.Select(g => g.ToLowerInvariant()).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, t => t.Name, cancellationToken);
        return [.. groups.Select(group =>
            teams.GetValueOrDefault(group.ToLowerInvariant())
            ?? Roles.All.FirstOrDefault(role => string.Equals(role, group, StringComparison.OrdinalIgnoreCase))
            ?? group)];
    }

    // The keys of the teams each of these users of the municipality belongs to (the tables are tenant-filtered).
    private async Task<ILookup<string, string>> TeamKeysAsync(IReadOnlyCollection<string> userNames, CancellationToken cancellationToken)
    {
        var names = userNames.ToList();
        var keys = await (from person in db.Users
                          where names.Contains(person.UserName!)
                          join membership in db.TeamMemberships on person.Id equals membership.UserId
                          join team in db.Teams on membership.TeamId equals team.Id
                          select new { person.UserName, team.Key }).ToListAsync(cancellationToken);
        return keys.ToLookup(k => k.UserName!, k => k.Key, StringComparer.Ordinal);
    }
}
