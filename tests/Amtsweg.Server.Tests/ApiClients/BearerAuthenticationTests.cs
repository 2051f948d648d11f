using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.ApiClients;

public class BearerAuthenticationTests
{
    private static readonly object StartAntrag = new { processDefinitionId = "Antrag", variables = new { antragsteller = "Erika Musterfrau" } };

    [Theory]
    [AllProviders]
    public async Task CreateProcessInstance_AnswersInCamundaShape_WhenTokenHasScope(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (municipality, created) = await ClientWithAntragAsync(factory, ApiScopes.ProcessInstances);
        var token = await TokenAsync(factory, created);

        var response = await Bearer(factory, token).PostAsJsonAsync("/v2/process-instances", StartAntrag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Antrag", body.GetProperty("processDefinitionId").GetString());
        Assert.Equal(1, body.GetProperty("processDefinitionVersion").GetInt32());
        Assert.Equal(JsonValueKind.String, body.GetProperty("processDefinitionKey").ValueKind);
        Assert.Equal(municipality.Id.ToString(), body.GetProperty("tenantId").GetString());
        Assert.Equal("Erika Musterfrau", body.GetProperty("variables").GetProperty("antragsteller").GetString());
        var instanceId = Guid.Parse(body.GetProperty("processInstanceKey").GetString()!);
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var instance = await scope.ServiceProvider.GetRequiredService<IProcessEngine>().GetProcessInstanceAsync(instanceId);
        Assert.Equal("api-client:" + created.Client.ClientId, (await scope.ServiceProvider.GetRequiredService<IProcessEngine>().GetHistoryAsync(instanceId))
            .Select(h => h.UserId).First(u => u is not null));
        Assert.Equal("Antrag", instance.ProcessId);
    }

    [Theory]
    [AllProviders]
    public async Task WorkerApi_Answers401_WhenTokenIsMissingWrongExpiredOrRevoked(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (municipality, created) = await ClientWithAntragAsync(factory, ApiScopes.ProcessInstances);
        var expiring = await TokenAsync(factory, created);
        factory.Clock.Advance(ApiAccessTokens.Lifetime - TimeSpan.FromMinutes(1));
        var token = await TokenAsync(factory, created);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(factory, expiring).PostAsJsonAsync("/v2/process-instances", StartAntrag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(factory, token).PostAsJsonAsync("/v2/process-instances", StartAntrag)).StatusCode);

        var missing = await factory.CreateClient().PostAsJsonAsync("/v2/process-instances", StartAntrag);
        var wrong = await Bearer(factory, token[..^4] + "AAAA").PostAsJsonAsync("/v2/process-instances", StartAntrag);
        var foreign = await Bearer(factory, "CfDJ8" + new string('x', 200)).PostAsJsonAsync("/v2/process-instances", StartAntrag);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await Bearer(factory, expiring).PostAsJsonAsync("/v2/process-instances", StartAntrag);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(factory, token).PostAsJsonAsync("/v2/process-instances", StartAntrag)).StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().RevokeAsync(created.Client.ClientId, CancellationToken.None)).Succeeded);
        }

        var revoked = await Bearer(factory, token).PostAsJsonAsync("/v2/process-instances", StartAntrag);

        foreach (var response in new[] { missing, wrong, foreign, expired, revoked })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("request.unauthenticated", problem.GetProperty("code").GetString());
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
        }

        Assert.Equal(3, await InstanceCountAsync(factory, municipality));
    }

    [Theory]
    [AllProviders]
    public async Task WorkerApi_Answers403_WhenScopeIsMissingOrTenantIsForeign(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (municipality, jobsOnly) = await ClientWithAntragAsync(factory, ApiScopes.Jobs);
        var other = await factory.CreateMunicipalityAsync("Nachbarort");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var full = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(municipality.Ags, "Fachverfahren", ApiScopes.All, CancellationToken.None);
            var noScope = await Bearer(factory, await TokenAsync(factory, jobsOnly)).PostAsJsonAsync("/v2/process-instances", StartAntrag);
            var foreignTenant = await Bearer(factory, await TokenAsync(factory, full.Value!)).PostAsJsonAsync("/v2/process-instances",
                new { processDefinitionId = "Antrag", tenantId = other.Id.ToString() });

            Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
            Assert.Equal("request.insufficient-scope", (await noScope.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.Forbidden, foreignTenant.StatusCode);
            Assert.Equal("request.tenant-foreign", (await foreignTenant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        Assert.Equal(0, await InstanceCountAsync(factory, municipality));
    }

    [Theory]
    [AllProviders]
    public async Task WorkerApi_DoesNotSeeOtherMunicipalitysProcesses_WhenTokenIsOfAnotherMunicipality(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (municipality, _) = await ClientWithAntragAsync(factory, ApiScopes.ProcessInstances);
        var other = await factory.CreateMunicipalityAsync("Nachbarort");
        await using var scope = factory.Services.CreateAsyncScope();
        var foreign = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(other.Ags, "Nachbar", [ApiScopes.ProcessInstances], CancellationToken.None);

        var response = await Bearer(factory, await TokenAsync(factory, foreign.Value!)).PostAsJsonAsync("/v2/process-instances", StartAntrag);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await InstanceCountAsync(factory, municipality));
    }

    [Theory]
    [AllProviders]
    public async Task WorkerApi_Answers401_WhenOnlyASessionCookieIsSent(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (municipality, _) = await ClientWithAntragAsync(factory, ApiScopes.ProcessInstances);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/process-definitions")).StatusCode);

        var response = await clerk.PostAsJsonAsync("/v2/process-instances", StartAntrag);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await InstanceCountAsync(factory, municipality));
    }

    [Theory]
    [AllProviders]
    public async Task CaseWorkApi_IgnoresBearerToken_WhenNoSessionCookieIsSent(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (_, created) = await ClientWithAntragAsync(factory, ApiScopes.ProcessInstances);
        var bearer = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(factory, created));

        var api = await bearer.GetAsync("/api/process-definitions");
        var page = await bearer.GetAsync("/");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/anmelden", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task TokenIssueAndUse_AreLoggedWithClientAndTenant_WithoutTokenOrSecret(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (municipality, created) = await ClientWithAntragAsync(factory, ApiScopes.ProcessInstances);
        var token = await TokenAsync(factory, created);

        await Bearer(factory, token).PostAsJsonAsync("/v2/process-instances", StartAntrag);

        var audit = factory.Logs.Entries.Where(e => e.Category == "Amtsweg.Audit.ApiClients").ToList();
        Assert.Contains(audit, e => e.Message.StartsWith("Token issued", StringComparison.Ordinal)
            && e.Values["ClientId"] == created.Client.ClientId && e.Values["TenantId"] == municipality.Id.ToString());
        Assert.Contains(audit, e => e.Message.StartsWith("Bearer token of client", StringComparison.Ordinal) && e.Message.Contains("used on POST /v2/process-instances", StringComparison.Ordinal)
            && e.Values["ClientId"] == created.Client.ClientId && e.Values["TenantId"] == municipality.Id.ToString());
        foreach (var entry in factory.Logs.Entries)
        {
            Assert.DoesNotContain(token, entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(created.ClientSecret, entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(entry.Values.Values, v => v is not null && (v.Contains(token, StringComparison.Ordinal) || v.Contains(created.ClientSecret, StringComparison.Ordinal)));
        }
    }

    internal static async Task<(Municipality Municipality, CreatedApiClient Client)> ClientWithAntragAsync(AmtswegFactory factory, params string[] scopes)
    {
        var municipality = await factory.CreateMunicipalityAsync();
        await using (var tenantScope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var diagram = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessesApiTests.Antrag.bpmn"));
            await tenantScope.ServiceProvider.GetRequiredService<IProcessEngine>().DeployAsync(new DeploymentRequest("Antrag", [new DeploymentResource("antrag.bpmn", diagram)]));
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(municipality.Ags, "Druckstraße", scopes, CancellationToken.None);
        Assert.True(created.Succeeded, created.Error);
        return (municipality, created.Value!);
    }

    internal static async Task<string> TokenAsync(AmtswegFactory factory, CreatedApiClient created)
    {
        var response = await factory.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = created.Client.ClientId,
            ["client_secret"] = created.ClientSecret,
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    internal static HttpClient Bearer(AmtswegFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<int> InstanceCountAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<EngineDbContext>().ProcessInstances.CountAsync();
    }
}
