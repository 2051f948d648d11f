using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.ApiClients;

/// <summary>External jobs through the /v2 routes in the shapes of the Camunda 8 REST API.</summary>
public class ExternalJobsTests
{
    private static readonly object Activation = new { type = "melderegister-abfrage", worker = "ewo-worker", timeout = 60_000, maxJobsToActivate = 5, fetchVariable = new[] { "name" } };

    [Theory]
    [AllProviders]
    public async Task ExternalJob_IsActivatedAndCompletedByWorker_WhenJobTypeHasNoHandler(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        var instanceId = await setup.StartAsync();

        // The job executor leaves an external job alone (before, a job without handler failed until its incident).
        await using (var scope = setup.Factory.Services.CreateTenantScope(setup.Municipality.Id))
        {
            await scope.ServiceProvider.GetRequiredService<IProcessEngine>().ExecuteDueJobsAsync();
        }

        var response = await setup.Worker.PostAsJsonAsync("/v2/jobs/activation", Activation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobs").EnumerateArray());
        Assert.Equal("melderegister-abfrage", job.GetProperty("type").GetString());
        Assert.Equal("service", job.GetProperty("processDefinitionId").GetString());
        Assert.Equal(1, job.GetProperty("processDefinitionVersion").GetInt32());
        Assert.Equal("lookup", job.GetProperty("elementId").GetString());
        Assert.Equal("ewo", job.GetProperty("customHeaders").GetProperty("register").GetString());
        Assert.Equal("ewo-worker", job.GetProperty("worker").GetString());
        Assert.Equal(3, job.GetProperty("retries").GetInt32());
        Assert.Equal((setup.Factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds(), job.GetProperty("deadline").GetInt64());
        Assert.Equal(setup.Municipality.Id.ToString(), job.GetProperty("tenantId").GetString());
        Assert.Equal(instanceId.ToString(), job.GetProperty("processInstanceKey").GetString());
        Assert.Equal(JsonValueKind.String, job.GetProperty("jobKey").ValueKind);
        Assert.Equal(JsonValueKind.String, job.GetProperty("elementInstanceKey").ValueKind);
        Assert.Equal("Erika Musterfrau", job.GetProperty("variables").GetProperty("name").GetString());
        Assert.False(job.GetProperty("variables").TryGetProperty("geheim", out _));
        var again = await setup.Worker.PostAsJsonAsync("/v2/jobs/activation", Activation);
        Assert.Empty((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobs").EnumerateArray());

        var completed = await setup.Worker.PostAsJsonAsync($"/v2/jobs/{job.GetProperty("jobKey").GetString()}/completion", new { variables = new { gemeldet = true } });

        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        var instance = await setup.InstanceAsync(instanceId);
        Assert.Equal(["check"], instance.ActiveElementIds);
        Assert.True(instance.Variables["gemeldet"]!.GetValue<bool>());
    }

    [Theory]
    [AllProviders]
    public async Task ExternalJob_RaisesIncident_WhenWorkerFailsItWithoutRetriesLeft(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        var instanceId = await setup.StartAsync();
        var key = await setup.ActivateOneAsync();

        var failed = await setup.Worker.PostAsJsonAsync($"/v2/jobs/{key}/failure", new { retries = 1, errorMessage = "Melderegister antwortet nicht", retryBackOff = 30_000 });
        var duringBackOff = await setup.Worker.PostAsJsonAsync("/v2/jobs/activation", Activation);
        setup.Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var afterBackOff = await setup.ActivateOneAsync();
        var last = await setup.Worker.PostAsJsonAsync($"/v2/jobs/{afterBackOff}/failure", new { retries = 0, errorMessage = "Melderegister gestört" });

        Assert.Equal(HttpStatusCode.NoContent, failed.StatusCode);
        Assert.Empty((await duringBackOff.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobs").EnumerateArray());
        Assert.Equal(key, afterBackOff);
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        var incident = Assert.Single((await setup.InstanceAsync(instanceId)).Incidents);
        Assert.Equal(IncidentTypes.JobFailed, incident.Type);
        Assert.Equal("Melderegister gestört", incident.Message);
        Assert.Equal(Guid.Parse(key), incident.JobId);
        setup.Factory.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty((await (await setup.Worker.PostAsJsonAsync("/v2/jobs/activation", Activation)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobs").EnumerateArray());
    }

    [Theory]
    [AllProviders]
    public async Task ExternalJob_FollowsErrorBoundary_WhenWorkerThrowsBpmnError_AndRaisesIncident_WhenUncaught(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        var caughtId = await setup.StartAsync();
        var caughtKey = await setup.ActivateOneAsync();
        var caught = await setup.Worker.PostAsJsonAsync($"/v2/jobs/{caughtKey}/error", new { errorCode = "NICHT_GEFUNDEN", errorMessage = "Person unbekannt" });
        var uncaughtId = await setup.StartAsync();
        var uncaughtKey = await setup.ActivateOneAsync();

        var uncaught = await setup.Worker.PostAsJsonAsync($"/v2/jobs/{uncaughtKey}/error", new { errorCode = "UNBEKANNT" });

        Assert.Equal(HttpStatusCode.NoContent, caught.StatusCode);
        Assert.Equal(["manual"], (await setup.InstanceAsync(caughtId)).ActiveElementIds);
        Assert.Equal(HttpStatusCode.NoContent, uncaught.StatusCode);
        var incident = Assert.Single((await setup.InstanceAsync(uncaughtId)).Incidents);
        Assert.Equal(IncidentTypes.UnhandledError, incident.Type);
        Assert.Equal(Guid.Parse(uncaughtKey), incident.JobId);
    }

    [Theory]
    [AllProviders]
    public async Task ExternalJob_CompletionIsRefusedWithConflict_WhenLockWasLost(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        var instanceId = await setup.StartAsync();
        var key = await setup.ActivateOneAsync(timeoutMs: 1_000);
        setup.Factory.Clock.Advance(TimeSpan.FromSeconds(2));

        var expired = await setup.Worker.PostAsJsonAsync($"/v2/jobs/{key}/completion", new { });
        await using var scope = setup.Factory.Services.CreateAsyncScope();
        var other = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(setup.Municipality.Ags, "Zweiter Worker", [ApiScopes.Jobs], CancellationToken.None);
        var second = BearerAuthenticationTests.Bearer(setup.Factory, await BearerAuthenticationTests.TokenAsync(setup.Factory, other.Value!));
        var takenOver = await second.PostAsJsonAsync("/v2/jobs/activation", Activation);
        var byFirst = await setup.Worker.PostAsJsonAsync($"/v2/jobs/{key}/failure", new { retries = 0, errorMessage = "zu spät" });
        var neverActivated = await setup.Worker.PostAsJsonAsync($"/v2/jobs/{Guid.CreateVersion7()}/completion", new { });

        foreach (var refused in new[] { expired, byFirst })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("engine.job-lock-lost", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        Assert.Single((await takenOver.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobs").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, neverActivated.StatusCode);
        var instance = await setup.InstanceAsync(instanceId);
        Assert.Equal(["lookup"], instance.ActiveElementIds);
        Assert.Empty(instance.Incidents);
    }

    [Theory]
    [AllProviders]
    public async Task ExternalJob_IsNotFound_WhenWorkerOfAnotherMunicipalityCompletesIt(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        var instanceId = await setup.StartAsync();
        var key = await setup.ActivateOneAsync();
        var neighbour = await setup.Factory.CreateMunicipalityAsync("Nachbarort");
        await using var scope = setup.Factory.Services.CreateAsyncScope();
        var foreign = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(neighbour.Ags, "Nachbar", [ApiScopes.Jobs], CancellationToken.None);
        var foreignWorker = BearerAuthenticationTests.Bearer(setup.Factory, await BearerAuthenticationTests.TokenAsync(setup.Factory, foreign.Value!));

        var activation = await foreignWorker.PostAsJsonAsync("/v2/jobs/activation", Activation);
        var completion = await foreignWorker.PostAsJsonAsync($"/v2/jobs/{key}/completion", new { });
        var update = await foreignWorker.PatchAsJsonAsync($"/v2/jobs/{key}", new { changeset = new { retries = 9 } });

        Assert.Empty((await activation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobs").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, completion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(["lookup"], (await setup.InstanceAsync(instanceId)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task ExternalJob_LockIsExtendedAndRetriesChanged_WhenWorkerUpdatesIt(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        var instanceId = await setup.StartAsync();
        var key = await setup.ActivateOneAsync(timeoutMs: 1_000);

        var updated = await setup.Worker.PatchAsJsonAsync($"/v2/jobs/{key}", new { changeset = new { retries = 7, timeout = 120_000 } });
        setup.Factory.Clock.Advance(TimeSpan.FromSeconds(60));
        var notOffered = await setup.Worker.PostAsJsonAsync("/v2/jobs/activation", Activation);
        var completed = await setup.Worker.PostAsJsonAsync($"/v2/jobs/{key}/completion", new { });

        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        Assert.Empty((await notOffered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobs").EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        Assert.Equal(["check"], (await setup.InstanceAsync(instanceId)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task JobRoutes_Answer403_WhenClientLacksJobsScope(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        await using var scope = setup.Factory.Services.CreateAsyncScope();
        var starter = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(setup.Municipality.Ags, "Starter", [ApiScopes.ProcessInstances], CancellationToken.None);
        var client = BearerAuthenticationTests.Bearer(setup.Factory, await BearerAuthenticationTests.TokenAsync(setup.Factory, starter.Value!));

        var response = await client.PostAsJsonAsync("/v2/jobs/activation", Activation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Activation_WaitsForJob_WhenRequestTimeoutIsGiven(DatabaseProvider provider)
    {
        await using var setup = await SetupAsync(provider);
        var waiting = setup.Worker.PostAsJsonAsync("/v2/jobs/activation",
            new { type = "melderegister-abfrage", worker = "w", timeout = 60_000, maxJobsToActivate = 1, requestTimeout = 20_000 });
        Assert.False(waiting.IsCompleted);

        var instanceId = await setup.StartAsync();
        var response = await waiting;

        var job = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobs").EnumerateArray());
        Assert.Equal(instanceId.ToString(), job.GetProperty("processInstanceKey").GetString());
    }

    [Theory]
    [AllProviders]
    public async Task Bug_ActivationWasRefusedWithConflict_WhenAnotherWorkerHadCompletedJobItRead(DatabaseProvider provider)
    {
        // Found by the benchmark's worker variant on PostgreSQL: the job list is read without locks, so a job that
        // another worker completes before this activation loads the instance is still listed while its token has moved
        // on, and the whole activation failed with 409. Shown here by a listed job whose token is gone.
        await using var setup = await SetupAsync(provider);
        var movedOn = await setup.StartAsync();
        var waiting = await setup.StartAsync();
        await using (var scope = setup.Factory.Services.CreateTenantScope(setup.Municipality.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
            var executionId = (await db.Jobs.SingleAsync(j => j.ProcessInstanceId == movedOn)).ExecutionId;
            db.Executions.Remove(await db.Executions.SingleAsync(e => e.Id == executionId));
            await db.SaveChangesAsync();
        }

        var response = await setup.Worker.PostAsJsonAsync("/v2/jobs/activation", Activation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobs").EnumerateArray());
        Assert.Equal(waiting.ToString(), job.GetProperty("processInstanceKey").GetString());
    }

    private static async Task<Setup> SetupAsync(DatabaseProvider provider)
    {
        var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await using (var tenantScope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var diagram = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ExternalJobsTests.Melderegister.bpmn"));
            await tenantScope.ServiceProvider.GetRequiredService<IProcessEngine>().DeployAsync(new DeploymentRequest("Melderegister", [new DeploymentResource("melderegister.bpmn", diagram)]));
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>()
            .CreateAsync(municipality.Ags, "EWO-Worker", [ApiScopes.Jobs, ApiScopes.ProcessInstances], CancellationToken.None);
        var worker = BearerAuthenticationTests.Bearer(factory, await BearerAuthenticationTests.TokenAsync(factory, created.Value!));
        return new Setup(factory, municipality, worker);
    }

    private sealed record Setup(AmtswegFactory Factory, Municipality Municipality, HttpClient Worker) : IAsyncDisposable
    {
        public async Task<Guid> StartAsync()
        {
            var response = await Worker.PostAsJsonAsync("/v2/process-instances",
                new { processDefinitionId = "service", variables = new { name = "Erika Musterfrau", geheim = "nicht für den Worker" } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("processInstanceKey").GetString()!);
        }

        public async Task<string> ActivateOneAsync(int timeoutMs = 60_000)
        {
            var response = await Worker.PostAsJsonAsync("/v2/jobs/activation", new { type = "melderegister-abfrage", worker = "w", timeout = timeoutMs, maxJobsToActivate = 1 });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobs").EnumerateArray()).GetProperty("jobKey").GetString()!;
        }

        public async Task<ProcessInstanceInfo> InstanceAsync(Guid instanceId)
        {
            await using var scope = Factory.Services.CreateTenantScope(Municipality.Id);
            return await scope.ServiceProvider.GetRequiredService<IProcessEngine>().GetProcessInstanceAsync(instanceId);
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }
}
