using System.Security.Claims;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;

namespace Amtsweg.Server.Features.Tasks;

/// <summary>The one place where a signed-in user becomes the caller the engine checks task permissions against.</summary>
internal static class TaskCallers
{
    /// <summary>The role that may reassign and unclaim any task.</summary>
    public const string ReassigningRole = Roles.Leitung;

    /// <summary>The caller for <paramref name="user"/>: their name, their platform roles as groups, Leitung may reassign.</summary>
    public static TaskCaller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var roles = user.FindAll(ClaimTypes.Role).Select(role => role.Value).ToList();
        return new TaskCaller(user.Identity!.Name!, roles, user.IsInRole(ReassigningRole));
    }
}
