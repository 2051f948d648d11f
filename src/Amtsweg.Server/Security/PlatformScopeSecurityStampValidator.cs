using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Security;

/// <summary>
/// Checks the session cookie against the user's security stamp. It runs during authentication, before the
/// tenant is resolved, and only looks the user up by id: it does so in platform scope.
/// </summary>
internal sealed class PlatformScopeSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<AppUser> signInManager,
    Microsoft.Extensions.Logging.ILoggerFactory logger)
    : SecurityStampValidator<AppUser>(options, signInManager, logger)
{
    public override Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.RequestServices.GetRequiredService<TenantContext>().UsePlatformScope();
        return base.ValidateAsync(context);
    }
}
