using System.Text;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Features.ApiClients.Token;

/// <summary>
/// <c>POST /connect/token</c>: OAuth 2.0 client credentials (RFC 6749, 4.4). The client authenticates with
/// <c>client_id</c>/<c>client_secret</c> in the form body or with HTTP Basic; the answer is a short-lived bearer
/// token for the /v2 API. Every issue and every refusal is logged with the client id, never the secret.
/// </summary>
internal static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapToken(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/connect/token", IssueAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("IssueToken")
            .WithTags("API-Clients")
            .Accepts<IFormCollection>("application/x-www-form-urlencoded")
            .Produces<TokenResponse>()
            .Produces<TokenError>(StatusCodes.Status400BadRequest)
            .Produces<TokenError>(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static async Task<IResult> IssueAsync(
        HttpContext context, ApiClientRegistry clients, ApiAccessTokens tokens, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var log = loggers.CreateLogger("Amtsweg.Audit.ApiClients");
        context.Response.Headers.CacheControl = "no-store";
        if (!context.Request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Die Anfrage muss als application/x-www-form-urlencoded gesendet werden.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var (clientId, clientSecret) = Credentials(context.Request, form);
        if (form["grant_type"].ToString() != "client_credentials")
        {
            log.LogWarning("Token refused for client {ClientId}: grant type {GrantType} not supported", clientId, form["grant_type"].ToString());
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Unterstützt wird nur grant_type=client_credentials.");
        }

        var client = clientId is null || clientSecret is null ? null : await clients.VerifyAsync(clientId, clientSecret, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            log.LogWarning("Token refused for client {ClientId}: unknown, revoked or wrong secret", clientId);
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"amtsweg\"";
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "Client unbekannt, gesperrt oder Geheimnis falsch.");
        }

        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var notGranted = requested.Where(s => !client.ScopeList.Contains(s)).ToList();
        if (notGranted.Count > 0)
        {
            log.LogWarning("Token refused for client {ClientId}: scopes {Scopes} not granted", client.ClientId, string.Join(' ', notGranted));
            return Error(StatusCodes.Status400BadRequest, "invalid_scope", $"Nicht gewährte Scopes: {string.Join(", ", notGranted)}.");
        }

        var scopes = requested.Length > 0 ? requested.Distinct(StringComparer.Ordinal).ToList() : client.ScopeList;
        var (token, content) = tokens.Issue(client, scopes);
        await clients.RecordUseAsync(client, cancellationToken).ConfigureAwait(false);
        log.LogInformation("Token issued to client {ClientId} of tenant {TenantId} with scopes {Scopes}, valid until {ExpiresAt:O}",
            client.ClientId, client.TenantId, string.Join(' ', scopes), content.ExpiresAt);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)ApiAccessTokens.Lifetime.TotalSeconds, string.Join(' ', scopes)));
    }

    /// <summary>HTTP Basic (RFC 6749, 2.3.1: form-encoded id and secret) takes precedence over the form fields.</summary>
    private static (string? ClientId, string? ClientSecret) Credentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }

            return (null, null);
        }

        var id = form["client_id"].ToString();
        var secret = form["client_secret"].ToString();
        return (id.Length == 0 ? null : id, secret.Length == 0 ? null : secret);
    }

    private static IResult Error(int status, string error, string description) =>
        TypedResults.Json(new TokenError(error, description), statusCode: status);
}
