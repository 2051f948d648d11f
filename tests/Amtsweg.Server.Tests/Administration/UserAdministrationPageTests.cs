using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>Issue 13.5: the municipality's administration creates, changes, disables and resets its users in the browser.</summary>
public class UserAdministrationPageTests
{
    // Longer than Amtsweg:Session:ValidationIntervalSeconds (30): the next request checks the security stamp.
    private static readonly TimeSpan PastValidationInterval = TimeSpan.FromSeconds(31);

    [Theory]
    [AllProviders]
    public async Task CreateUser_ShowsInitialPasswordOnce_AndNewUserSignsInWithIt(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var (admin, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        var response = await UserPages.CreateAsync(client, "erika.mustermann", "Erika Mustermann", Roles.Sachbearbeitung, Roles.Leitung);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var password = UserPages.ShownPassword(html);
        var (stored, roles) = await UserPages.StoredAsync(factory, "erika.mustermann");
        Assert.Equal(own.Id, stored!.TenantId);
        Assert.Equal("Erika Mustermann", stored.DisplayName);
        Assert.Equal([Roles.Leitung, Roles.Sachbearbeitung], roles.Order());
        Assert.Equal(HttpStatusCode.Redirect, await UserPages.SignInStatusAsync(factory, "erika.mustermann", password));
        Assert.DoesNotContain(password, await client.GetStringAsync("/verwaltung"), StringComparison.Ordinal);
        var audit = Assert.Single(factory.Logs.Entries, entry => entry.Category == "Amtsweg.Audit.Users");
        Assert.Contains("erika.mustermann", audit.Message, StringComparison.Ordinal);
        Assert.Contains(admin.User.UserName!, audit.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Logs.Entries, entry => entry.Message.Contains(password, StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task CreateUser_RefusesBadInput_AtItsField_AndWritesNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var foreignUser = await factory.CreateUserAsync(foreign, Roles.Sachbearbeitung);
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);
        var before = await UserPages.CountAsync(factory);

        var cases = new (Func<Task<HttpResponseMessage>> Post, string Message)[]
        {
            (() => UserPages.CreateAsync(client, "", "Ohne Namen", Roles.Sachbearbeitung), "Bitte geben Sie einen Benutzernamen an."),
            (() => UserPages.CreateAsync(client, "Jörg Müller", "Jörg Müller", Roles.Sachbearbeitung), "ist ungültig"),
            (() => UserPages.CreateAsync(client, foreignUser.User.UserName!, "Doppelt", Roles.Sachbearbeitung), "gibt es bereits"),
            (() => UserPages.CreateAsync(client, "ohne.rolle", "Ohne Rolle"), "Bitte wählen Sie mindestens eine Rolle."),
            (() => UserPages.CreateAsync(client, "betrieb.fremd", "Betrieb", Roles.Betrieb), "nicht vergeben werden"),
            (() => UserPages.CreateAsync(client, "ohne.anzeigename", " ", Roles.Sachbearbeitung), "Bitte geben Sie den Namen der Person an."),
        };

        foreach (var (post, message) in cases)
        {
            var response = await post();
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, html, StringComparison.Ordinal);
            Assert.Contains("class=\"form-error\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("class=\"secret\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(before, await UserPages.CountAsync(factory));
        Assert.Equal(foreign.Id, (await UserPages.StoredAsync(factory, foreignUser.User.UserName!)).User!.TenantId);
    }

    [Theory]
    [AllProviders]
    public async Task SaveUser_ChangesDisplayNameAndRoles(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var clerk = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        var response = await UserPages.SaveAsync(client, clerk.User.Id, "Max Mustermann", Roles.Leitung, Roles.Prozessgestaltung);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (stored, roles) = await UserPages.StoredAsync(factory, clerk.User.UserName!);
        Assert.Equal("Max Mustermann", stored!.DisplayName);
        Assert.Equal([Roles.Leitung, Roles.Prozessgestaltung], roles.Order());
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("Die Angaben zu Max Mustermann wurden gespeichert.", page, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task SaveUser_RefusesNoRoleAndEmptyName_AndChangesNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var clerk = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        var noRole = await UserPages.SaveAsync(client, clerk.User.Id, "Neuer Name");
        var noName = await UserPages.SaveAsync(client, clerk.User.Id, "", Roles.Leitung);

        Assert.Equal(HttpStatusCode.BadRequest, noRole.StatusCode);
        Assert.Contains("Bitte wählen Sie mindestens eine Rolle.", WebUtility.HtmlDecode(await noRole.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        var (stored, roles) = await UserPages.StoredAsync(factory, clerk.User.UserName!);
        Assert.Equal(clerk.User.DisplayName, stored!.DisplayName);
        Assert.Equal([Roles.Sachbearbeitung], roles);
    }

    [Theory]
    [AllProviders]
    public async Task DisableUser_RefusesSignInAndEndsSession_AndEnableAllowsSignInAgain(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var clerk = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var clerkSession = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AmtswegFactory.PostSignInAsync(clerkSession, clerk.User.UserName!, clerk.InitialPassword)).StatusCode);
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        var disabled = await UserPages.ActAsync(client, clerk.User.Id, "Disable");
        factory.Clock.Advance(PastValidationInterval);

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await clerkSession.GetAsync("/api/me")).StatusCode);
        var refused = await AmtswegFactory.PostSignInAsync(factory.CreateBrowserClient(), clerk.User.UserName!, clerk.InitialPassword);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("gesperrt", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("gesperrt", await client.GetStringAsync($"/verwaltung/benutzer/{clerk.User.Id}"), StringComparison.Ordinal);

        var enabled = await UserPages.ActAsync(client, clerk.User.Id, "Enable");

        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await UserPages.SignInStatusAsync(factory, clerk.User.UserName!, clerk.InitialPassword));
        var audit = factory.Logs.Entries.Where(entry => entry.Category == "Amtsweg.Audit.Users").Select(entry => entry.Message).ToList();
        Assert.Contains(audit, message => message.Contains("disabled", StringComparison.Ordinal));
        Assert.Contains(audit, message => message.Contains("enabled", StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task Administrator_CannotDisableThemselves_OrTakeTheirOwnAdministrationRole(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var (admin, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        // Another active administrator exists: still, nobody removes their own access.
        await factory.CreateUserAsync(own, Roles.Administration);
        var disable = await UserPages.ActAsync(client, admin.User.Id, "Disable");
        var dropRole = await UserPages.SaveAsync(client, admin.User.Id, "Anderer Name", Roles.Sachbearbeitung);

        Assert.Equal(HttpStatusCode.BadRequest, disable.StatusCode);
        Assert.Contains("Sie können Ihren eigenen Zugang nicht sperren", WebUtility.HtmlDecode(await disable.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, dropRole.StatusCode);
        Assert.Contains("Rolle Administration nicht selbst nehmen", WebUtility.HtmlDecode(await dropRole.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var (stored, roles) = await UserPages.StoredAsync(factory, admin.User.UserName!);
        Assert.Null(stored!.LockoutEnd);
        Assert.Equal(admin.User.DisplayName, stored.DisplayName);
        Assert.Equal([Roles.Administration], roles);
    }

    [Theory]
    [AllProviders]
    public async Task LastActiveAdministrator_CannotBeDisabledOrLoseTheRole_ButAnotherCanOnceASecondIsActive(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var (first, firstClient) = await UserPages.SignInAsAdministratorAsync(factory, own);
        var second = await factory.CreateUserAsync(own, Roles.Administration);

        // The first disables the second; the first is then the only active one, and an operator may not remove them.
        Assert.Equal(HttpStatusCode.Redirect, (await UserPages.ActAsync(firstClient, second.User.Id, "Disable")).StatusCode);
        var operatorClient = await SwitchedOperatorAsync(factory, own);
        var disableLast = await UserPages.ActAsync(operatorClient, first.User.Id, "Disable");
        var dropLast = await UserPages.SaveAsync(operatorClient, first.User.Id, "Letzte Verwaltung", Roles.Leitung);
        var dropDisabled = await UserPages.SaveAsync(operatorClient, second.User.Id, "Gesperrte Verwaltung", Roles.Leitung);

        Assert.Equal(HttpStatusCode.BadRequest, disableLast.StatusCode);
        Assert.Contains("niemanden mehr mit der Rolle Administration", WebUtility.HtmlDecode(await disableLast.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, dropLast.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dropDisabled.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task ResetPassword_ShowsNewPasswordOnce_WhichWorks_AndTheOldOneNoLonger(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var clerk = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        var response = await UserPages.ActAsync(client, clerk.User.Id, "ResetPassword");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var password = UserPages.ShownPassword(await response.Content.ReadAsStringAsync());
        Assert.NotEqual(clerk.InitialPassword, password);
        Assert.Equal(HttpStatusCode.OK, await UserPages.SignInStatusAsync(factory, clerk.User.UserName!, clerk.InitialPassword));
        Assert.Equal(HttpStatusCode.Redirect, await UserPages.SignInStatusAsync(factory, clerk.User.UserName!, password));
        Assert.DoesNotContain(password, await client.GetStringAsync($"/verwaltung/benutzer/{clerk.User.Id}"), StringComparison.Ordinal);
        Assert.Contains(factory.Logs.Entries, entry => entry.Category == "Amtsweg.Audit.Users" && entry.Message.Contains("reset", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Entries, entry => entry.Message.Contains(password, StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task UserPage_AnswersNotFound_ForUserOfAnotherMunicipality_OnEveryHandler(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var foreignUser = await factory.CreateUserAsync(foreign, Roles.Sachbearbeitung);
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/verwaltung/benutzer/{foreignUser.User.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UserPages.SaveAsync(client, foreignUser.User.Id, "Übernommen", Roles.Administration)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UserPages.ActAsync(client, foreignUser.User.Id, "Disable")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UserPages.ActAsync(client, foreignUser.User.Id, "Enable")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UserPages.ActAsync(client, foreignUser.User.Id, "ResetPassword")).StatusCode);

        var (stored, roles) = await UserPages.StoredAsync(factory, foreignUser.User.UserName!);
        Assert.Equal((foreignUser.User.DisplayName, (DateTimeOffset?)null, foreignUser.User.PasswordHash), (stored!.DisplayName, stored.LockoutEnd, stored.PasswordHash));
        Assert.Equal([Roles.Sachbearbeitung], roles);
        Assert.Equal(HttpStatusCode.Redirect, await UserPages.SignInStatusAsync(factory, foreignUser.User.UserName!, foreignUser.InitialPassword));
    }

    [Theory]
    [AllProviders]
    public async Task UserForms_WithoutAntiforgeryToken_AreRefused_AndChangeNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var clerk = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);
        var before = await UserPages.CountAsync(factory);

        var create = await client.PostAsync("/verwaltung/benutzer/neu", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["benutzername"] = "ohne.token",
            ["anzeigename"] = "Ohne Token",
            ["rollen"] = Roles.Administration,
        }));
        var disable = await client.PostAsync($"/verwaltung/benutzer/{clerk.User.Id}?handler=Disable", new FormUrlEncodedContent([]));
        var reset = await client.PostAsync($"/verwaltung/benutzer/{clerk.User.Id}?handler=ResetPassword", new FormUrlEncodedContent([]));
        var password = await client.PostAsync("/konto?handler=Password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["kennwort-bisher"] = "egal",
            ["kennwort-neu"] = "Ganz-Neues-Kennwort-2026",
            ["kennwort-wiederholung"] = "Ganz-Neues-Kennwort-2026",
        }));

        Assert.All([create, disable, reset, password], response => Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode));
        Assert.Equal(before, await UserPages.CountAsync(factory));
        var (stored, _) = await UserPages.StoredAsync(factory, clerk.User.UserName!);
        Assert.Equal((null, clerk.User.PasswordHash), (stored!.LockoutEnd, stored.PasswordHash));
    }

    [Theory]
    [AllProviders]
    public async Task Clerk_IsForbidden_FromUserPages(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var colleague = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var clerk = await factory.SignInAsClerkAsync(own);

        foreach (var path in new[] { "/verwaltung/benutzer/neu", $"/verwaltung/benutzer/{colleague.User.Id}" })
        {
            var response = await clerk.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/fehler/403", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    /// <summary>An operator who switched to the municipality on <c>/betrieb</c>.</summary>
    internal static async Task<HttpClient> SwitchedOperatorAsync(AmtswegFactory factory, Municipality municipality)
    {
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);
        var switched = await UserPages.PostFormAsync(operatorClient, "/betrieb", "/betrieb?handler=Switch", [new("id", municipality.Id.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        return operatorClient;
    }
}
