using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Tests.ApiClients;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>Issue 13.5: the municipality's administration creates, lists and revokes its API clients in the browser.</summary>
public partial class ApiClientPagesTests
{
    private const string Page = "/verwaltung/api-clients";

    [Theory]
    [AllProviders]
    public async Task CreateClient_ShowsSecretOnce_ClientGetsTokens_AndListShowsLastUse(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var (admin, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        var response = await CreateAsync(client, "Druckstraße", ApiScopes.Jobs, ApiScopes.Messages);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var secret = UserPages.ShownPassword(html);
        var clientId = ClientIdPattern().Match(html).Groups[1].Value;
        var stored = Assert.Single(await StoredAsync(factory));
        Assert.Equal((own.Id, clientId, "Druckstraße", "jobs messages"), (stored.TenantId, stored.ClientId, stored.Name, stored.Scopes));
        Assert.Contains("Aufträge abholen und erledigen, Nachrichten an Prozesse senden", html, StringComparison.Ordinal);
        var before = WebUtility.HtmlDecode(await client.GetStringAsync(Page));
        Assert.Contains("noch nie", before, StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromMinutes(30));
        var token = await BearerAuthenticationTests.TokenAsync(factory, new CreatedApiClient(stored, secret));
        var list = WebUtility.HtmlDecode(await client.GetStringAsync(Page));

        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(factory.Clock.GetUtcNow(), (await StoredAsync(factory)).Single().LastUsedAt);
        Assert.Contains("Druckstraße", list, StringComparison.Ordinal);
        Assert.Contains("<td>02.11.2026, 09:30</td>", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Logs.Entries, entry => entry.Message.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(factory.Logs.Entries, entry => entry.Category == "Amtsweg.Audit.ApiClients"
            && entry.Message.Contains(clientId, StringComparison.Ordinal) && entry.Message.Contains(admin.User.UserName!, StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task CreateClient_RefusesBadInput_AtItsField_AndWritesNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        var cases = new (Func<Task<HttpResponseMessage>> Post, string Field, string Message)[]
        {
            (() => CreateAsync(client, " ", ApiScopes.Jobs), "name", "Bitte geben Sie einen Namen an"),
            (() => CreateAsync(client, new string('x', 201), ApiScopes.Jobs), "name", "höchstens 200 Zeichen"),
            (() => CreateAsync(client, "Ohne Berechtigung"), "berechtigung-jobs", "mindestens eine der angebotenen Berechtigungen"),
            (() => CreateAsync(client, "Erfunden", "admin"), "berechtigung-jobs", "mindestens eine der angebotenen Berechtigungen"),
        };
        foreach (var (post, field, message) in cases)
        {
            var response = await post();

            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"<a href=\"#{field}\">", html, StringComparison.Ordinal);
            Assert.Contains(message, html, StringComparison.Ordinal);
            Assert.Contains("class=\"form-error\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("class=\"secret\"", html, StringComparison.Ordinal);
        }

        var both = WebUtility.HtmlDecode(await (await CreateAsync(client, "")).Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#name\">", both, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#berechtigung-jobs\">", both, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(factory));
    }

    [Theory]
    [AllProviders]
    public async Task RevokeClient_NeedsConfirmation_ThenItsTokenRequestsAndTokensFail(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);
        var created = await CreateClientAsync(factory, own, "Melderegister", ApiScopes.Jobs);
        var token = await BearerAuthenticationTests.TokenAsync(factory, created);

        var unconfirmed = await RevokeAsync(client, created.Client.Id, confirmed: false);

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Bitte bestätigen Sie das Sperren", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null((await StoredAsync(factory)).Single().RevokedAt);

        var revoked = await RevokeAsync(client, created.Client.Id, confirmed: true);
        var notice = WebUtility.HtmlDecode(await client.GetStringAsync(Page));
        var tokenRequest = await factory.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = created.Client.ClientId,
            ["client_secret"] = created.ClientSecret,
        }));
        var withOldToken = await BearerAuthenticationTests.Bearer(factory, token)
            .PostAsJsonAsync("/v2/jobs/activation", new { type = "keiner", worker = "w", timeout = 60_000, maxJobsToActivate = 1 });
        var again = await RevokeAsync(client, created.Client.Id, confirmed: true);

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(Page, revoked.Headers.Location!.OriginalString);
        Assert.Contains("Der API-Client „Melderegister“ ist gesperrt.", notice, StringComparison.Ordinal);
        Assert.Equal(factory.Clock.GetUtcNow(), (await StoredAsync(factory)).Single().RevokedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenRequest.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withOldToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("bereits gesperrt", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("gesperrt am 02.11.2026, 09:00", WebUtility.HtmlDecode(await client.GetStringAsync(Page)), StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task ForeignClient_IsNotFound_AndNotRevoked(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var foreignClient = await CreateClientAsync(factory, foreign, "Fremdverfahren", ApiScopes.Jobs);
        var (_, client) = await UserPages.SignInAsAdministratorAsync(factory, own);

        var page = await client.GetAsync($"{Page}/{foreignClient.Client.Id}");
        var revoke = await RevokeAsync(client, foreignClient.Client.Id, confirmed: true);
        var list = await client.GetStringAsync(Page);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.DoesNotContain("Fremdverfahren", list, StringComparison.Ordinal);
        Assert.Null((await StoredAsync(factory)).Single().RevokedAt);
    }

    [Theory]
    [AllProviders]
    public async Task ApiClientPages_AreForbidden_ToEveryoneButAdministration(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var created = await CreateClientAsync(factory, own, "Druckstraße", ApiScopes.Jobs);

        foreach (var role in new[] { Roles.Sachbearbeitung, Roles.Leitung, Roles.Prozessgestaltung })
        {
            var other = await factory.SignInAsAsync(own, role);
            foreach (var path in new[] { Page, Page + "/neu", $"{Page}/{created.Client.Id}" })
            {
                var response = await other.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("/fehler/403", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
        }

        Assert.Single(await StoredAsync(factory));
    }

    internal static async Task<CreatedApiClient> CreateClientAsync(AmtswegFactory factory, Municipality municipality, string name, params string[] scopes)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(municipality.Ags, name, scopes, CancellationToken.None);
        return created.Value ?? throw new InvalidOperationException(created.Error);
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string name, params string[] scopes) =>
        UserPages.PostFormAsync(client, Page + "/neu", Page + "/neu",
            [new("name", name), .. scopes.Select(scope => new KeyValuePair<string, string>("berechtigungen", scope))]);

    private static Task<HttpResponseMessage> RevokeAsync(HttpClient client, Guid id, bool confirmed) =>
        UserPages.PostFormAsync(client, Page, $"{Page}/{id}?handler=Revoke", confirmed ? [new("sperren-bestaetigt", "ja")] : []);

    private static async Task<List<ApiClient>> StoredAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<ApiClient>().AsNoTracking().ToListAsync();
    }

    [GeneratedRegex("<code>(aw-[0-9a-f]+)</code>")]
    private static partial Regex ClientIdPattern();
}
