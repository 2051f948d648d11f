using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Tests.ApiClients;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>
/// Issue 13.5: whoever signs in with a password someone else saw (the initial one, or one an administrator reset) sets
/// their own before any other page or API call; API clients with bearer tokens are not affected.
/// </summary>
public class PasswordChangeRequiredTests
{
    private const string ChangePage = "/konto/kennwort";

    [Theory]
    [AllProviders]
    public async Task CreatedUser_MustSetOwnPassword_BeforeAnyOtherPageOrApiCall(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var (_, admin) = await UserPages.SignInAsAdministratorAsync(factory, own);
        var initial = UserPages.ShownPassword(await (await UserPages.CreateAsync(admin, "erika.neu", "Erika Neu", Roles.Sachbearbeitung)).Content.ReadAsStringAsync());
        var erika = factory.CreateBrowserClient();

        var signedIn = await AmtswegFactory.PostSignInAsync(erika, "erika.neu", initial);
        var inbox = await erika.GetAsync("/aufgaben");
        var account = await erika.GetAsync("/konto");
        var api = await erika.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.Equal(ChangePage + "?ReturnUrl=%2Faufgaben", inbox.Headers.Location!.OriginalString);
        Assert.StartsWith(ChangePage, account.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("password-change-required", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var changePage = WebUtility.HtmlDecode(await erika.GetStringAsync(ChangePage));
        Assert.Contains("Eigenes Kennwort festlegen", changePage, StringComparison.Ordinal);
        // No navigation and no account link: each would only lead back here.
        Assert.DoesNotContain("class=\"app-nav\"", changePage, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/konto\"", changePage, StringComparison.Ordinal);
        Assert.Contains("Abmelden", changePage, StringComparison.Ordinal);

        var done = await ChangeAsync(erika, "/aufgaben", initial, "Rathaus-Winter-2026", "Rathaus-Winter-2026");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/aufgaben", done.Headers.Location!.OriginalString);
        var inboxAfter = await erika.GetAsync("/aufgaben");
        Assert.Equal(HttpStatusCode.OK, inboxAfter.StatusCode);
        Assert.Contains("class=\"app-nav\"", await inboxAfter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await erika.GetAsync("/api/me")).StatusCode);
        Assert.False((await UserPages.StoredAsync(factory, "erika.neu")).User!.PasswordChangeRequired);
        Assert.Equal(HttpStatusCode.OK, await UserPages.SignInStatusAsync(factory, "erika.neu", initial));
        var again = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AmtswegFactory.PostSignInAsync(again, "erika.neu", "Rathaus-Winter-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/aufgaben")).StatusCode);
        Assert.Equal("/konto", (await again.GetAsync(ChangePage)).Headers.Location!.OriginalString);
    }

    [Theory]
    [AllProviders]
    public async Task ForcedChange_RefusesWeakWrongRepeatedOrUnchangedPasswords_AndChangesNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var (_, admin) = await UserPages.SignInAsAdministratorAsync(factory, own);
        var initial = UserPages.ShownPassword(await (await UserPages.CreateAsync(admin, "max.neu", "Max Neu", Roles.Sachbearbeitung)).Content.ReadAsStringAsync());
        var max = factory.CreateBrowserClient();
        await AmtswegFactory.PostSignInAsync(max, "max.neu", initial);
        var hashBefore = (await UserPages.StoredAsync(factory, "max.neu")).User!.PasswordHash;

        var cases = new (string Current, string Next, string Repeated, string Field, string Message)[]
        {
            (initial, "kurz", "kurz", "kennwort-neu", "mindestens 12 Zeichen"),
            (initial, "nurkleinbuchstaben", "nurkleinbuchstaben", "kennwort-neu", "Großbuchstaben"),
            ("Falsch-Falsch-123", "Rathaus-Winter-2026", "Rathaus-Winter-2026", "kennwort-bisher", "bisherige Kennwort ist nicht richtig"),
            (initial, "Rathaus-Winter-2026", "Rathaus-Winter-2027", "kennwort-wiederholung", "stimmen nicht überein"),
            (initial, initial, initial, "kennwort-neu", "muss sich vom bisherigen unterscheiden"),
            ("", "", "", "kennwort-bisher", "bisheriges Kennwort ein"),
        };
        foreach (var (current, next, repeated, field, message) in cases)
        {
            var response = await ChangeAsync(max, "/", current, next, repeated);

            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"<p class=\"form-error\" id=\"{field}-error\">", html, StringComparison.Ordinal);
            Assert.Contains(message, html, StringComparison.Ordinal);
        }

        var stored = (await UserPages.StoredAsync(factory, "max.neu")).User!;
        Assert.True(stored.PasswordChangeRequired);
        Assert.Equal(hashBefore, stored.PasswordHash);
        Assert.Equal(HttpStatusCode.Redirect, (await max.GetAsync("/aufgaben")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task ResetPassword_RequiresANewOwnPassword_AtTheNextSignIn(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var clerk = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var (_, admin) = await UserPages.SignInAsAdministratorAsync(factory, own);
        Assert.False((await UserPages.StoredAsync(factory, clerk.User.UserName!)).User!.PasswordChangeRequired);

        var reset = UserPages.ShownPassword(await (await UserPages.ActAsync(admin, clerk.User.Id, "ResetPassword")).Content.ReadAsStringAsync());
        var client = factory.CreateBrowserClient();
        await AmtswegFactory.PostSignInAsync(client, clerk.User.UserName!, reset);

        Assert.True((await UserPages.StoredAsync(factory, clerk.User.UserName!)).User!.PasswordChangeRequired);
        Assert.StartsWith(ChangePage, (await client.GetAsync("/vorgaenge")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(client, "/vorgaenge", reset, "Eigenes-Kennwort-2026", "Eigenes-Kennwort-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/vorgaenge")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task FirstAdministratorOfNewMunicipality_MustSetOwnPassword(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);
        var created = await UserPages.PostFormAsync(operatorClient, "/betrieb", "/betrieb?handler=Create", [new("Ags", "08111000"), new("Name", "Stuttgart"), new("AdministratorUserName", "verwaltung")]);
        var password = UserPages.ShownPassword(await created.Content.ReadAsStringAsync());
        var admin = factory.CreateBrowserClient();
        await AmtswegFactory.PostSignInAsync(admin, "verwaltung", password);

        Assert.StartsWith(ChangePage, (await admin.GetAsync("/verwaltung")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task ApiClient_WithBearerToken_IsNotAffected(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        CreatedApiClient apiClient;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            apiClient = (await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(own.Ags, "Fachverfahren", [ApiScopes.Jobs], CancellationToken.None)).Value!;
        }

        var bearer = BearerAuthenticationTests.Bearer(factory, await BearerAuthenticationTests.TokenAsync(factory, apiClient));
        var response = await bearer.PostAsJsonAsync("/v2/jobs/activation", new { type = "keiner", worker = "w", timeout = 60_000, maxJobsToActivate = 1 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobs").EnumerateArray());
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string returnUrl, string current, string next, string repeated) =>
        UserPages.PostFormAsync(client, ChangePage, ChangePage,
            [new("ReturnUrl", returnUrl), new("kennwort-bisher", current), new("kennwort-neu", next), new("kennwort-wiederholung", repeated)]);
}
