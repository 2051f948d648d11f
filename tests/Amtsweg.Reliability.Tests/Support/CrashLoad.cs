using System.Collections.Concurrent;
using System.Net;
using Amtsweg.Client;
using Amtsweg.Testing;

namespace Amtsweg.Reliability.Tests.Support;

/// <summary>
/// Load against one or more real server processes that are killed while it runs: a municipality with an API client,
/// the test's process deployed, instances started through <c>/v2/process-instances</c> and the external job worked
/// by <see cref="JobWorker"/>s of <c>src/Amtsweg.Client</c>, one set per server process. Calls that fail because a
/// process is dead or starting are tried again (against another process when there is one); any other failure is
/// kept in <see cref="UnexpectedErrors"/>.
/// </summary>
public sealed class CrashLoad : IAsyncDisposable
{
    /// <summary>The BPMN process id of the test's diagrams.</summary>
    public const string ProcessId = "Antragspruefung";

    /// <summary>The job type of its external service task.</summary>
    public const string JobType = "zuverlaessigkeit-pruefen";

    /// <summary>How long a worker's lock on a job lasts: a lock held for a dead process's worker call expires after this.</summary>
    public static readonly TimeSpan WorkerLockTimeout = TimeSpan.FromSeconds(8);

    private const string Ags = "09999711";

    private readonly IReadOnlyList<ServerProcess> _nodes;
    private readonly List<AmtswegClient> _clients = [];
    private readonly List<HttpClient> _http = [];
    private readonly ConcurrentDictionary<Guid, int> _acknowledged = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly CancellationTokenSource _stopWorkers = new();
    private readonly List<Task> _workers = [];
    private int _nextNumber;
    private int _unanswered;

    private CrashLoad(IReadOnlyList<ServerProcess> nodes) => _nodes = nodes;

    /// <summary>The API client of node <paramref name="node"/> (a token of its own per node).</summary>
    public AmtswegClient ClientOf(int node) => _clients[node];

    /// <summary>The idempotency ledger of the job handler.</summary>
    public JobLedger Ledger { get; } = new();

    /// <summary>The instances whose start the server acknowledged (2xx), with their number.</summary>
    public IReadOnlyDictionary<Guid, int> Acknowledged => _acknowledged;

    /// <summary>Failures that are not explained by a dead or starting server process (5xx, refusals).</summary>
    public IReadOnlyCollection<string> UnexpectedErrors => _unexpected;

    /// <summary>Start requests that got no answer (the process died or was starting); each was sent again.</summary>
    public int UnansweredStarts => _unanswered;

    /// <summary>
    /// Creates the municipality and the API client through the CLI on the first node's data (and database), starts
    /// every node and deploys the diagram <paramref name="diagram"/>.
    /// </summary>
    public static async Task<CrashLoad> PrepareAsync(IReadOnlyList<ServerProcess> nodes, string diagram)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var first = nodes[0];
        var tenant = await first.RunCliAsync("tenant", "create", "--ags", Ags, "--name", "Zuverlässigkeitsstadt", "--test");
        Assert.True(tenant.ExitCode == 0, tenant.Error + tenant.Output);
        var created = await first.RunCliAsync(
            "client", "create", "--tenant", Ags, "--name", "Crashtest", "--scope", "jobs", "--scope", "process-instances", "--scope", "deployments");
        Assert.True(created.ExitCode == 0, created.Error + created.Output);
        var lines = created.Output.Trim().Split('\n').Select(l => l.Trim()).ToArray();
        var clientId = lines.Single(l => l.StartsWith("client_id=", StringComparison.Ordinal))["client_id=".Length..];
        var secret = lines.Single(l => l.StartsWith("client_secret=", StringComparison.Ordinal))["client_secret=".Length..];

        await Task.WhenAll(nodes.Select(n => n.RestartAsync()));
        var load = new CrashLoad(nodes);
        foreach (var node in nodes)
        {
            var http = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(30) };
            load._http.Add(http);
            load._clients.Add(new AmtswegClient(http, clientId, secret));
        }

        await load._clients[0].DeployAsync(new Dictionary<string, string>
        {
            [Path.GetFileName(diagram)] = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Diagrams", diagram)),
        });
        return load;
    }

    /// <summary>Starts <paramref name="workersPerNode"/> job workers against each node; they run until disposal.</summary>
    public void StartWorkers(int workersPerNode)
    {
        for (var n = 0; n < _nodes.Count; n++)
        {
            for (var w = 0; w < workersPerNode; w++)
            {
                var client = _clients[n];
                var name = $"knoten{n}-arbeiter{w}";
                _workers.Add(Task.Run(() => WorkAsync(client, name, _stopWorkers.Token)));
            }
        }
    }

    /// <summary>
    /// Starts instances with <paramref name="parallel"/> concurrent callers until <paramref name="count"/> are
    /// acknowledged or <paramref name="stop"/> is cancelled; each instance has a number (variable <c>n</c>).
    /// </summary>
    public async Task StartInstancesAsync(int count, int parallel, CancellationToken stop)
    {
        var callers = Enumerable.Range(0, parallel).Select(async caller =>
        {
            while (!stop.IsCancellationRequested)
            {
                var number = Interlocked.Increment(ref _nextNumber);
                if (number > count)
                {
                    return;
                }

                try
                {
                    await StartOneAsync(number, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Stopped in the middle of a start: whether it was acknowledged or not, the check counts what the server answered.
                    return;
                }
            }
        });
        await Task.WhenAll(callers).ConfigureAwait(false);
    }

    /// <summary>Stops the workers.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopWorkers.CancelAsync();
        await Task.WhenAll(_workers);
        _stopWorkers.Dispose();
        foreach (var http in _http)
        {
            http.Dispose();
        }
    }

    private async Task StartOneAsync(int number, CancellationToken stop)
    {
        for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            var client = _clients[(number + attempt) % _clients.Count];
            try
            {
                var started = await client.CreateProcessInstanceAsync(ProcessId, new { n = number }, stop).ConfigureAwait(false);
                _acknowledged[Guid.Parse(started.ProcessInstanceKey)] = number;
                return;
            }
            catch (Exception error) when (IsOutage(error, stop))
            {
                Interlocked.Increment(ref _unanswered);
                await PauseAsync(stop).ConfigureAwait(false);
            }
            catch (AmtswegApiException refused)
            {
                _unexpected.Enqueue($"Start {number}: {(int)refused.Status} {refused.Code} {refused.Message}");
                await PauseAsync(stop).ConfigureAwait(false);
            }
        }
    }

    private async Task WorkAsync(AmtswegClient client, string name, CancellationToken stop)
    {
        var worker = new JobWorker(
            client,
            JobType,
            new JobWorkerOptions(name, WorkerLockTimeout, MaxJobs: 16, RequestTimeout: TimeSpan.FromSeconds(1)),
            (job, _) =>
            {
                Ledger.Record(job, TimeProvider.System);
                return Task.FromResult<object?>(new { geprueftVon = name });
            });
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await worker.PollOnceAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (IsOutage(error, stop))
            {
                await PauseAsync(stop).ConfigureAwait(false);
            }
            catch (AmtswegApiException refused)
            {
                _unexpected.Enqueue($"Worker {name}: {(int)refused.Status} {refused.Code} {refused.Message}");
                await PauseAsync(stop).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The server process is dead or not yet listening: the connection is refused or reset, the call times out, or the
    /// token endpoint of a process that is still starting answers 503.
    /// </summary>
    private static bool IsOutage(Exception error, CancellationToken stop) =>
        error is HttpRequestException or IOException
        || (error is TaskCanceledException && !stop.IsCancellationRequested)
        || error is AmtswegApiException { Status: HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway };

    // Not a wait for a condition: a caller whose server process is down backs off briefly before the next try.
    private static async Task PauseAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
