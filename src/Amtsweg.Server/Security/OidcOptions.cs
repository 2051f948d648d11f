using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Security;

/// <summary>
/// Optional sign-in through the IT service provider's identity provider (section <c>Amtsweg:Oidc</c>).
/// Off unless <see cref="Authority"/> is set.
/// </summary>
public sealed class OidcOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amtsweg:Oidc";

    /// <summary>The issuer URL of the identity provider.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The client id registered there.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Name shown on the sign-in button.</summary>
    public string DisplayName { get; set; } = "Anmeldung über den IT-Dienstleister";

    /// <summary>Claim that carries the user's roles or groups.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Claim that carries the AGS of the user's municipality.</summary>
    public string AgsClaim { get; set; } = "ags";

    /// <summary>Maps a value of the role claim to an Amtsweg role, e.g. <c>"amtsweg-clerk": "Sachbearbeitung"</c>.</summary>
    public Dictionary<string, string> RoleMap { get; } = new(StringComparer.Ordinal);

    /// <summary>True when OIDC sign-in is configured.</summary>
    public bool Enabled => Authority is not null;
}

internal sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.Authority is not { IsAbsoluteUri: true, Scheme: "https" })
        {
            failures.Add("Amtsweg:Oidc:Authority must be an absolute https URL.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Amtsweg:Oidc:ClientId must be set when Amtsweg:Oidc:Authority is set.");
        }

        foreach (var (external, role) in options.RoleMap)
        {
            if (!Amtsweg.Server.Platform.Roles.All.Contains(role))
            {
                failures.Add($"Amtsweg:Oidc:RoleMap:{external} names the unknown role '{role}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
