using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class ServiceTaskTests
{
    [Theory]
    [AllProviders]
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
    [AllProviders]
    public async Task ExecuteDueJobs_RetriesThenRaisesIncident_WhenHandlerFails(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("melderegister-abfrage", _ => throw new InvalidOperationException("Melderegister nicht erreichbar"));
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(ServiceTaskTests));
        // The start command's call of the handler was the job's first attempt.
        var instance = await host.StartAsync("service");

        Assert.Empty((await host.GetAsync(instance.Id)).Incidents);
        Assert.Equal(1, await host.QueryAsync(db => db.Jobs.Single().Retries));

        // The default back-off (Camunda's R3/PT10S) keeps the job waiting ten seconds before the next attempt.
        Assert.Equal(new JobExecutionSummary(0, 0), await host.AdvanceAsync(TimeSpan.FromSeconds(9)));
        Assert.Equal(new JobExecutionSummary(0, 1), await host.AdvanceAsync(TimeSpan.FromSeconds(1)));

        var state = await host.GetAsync(instance.Id);
        var incident = Assert.Single(state.Incidents);
        Assert.Equal(IncidentTypes.JobFailed, incident.Type);
        Assert.Equal("lookup", incident.ElementId);
        Assert.Contains("Melderegister nicht erreichbar", incident.Message, StringComparison.Ordinal);
        Assert.Equal(["lookup"], state.ActiveElementIds);
        Assert.Equal(new JobExecutionSummary(0, 0), await host.AdvanceAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(2, handler.Calls.Count);
    }

    [Theory]
    [AllProviders]
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

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_CommitsHandlerWritesWithJob_RollsThemBackAtIncident(DatabaseProvider provider)
    {
        var handler = new TransactionalHandler();
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(ServiceTaskTests));
        var written = await host.StartAsync("service", new { name = "geschrieben" });
        var refused = await host.StartAsync("service", new { name = "verworfen", refuse = true });

        var summary = await host.Engine.ExecuteDueJobsAsync();

        // Both async-before jobs ran; the refused call left its task with the incident instead of failing the job's command.
        Assert.Equal(new JobExecutionSummary(2, 0), summary);
        Assert.Equal("geschrieben", await host.QueryAsync(db => db.ProcessDefinitions.Single().Name));
        Assert.Equal(["check"], (await host.GetAsync(written.Id)).ActiveElementIds);
        var incident = Assert.Single((await host.GetAsync(refused.Id)).Incidents);
        Assert.Equal((IncidentTypes.JobFailed, "Vorlage fehlt"), (incident.Type, incident.Message));
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Single().Retries)); // stopped at once, no retries used up
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task Deploy_IsRefusedWithBpmn118_WhenHandlerRefusesTaskHeaders()
    {
        var handler = new TransactionalHandler();
        await using var host = await EngineHost.StartAsync(DatabaseProvider.Sqlite, s => s.AddSingleton<IServiceTaskHandler>(handler));

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(ServiceTaskTests)));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal(("BPMN118", "lookup", "Register 'gewerbe' unbekannt"), (problem.Code, problem.ElementId, problem.MessageEnglish));
        Assert.True(problem.Line > 0);
    }

    /// <summary>Writes the process name through the job's transaction; refuses with an incident when asked to.</summary>
    private sealed class TransactionalHandler : IServiceTaskHandler
    {
        public string JobType => "melderegister-abfrage";

        public int Calls { get; private set; }

        public IEnumerable<ServiceTaskProblem> Validate(IReadOnlyDictionary<string, string> headers) =>
            headers.TryGetValue("register", out var register) ? [new ServiceTaskProblem($"Register '{register}' unbekannt", $"Register '{register}' unbekannt")] : [];

        public async Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            Calls++;
            var transaction = await context.BeginTransactionAsync(cancellationToken);
            var command = transaction.Connection!.CreateCommand();
            await using (command)
            {
                command.Transaction = transaction;
                command.CommandText = "UPDATE \"EngineProcessDefinitions\" SET \"Name\" = @name";
                var name = command.CreateParameter();
                name.ParameterName = "name";
                name.Value = context.Variables["name"]!.GetValue<string>();
                command.Parameters.Add(name);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return context.Variables.ContainsKey("refuse") ? throw new ServiceTaskIncidentException("Vorlage fehlt") : new Dictionary<string, object?>();
        }
    }
}
