using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class ServiceTaskTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ExecuteDueJobs_CallsHandlerAndSetsResult_WhenJobIsDue(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("melderegister-abfrage", c => new Dictionary<string, object?> { ["wohnsitz"] = "Musterstadt", ["gefunden"] = true });
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(ServiceTaskTests));
        var instance = await host.StartAsync("service", new { name = "Erika Mustermann" });
        Assert.Equal(["lookup"], instance.ActiveElementIds);
        Assert.Empty(handler.Calls);

        var summary = await host.Engine.ExecuteDueJobsAsync();

        Assert.Equal(new JobExecutionSummary(1, 0), summary);
        var call = Assert.Single(handler.Calls);
        Assert.Equal("Erika Mustermann", call.Variables["name"]!.GetValue<string>());
        Assert.Equal("ewo", call.Headers["register"]);
        Assert.Equal("lookup", call.ElementId);
        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["check"], state.ActiveElementIds);
        Assert.Equal("Musterstadt", state.Variables["wohnsitz"]!.GetValue<string>());
        Assert.Equal(new JobExecutionSummary(0, 0), await host.Engine.ExecuteDueJobsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ExecuteDueJobs_RetriesThenRaisesIncident_WhenHandlerFails(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("melderegister-abfrage", _ => throw new InvalidOperationException("Melderegister nicht erreichbar"));
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(ServiceTaskTests));
        var instance = await host.StartAsync("service");

        Assert.Equal(new JobExecutionSummary(0, 1), await host.Engine.ExecuteDueJobsAsync());
        Assert.Empty((await host.GetAsync(instance.Id)).Incidents);
        Assert.Equal(1, await host.QueryAsync(db => db.Jobs.Single().Retries));

        Assert.Equal(new JobExecutionSummary(0, 1), await host.Engine.ExecuteDueJobsAsync());

        var state = await host.GetAsync(instance.Id);
        var incident = Assert.Single(state.Incidents);
        Assert.Equal(IncidentTypes.JobFailed, incident.Type);
        Assert.Equal("lookup", incident.ElementId);
        Assert.Contains("Melderegister nicht erreichbar", incident.Message, StringComparison.Ordinal);
        Assert.Equal(["lookup"], state.ActiveElementIds);
        Assert.Equal(new JobExecutionSummary(0, 0), await host.Engine.ExecuteDueJobsAsync());
        Assert.Equal(2, handler.Calls.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ExecuteDueJobs_FollowsErrorBoundary_WhenHandlerThrowsBpmnError(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("melderegister-abfrage", _ => throw new BpmnErrorException("NICHT_GEFUNDEN", "Person unbekannt"));
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(ServiceTaskTests));
        var instance = await host.StartAsync("service");

        Assert.Equal(new JobExecutionSummary(1, 0), await host.Engine.ExecuteDueJobsAsync());

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["manual"], state.ActiveElementIds);
        Assert.Empty(state.Incidents);
        Assert.Equal(["start", "lookup", "notFound", "manual"], await host.EnteredAsync(instance.Id));
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }
}
