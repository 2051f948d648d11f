using System.Threading.Channels;
using Amtsweg.Data.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine;

/// <summary>Settings of a <see cref="ParallelJobExecutor"/>.</summary>
/// <param name="LockOwner">The executor's name, unique per server process, written on the jobs it locks.</param>
/// <param name="Parallelism">How many lanes run jobs at the same time (jobs of different instances; never two of one instance).</param>
/// <param name="BatchSize">How many due jobs of one tenant one acquisition locks at most.</param>
/// <param name="PollInterval">How often to ask the database for due jobs of all tenants (jobs of other server processes, timers that fall due).</param>
public sealed record ParallelJobExecutorSettings(string LockOwner, int Parallelism, int BatchSize, TimeSpan PollInterval)
{
    /// <summary>Told how many jobs of a tenant failed in one lane's run of an instance (they are retried or became incidents).</summary>
    public Action<Guid, int>? JobsFailed { get; init; }

    /// <summary>Told when an acquisition or a lane failed as a whole (the database may be briefly unreachable); the executor goes on.</summary>
    public Action<Exception>? Failed { get; init; }
}

/// <summary>
/// The job executor of one server process, as Camunda 7's: one dispatcher acquires due jobs tenant by tenant and hands
/// them to parallel lanes; each lane runs the jobs of one instance after another in its own unit of work (DI tenant
/// scope), together with the continuations their commands lock (<see cref="IProcessEngine.ExecuteAcquiredJobAsync"/>),
/// so that no two jobs of one instance ever run at once. The dispatcher acquires again as soon as the lanes are about to
/// run dry, not when the slowest job of a batch has ended. It is woken by commits of this process (<see cref="JobWakeUp"/>,
/// which names the tenants, so it acquires for them directly) and asks the database for the tenants with due jobs at
/// least once per poll interval (jobs of other server processes, timers that fall due).
/// </summary>
public sealed class ParallelJobExecutor
{
    private readonly IServiceProvider _services;
    private readonly JobWakeUp _wakeUp;
    private readonly TimeProvider _clock;
    private readonly ParallelJobExecutorSettings _settings;
    private TaskCompletionSource _room = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _queued;
    private long _executed;
    private long _failed;
    private long _continued;

    /// <summary>Creates the executor; <see cref="RunAsync"/> runs it.</summary>
    /// <param name="services">The root service provider (the engine registered, tenant scopes available).</param>
    /// <param name="wakeUp">The engine's wake-up of this process.</param>
    /// <param name="clock">The clock the poll interval runs on.</param>
    /// <param name="settings">Lock owner, lanes, batch size, poll interval.</param>
    public ParallelJobExecutor(IServiceProvider services, JobWakeUp wakeUp, TimeProvider clock, ParallelJobExecutorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(wakeUp);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.LockOwner);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.PollInterval, TimeSpan.Zero);
        _services = services;
        _wakeUp = wakeUp;
        _clock = clock;
        _settings = settings;
    }

    /// <summary>Jobs that ran successfully so far, continuations included.</summary>
    public long Executed => Interlocked.Read(ref _executed);

    /// <summary>Jobs that failed so far (retried later or turned into incidents).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Jobs that ran as continuations of an earlier job of their instance, without being acquired.</summary>
    public long Continued => Interlocked.Read(ref _continued);

    /// <summary>
    /// Runs until <paramref name="stoppingToken"/> is cancelled. Jobs that were queued or running then stay locked
    /// until their lock expires (a running job's transaction rolls back), as after a crash.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var work = Channel.CreateUnbounded<InstanceJobs>(new UnboundedChannelOptions { SingleWriter = true });
        var lanes = Enumerable.Range(0, _settings.Parallelism)
            .Select(_ => Task.Run(() => RunLaneAsync(work.Reader, stoppingToken), CancellationToken.None))
            .ToList();
        try
        {
            await DispatchAsync(work.Writer, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops.
        }
        finally
        {
            work.Writer.TryComplete();
            await Task.WhenAll(lanes).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(ChannelWriter<InstanceJobs> lanes, CancellationToken stoppingToken)
    {
        // Tenants that may have more due jobs, served in turns.
        var pending = new List<Guid>();
        var lastScan = DateTimeOffset.MinValue;
        while (true)
        {
            // Taken before looking for work: a commit from here on completes it, so no wake-up is missed.
            var woken = _wakeUp.DueJobs;
            try
            {
                AddPending(pending, _wakeUp.TakeTenantsWithDueJobs());
                if (_clock.GetUtcNow() - lastScan >= _settings.PollInterval)
                {
                    lastScan = _clock.GetUtcNow();
                    AddPending(pending, await TenantsWithDueJobsAsync(stoppingToken).ConfigureAwait(false));
                }

                while (pending.Count > 0)
                {
                    await WaitForRoomAsync(stoppingToken).ConfigureAwait(false);
                    var tenantId = pending[0];
                    pending.RemoveAt(0);
                    var jobs = await AcquireAsync(tenantId, stoppingToken).ConfigureAwait(false);
                    foreach (var chain in ProcessEngine.ByInstance(jobs ?? []))
                    {
                        Interlocked.Increment(ref _queued);
                        lanes.TryWrite(new InstanceJobs(tenantId, chain));
                    }

                    if (jobs is null || jobs.Count >= _settings.BatchSize)
                    {
                        // More may be due (or another executor took some first): the tenant's turn comes again.
                        AddPending(pending, [tenantId]);
                    }

                    AddPending(pending, _wakeUp.TakeTenantsWithDueJobs());
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The database may be briefly unreachable: the next poll tries again instead of stopping the server.
                _settings.Failed?.Invoke(error);
                pending.Clear();
            }

            var untilPoll = lastScan + _settings.PollInterval - _clock.GetUtcNow();
            if (untilPoll > TimeSpan.Zero)
            {
                using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var poll = Task.Delay(untilPoll, _clock, stopWaiting.Token);
                await Task.WhenAny(woken, poll).ConfigureAwait(false);

                // Ends the poll timer when a commit woke the executor.
                await stopWaiting.CancelAsync().ConfigureAwait(false);
            }

            stoppingToken.ThrowIfCancellationRequested();
        }
    }

    private static void AddPending(List<Guid> pending, IReadOnlyList<Guid> tenants)
    {
        foreach (var tenantId in tenants)
        {
            if (!pending.Contains(tenantId))
            {
                pending.Add(tenantId);
            }
        }
    }

    /// <summary>Waits until the lanes have at most one instance each left to start, so that acquired jobs do not wait locked for long.</summary>
    private async Task WaitForRoomAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var room = Volatile.Read(ref _room).Task;
            if (Volatile.Read(ref _queued) <= _settings.Parallelism)
            {
                return;
            }

            await room.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<Guid>> TenantsWithDueJobsAsync(CancellationToken stoppingToken)
    {
        await using var scope = _services.CreatePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<IProcessEngine>().GetTenantsWithDueJobsAsync(stoppingToken).ConfigureAwait(false);
    }

    /// <summary>The jobs locked for this executor, or null when another executor locked some of them first (try again).</summary>
    private async Task<IReadOnlyList<AcquiredJob>?> AcquireAsync(Guid tenantId, CancellationToken stoppingToken)
    {
        await using var scope = _services.CreateTenantScope(tenantId);
        try
        {
            return await scope.ServiceProvider.GetRequiredService<IProcessEngine>()
                .AcquireJobsAsync(new JobAcquisition(_settings.LockOwner, _settings.BatchSize), stoppingToken).ConfigureAwait(false);
        }
        catch (ConcurrentModificationException)
        {
            return null;
        }
    }

    private async Task RunLaneAsync(ChannelReader<InstanceJobs> work, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var jobs in work.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                Interlocked.Decrement(ref _queued);
                Interlocked.Exchange(ref _room, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                try
                {
                    await RunInstanceJobsAsync(jobs, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // The jobs left of this instance stay locked until their lock expires; the lane goes on.
                    _settings.Failed?.Invoke(error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops.
        }
    }

    /// <summary>Runs the acquired jobs of one instance in order, each followed by the continuations its command locked.</summary>
    private async Task RunInstanceJobsAsync(InstanceJobs jobs, CancellationToken stoppingToken)
    {
        await using var scope = _services.CreateTenantScope(jobs.TenantId);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        var summary = await ProcessEngine.RunInOrderAsync(engine, jobs.Jobs, _settings.LockOwner, stoppingToken).ConfigureAwait(false);
        Interlocked.Add(ref _executed, summary.Executed);
        Interlocked.Add(ref _failed, summary.Failed);
        Interlocked.Add(ref _continued, summary.Continued);
        if (summary.Failed > 0)
        {
            _settings.JobsFailed?.Invoke(jobs.TenantId, summary.Failed);
        }
    }

    /// <summary>Acquired jobs of one instance (or one job without an instance), run by one lane in this order.</summary>
    private sealed record InstanceJobs(Guid TenantId, IReadOnlyList<AcquiredJob> Jobs);
}
