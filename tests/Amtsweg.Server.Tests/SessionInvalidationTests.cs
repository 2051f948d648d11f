using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests;

/// <summary>
/// Issue 17.2: a session cookie copied before sign-out (or before the user was disabled, got another role or another
/// password) must stop working on the server side, and a used cookie must not live forever.
/// </summary>
public class SessionInvalidationTests
{
    // Longer than Amtsweg:Session:ValidationIntervalSeconds (30): the next request checks the security stamp.
    private static readonly TimeSpan PastValidationInterval = TimeSpan.FromSeconds(31);

    [Theory]
    [AllProviders]
    public async Task Bug_CopiedCookie_IsRefused_AfterSignOut(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (client, _, cookie) = await SignInCopyingCookieAsync(factory);
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(factory, cookie, "/api/me"));
        var token = await AmtswegFactory.AntiforgeryTokenAsync(client, "/");
        var signOut = await client.PostAsync("/abmelden", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        factory.Clock.Advance(PastValidationInterval);

        Assert.Equal(HttpStatusCode.Unauthorized, await ReplayAsync(factory, cookie, "/api/me"));
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(factory, cookie, "/"));
    }

    [Theory]
    [AllProviders]
    public async Task Bug_CopiedCookie_IsRefused_AfterUserIsDisabled(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (_, created, cookie) = await SignInCopyingCookieAsync(factory);

        await ChangeUserAsync(factory, created, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        factory.Clock.Advance(PastValidationInterval);

        Assert.Equal(HttpStatusCode.Unauthorized, await ReplayAsync(factory, cookie, "/api/me"));
    }

    [Theory]
    [AllProviders]
    public async Task Bug_CopiedCookie_IsRefused_AfterRoleChange(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (_, created, cookie) = await SignInCopyingCookieAsync(factory);

        await ChangeUserAsync(factory, created, (users, user) => users.RemoveFromRoleAsync(user, Roles.Sachbearbeitung));
        factory.Clock.Advance(PastValidationInterval);

        Assert.Equal(HttpStatusCode.Unauthorized, await ReplayAsync(factory, cookie, "/api/me"));
    }

    [Theory]
    [AllProviders]
    public async Task Bug_CopiedCookie_IsRefused_AfterPasswordReset(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (_, created, cookie) = await SignInCopyingCookieAsync(factory);

        await ChangeUserAsync(factory, created, async (users, user) =>
        {
            var removed = await users.RemovePasswordAsync(user);
            return removed.Succeeded ? await users.AddPasswordAsync(user, "Neues-Kennwort-2026") : removed;
        });
        factory.Clock.Advance(PastValidationInterval);

        Assert.Equal(HttpStatusCode.Unauthorized, await ReplayAsync(factory, cookie, "/api/me"));
    }

    [Theory]
    [AllProviders]
    public async Task CopiedCookie_StillWorks_WhenNothingChanged(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (_, _, cookie) = await SignInCopyingCookieAsync(factory);

        factory.Clock.Advance(PastValidationInterval);

        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(factory, cookie, "/api/me"));
    }

    [Theory]
    [AllProviders]
    public async Task Bug_SlidingSession_EndsAtAbsoluteLifetime_WhenUsedAllTheTime(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Amtsweg:Session:AbsoluteLifetimeHours"] = "2" });
        var client = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());

        // Used every 20 minutes, well inside the 30-minute idle window: alive until two hours after sign-in.
        for (var minutes = 20; minutes < 120; minutes += 20)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    private static async Task<(HttpClient Client, AppUser User, string Cookie)> SignInCopyingCookieAsync(AmtswegFactory factory)
    {
        var user = await factory.CreateUserAsync(await factory.CreateMunicipalityAsync(), Roles.Sachbearbeitung);
        var client = factory.CreateBrowserClient();
        var response = await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith("amtsweg.sitzung=", StringComparison.Ordinal));
        return (client, user.User, cookie.Split(';')[0]);
    }

    // Another client (another machine) sends the copied cookie.
    private static async Task<HttpStatusCode> ReplayAsync(AmtswegFactory factory, string cookie, string path)
    {
        using var thief = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return (await thief.SendAsync(request)).StatusCode;
    }

    // Changes the user the way administration does: through the server's UserManager, on a freshly loaded user.
    private static async Task ChangeUserAsync(AmtswegFactory factory, AppUser created, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatformScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(created.Id.ToString()) ?? throw new InvalidOperationException("user gone");
        var result = await change(users, user);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(error => error.Description)));
    }
}
