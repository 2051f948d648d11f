using Amtsweg.Data.Tenancy;
using Microsoft.AspNetCore.Http;

namespace Amtsweg.Server.Security;

/// <summary>
/// Resolves the tenant once per request, right after authentication, from the signed-in user's tenant claim
/// (ADR 0004). Everything after it simply has a tenant; anonymous requests and operators without a chosen
/// municipality have none and see no tenant-owned rows.
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (context.User.Identity?.IsAuthenticated == true && AmtswegClaims.TenantOf(context.User) is { } tenantId)
        {
            tenant.UseTenant(tenantId);
        }
        else
        {
            tenant.Clear();
        }

        return next(context);
    }
}
