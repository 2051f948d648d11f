using Amtsweg.Server.Features;
using Amtsweg.Server.Hosting;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Security;

/// <summary>Sign-in with its throttle, session cookie, disabling, password policy, OIDC and the tenant middleware.</summary>
public static class SecurityExtensions
{
    /// <summary>The OIDC authentication scheme.</summary>
    public const string OidcScheme = "oidc";

    /// <summary>Adds Identity on the platform database, the cookie and the policies; OIDC when configured.</summary>
    public static IServiceCollection AddAmtswegSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<AppUser, AppRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;

                // The lockout end date only disables a user (administration). Wrong passwords never lock an account,
                // or anyone could lock out any name at will; PasswordSignIn throttles them per client address instead.
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PlatformDbContext>()
            .AddErrorDescriber<GermanIdentityErrorDescriber>()
            .AddUserManager<AmtswegUserManager>()
            .AddClaimsPrincipalFactory<AmtswegClaimsPrincipalFactory>();
        services.AddScoped<ISecurityStampValidator, PlatformScopeSecurityStampValidator>();
        services.AddScoped<PlatformAdministration>();
        services.AddSingleton<MunicipalityDirectorySource>();
        services.AddScoped<Platform.Transfer.TenantExporter>();
        services.AddScoped<Platform.Transfer.TenantImporter>();
        services.AddScoped<ApiClientRegistry>();
        services.AddSingleton<ApiAccessTokens>();
        services.AddOptions<SignInThrottleOptions>().Bind(configuration.GetSection(SignInThrottleOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInThrottleOptions>, SignInThrottleOptionsValidator>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<UnknownUserPasswordHash>();
        services.AddScoped<PasswordSignIn>();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<ServerOptions>, TimeProvider>((options, server, clock) =>
        {
            // Sign-out, password, disabling and role changes renew the stamp; a session notices within this interval.
            options.ValidationInterval = TimeSpan.FromSeconds(server.Value.SessionValidationIntervalSeconds);
            options.TimeProvider = clock;

            // An operator's chosen municipality is not stored on the user; keep it when the principal is refreshed.
            options.OnRefreshingPrincipal = context =>
            {
                var chosen = context.CurrentPrincipal?.FindFirst(AmtswegClaims.Tenant);
                if (chosen is not null && AmtswegClaims.IsOperator(context.NewPrincipal!) && context.NewPrincipal!.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(AmtswegClaims.Tenant, chosen.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<ServerOptions>>((cookie, server) =>
            {
                cookie.Cookie.Name = "amtsweg.sitzung";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = server.Value.SecureCookies;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(server.Value.SessionIdleTimeoutMinutes);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/anmelden";
                cookie.LogoutPath = "/abmelden";
                cookie.AccessDeniedPath = "/fehler/403";
                var absoluteLifetime = TimeSpan.FromHours(server.Value.SessionAbsoluteLifetimeHours);
                cookie.Events.OnSigningIn = async context =>
                {
                    await StampSignInTime(context, absoluteLifetime).ConfigureAwait(false);
                    await ApplyMunicipalityIdleTimeoutAsync(context).ConfigureAwait(false);
                };
                var validateStamp = cookie.Events.OnValidatePrincipal;
                cookie.Events.OnValidatePrincipal = context => EndAfterAbsoluteLifetimeAsync(context, validateStamp);
                cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized, expired: context.Request.Cookies.ContainsKey("amtsweg.sitzung"));
                cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden, expired: false);

                // The worker API knows only bearer tokens: there the session cookie's scheme hands everything to them.
                cookie.ForwardDefaultSelector = context => ApiBearerHandler.IsWorkerApi(context) ? ApiBearerHandler.SchemeName : null;
            });
        new AuthenticationBuilder(services).AddScheme<AuthenticationSchemeOptions, ApiBearerHandler>(ApiBearerHandler.SchemeName, configureOptions: null);

        services.AddAuthorization(options =>
        {
            Policies.Add(options);
            ApiScopePolicies.Add(options);
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "amtsweg.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });

        // Secure over HTTPS like the session cookie (Antiforgery's default would send it without the flag).
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>()
            .Configure<IOptions<ServerOptions>>((options, server) => options.Cookie.SecurePolicy = server.Value.SecureCookies);

        services.AddOptions<OidcOptions>().Bind(configuration.GetSection(OidcOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        var oidc = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        if (oidc.Enabled)
        {
            new AuthenticationBuilder(services).AddOpenIdConnect(OidcScheme, oidc.DisplayName, options =>
            {
                options.Authority = oidc.Authority!.ToString();
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SaveTokens = false;
                options.MapInboundClaims = false;
                options.SignInScheme = IdentityConstants.ExternalScheme;
                options.CallbackPath = "/signin-oidc";
                options.Scope.Add("profile");
            });
        }

        return services;
    }

    /// <summary>Resolves the tenant of the request; call right after <c>UseAuthentication</c>.</summary>
    public static IApplicationBuilder UseTenantResolution(this IApplicationBuilder app) => app.UseMiddleware<TenantResolutionMiddleware>();

    /// <summary>Keeps users who must set a new password on that page; call right after <c>UseTenantResolution</c>.</summary>
    public static IApplicationBuilder UseRequiredPasswordChange(this IApplicationBuilder app) => app.UseMiddleware<PasswordChangeMiddleware>();

    // The API answers 401/403 as problem details; pages redirect to the sign-in page, saying when a session ran out.
    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status, bool expired)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            return ApiProblems.WriteStatusProblemAsync(context.HttpContext);
        }

        var target = expired ? QueryString(context.RedirectUri, "abgelaufen", "true") : context.RedirectUri;
        context.Response.Redirect(target);
        return Task.CompletedTask;
    }

    // The moment of the password sign-in travels in the cookie's properties; renewals (sliding, stamp refresh) keep it.
    private const string SignedInAt = ".amtsweg.angemeldet";
    private const string EndsAt = ".amtsweg.ende";

    private static Task StampSignInTime(CookieSigningInContext context, TimeSpan absoluteLifetime)
    {
        if (!context.Properties.Items.ContainsKey(SignedInAt))
        {
            var now = context.Options.TimeProvider!.GetUtcNow();
            context.Properties.Items[SignedInAt] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            context.Properties.Items[EndsAt] = (now + absoluteLifetime).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }

    // A municipality may choose its own idle timeout (/verwaltung/einstellungen). The cookie handler renews a sliding
    // ticket with the span between its issue and expiry, so setting the expiry here holds for the whole session.
    private static async Task ApplyMunicipalityIdleTimeoutAsync(CookieSigningInContext context)
    {
        if (context.Principal?.FindFirst(AmtswegClaims.Tenant)?.Value is not { } claim || !Guid.TryParse(claim, out var tenantId)
            || context.Properties.IssuedUtc is not { } issued)
        {
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<PlatformDbContext>();
        var minutes = await db.Municipalities.AsNoTracking().Where(m => m.Id == tenantId).Select(m => m.SessionTimeoutMinutes).SingleOrDefaultAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (minutes is { } chosen)
        {
            context.Properties.ExpiresUtc = issued.AddMinutes(chosen);
        }
    }

    // The sliding window alone keeps a used (or stolen) cookie alive forever: a session ends at its absolute end.
    private static async Task EndAfterAbsoluteLifetimeAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> validateStamp)
    {
        var now = context.Options.TimeProvider!.GetUtcNow();
        if (!context.Properties.Items.TryGetValue(EndsAt, out var end)
            || !DateTimeOffset.TryParse(end, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var endsAt)
            || now >= endsAt)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
            return;
        }

        await validateStamp(context).ConfigureAwait(false);
    }

    private static string QueryString(string uri, string name, string value) =>
        uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + name + "=" + value;
}
