using System.Net;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>Issue 13.5: the municipality's administration sets up its teams („Gruppen“) and their members in the browser.</summary>
public partial class TeamPagesTests
{
    [Theory]
    [AllProviders]
    public async Task CreateTeam_AndAddMember_ListsItWithItsMemberCount_AndAudits(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var clerk = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var (admin, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        var created = await TeamPages.CreateAsync(client, "bauamt", "Bauamt", "Bauanträge und Bauaufsicht");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var teamPage = created.Headers.Location!.OriginalString;
        var teamId = Guid.Parse(teamPage["/verwaltung/gruppen/".Length..]);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(teamPage));
        Assert.Contains("Die Gruppe „Bauamt“ mit dem Schlüssel bauamt wurde angelegt.", page, StringComparison.Ordinal);
        Assert.Contains("<code>bauamt</code>", page, StringComparison.Ordinal);
        Assert.Contains("Mögliche Gruppen", page, StringComparison.Ordinal);

        var added = await TeamPages.ActAsync(client, teamId, "AddMember", TeamPages.Field("mitglied", clerk.User.Id.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains($"{clerk.User.DisplayName} gehört jetzt zur Gruppe.", WebUtility.HtmlDecode(await client.GetStringAsync(teamPage)), StringComparison.Ordinal);
        Assert.Equal([(own.Id, "bauamt", "Bauamt", 1)], await TeamPages.StoredAsync(factory));
        var list = await client.GetStringAsync("/verwaltung/gruppen");
        Assert.Matches(ListRow(teamId, "Bauamt", "bauamt", 1), list);
        Assert.Contains("href=\"/verwaltung/gruppen\"", await client.GetStringAsync("/verwaltung"), StringComparison.Ordinal);
        var audit = factory.Logs.Entries.Where(entry => entry.Category == "Amtsweg.Audit.Teams").Select(entry => entry.Message).ToList();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, message => Assert.Contains(admin.User.UserName!, message, StringComparison.Ordinal));
        Assert.Contains(clerk.User.UserName!, audit[1], StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task CreateTeam_RefusesBadInput_AtItsField_AndSavesNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        await TeamPages.CreateTeamAsync(factory, own, "kasse", "Kasse");
        await TeamPages.CreateTeamAsync(factory, foreign, "standesamt", "Standesamt");
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);
        var before = await TeamPages.StoredAsync(factory);

        var cases = new (string Key, string Name, string Field, string Message)[]
        {
            ("", "Bauamt", "schluessel", "Bitte geben Sie einen Schlüssel an."),
            ("bau amt", "Bauamt", "schluessel", "Der Schlüssel darf nur Kleinbuchstaben"),
            ("Bauamt", "Bauamt", "schluessel", "Der Schlüssel darf nur Kleinbuchstaben"),
            ("1-bauamt", "Bauamt", "schluessel", "Der Schlüssel darf nur Kleinbuchstaben"),
            (new string('a', 51), "Bauamt", "schluessel", "höchstens 50 Zeichen"),
            ("kasse", "Stadtkasse", "schluessel", "Eine Gruppe mit dem Schlüssel „kasse“ gibt es bereits."),
            ("sachbearbeitung", "Sachbearbeitung", "schluessel", "„sachbearbeitung“ ist der Name einer Rolle."),
            ("Leitung", "Leitung", "schluessel", "„Leitung“ ist der Name einer Rolle."),
            ("bauamt", " ", "name", "Bitte geben Sie den Namen der Gruppe an."),
        };

        foreach (var (key, name, field, message) in cases)
        {
            var response = await TeamPages.CreateAsync(client, key, name);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, html, StringComparison.Ordinal);
            Assert.Contains($"<p class=\"form-error\" id=\"{field}-error\">", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"#{field}\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(before, await TeamPages.StoredAsync(factory));

        // A key is unique within the municipality only: another municipality's team does not block it.
        Assert.Equal(HttpStatusCode.Redirect, (await TeamPages.CreateAsync(client, "standesamt", "Standesamt")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task RenameTeam_ChangesTheName_AndRefusesAnEmptyOne(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var team = await TeamPages.CreateTeamAsync(factory, own, "buergerbuero", "Bürgerbüro");
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        var refused = await TeamPages.ActAsync(client, team.Id, "Save", TeamPages.Field("name", ""), TeamPages.Field("beschreibung", "egal"));
        var saved = await TeamPages.ActAsync(client, team.Id, "Save", TeamPages.Field("name", "Bürgerservice"), TeamPages.Field("beschreibung", "Meldewesen und Pässe"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Bitte geben Sie den Namen der Gruppe an.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([(own.Id, "buergerbuero", "Bürgerservice", 0)], await TeamPages.StoredAsync(factory));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/verwaltung/gruppen/{team.Id}"));
        Assert.Contains("Meldewesen und Pässe", page, StringComparison.Ordinal);
        Assert.Contains(factory.Logs.Entries, entry => entry.Category == "Amtsweg.Audit.Teams" && entry.Message.Contains("Bürgerservice", StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task DeleteTeam_WarnsOfItsOpenTasks_NeedsConfirmation_AndRemovesOnlyTheMemberships(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var clerk = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var team = await TeamPages.CreateTeamAsync(factory, own, "bauamt", "Bauamt", clerk);
        await TeamPages.StartBauantragAsync(factory, own);
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);
        Assert.Contains("Achtung: Eine offene Aufgabe ist dieser Gruppe (bauamt) angeboten.", WebUtility.HtmlDecode(await client.GetStringAsync($"/verwaltung/gruppen/{team.Id}")), StringComparison.Ordinal);
        await TeamPages.StartBauantragAsync(factory, own);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/verwaltung/gruppen/{team.Id}"));
        var unconfirmed = await TeamPages.ActAsync(client, team.Id, "Delete");

        Assert.Contains("Achtung: 2 offene Aufgaben sind dieser Gruppe (bauamt) angeboten.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Bitte bestätigen Sie, dass die Gruppe gelöscht werden soll.", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Single(await TeamPages.StoredAsync(factory));

        var deleted = await TeamPages.ActAsync(client, team.Id, "Delete", TeamPages.Field("loeschen-bestaetigt", "ja"));

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/verwaltung/gruppen", deleted.Headers.Location!.OriginalString);
        Assert.Contains("Die Gruppe „Bauamt“ wurde gelöscht.", WebUtility.HtmlDecode(await client.GetStringAsync("/verwaltung/gruppen")), StringComparison.Ordinal);
        Assert.Empty(await TeamPages.StoredAsync(factory));
        Assert.Equal(0, await TeamPages.MembershipCountAsync(factory));
        Assert.NotNull((await UserPages.StoredAsync(factory, clerk.User.UserName!)).User);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/verwaltung/gruppen/{team.Id}")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task UserPage_SetsTheUsersTeams_AndRefusesATeamOfAnotherMunicipality(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var clerk = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var bauamt = await TeamPages.CreateTeamAsync(factory, own, "bauamt", "Bauamt");
        var kasse = await TeamPages.CreateTeamAsync(factory, own, "kasse", "Kasse", clerk);
        var foreignTeam = await TeamPages.CreateTeamAsync(factory, foreign, "standesamt", "Standesamt");
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        var page = await client.GetStringAsync($"/verwaltung/benutzer/{clerk.User.Id}");
        Assert.Matches($"id=\"gruppe-{kasse.Id}\" name=\"gruppen\" value=\"{kasse.Id}\" checked", page);
        Assert.DoesNotContain(foreignTeam.Id.ToString(), page, StringComparison.Ordinal);

        var refused = await UserPages.ActAsync(client, clerk.User.Id, "Teams", TeamPages.Field("gruppen", bauamt.Id.ToString()), TeamPages.Field("gruppen", foreignTeam.Id.ToString()));
        var garbage = await UserPages.ActAsync(client, clerk.User.Id, "Teams", TeamPages.Field("gruppen", "kein-schluessel"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Eine der gewählten Gruppen gibt es nicht mehr.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal([(own.Id, "bauamt", "Bauamt", 0), (own.Id, "kasse", "Kasse", 1), (foreign.Id, "standesamt", "Standesamt", 0)], await TeamPages.StoredAsync(factory));

        var saved = await UserPages.ActAsync(client, clerk.User.Id, "Teams", TeamPages.Field("gruppen", bauamt.Id.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([(own.Id, "bauamt", "Bauamt", 1), (own.Id, "kasse", "Kasse", 0), (foreign.Id, "standesamt", "Standesamt", 0)], await TeamPages.StoredAsync(factory));
        Assert.Contains($"Die Gruppen von {clerk.User.DisplayName} wurden gespeichert.", WebUtility.HtmlDecode(await client.GetStringAsync(saved.Headers.Location!.OriginalString)), StringComparison.Ordinal);
        var audit = Assert.Single(factory.Logs.Entries, entry => entry.Category == "Amtsweg.Audit.Teams" && entry.Message.Contains("Teams of user", StringComparison.Ordinal));
        Assert.Contains("added bauamt, removed kasse", audit.Message, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task TeamPages_AnswerNotFound_ForAnotherMunicipalitysTeam_ForEveryHandler_AndRefuseItsUsers(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var foreignUser = await factory.CreateUserAsync(foreign, Roles.Sachbearbeitung);
        var foreignTeam = await TeamPages.CreateTeamAsync(factory, foreign, "bauamt", "Bauamt", foreignUser);
        var ownTeam = await TeamPages.CreateTeamAsync(factory, own, "kasse", "Kasse");
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/verwaltung/gruppen/{foreignTeam.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TeamPages.ActAsync(client, foreignTeam.Id, "Save", TeamPages.Field("name", "Übernommen"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TeamPages.ActAsync(client, foreignTeam.Id, "RemoveMember", TeamPages.Field("benutzer", foreignUser.User.Id.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TeamPages.ActAsync(client, foreignTeam.Id, "AddMember", TeamPages.Field("mitglied", foreignUser.User.Id.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TeamPages.ActAsync(client, foreignTeam.Id, "Delete", TeamPages.Field("loeschen-bestaetigt", "ja"))).StatusCode);
        Assert.DoesNotContain(foreignTeam.Id.ToString(), await client.GetStringAsync("/verwaltung/gruppen"), StringComparison.Ordinal);

        // Another municipality's user cannot join one's own team.
        var foreignMember = await TeamPages.ActAsync(client, ownTeam.Id, "AddMember", TeamPages.Field("mitglied", foreignUser.User.Id.ToString()));
        var nobody = await TeamPages.ActAsync(client, ownTeam.Id, "AddMember", TeamPages.Field("mitglied", ""));

        Assert.Equal(HttpStatusCode.BadRequest, foreignMember.StatusCode);
        Assert.Contains("Bitte wählen Sie eine Person Ihrer Gemeinde.", WebUtility.HtmlDecode(await foreignMember.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.Equal([(foreign.Id, "bauamt", "Bauamt", 1), (own.Id, "kasse", "Kasse", 0)], await TeamPages.StoredAsync(factory));
    }

    [Theory]
    [AllProviders]
    public async Task TeamPages_AreForAdministrationOnly(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var team = await TeamPages.CreateTeamAsync(factory, own, "bauamt", "Bauamt");

        foreach (var role in new[] { Roles.Sachbearbeitung, Roles.Leitung, Roles.Prozessgestaltung })
        {
            var client = await factory.SignInAsAsync(own, role);
            foreach (var path in new[] { "/verwaltung/gruppen", "/verwaltung/gruppen/neu", $"/verwaltung/gruppen/{team.Id}" })
            {
                var response = await client.GetAsync(path);
                Assert.Equal((HttpStatusCode.Redirect, "/fehler/403"), (response.StatusCode, response.Headers.Location?.AbsolutePath));
            }
        }

        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().GetAsync("/verwaltung/gruppen")).StatusCode);
    }

    private static Regex ListRow(Guid id, string name, string key, int members) =>
        new($"<td><a href=\"/verwaltung/gruppen/{id}\">{name}</a></td>\\s*<td><code>{key}</code></td>\\s*<td>{members}</td>");
}
