using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests;

public class SignInTests
{
    [Theory]
    [AllProviders]
    public async Task SignIn_RedirectsToStartPage_WhenPasswordIsCorrect(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync("Musterhausen");
        var user = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var client = factory.CreateBrowserClient();

        var response = await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var start = await client.GetStringAsync("/");
        Assert.Contains("Gemeinde: Musterhausen", start, StringComparison.Ordinal);
        foreach (var item in new[] { "Vorgänge", "Posteingang", "Suche" })
        {
            Assert.Contains($">{item}</a>", start, StringComparison.Ordinal);
        }
    }

    [Theory]
    [AllProviders]
    public async Task SignIn_ShowsGermanError_WhenPasswordIsWrong(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var user = await factory.CreateUserAsync(await factory.CreateMunicipalityAsync(), Roles.Sachbearbeitung);
        var client = factory.CreateBrowserClient();

        var response = await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, "Falsch-Passwort-123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Benutzername oder Kennwort ist falsch.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    // Issue 17, defect 8: five wrong passwords from anywhere locked the account for 15 minutes, so anyone could lock
    // out `administration` or an operator at will. Now only the address that failed is refused.
    [Theory]
    [AllProviders]
    public async Task SignIn_WrongPasswordsFromOneAddress_DoNotLockTheAccountForOthers(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var user = await factory.CreateUserAsync(await factory.CreateMunicipalityAsync(), Roles.Administration);
        var attacker = factory.CreateBrowserClientFrom("203.0.113.66");
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await AmtswegFactory.PostSignInAsync(attacker, user.User.UserName!, "Falsch-Passwort-123");
        }

        var owner = factory.CreateBrowserClientFrom("198.51.100.10");
        var response = await AmtswegFactory.PostSignInAsync(owner, user.User.UserName!, user.InitialPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task SignIn_Answers429WithRetryAfterWithoutCheckingThePassword_AfterFiveFailuresFromOneAddress(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var user = await factory.CreateUserAsync(municipality, Roles.Leitung);
        var colleague = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var client = factory.CreateBrowserClientFrom("203.0.113.7");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, "Falsch-Passwort-123")).StatusCode);
        }

        var verifiedBefore = factory.VerifiedHashes.Count;
        var refused = await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), refused.Headers.RetryAfter!.Delta);
        Assert.Contains("Zu viele fehlgeschlagene Anmeldeversuche von dieser Adresse. Bitte versuchen Sie es in 15 Minuten erneut.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(verifiedBefore, factory.VerifiedHashes.Count);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        // The address has five failures of twenty: another name may still sign in from it.
        var other = await AmtswegFactory.PostSignInAsync(factory.CreateBrowserClientFrom("203.0.113.7"), colleague.User.UserName!, colleague.InitialPassword);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task SignIn_SignsIn_WhenTheFailureWindowPassed(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var user = await factory.CreateUserAsync(await factory.CreateMunicipalityAsync(), Roles.Sachbearbeitung);
        var client = factory.CreateBrowserClientFrom("203.0.113.8");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, "Falsch-Passwort-123");
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(14));
        var stillRefused = await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), stillRefused.Headers.RetryAfter!.Delta);
        Assert.Contains("Bitte versuchen Sie es in einer Minute erneut.", await stillRefused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var response = await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task SignIn_ForgetsTheFailuresOfTheName_WhenSignInSucceeds(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var user = await factory.CreateUserAsync(await factory.CreateMunicipalityAsync(), Roles.Sachbearbeitung);
        for (var round = 0; round < 2; round++)
        {
            var client = factory.CreateBrowserClientFrom("198.51.100.20");
            for (var attempt = 0; attempt < 4; attempt++)
            {
                await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, "Falsch-Passwort-123");
            }

            var response = await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }

    [Theory]
    [AllProviders]
    public async Task SignIn_RefusesTheAddress_AfterTooManyFailuresAcrossUserNames(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Amtsweg:SignIn:MaxFailuresPerAddress"] = "3" });
        var user = await factory.CreateUserAsync(await factory.CreateMunicipalityAsync(), Roles.Sachbearbeitung);
        var scanner = factory.CreateBrowserClientFrom("2001:db8:5:7::1");
        foreach (var name in new[] { "admin", "betrieb", "root" })
        {
            await AmtswegFactory.PostSignInAsync(scanner, name, "Falsch-Passwort-123");
        }

        // Another address of the same IPv6 /64 network is the same client.
        var refused = await AmtswegFactory.PostSignInAsync(factory.CreateBrowserClientFrom("2001:db8:5:7::2"), user.User.UserName!, user.InitialPassword);
        var elsewhere = await AmtswegFactory.PostSignInAsync(factory.CreateBrowserClientFrom("2001:db8:5:8::1"), user.User.UserName!, user.InitialPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task SignIn_VerifiesAHashOfTheSameCost_WhenUserNameIsUnknown(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var user = await factory.CreateUserAsync(await factory.CreateMunicipalityAsync(), Roles.Sachbearbeitung);
        var client = factory.CreateBrowserClient();

        var known = await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, "Falsch-Passwort-123");
        var knownHash = factory.VerifiedHashes.Last;
        var verifiedBefore = factory.VerifiedHashes.Count;
        var unknown = await AmtswegFactory.PostSignInAsync(client, "niemand-" + Guid.NewGuid().ToString("N")[..8], "Falsch-Passwort-123");

        Assert.Equal(verifiedBefore + 1, factory.VerifiedHashes.Count);
        Assert.Equal(user.User.PasswordHash, knownHash);
        Assert.NotEqual(knownHash, factory.VerifiedHashes.Last);
        Assert.Equal(HashParameters(knownHash), HashParameters(factory.VerifiedHashes.Last));
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(ErrorOf(await known.Content.ReadAsStringAsync()), ErrorOf(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal("Benutzername oder Kennwort ist falsch.", ErrorOf(await unknown.Content.ReadAsStringAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task SignIn_SaysTheAccountIsDisabled_OnlyWithTheCorrectPassword(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var user = await factory.CreateUserAsync(await factory.CreateMunicipalityAsync(), Roles.Sachbearbeitung);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatformScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var stored = await users.FindByIdAsync(user.User.Id.ToString()) ?? throw new InvalidOperationException("user gone");
            Assert.True((await users.SetLockoutEndDateAsync(stored, DateTimeOffset.MaxValue)).Succeeded);
        }

        var client = factory.CreateBrowserClient();
        var verifiedBefore = factory.VerifiedHashes.Count;
        var wrong = await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, "Falsch-Passwort-123");
        var right = await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword);

        Assert.Equal(verifiedBefore + 2, factory.VerifiedHashes.Count);
        Assert.Equal("Benutzername oder Kennwort ist falsch.", ErrorOf(await wrong.Content.ReadAsStringAsync()));
        Assert.Equal("Ihr Konto ist gesperrt. Bitte wenden Sie sich an Ihre Administration.", ErrorOf(await right.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task SignIn_IsRefusedWithGermanPage_WhenAntiforgeryTokenIsMissing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var user = await factory.CreateUserAsync(await factory.CreateMunicipalityAsync(), Roles.Sachbearbeitung);
        var client = factory.CreateBrowserClient();
        await client.GetAsync("/anmelden");

        var response = await client.PostAsync("/anmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user.User.UserName!,
            ["Password"] = user.InitialPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Es wurde nichts gespeichert.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Session_Ends_AfterIdleTimeout(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var client = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("abgelaufen=true", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("Ihre Sitzung ist abgelaufen.", page, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task SignOut_EndsSession_WhenPostedWithToken(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var client = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());
        // The sign-out button sits in the header of every page, with its token.
        var token = await AmtswegFactory.AntiforgeryTokenAsync(client, "/");

        var response = await client.PostAsync("/abmelden", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Sie wurden abgemeldet.", await client.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignInPage_IsEnglish_WhenBrowserAsksForEnglish()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");

        var page = await client.GetStringAsync("/anmelden");

        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("User name", page, StringComparison.Ordinal);
    }

    // Identity's version 3 hash: format marker, pseudo-random function, iteration count and salt length lead the bytes.
    private static string HashParameters(string hash) => Convert.ToHexString(Convert.FromBase64String(hash).AsSpan(0, 13));

    private static string? ErrorOf(string page)
    {
        var match = System.Text.RegularExpressions.Regex.Match(page, "<p class=\"error\" role=\"alert\" id=\"anmelden-fehler\">([^<]*)</p>");
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }
}
