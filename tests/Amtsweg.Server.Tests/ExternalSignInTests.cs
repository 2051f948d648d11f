using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests;

/// <summary>Sign-in through the service provider's identity provider (OIDC), from the point where its answer has arrived.</summary>
public class ExternalSignInTests
{
    private static readonly Dictionary<string, string?> Oidc = new()
    {
        ["Amtsweg:Oidc:Authority"] = "https://idp.example",
        ["Amtsweg:Oidc:ClientId"] = "amtsweg",
    };

    [Theory]
    [AllProviders]
    public async Task Callback_ProvisionsTheUserAndSignsIn_WhenTheProviderVouchesForAMunicipality(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, Oidc);
        var municipality = await factory.CreateMunicipalityAsync();
        var client = factory.CreateBrowserClient();

        var callback = await SignInExternallyAsync(client, municipality.Ags);

        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_DisabledUser_SignedInThroughTheIdentityProvider(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, Oidc);
        var municipality = await factory.CreateMunicipalityAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInExternallyAsync(factory.CreateBrowserClient(), municipality.Ags)).StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatformScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByLoginAsync("oidc", "4711") ?? throw new InvalidOperationException("not provisioned");
            Assert.True((await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue)).Succeeded);
        }

        var client = factory.CreateBrowserClient();
        var callback = await SignInExternallyAsync(client, municipality.Ags);

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Contains("Ihr Konto ist gesperrt", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    private static async Task<HttpResponseMessage> SignInExternallyAsync(HttpClient client, string ags)
    {
        var answer = await client.GetAsync($"{AmtswegFactory.ExternalLoginPath}?sub=4711&preferred_username=m.muster&name=Maria%20Muster&roles=Sachbearbeitung&ags={ags}");
        answer.EnsureSuccessStatusCode();
        return await client.GetAsync("/anmelden/extern/Callback");
    }
}
