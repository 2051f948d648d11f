using System.Security.Claims;
using System.Text.Encodings.Web;
using Amtsweg.Server.Features;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Security;

/// <summary>
/// Bearer authentication of API clients for the worker API under <c>/v2</c> (and only there): the session cookie's
/// scheme forwards every /v2 request here, so a cookie is never accepted on /v2, and a bearer token is never read
/// anywhere else. A token is accepted when it was issued here, has not expired and its client is still active (one
/// indexed lookup per request, so a revocation takes effect at once on every server process). Every use is logged
/// with client id and tenant, never the token.
/// </summary>
public sealed class ApiBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder,
    ApiAccessTokens tokens, ApiClientRegistry clients) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiBearer";

    /// <summary>The path prefix of the worker API.</summary>
    public const string PathPrefix = "/v2";

    /// <summary>The claim type of a granted scope.</summary>
    public const string ScopeClaim = "scope";

    /// <summary>The claim type of the client id.</summary>
    public const string ClientIdClaim = "client_id";

    private readonly ILogger _audit = loggers.CreateLogger("Amtsweg.Audit.ApiClients");

    /// <summary>Whether a request belongs to the worker API.</summary>
    public static bool IsWorkerApi(HttpContext context) => context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.Ordinal);

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!IsWorkerApi(Context))
        {
            return AuthenticateResult.NoResult();
        }

        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = tokens.Read(header["Bearer ".Length..].Trim());
        if (token is null)
        {
            _audit.LogWarning("Bearer token refused on {Method} {Path}: unknown, altered or expired", Request.Method, Request.Path.Value);
            return AuthenticateResult.Fail("invalid_token");
        }

        var client = await clients.FindActiveAsync(token.ClientId, Context.RequestAborted).ConfigureAwait(false);
        if (client is null || client.TenantId != token.TenantId)
        {
            _audit.LogWarning("Bearer token of client {ClientId} of tenant {TenantId} refused on {Method} {Path}: client revoked or deleted",
                token.ClientId, token.TenantId, Request.Method, Request.Path.Value);
            return AuthenticateResult.Fail("invalid_token");
        }

        // A token never carries more than the client holds now (scopes can only be narrowed at issue).
        var scopes = token.Scopes.Where(client.ScopeList.Contains).ToList();
        _audit.LogInformation("Bearer token of client {ClientId} of tenant {TenantId} used on {Method} {Path}",
            client.ClientId, client.TenantId, Request.Method, Request.Path.Value);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, client.ClientId),
            new(ClaimTypes.Name, "api-client:" + client.ClientId),
            new(ClientIdClaim, client.ClientId),
            new(AmtswegClaims.Tenant, client.TenantId.ToString()),
        };
        claims.AddRange(scopes.Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Request.Headers.Authorization.Count > 0 ? "Bearer error=\"invalid_token\"" : "Bearer";
        return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "request.unauthenticated",
            "Ein gültiges Zugriffstoken fehlt (Authorization: Bearer, über POST /connect/token).").ExecuteAsync(Context);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
        return ApiProblems.Problem(StatusCodes.Status403Forbidden, "request.insufficient-scope",
            "Dem API-Client fehlt der Scope für diese Anfrage.").ExecuteAsync(Context);
    }
}

/// <summary>The authorization policies of the worker API: one per scope.</summary>
public static class ApiScopePolicies
{
    /// <summary>The policy name of a scope.</summary>
    public static string For(string scope) => "ApiScope:" + scope;

    internal static void Add(AuthorizationOptions options)
    {
        foreach (var scope in ApiScopes.All)
        {
            options.AddPolicy(For(scope), policy => policy
                .AddAuthenticationSchemes(ApiBearerHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiBearerHandler.ScopeClaim, scope)
                .RequireClaim(AmtswegClaims.Tenant));
        }
    }
}
