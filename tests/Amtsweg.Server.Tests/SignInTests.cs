using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

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

    [Theory]
    [AllProviders]
    public async Task SignIn_LocksAccount_AfterFiveWrongPasswords(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var user = await factory.CreateUserAsync(await factory.CreateMunicipalityAsync(), Roles.Leitung);
        var client = factory.CreateBrowserClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, "Falsch-Passwort-123");
        }

        var withCorrectPassword = await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword);

        Assert.Equal(HttpStatusCode.OK, withCorrectPassword.StatusCode);
        Assert.Contains("für 15 Minuten gesperrt", await withCorrectPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
}
