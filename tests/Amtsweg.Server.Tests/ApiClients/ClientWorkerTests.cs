using System.Net;
using System.Text.Json;
using Amtsweg.Client;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.ApiClients;

/// <summary>The .NET client and worker host of src/Amtsweg.Client against the real server.</summary>
public class ClientWorkerTests
{
    private static readonly JobWorkerOptions Options = new("ewo-worker", TimeSpan.FromMinutes(1), MaxJobs: 10);

    [Theory]
    [AllProviders]
    public async Task Worker_CompletesServiceTaskOfCustomType_ThroughClient(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        var started = await setup.Client.CreateProcessInstanceAsync("service", new { name = "Erika Musterfrau" });
        var seen = new List<ActivatedJob>();
        var worker = new JobWorker(setup.Client, "melderegister-abfrage", Options, (job, _) =>
        {
            seen.Add(job);
            return Task.FromResult<object?>(new { wohnhaft = job.Variables["name"].GetString() + " in Teststadt" });
        });

        var handled = await worker.PollOnceAsync(CancellationToken.None);

        Assert.Equal(1, handled);
        Assert.Equal("ewo", Assert.Single(seen).CustomHeaders["register"]);
        var instance = await setup.InstanceAsync(started.ProcessInstanceKey);
        Assert.Equal(["check"], instance.ActiveElementIds);
        Assert.Equal("Erika Musterfrau in Teststadt", instance.Variables["wohnhaft"]!.GetValue<string>());
    }

    [Theory]
    [AllProviders]
    public async Task Worker_FailsJobUntilIncident_WhenHandlerThrows(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        var started = await setup.Client.CreateProcessInstanceAsync("service");
        var worker = new JobWorker(setup.Client, "melderegister-abfrage", Options, (_, _) => throw new InvalidOperationException("Melderegister nicht erreichbar"));

        var attempts = 0;
        while (await worker.PollOnceAsync(CancellationToken.None) > 0)
        {
            attempts++;
        }

        Assert.Equal(3, attempts);
        var incident = Assert.Single((await setup.InstanceAsync(started.ProcessInstanceKey)).Incidents);
        Assert.Equal(IncidentTypes.JobFailed, incident.Type);
        Assert.Equal("Melderegister nicht erreichbar", incident.Message);
    }

    [Theory]
    [AllProviders]
    public async Task Worker_FollowsErrorBoundary_WhenHandlerThrowsBpmnError(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        var started = await setup.Client.CreateProcessInstanceAsync("service");
        var worker = new JobWorker(setup.Client, "melderegister-abfrage", Options, (_, _) => throw new JobBpmnErrorException("NICHT_GEFUNDEN", "Person unbekannt"));

        await worker.PollOnceAsync(CancellationToken.None);

        Assert.Equal(["manual"], (await setup.InstanceAsync(started.ProcessInstanceKey)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Client_IsRefused_WhenSecretIsWrongClientRevokedOrScopeMissing(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        var wrong = new AmtswegClient(setup.Factory.CreateClient(), setup.Created.Client.ClientId, "falsch");
        await using var scope = setup.Factory.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ApiClientRegistry>();
        var jobsOnly = await registry.CreateAsync(setup.Municipality.Ags, "Nur Jobs", [ApiScopes.Jobs], CancellationToken.None);
        var limited = new AmtswegClient(setup.Factory.CreateClient(), jobsOnly.Value!.Client.ClientId, jobsOnly.Value.ClientSecret);

        var invalid = await Assert.ThrowsAsync<AmtswegApiException>(() => wrong.CreateProcessInstanceAsync("service"));
        var forbidden = await Assert.ThrowsAsync<AmtswegApiException>(() => limited.CreateProcessInstanceAsync("service"));
        await setup.Client.CreateProcessInstanceAsync("service");
        await registry.RevokeAsync(setup.Created.Client.ClientId, CancellationToken.None);
        var revoked = await Assert.ThrowsAsync<AmtswegApiException>(() => setup.Client.CreateProcessInstanceAsync("service"));

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (invalid.Status, invalid.Code));
        Assert.Equal((HttpStatusCode.Forbidden, "request.insufficient-scope"), (forbidden.Status, forbidden.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (revoked.Status, revoked.Code));
    }

    [Theory]
    [AllProviders]
    public async Task Client_GetsConflict_WhenJobLockWasLost(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        await setup.Client.CreateProcessInstanceAsync("service");
        var job = Assert.Single(await setup.Client.ActivateJobsAsync("melderegister-abfrage", "w", TimeSpan.FromSeconds(1), 1));
        setup.Factory.Clock.Advance(TimeSpan.FromSeconds(2));

        var lost = await Assert.ThrowsAsync<AmtswegApiException>(() => setup.Client.CompleteJobAsync(job.JobKey, new { x = 1 }));

        Assert.Equal((HttpStatusCode.Conflict, "engine.job-lock-lost"), (lost.Status, lost.Code));
    }

    private static async Task<Setup> SetupAsync(DatabaseProvider provider)
    {
        var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var created = (await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>()
            .CreateAsync(municipality.Ags, "EWO-Worker", [ApiScopes.Jobs, ApiScopes.ProcessInstances, ApiScopes.Deployments], CancellationToken.None)).Value!;
        var client = new AmtswegClient(factory.CreateClient(), created.Client.ClientId, created.ClientSecret, factory.Clock);
        var diagram = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ExternalJobsTests.Melderegister.bpmn"));
        var deployment = await client.DeployAsync(new Dictionary<string, string> { ["melderegister.bpmn"] = diagram });
        Assert.Equal("service", deployment.GetProperty("deployments")[0].GetProperty("processDefinition").GetProperty("processDefinitionId").GetString());
        return new Setup(factory, municipality, created, client);
    }

    private sealed record Setup(AmtswegFactory Factory, Municipality Municipality, CreatedApiClient Created, AmtswegClient Client) : IAsyncDisposable
    {
        public async Task<ProcessInstanceInfo> InstanceAsync(string processInstanceKey)
        {
            await using var scope = Factory.Services.CreateTenantScope(Municipality.Id);
            return await scope.ServiceProvider.GetRequiredService<IProcessEngine>().GetProcessInstanceAsync(Guid.Parse(processInstanceKey));
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }
}
