using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.ApiClients;

public class TokenEndpointTests
{
    [Theory]
    [AllProviders]
    public async Task Token_IsIssued_WhenCredentialsAreInTheForm(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var created = await CreateClientAsync(factory, ApiScopes.Jobs, ApiScopes.Messages);

        var response = await factory.CreateClient().PostAsync("/connect/token", Form(
            ("grant_type", "client_credentials"), ("client_id", created.Client.ClientId), ("client_secret", created.ClientSecret)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(300, body.RootElement.GetProperty("expires_in").GetInt32());
        Assert.Equal("jobs messages", body.RootElement.GetProperty("scope").GetString());
        var token = factory.Services.GetRequiredService<ApiAccessTokens>().Read(body.RootElement.GetProperty("access_token").GetString()!);
        Assert.NotNull(token);
        Assert.Equal(created.Client.ClientId, token.ClientId);
        Assert.Equal(created.Client.TenantId, token.TenantId);
    }

    [Theory]
    [AllProviders]
    public async Task Token_IsIssuedWithRequestedScope_WhenCredentialsAreHttpBasic(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var created = await CreateClientAsync(factory, ApiScopes.Jobs, ApiScopes.Messages);
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = Form(("grant_type", "client_credentials"), ("scope", "jobs")) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(created.Client.ClientId + ":" + created.ClientSecret)));

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("jobs", body.GetProperty("scope").GetString());
    }

    [Theory]
    [AllProviders]
    public async Task Token_IsRefusedAsInvalidClient_WhenSecretIsWrongOrClientRevoked(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var created = await CreateClientAsync(factory, ApiScopes.Jobs);
        var client = factory.CreateClient();

        var wrong = await client.PostAsync("/connect/token", Form(
            ("grant_type", "client_credentials"), ("client_id", created.Client.ClientId), ("client_secret", "falsch")));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().RevokeAsync(created.Client.ClientId, CancellationToken.None);
        }

        var revoked = await client.PostAsync("/connect/token", Form(
            ("grant_type", "client_credentials"), ("client_id", created.Client.ClientId), ("client_secret", created.ClientSecret)));

        foreach (var response in new[] { wrong, revoked })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("invalid_client", body.GetProperty("error").GetString());
            Assert.DoesNotContain("access_token", body.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [AllProviders]
    public async Task Token_IsRefused_WhenGrantTypeOrScopeIsNotAllowed(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var created = await CreateClientAsync(factory, ApiScopes.Jobs);
        var client = factory.CreateClient();

        var password = await client.PostAsync("/connect/token", Form(
            ("grant_type", "password"), ("client_id", created.Client.ClientId), ("client_secret", created.ClientSecret)));
        var scope = await client.PostAsync("/connect/token", Form(
            ("grant_type", "client_credentials"), ("client_id", created.Client.ClientId), ("client_secret", created.ClientSecret), ("scope", "jobs deployments")));

        Assert.Equal(HttpStatusCode.BadRequest, password.StatusCode);
        Assert.Equal("unsupported_grant_type", (await password.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, scope.StatusCode);
        Assert.Equal("invalid_scope", (await scope.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Theory]
    [AllProviders]
    public async Task Token_IsNoLongerRead_WhenLifetimeHasPassed(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var created = await CreateClientAsync(factory, ApiScopes.Jobs);
        var tokens = factory.Services.GetRequiredService<ApiAccessTokens>();
        var (token, _) = tokens.Issue(created.Client, created.Client.ScopeList);

        factory.Clock.Advance(ApiAccessTokens.Lifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(tokens.Read(token));
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(tokens.Read(token));
        Assert.Null(tokens.Read(token[..^2] + "AA"));
    }

    private static async Task<CreatedApiClient> CreateClientAsync(AmtswegFactory factory, params string[] scopes)
    {
        var municipality = await factory.CreateMunicipalityAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(municipality.Ags, "Druckstraße", scopes, CancellationToken.None);
        Assert.True(created.Succeeded, created.Error);
        return created.Value!;
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
