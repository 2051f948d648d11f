using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.Administration.Teams;

/// <summary>The inputs of the team forms; the names are the element ids the pages give them, so errors land at their field.</summary>
public static class TeamFields
{
    /// <summary>The technical key (create only).</summary>
    public const string Key = "schluessel";

    /// <summary>The display name.</summary>
    public const string Name = "name";

    /// <summary>The optional description.</summary>
    public const string Description = "beschreibung";

    /// <summary>The person to add to a team.</summary>
    public const string Member = "mitglied";

    /// <summary>The confirmation checkbox of deleting a team.</summary>
    public const string Confirm = "loeschen-bestaetigt";

    /// <summary>The team checkboxes on a user's page (their values are team ids); the error links to this element.</summary>
    public const string UserTeams = "gruppen-auswahl";
}

/// <summary>What an act on a team did: not found (another municipality's id too), refused with German messages per field, or done.</summary>
public sealed record TeamAct<T>(T? Value, bool NotFound, IReadOnlyList<(string Field, string Message)> Errors)
{
    /// <summary>True when the act was carried out.</summary>
    public bool Succeeded => !NotFound && Errors.Count == 0;

    internal static TeamAct<T> Done(T value) => new(value, false, []);

    internal static TeamAct<T> Missing() => new(default, true, []);

    internal static TeamAct<T> Refused(IReadOnlyList<(string Field, string Message)> errors) => new(default, false, errors);

    internal static TeamAct<T> Refused(string field, string message) => new(default, false, [(field, message)]);
}

/// <summary>A team in the list.</summary>
public sealed record TeamRow(Guid Id, string Key, string Name, string? Description, int MemberCount);

/// <summary>A member of a team, or a person who could become one.</summary>
public sealed record TeamPerson(Guid UserId, string UserName, string DisplayName);

/// <summary>A team with its members and the municipality's other users, who could be added.</summary>
public sealed record TeamDetail(TeamRow Team, IReadOnlyList<TeamPerson> Members, IReadOnlyList<TeamPerson> Others);

/// <summary>
/// The municipality's teams (issue 13.5, „Gruppen“): create, rename, delete, members. A team's key is what a BPMN model
/// writes as candidate group, so it is checked once (form, unique in the municipality, no role's name) and never
/// changes. The municipality is the one the tenant middleware resolved; another municipality's team or user is not
/// found. Every change is written to the audit log (category <c>Amtsweg.Audit.Teams</c>).
/// </summary>
public sealed partial class TeamAdministration(
    PlatformDbContext db,
    IProcessEngine engine,
    TenantContext tenant,
    TimeProvider clock,
    IStringLocalizer<Ui> text,
    ILoggerFactory loggers)
{
    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.Teams");

    private Guid TenantId => tenant.TenantId ?? throw new InvalidOperationException("Team administration needs a resolved municipality.");

    /// <summary>The municipality's teams by name, with how many members each has.</summary>
    public async Task<IReadOnlyList<TeamRow>> ListAsync(CancellationToken cancellationToken)
    {
        _ = TenantId;
        return await db.Teams.AsNoTracking()
            .OrderBy(t => t.Name).ThenBy(t => t.Key)
            .Select(t => new TeamRow(t.Id, t.Key, t.Name, t.Description, db.TeamMemberships.Count(m => m.TeamId == t.Id)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One team with its members, or null (another municipality's too).</summary>
    public async Task<TeamDetail?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        _ = TenantId;
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        if (team is null)
        {
            return null;
        }

        var memberIds = await db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == id).Select(m => m.UserId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var people = await db.Users.AsNoTracking()
            .OrderBy(u => u.DisplayName).ThenBy(u => u.UserName)
            .Select(u => new TeamPerson(u.Id, u.UserName!, u.DisplayName))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new TeamDetail(
            new TeamRow(team.Id, team.Key, team.Name, team.Description, memberIds.Count),
            [.. people.Where(p => memberIds.Contains(p.UserId))],
            [.. people.Where(p => !memberIds.Contains(p.UserId))]);
    }

    /// <summary>How many open tasks name the team's key as candidate group (assigned ones too).</summary>
    public async Task<int> OpenTaskCountAsync(string key, CancellationToken cancellationToken) =>
        (await engine.PageUserTasksAsync(new UserTaskPageQuery { CandidateGroup = key, Take = 0 }, cancellationToken).ConfigureAwait(false)).Total;

    /// <summary>Creates a team; refusals come with the field they belong to, and nothing is saved then.</summary>
    public async Task<TeamAct<Team>> CreateAsync(string? key, string? name, string? description, string actor, CancellationToken cancellationToken)
    {
        var tenantId = TenantId;
        key = key?.Trim() ?? "";
        var errors = new List<(string, string)>();

        // In the order of the form's fields, so the summary at the top lists them as the page shows them.
        CheckName(name, errors);
        if (key.Length == 0)
        {
            errors.Add((TeamFields.Key, text["Teams.Error.KeyMissing"]));
        }
        else if (Roles.All.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add((TeamFields.Key, text["Teams.Error.KeyIsRole", key]));
        }
        else if (!Team.IsWellFormedKey(key))
        {
            errors.Add((TeamFields.Key, text["Teams.Error.KeyInvalid", Team.KeyMaxLength]));
        }
        else if (await db.Teams.AnyAsync(t => t.Key == key, cancellationToken).ConfigureAwait(false))
        {
            errors.Add((TeamFields.Key, text["Teams.Error.KeyExists", key]));
        }

        CheckDescription(description, errors);
        if (errors.Count > 0)
        {
            return TeamAct<Team>.Refused(errors);
        }

        var team = new Team
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Key = key,
            Name = name!.Trim(),
            Description = Normalize(description),
            CreatedBy = actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Teams.Add(team);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another administrator created the same key between the check and the save; the unique index refused it.
            db.Entry(team).State = EntityState.Detached;
            if (!await db.Teams.AsNoTracking().AnyAsync(t => t.Key == team.Key, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            return TeamAct<Team>.Refused(TeamFields.Key, text["Teams.Error.KeyExists", key]);
        }

        LogCreated(_audit, team.Id, team.Key, team.Name, tenantId, actor);
        return TeamAct<Team>.Done(team);
    }

    /// <summary>Renames a team and changes its description; the key stays.</summary>
    public async Task<TeamAct<Team>> UpdateAsync(Guid id, string? name, string? description, string actor, CancellationToken cancellationToken)
    {
        _ = TenantId;
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        if (team is null)
        {
            return TeamAct<Team>.Missing();
        }

        var errors = new List<(string, string)>();
        CheckName(name, errors);
        CheckDescription(description, errors);
        if (errors.Count > 0)
        {
            return TeamAct<Team>.Refused(errors);
        }

        var oldName = team.Name;
        team.Name = name!.Trim();
        team.Description = Normalize(description);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogChanged(_audit, team.Id, team.Key, team.TenantId, oldName, team.Name, actor);
        return TeamAct<Team>.Done(team);
    }

    /// <summary>Deletes a team when the act is confirmed; its memberships go with it, the users and the tasks stay.</summary>
    public async Task<TeamAct<Team>> DeleteAsync(Guid id, bool confirmed, string actor, CancellationToken cancellationToken)
    {
        _ = TenantId;
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        if (team is null)
        {
            return TeamAct<Team>.Missing();
        }

        if (!confirmed)
        {
            return TeamAct<Team>.Refused(TeamFields.Confirm, text["Teams.Error.NotConfirmed"]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var memberships = await db.TeamMemberships.Where(m => m.TeamId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        db.TeamMemberships.RemoveRange(memberships);
        db.Teams.Remove(team);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogDeleted(_audit, team.Id, team.Key, team.TenantId, memberships.Count, actor);
        return TeamAct<Team>.Done(team);
    }

    /// <summary>Adds a user of the municipality to a team; adding a member again changes nothing.</summary>
    public async Task<TeamAct<TeamPerson>> AddMemberAsync(Guid teamId, Guid userId, string actor, CancellationToken cancellationToken)
    {
        _ = TenantId;
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken).ConfigureAwait(false);
        if (team is null)
        {
            return TeamAct<TeamPerson>.Missing();
        }

        var person = await PersonAsync(userId, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return TeamAct<TeamPerson>.Refused(TeamFields.Member, text["Teams.Error.MemberUnknown"]);
        }

        if (!await db.TeamMemberships.AnyAsync(m => m.TeamId == teamId && m.UserId == userId, cancellationToken).ConfigureAwait(false))
        {
            db.TeamMemberships.Add(new TeamMembership { TeamId = teamId, UserId = userId, AddedBy = actor, AddedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            LogMemberAdded(_audit, person.UserName, team.Key, team.TenantId, actor);
        }

        return TeamAct<TeamPerson>.Done(person);
    }

    /// <summary>Removes a member from a team; removing someone who is no member changes nothing.</summary>
    public async Task<TeamAct<TeamPerson>> RemoveMemberAsync(Guid teamId, Guid userId, string actor, CancellationToken cancellationToken)
    {
        _ = TenantId;
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken).ConfigureAwait(false);
        if (team is null)
        {
            return TeamAct<TeamPerson>.Missing();
        }

        var person = await PersonAsync(userId, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return TeamAct<TeamPerson>.Refused(TeamFields.Member, text["Teams.Error.MemberUnknown"]);
        }

        var membership = await db.TeamMemberships.SingleOrDefaultAsync(m => m.TeamId == teamId && m.UserId == userId, cancellationToken).ConfigureAwait(false);
        if (membership is not null)
        {
            db.TeamMemberships.Remove(membership);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            LogMemberRemoved(_audit, person.UserName, team.Key, team.TenantId, actor);
        }

        return TeamAct<TeamPerson>.Done(person);
    }

    /// <summary>The ids of the teams a user of the municipality belongs to.</summary>
    public async Task<IReadOnlyList<Guid>> TeamsOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        _ = TenantId;
        return await db.TeamMemberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.TeamId).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the user a member of exactly <paramref name="teamIds"/> (the user's page): refused without change when one
    /// of them is no team of the municipality; null when the user is not found.
    /// </summary>
    public async Task<TeamAct<TeamPerson>> SetTeamsOfAsync(Guid userId, IReadOnlyCollection<Guid> teamIds, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teamIds);
        _ = TenantId;
        var person = await PersonAsync(userId, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return TeamAct<TeamPerson>.Missing();
        }

        var wanted = teamIds.Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => wanted.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Key, cancellationToken).ConfigureAwait(false);
        if (teams.Count != wanted.Count)
        {
            return TeamAct<TeamPerson>.Refused(TeamFields.UserTeams, text["Teams.Error.TeamUnknown"]);
        }

        var current = await db.TeamMemberships.Where(m => m.UserId == userId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var removed = current.Where(m => !wanted.Contains(m.TeamId)).ToList();
        var added = wanted.Where(id => current.All(m => m.TeamId != id)).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return TeamAct<TeamPerson>.Done(person);
        }

        db.TeamMemberships.RemoveRange(removed);
        var now = clock.GetUtcNow();
        db.TeamMemberships.AddRange(added.Select(id => new TeamMembership { TeamId = id, UserId = userId, AddedBy = actor, AddedAt = now }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        // Removed teams' keys for the audit; they exist, as memberships cascade with their team.
        var removedKeys = await db.Teams.AsNoTracking().Where(t => removed.Select(m => m.TeamId).Contains(t.Id)).Select(t => t.Key).ToListAsync(cancellationToken).ConfigureAwait(false);
        LogTeamsOfUserChanged(_audit, person.UserName, TenantId, string.Join(",", added.Select(id => teams[id])), string.Join(",", removedKeys), actor);
        return TeamAct<TeamPerson>.Done(person);
    }

    private Task<TeamPerson?> PersonAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new TeamPerson(u.Id, u.UserName!, u.DisplayName)).SingleOrDefaultAsync(cancellationToken);

    private void CheckName(string? name, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add((TeamFields.Name, text["Teams.Error.NameMissing"]));
        }
        else if (name.Trim().Length > Team.NameMaxLength)
        {
            errors.Add((TeamFields.Name, text["Teams.Error.NameTooLong", Team.NameMaxLength]));
        }
    }

    private void CheckDescription(string? description, List<(string, string)> errors)
    {
        if (Normalize(description) is { Length: > Team.DescriptionMaxLength })
        {
            errors.Add((TeamFields.Description, text["Teams.Error.DescriptionTooLong", Team.DescriptionMaxLength]));
        }
    }

    private static string? Normalize(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Team {TeamId} ({Key}, \"{Name}\") created in tenant {TenantId} by {Actor}")]
    private static partial void LogCreated(ILogger logger, Guid teamId, string key, string name, Guid tenantId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Team {TeamId} ({Key}) of tenant {TenantId} renamed from \"{OldName}\" to \"{Name}\" by {Actor}")]
    private static partial void LogChanged(ILogger logger, Guid teamId, string key, Guid tenantId, string oldName, string name, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Team {TeamId} ({Key}) of tenant {TenantId} deleted with {Memberships} memberships by {Actor}")]
    private static partial void LogDeleted(ILogger logger, Guid teamId, string key, Guid tenantId, int memberships, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserName} added to team {Key} of tenant {TenantId} by {Actor}")]
    private static partial void LogMemberAdded(ILogger logger, string userName, string key, Guid tenantId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserName} removed from team {Key} of tenant {TenantId} by {Actor}")]
    private static partial void LogMemberRemoved(ILogger logger, string userName, string key, Guid tenantId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams of user {UserName} of tenant {TenantId}: added {Added}, removed {Removed} by {Actor}")]
    private static partial void LogTeamsOfUserChanged(ILogger logger, string userName, Guid tenantId, string added, string removed, string actor);
}
