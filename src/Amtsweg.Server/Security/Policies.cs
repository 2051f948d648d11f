using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Authorization;

namespace Amtsweg.Server.Security;

/// <summary>The authorization policies. Operators (Betrieb) are in none that reads case content.</summary>
public static class Policies
{
    /// <summary>Work with case content of one municipality.</summary>
    public const string CaseWork = "CaseWork";

    /// <summary>Administration of one municipality: its administrators, or an operator who switched to it.</summary>
    public const string Administration = "Administration";

    /// <summary>The IT service provider's console.</summary>
    public const string Operations = "Operations";

    internal static void Add(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(CaseWork, policy => policy.RequireRole(Roles.CaseWork).RequireClaim(AmtswegClaims.Tenant));
        options.AddPolicy(Administration, policy => policy.RequireClaim(AmtswegClaims.Tenant).RequireAssertion(context =>
            context.User.IsInRole(Roles.Administration) || context.User.IsInRole(Roles.Betrieb)));
        options.AddPolicy(Operations, policy => policy.RequireRole(Roles.Betrieb));
    }
}
