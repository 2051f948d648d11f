using System.Security.Claims;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Security;

namespace Amtsweg.Server.Tests;

public class OidcClaimMappingTests
{
    private static readonly OidcOptions Options = new() { Authority = new Uri("https://idp.example"), ClientId = "amtsweg" };

    static OidcClaimMappingTests() => Options.RoleMap["amtsweg-clerk"] = Roles.Sachbearbeitung;

    [Fact]
    public void Map_GivesRolesAndAgs_WhenClaimsAreComplete()
    {
        var (identity, error) = OidcClaimMapping.Map(Principal(("sub", "4711"), ("preferred_username", "m.muster"), ("name", "Maria Muster"), ("ags", "09162000"), ("roles", "amtsweg-clerk"), ("roles", "Leitung"), ("roles", "unbekannt")), Options);

        Assert.Null(error);
        Assert.Equal(("4711", "m.muster", "Maria Muster", "09162000"), (identity!.Subject, identity.UserName, identity.DisplayName, identity.Ags));
        Assert.Equal([Roles.Sachbearbeitung, Roles.Leitung], identity.Roles);
    }

    [Fact]
    public void Map_ReadsRolesFromOneJsonArrayValue_WhenProviderSendsThemTogether()
    {
        var (identity, _) = OidcClaimMapping.Map(Principal(("sub", "1"), ("ags", "09162000"), ("roles", "[\"Leitung\",\"Administration\"]")), Options);

        Assert.Equal([Roles.Leitung, Roles.Administration], identity!.Roles);
    }

    [Theory]
    [InlineData(null, "09162000", "Leitung", "keine Kennung")]
    [InlineData("1", "09162000", "unbekannt", "keine Rolle")]
    [InlineData("1", "1234", "Leitung", "keinen gültigen Gemeindeschlüssel")]
    [InlineData("1", null, "Leitung", "keinen gültigen Gemeindeschlüssel")]
    public void Map_RefusesWithGermanMessage_WhenClaimsAreIncomplete(string? subject, string? ags, string role, string expected)
    {
        var claims = new List<(string, string)> { ("roles", role) };
        if (subject is not null)
        {
            claims.Add(("sub", subject));
        }

        if (ags is not null)
        {
            claims.Add(("ags", ags));
        }

        var (identity, error) = OidcClaimMapping.Map(Principal([.. claims]), Options);

        Assert.Null(identity);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_RefusesOperatorWithMunicipalityRoles_AndAcceptsOperatorWithoutAgs()
    {
        var (mixed, mixedError) = OidcClaimMapping.Map(Principal(("sub", "1"), ("roles", "Betrieb"), ("roles", "Leitung")), Options);
        var (operatorIdentity, operatorError) = OidcClaimMapping.Map(Principal(("sub", "2"), ("roles", "Betrieb")), Options);

        Assert.Null(mixed);
        Assert.Contains("Betrieb", mixedError, StringComparison.Ordinal);
        Assert.Null(operatorError);
        Assert.Null(operatorIdentity!.Ags);
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));
}
