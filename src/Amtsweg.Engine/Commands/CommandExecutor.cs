using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>
/// Runs commands: a fresh command context per command, the interceptors around it, then one flush of all changes
/// in one transaction. An incident rolls the command back (nothing of it is saved, nor what a service task handler
/// wrote in the command's transaction) and is recorded in a second, small transaction; a stale revision fails the
/// command with <see cref="ConcurrentModificationException"/>.
/// </summary>
internal sealed class CommandExecutor(
    EngineDbContext db,
    ProcessEngineConfiguration configuration,
    IReadOnlyDictionary<string, IServiceTaskHandler> handlers)
{
    /// <summary>True while signals are being delivered: signals thrown by receivers then stay jobs for the job executor (no recursion, no storm).</summary>
    private bool _deliveringSignals;

    public async Task<TResult> ExecuteAsync<TResult>(EngineCommand<TResult> command, CancellationToken cancellationToken)
    {
        var (result, signals) = await ExecuteOneAsync(command, cancellationToken).ConfigureAwait(false);
        if (signals.Count > 0 && !_deliveringSignals)
        {
            _deliveringSignals = true;
            try
            {
                foreach (var jobId in signals)
                {
                    await DeliverSignalAsync(jobId, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _deliveringSignals = false;
            }
        }

        return result;
    }

    /// <summary>
    /// Delivers a signal broadcast job to all its receivers, one transaction each. A receiver that keeps conflicting is
    /// left to the job executor (the job stays due); a receiver's incident is recorded and the signal moves on.
    /// </summary>
    public async Task DeliverSignalAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var conflicts = 0;
        while (true)
        {
            try
            {
                if (!(await ExecuteOneAsync(new DeliverSignalCommand(jobId), cancellationToken).ConfigureAwait(false)).Result)
                {
                    return;
                }

                conflicts = 0;
            }
            catch (ConcurrentModificationException) when (++conflicts <= 5)
            {
                // The receiving instance or the broadcast's progress changed meanwhile: the next attempt reloads both.
            }
            catch (ConcurrentModificationException)
            {
                return;
            }
            catch (ProcessIncidentException)
            {
                // Recorded on the receiving instance; the broadcast went on to the next receiver.
            }
        }
    }

    private async Task<(TResult Result, IReadOnlyList<Guid> Signals)> ExecuteOneAsync<TResult>(EngineCommand<TResult> command, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var context = new CommandContext(db, configuration, handlers, command.UserId);

        // One connection for the whole command: each opening costs a round trip for the tenant setting (PostgreSQL) or the pragmas (SQLite).
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await Intercept(command.Name, async () => (object?)await command.ExecuteAsync(context, cancellationToken).ConfigureAwait(false), 0, cancellationToken).ConfigureAwait(false);
            context.ParkPendingServiceCalls();

            // The command's changes are detected once here: the job checks, the priorities, the tenant stamping and
            // SaveChanges below would otherwise each compare every tracked row with its snapshot again.
            db.ChangeTracker.DetectChanges();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var (dueJobs, externalJobs) = ReadyJobs(context.Now);
            await context.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (dueJobs.Count > 0)
            {
                configuration.WakeUp.JobsDue(dueJobs);
            }

            if (externalJobs)
            {
                configuration.WakeUp.ExternalJobsAvailable();
            }

            return ((TResult)result!, context.PendingSignalBroadcasts);
        }
        catch (IncidentException incident)
        {
            await context.DisposeOwnTransactionAsync().ConfigureAwait(false);
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            var recovery = new CommandContext(db, configuration, handlers, command.UserId);
            IncidentInfo info;
            try
            {
                info = await command.RecordIncidentAsync(recovery, incident, context.PrimaryInstanceId, cancellationToken).ConfigureAwait(false);
                await recovery.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException conflict) when (conflict is DbUpdateConcurrencyException || IsUniqueViolation(conflict))
            {
                // The instance changed while the incident was being recorded (it escaped as a server error): the
                // command failed without effect, and whoever retries sees the new state.
                throw Conflict(command.Name, conflict);
            }

            throw new ProcessIncidentException(info);
        }
        catch (DbUpdateException conflict) when (conflict is DbUpdateConcurrencyException || IsUniqueViolation(conflict))
        {
            // A stale revision, or a row (variable, definition version) another command inserted first: both mean
            // that somebody else changed the same instance or process in the meantime.
            throw Conflict(command.Name, conflict);
        }
        finally
        {
            // A transaction the command opened for a service task handler and did not commit rolls back here.
            await context.DisposeOwnTransactionAsync().ConfigureAwait(false);
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the command's changes make a job ready now: the tenants of jobs for the job executor (a job locked as a
    /// continuation needs no wake-up), and whether one is for external workers.
    /// </summary>
    private (HashSet<Guid> DueJobs, bool ExternalJobs) ReadyJobs(DateTimeOffset now)
    {
        var due = new HashSet<Guid>();
        var external = false;
        foreach (var entry in db.ChangeTracker.Entries<JobEntity>())
        {
            var job = entry.Entity;
            if (entry.State is EntityState.Added or EntityState.Modified && job.DueAt <= now && job.Retries > 0 && job.LockOwner is null)
            {
                if (job.Kind != JobKind.ExternalTask)
                {
                    due.Add(job.TenantId);
                }

                external |= job.Kind == JobKind.ExternalTask;
            }
        }

        return (due, external);
    }

    private static ConcurrentModificationException Conflict(string commandName, DbUpdateException conflict) =>
        new($"{commandName} failed: the data was changed by another command in the meantime. Reload and try again.", conflict);

    private static bool IsUniqueViolation(DbUpdateException error) => error.InnerException switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    private async Task<object?> Intercept(string name, Func<Task<object?>> run, int index, CancellationToken cancellationToken) =>
        index >= configuration.Interceptors.Count
            ? await run().ConfigureAwait(false)
            : await configuration.Interceptors[index].InterceptAsync(name, () => Intercept(name, run, index + 1, cancellationToken), cancellationToken).ConfigureAwait(false);
}
