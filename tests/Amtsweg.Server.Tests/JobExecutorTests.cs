using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests;

public class JobExecutorTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Timer_FiresInRunningServer_WhenClockPassesItsDueTime(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:JobExecutor:PollInterval"] = "00:01:00" });
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "JobExecutorTests.Frist.bpmn"));
        (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Frist", [new DeployResource("frist.bpmn", bpmn)]))).EnsureSuccessStatusCode();
        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Frist", null, null));
        var instance = (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
        Assert.Equal(["wait"], instance.ActiveElementIds);

        factory.Clock.Advance(TimeSpan.FromMinutes(15));
        var early = await ActiveElementsAsync(designer, instance.Id);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var fired = await WaitUntilAsync(async () => await ActiveElementsAsync(designer, instance.Id) is ["remind"]);

        Assert.Equal(["wait"], early);
        Assert.True(fired, "The job executor of the running server did not fire the timer.");
    }

    [Theory]
    [AllProviders]
    public async Task Bug_JobWaitedForNextPoll_JobRunsWhenCommitMakesItDue(DatabaseProvider provider)
    {
        // The poll interval is an hour on a clock that never moves: only the wake-up at commit can run the job.
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:JobExecutor:PollInterval"] = "01:00:00" });
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "JobExecutorTests.Sofort.bpmn"));
        (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Sofort", [new DeployResource("sofort.bpmn", bpmn)]))).EnsureSuccessStatusCode();

        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Sofort", null, null));
        var instance = (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
        var moved = await WaitUntilAsync(async () => await ActiveElementsAsync(designer, instance.Id) is ["pruefen"]);

        Assert.Equal(["berechnen"], instance.ActiveElementIds);
        Assert.True(moved, "The job executor did not run the job its commit made due.");
    }

    [Fact]
    public async Task Start_Fails_WhenJobExecutorSettingIsInvalid()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite, new() { ["Amtsweg:JobExecutor:BatchSize"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Amtsweg:JobExecutor:BatchSize", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Fails_WhenJobExecutorParallelismIsInvalid()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite, new() { ["Amtsweg:JobExecutor:Parallelism"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Amtsweg:JobExecutor:Parallelism must be between 1 and 64", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> ActiveElementsAsync(HttpClient client, Guid instanceId) =>
        (await client.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{instanceId}", Json))!.ActiveElementIds;

    // An explicit wait for the background service (no assertion on how long it took): looks again until it holds or a generous cap is reached.
    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
