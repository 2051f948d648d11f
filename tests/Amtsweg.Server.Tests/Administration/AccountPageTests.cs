using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>Issue 13.5: every signed-in user changes their own display name and password on <c>/konto</c>.</summary>
public class AccountPageTests
{
    private const string NewPassword = "Sommer-Rathaus-2026";

    [Theory]
    [AllProviders]
    public async Task ChangePassword_WithCurrentPassword_SignsInWithNewOne_AndSessionGoesOn(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var clerk = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var client = factory.CreateBrowserClient();
        await AmtswegFactory.PostSignInAsync(client, clerk.User.UserName!, clerk.InitialPassword);

        var response = await ChangePasswordAsync(client, clerk.InitialPassword, NewPassword, NewPassword);
        factory.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Ihr Kennwort wurde geändert.", WebUtility.HtmlDecode(await client.GetStringAsync("/konto")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await UserPages.SignInStatusAsync(factory, clerk.User.UserName!, NewPassword));
        Assert.Equal(HttpStatusCode.OK, await UserPages.SignInStatusAsync(factory, clerk.User.UserName!, clerk.InitialPassword));
    }

    [Theory]
    [AllProviders]
    public async Task ChangePassword_RefusesWrongCurrentMismatchAndEachWeakness_AtItsField_AndKeepsOldPassword(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var clerk = await factory.CreateUserAsync(own, Roles.Sachbearbeitung);
        var client = factory.CreateBrowserClient();
        await AmtswegFactory.PostSignInAsync(client, clerk.User.UserName!, clerk.InitialPassword);
        var (before, _) = await UserPages.StoredAsync(factory, clerk.User.UserName!);

        var cases = new (string Current, string New, string Repeated, string Field, string Message)[]
        {
            ("Falsches-Kennwort-1", NewPassword, NewPassword, "kennwort-bisher", "Das bisherige Kennwort ist nicht richtig."),
            (clerk.InitialPassword, NewPassword, NewPassword + "x", "kennwort-wiederholung", "stimmen nicht überein"),
            ("", NewPassword, NewPassword, "kennwort-bisher", "Bitte geben Sie Ihr bisheriges Kennwort ein."),
            (clerk.InitialPassword, "Kurz-1a", "Kurz-1a", "kennwort-neu", "mindestens 12 Zeichen"),
            (clerk.InitialPassword, "ohne-ziffern-und-gross", "ohne-ziffern-und-gross", "kennwort-neu", "mindestens eine Ziffer"),
            (clerk.InitialPassword, "ohne-ziffern-und-gross", "ohne-ziffern-und-gross", "kennwort-neu", "mindestens einen Großbuchstaben"),
            (clerk.InitialPassword, "NUR-GROSS-12345", "NUR-GROSS-12345", "kennwort-neu", "mindestens einen Kleinbuchstaben"),
        };

        foreach (var (current, next, repeated, field, message) in cases)
        {
            var response = await ChangePasswordAsync(client, current, next, repeated);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
            Assert.Contains(message, html, StringComparison.Ordinal);
            Assert.DoesNotContain(next, html, StringComparison.Ordinal);
        }

        var (after, _) = await UserPages.StoredAsync(factory, clerk.User.UserName!);
        Assert.Equal(before!.PasswordHash, after!.PasswordHash);
        Assert.Equal(HttpStatusCode.Redirect, await UserPages.SignInStatusAsync(factory, clerk.User.UserName!, clerk.InitialPassword));
    }

    [Theory]
    [AllProviders]
    public async Task ChangeDisplayName_IsShownInHeader_AndEmptyNameIsRefused(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(own);

        var empty = await UserPages.PostFormAsync(clerk, "/konto", "/konto?handler=Name", [new("anzeigename", "  ")]);
        var saved = await UserPages.PostFormAsync(clerk, "/konto", "/konto?handler=Name", [new("anzeigename", "Erika Mustermann")]);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Bitte geben Sie den Namen der Person an.", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync("/konto"));
        Assert.Contains("Angemeldet: Erika Mustermann", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/abwesenheit\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Operator_ChangesOwnName_AndKeepsTheChosenMunicipality(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Betreutstadt");
        var operatorClient = await UserAdministrationPageTests.SwitchedOperatorAsync(factory, own);

        var account = await operatorClient.GetStringAsync("/konto");
        var saved = await UserPages.PostFormAsync(operatorClient, "/konto", "/konto?handler=Name", [new("anzeigename", "Betrieb Rechenzentrum")]);

        Assert.DoesNotContain("href=\"/abwesenheit\"", account, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var administration = WebUtility.HtmlDecode(await operatorClient.GetStringAsync("/verwaltung"));
        Assert.Contains("Sie verwalten als Betrieb die Gemeinde „Betreutstadt“.", administration, StringComparison.Ordinal);
        Assert.Contains("Angemeldet: Betrieb Rechenzentrum", administration, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next, string repeated) =>
        UserPages.PostFormAsync(client, "/konto", "/konto?handler=Password",
            [new("kennwort-bisher", current), new("kennwort-neu", next), new("kennwort-wiederholung", repeated)]);
}
