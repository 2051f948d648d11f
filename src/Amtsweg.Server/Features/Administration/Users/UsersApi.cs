using System.Security.Claims;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Administration.Users;

/// <summary>A user of the municipality, as administration sees them.</summary>
public sealed record UserResponse(Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut);

/// <summary>The municipality's users. The tenant filter of the data layer limits them to the current municipality.</summary>
internal static class UsersApi
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/users").RequireAuthorization(Policies.Administration).WithTags("Verwaltung")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListUsers).WithName("ListUsers");
        group.MapGet("/{id:guid}", GetUser).WithName("GetUser").ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    /// <summary>
    /// The municipality's users (or the one with <paramref name="id"/>). For an operator who administers the municipality
    /// (<paramref name="viewer"/> in role Betrieb) the display name, a person's name, is replaced by the login name (ADR 0033).
    /// </summary>
    internal static async Task<IReadOnlyList<UserResponse>> QueryAsync(PlatformDbContext db, Guid? id, TimeProvider clock, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var withholdNames = viewer.IsInRole(Roles.Betrieb);
        var now = clock.GetUtcNow();
        var users = db.Users.AsNoTracking();
        if (id is not null)
        {
            users = users.Where(user => user.Id == id);
        }

        var rows = await users
            .OrderBy(user => user.UserName)
            .Select(user => new
            {
                user.Id,
                user.UserName,
                user.DisplayName,
                user.LockoutEnd,
                Roles = db.UserRoles.Where(link => link.UserId == user.Id)
                    .Join(db.Roles, link => link.RoleId, role => role.Id, (_, role) => role.Name!)
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(row => new UserResponse(row.Id, row.UserName!, withholdNames ? row.UserName! : row.DisplayName, row.Roles, row.LockoutEnd > now)).ToList();
    }

    private static async Task<Ok<IReadOnlyList<UserResponse>>> ListUsers(PlatformDbContext db, TimeProvider clock, ClaimsPrincipal viewer, CancellationToken cancellationToken) =>
        TypedResults.Ok(await QueryAsync(db, null, clock, viewer, cancellationToken));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(Guid id, PlatformDbContext db, TimeProvider clock, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var users = await QueryAsync(db, id, clock, viewer, cancellationToken);
        return users.Count == 1 ? TypedResults.Ok(users[0]) : ApiErrors.NotFound("Der Benutzer");
    }
}
