using System.Net;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests;

/// <summary>What a person sees first: every entry of the navigation and the start page leads to a built page.</summary>
public sealed partial class NavigationTests
{
    public static TheoryData<DatabaseProvider, string> RolesOnProviders()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in TestDatabases.PostgresEnabled ? new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres } : [DatabaseProvider.Sqlite])
        {
            foreach (var role in new[] { Roles.Sachbearbeitung, Roles.Leitung, Roles.Prozessgestaltung, Roles.Administration, Roles.Betrieb })
            {
                data.Add(provider, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesOnProviders))]
    public async Task Bug_NavigationAndStartTiles_LeadOnlyToBuiltPages_ForEveryRole(DatabaseProvider provider, string role)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = role == Roles.Betrieb ? null : await factory.CreateMunicipalityAsync();
        var client = await factory.SignInAsAsync(municipality, role);

        var start = await client.GetStringAsync("/");
        var navigation = Navigation().Match(start).Groups[1].Value;
        var links = Link().Matches(navigation).Concat(Tile().Matches(start)).Select(match => match.Groups[1].Value).Distinct().ToList();
        var answers = new List<(string Link, HttpStatusCode Status)>();
        foreach (var link in links)
        {
            answers.Add((link, (await client.GetAsync(link)).StatusCode));
        }

        Assert.NotEmpty(links);
        Assert.All(answers, answer => Assert.Equal((answer.Link, HttpStatusCode.OK), answer));
        Assert.Equal(Roles.CaseWork.Contains(role), links.Contains("/aufgaben"));
        // Issue 13.1 built /prozesse (it was a placeholder when this bug was found): it is there for the roles that read it.
        Assert.Equal(role is Roles.Leitung or Roles.Prozessgestaltung or Roles.Administration, links.Contains("/prozesse"));
        Assert.DoesNotContain("sobald die Prozess-Engine", start, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Favicon_IsServed_AsIcoAndSvg()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = factory.CreateClient();

        var ico = await client.GetAsync("/favicon.ico");
        var svg = await client.GetAsync("/favicon.svg");
        var bytes = await ico.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes.Take(4).ToArray());
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
    }

    [GeneratedRegex("""<nav class="app-nav"[^>]*>(.*?)</nav>""", RegexOptions.Singleline)]
    private static partial Regex Navigation();

    [GeneratedRegex("<a href=\"(/[^\"]*)\"")]
    private static partial Regex Link();

    [GeneratedRegex("<a class=\"tile\" href=\"(/[^\"]*)\"")]
    private static partial Regex Tile();
}
