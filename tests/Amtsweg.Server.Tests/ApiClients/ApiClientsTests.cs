using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.ApiClients;

public class ApiClientsTests
{
    [Theory]
    [AllProviders]
    public async Task Verify_ReturnsClient_WhenSecretIsTheOneShownAtCreation(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ApiClientRegistry>();

        var created = await clients.CreateAsync(municipality.Ags, "Druckstraße", [ApiScopes.ProcessInstances, ApiScopes.Jobs], CancellationToken.None);

        Assert.True(created.Succeeded, created.Error);
        var verified = await clients.VerifyAsync(created.Value!.Client.ClientId, created.Value.ClientSecret, CancellationToken.None);
        Assert.NotNull(verified);
        Assert.Equal(municipality.Id, verified.TenantId);
        Assert.Equal(["jobs", "process-instances"], verified.ScopeList);
    }

    [Theory]
    [AllProviders]
    public async Task Create_StoresOnlyTheSecretsHash_WhenClientIsCreated(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>()
            .CreateAsync(municipality.Ags, "Druckstraße", [ApiScopes.Jobs], CancellationToken.None);

        var stored = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<ApiClient>().AsNoTracking()
            .SingleAsync(c => c.ClientId == created.Value!.Client.ClientId);
        Assert.Equal(32, stored.SecretHash.Length);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(created.Value!.ClientSecret)), stored.SecretHash);
        Assert.True(created.Value.ClientSecret.Length >= 43, "256 random bits, base64url");
    }

    [Theory]
    [AllProviders]
    public async Task Verify_ReturnsNull_WhenSecretIsWrongOrClientUnknown(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ApiClientRegistry>();
        var created = await clients.CreateAsync(municipality.Ags, "Druckstraße", [ApiScopes.Jobs], CancellationToken.None);

        Assert.Null(await clients.VerifyAsync(created.Value!.Client.ClientId, created.Value.ClientSecret + "x", CancellationToken.None));
        Assert.Null(await clients.VerifyAsync("aw-unbekannt", created.Value.ClientSecret, CancellationToken.None));
    }

    [Theory]
    [AllProviders]
    public async Task Verify_ReturnsNull_WhenClientIsRevoked(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ApiClientRegistry>();
        var created = await clients.CreateAsync(municipality.Ags, "Druckstraße", [ApiScopes.Jobs], CancellationToken.None);

        var revoked = await clients.RevokeAsync(created.Value!.Client.ClientId, CancellationToken.None);

        Assert.True(revoked.Succeeded, revoked.Error);
        Assert.Null(await clients.VerifyAsync(created.Value.Client.ClientId, created.Value.ClientSecret, CancellationToken.None));
        Assert.Null(await clients.FindActiveAsync(created.Value.Client.ClientId, CancellationToken.None));
        Assert.Equal("client-revoked", (await clients.RevokeAsync(created.Value.Client.ClientId, CancellationToken.None)).ErrorCode);
    }

    [Theory]
    [AllProviders]
    public async Task Create_IsRefused_WhenScopeIsUnknownOrMunicipalityMissing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ApiClientRegistry>();

        Assert.Equal("client-scope-invalid", (await clients.CreateAsync(municipality.Ags, "X", ["alles"], CancellationToken.None)).ErrorCode);
        Assert.Equal("client-scope-invalid", (await clients.CreateAsync(municipality.Ags, "X", [], CancellationToken.None)).ErrorCode);
        Assert.Equal("tenant-unknown", (await clients.CreateAsync("09999999", "X", [ApiScopes.Jobs], CancellationToken.None)).ErrorCode);
        Assert.Empty(await clients.ListAsync(municipality.Id, CancellationToken.None));
    }

    [Theory]
    [AllProviders]
    public async Task List_ShowsOnlyTheMunicipalitysClients_WhenTenantIsGiven(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var first = await factory.CreateMunicipalityAsync("Erststadt");
        var second = await factory.CreateMunicipalityAsync("Zweitstadt");
        await using var scope = factory.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ApiClientRegistry>();
        await clients.CreateAsync(first.Ags, "A", [ApiScopes.Jobs], CancellationToken.None);
        await clients.CreateAsync(second.Ags, "B", [ApiScopes.Messages], CancellationToken.None);

        var listed = await clients.ListAsync(first.Id, CancellationToken.None);

        Assert.Equal("A", Assert.Single(listed).Name);
        Assert.Equal(2, (await clients.ListAsync(null, CancellationToken.None)).Count);
    }
}
