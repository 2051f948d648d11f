using System.Collections.Concurrent;
using System.Security;
using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Integration.Connectors;
using Amtsweg.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Integration.Tests.Connectors;

/// <summary>
/// The engine with the connectors on one provider with its own migrated store, registered as the server registers
/// them, with short back-offs and a circuit breaker that opens after 4 calls, on the system clock (the HTTP client's
/// timeouts and back-offs run on it). Secrets per municipality in memory; every log line captured.
/// </summary>
internal sealed class ConnectorTestHost : IAsyncDisposable
{
    public const string Actor = "sachbearbeitung@test";

    private readonly TestDataStore _store;
    private readonly ServiceProvider _services;

    private ConnectorTestHost(TestDataStore store, ServiceProvider services, TestSecrets secrets, LogLines logs)
    {
        _store = store;
        _services = services;
        Secrets = secrets;
        Logs = logs;
    }

    public Guid TenantId { get; } = Guid.CreateVersion7();

    public TestSecrets Secrets { get; }

    public LogLines Logs { get; }

    public static async Task<ConnectorTestHost> StartAsync(DatabaseProvider provider)
    {
        var secrets = new TestSecrets();
        var logs = new LogLines();
        var store = await TestDataStore.CreateMigratedAsync(provider, "integration", async template =>
        {
            await using var services = BuildServices(template, secrets, logs);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        });
        return new ConnectorTestHost(store, BuildServices(store, secrets, logs), secrets, logs);
    }

    private static ServiceProvider BuildServices(TestDataStore store, TestSecrets secrets, LogLines logs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store.Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(TimeProvider.System);
        services.AddAmtswegData(configuration);
        services.AddAmtswegEngine();
        services.AddAmtswegConnectors(options =>
        {
            options.RetryDelay = TimeSpan.FromMilliseconds(20);
            options.BreakerMinimumCalls = 4;
            options.BreakerFailureRatio = 0.5;
            options.BreakerSamplingDuration = TimeSpan.FromSeconds(30);
            options.BreakerDuration = TimeSpan.FromMilliseconds(500);
        });
        services.AddScoped<IConnectorSecrets>(provider => new TenantSecrets(secrets, provider.GetRequiredService<TenantContext>()));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A unit of work acting for the host's tenant (or another).</summary>
    public AsyncServiceScope Scope(Guid? tenantId = null) => _services.CreateTenantScope(tenantId ?? TenantId);

    public async Task<T> EngineAsync<T>(Func<IProcessEngine, Task<T>> call, Guid? tenantId = null)
    {
        await using var scope = Scope(tenantId);
        return await call(scope.ServiceProvider.GetRequiredService<IProcessEngine>());
    }

    /// <summary>Deploys a process with one REST task with these headers (and retries), then an end event.</summary>
    public Task<DeploymentInfo> DeployAsync(string processId, IReadOnlyDictionary<string, string> headers, int retries = 3, Guid? tenantId = null, string? errorCode = null) =>
        EngineAsync(engine => engine.DeployAsync(new DeploymentRequest("test", [new DeploymentResource(processId + ".bpmn", RestDiagram.Bpmn(processId, headers, retries, errorCode))], Actor)), tenantId);

    public Task<ProcessInstanceInfo> StartAsync(string processId, IReadOnlyDictionary<string, object?>? variables = null, Guid? tenantId = null) =>
        EngineAsync(engine => engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = processId, Variables = variables, UserId = Actor }), tenantId);

    public Task<ProcessInstanceInfo> InstanceAsync(Guid id, Guid? tenantId = null) => EngineAsync(engine => engine.GetProcessInstanceAsync(id), tenantId);

    /// <summary>Runs the due jobs (a failed REST task's retry is due at once: <c>retryBackoff</c> PT0S) until none is left.</summary>
    public async Task RunJobsAsync(Guid? tenantId = null)
    {
        for (var round = 0; round < 20; round++)
        {
            var summary = await EngineAsync(engine => engine.ExecuteDueJobsAsync(), tenantId);
            if (summary.Executed + summary.Failed == 0)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _store.DisposeAsync();
    }

    /// <summary>The secrets of every municipality, set by a test.</summary>
    internal sealed class TestSecrets
    {
        public ConcurrentDictionary<(Guid TenantId, string Name), ConnectorSecret> All { get; } = new();
    }

    private sealed class TenantSecrets(TestSecrets secrets, TenantContext tenant) : IConnectorSecrets
    {
        public Task<ConnectorSecret?> FindAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(tenant.TenantId is { } id ? secrets.All.GetValueOrDefault((id, name)) : null);
    }

    /// <summary>Every log line at every level, formatted, with the exception's text.</summary>
    internal sealed class LogLines : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> All => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}

/// <summary>A process with one REST task (<c>Aufruf</c>) with the given headers, and an error boundary event for an error code.</summary>
internal static class RestDiagram
{
    public static string Bpmn(string processId, IReadOnlyDictionary<string, string> headers, int retries, string? errorCode = null)
    {
        var boundary = errorCode is null ? "" : $"""
                <bpmn:boundaryEvent id="Unbekannt" attachedToRef="Aufruf"><bpmn:outgoing>F3</bpmn:outgoing><bpmn:errorEventDefinition errorRef="Fehler" /></bpmn:boundaryEvent>
                <bpmn:endEvent id="EndeUnbekannt"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="F3" sourceRef="Unbekannt" targetRef="EndeUnbekannt" />
            """;
        var error = errorCode is null ? "" : $"""<bpmn:error id="Fehler" errorCode="{SecurityElement.Escape(errorCode)}" />""";
        var all = new Dictionary<string, string>(headers) { ["retryBackoff"] = "PT0S" };
        var headerXml = string.Concat(all.Select(h => $"<zeebe:header key=\"{SecurityElement.Escape(h.Key)}\" value=\"{SecurityElement.Escape(h.Value)}\" />"));
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_{processId}" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="{processId}" isExecutable="true">
                <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:serviceTask id="Aufruf" name="Gewerberegister fragen">
                  <bpmn:extensionElements>
                    <zeebe:taskDefinition type="amtsweg:rest" retries="{retries}" />
                    <zeebe:taskHeaders>{headerXml}</zeebe:taskHeaders>
                  </bpmn:extensionElements>
                  <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
                </bpmn:serviceTask>
                <bpmn:endEvent id="Ende"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Aufruf" />
                <bpmn:sequenceFlow id="F2" sourceRef="Aufruf" targetRef="Ende" />
                {boundary}
              </bpmn:process>
              {error}
            </bpmn:definitions>
            """;
    }
}
