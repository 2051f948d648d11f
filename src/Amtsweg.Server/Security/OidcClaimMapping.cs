using System.Security.Claims;
using Amtsweg.Server.Platform;

namespace Amtsweg.Server.Security;

/// <summary>What the identity provider's claims say about a person, mapped to Amtsweg.</summary>
public sealed record ExternalIdentity(string Subject, string UserName, string DisplayName, string? Ags, IReadOnlyList<string> Roles);

/// <summary>Maps the claims of an OIDC identity provider to Amtsweg roles and a municipality (by AGS).</summary>
public static class OidcClaimMapping
{
    /// <summary>
    /// Maps the principal, or gives a German error. Role claims may be repeated, or one JSON-array-like
    /// value separated by commas or spaces; unknown values are ignored. A person needs at least one role,
    /// and everyone but an operator needs a valid AGS.
    /// </summary>
    public static (ExternalIdentity? Identity, string? Error) Map(ClaimsPrincipal principal, OidcOptions options)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(options);
        var subject = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrWhiteSpace(subject))
        {
            return (null, "Der Identitätsdienst hat keine Kennung (sub) übermittelt.");
        }

        var roles = principal.FindAll(options.RoleClaim)
            .SelectMany(claim => claim.Value.Split([',', ' ', '[', ']', '"'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(value => options.RoleMap.TryGetValue(value, out var mapped) ? mapped : value)
            .Where(Roles.All.Contains)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (roles.Count == 0)
        {
            return (null, "Ihr Konto beim Identitätsdienst hat keine Rolle für Amtsweg. Bitte wenden Sie sich an Ihre Administration.");
        }

        var ags = principal.FindFirstValue(options.AgsClaim);
        var isOperator = roles.Contains(Roles.Betrieb);
        if (isOperator && roles.Count > 1)
        {
            return (null, "Die Rolle Betrieb lässt sich nicht mit Rollen einer Gemeinde verbinden.");
        }

        if (!isOperator && !Ags.TryParse(ags, out _, out var agsError))
        {
            return (null, $"Der Identitätsdienst hat keinen gültigen Gemeindeschlüssel übermittelt. {agsError}");
        }

        var userName = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("email") ?? subject;
        var displayName = principal.FindFirstValue("name") ?? userName;
        return (new ExternalIdentity(subject, userName, displayName, isOperator ? null : ags, roles), null);
    }
}
