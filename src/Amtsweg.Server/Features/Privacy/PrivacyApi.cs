using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Amtsweg.Server.Features.Privacy;

/// <summary>
/// The DSGVO rights of a person (Art. 15 access, Art. 17 erasure, Art. 18 restriction and its lifting) over the municipality's e-file.
/// Only the municipality's Administration acts as the data-protection role: not clerks, and not the IT service
/// provider's operators, who never see personal data.
/// </summary>
internal static class PrivacyApi
{
    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/privacy")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Administration).RequireClaim(AmtswegClaims.Tenant))
            .WithTags("Datenschutz")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        Export.Endpoint.Map(api);
        Erase.Endpoint.Map(api);
        Restrict.Endpoint.Map(api);
        Unrestrict.Endpoint.Map(api);
        return endpoints;
    }
}
