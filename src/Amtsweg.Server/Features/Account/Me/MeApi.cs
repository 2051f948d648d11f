using System.Security.Claims;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Account.Me;

/// <summary>The signed-in user as the API sees them.</summary>
public sealed record MeResponse(Guid Id, string UserName, string DisplayName, Guid? TenantId, IReadOnlyList<string> Roles);

internal static class MeApi
{
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/me", GetMe).WithName("GetMe").WithTags("Konto").ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static Ok<MeResponse> GetMe(ClaimsPrincipal user) => TypedResults.Ok(new MeResponse(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        user.Identity!.Name!,
        user.FindFirstValue(AmtswegClaims.DisplayName) ?? user.Identity.Name!,
        AmtswegClaims.TenantOf(user),
        user.FindAll(ClaimTypes.Role).Select(role => role.Value).ToList()));
}
