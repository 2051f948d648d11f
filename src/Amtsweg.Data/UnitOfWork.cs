using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Data;

/// <summary>
/// One connection and one transaction shared by the DbContexts of several modules of the current scope, so that what
/// they write commits or rolls back together (a process start that opens its Vorgang, a form submission filed with the
/// completion of its task, a letter filed inside the job that writes it). Modules are named as registered with
/// <see cref="DataServiceCollectionExtensions.AddModuleDbContext{TContext, TSqlite, TPostgres}"/>, so the composing code
/// needs no module's DbContext type. The commands of each module join a transaction their context already has
/// instead of opening their own.
/// </summary>
public sealed class UnitOfWork(IServiceProvider services, IEnumerable<ModuleDbContext> modules)
{
    /// <summary>
    /// Begins a transaction on the first module's connection and lets the other modules' contexts use that connection
    /// and transaction. Stage slow work (blobs, text extraction, rendering) before: the transaction holds locks.
    /// </summary>
    public async Task<SharedTransaction> BeginAsync(IReadOnlyList<string> moduleNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moduleNames);
        var contexts = Resolve(moduleNames);
        var owner = contexts[0];
        var transaction = await owner.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var joined = await JoinAllAsync(transaction.GetDbTransaction(), contexts.Skip(1), cancellationToken).ConfigureAwait(false);
            return new SharedTransaction(transaction, joined);
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Lets the named modules' contexts write through a transaction somebody else owns (the engine's job transaction
    /// given to a service task handler); the owner commits or rolls it back. A context already on that connection is
    /// left as it is.
    /// </summary>
    public async Task<SharedTransaction> JoinAsync(DbTransaction transaction, IReadOnlyList<string> moduleNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(moduleNames);
        var contexts = Resolve(moduleNames).Where(c => !ReferenceEquals(c.Database.GetDbConnection(), transaction.Connection));
        return new SharedTransaction(null, await JoinAllAsync(transaction, contexts, cancellationToken).ConfigureAwait(false));
    }

    private List<DbContext> Resolve(IReadOnlyList<string> moduleNames)
    {
        if (moduleNames.Count == 0)
        {
            throw new ArgumentException("A unit of work needs at least one module.", nameof(moduleNames));
        }

        return [.. moduleNames.Select(name =>
        {
            var module = modules.SingleOrDefault(m => m.Module == name)
                ?? throw new InvalidOperationException($"No DbContext is registered for the module '{name}'.");
            return (DbContext)services.GetRequiredService(module.ContextType);
        })];
    }

    private static async Task<List<JoinedContext>> JoinAllAsync(DbTransaction transaction, IEnumerable<DbContext> contexts, CancellationToken cancellationToken)
    {
        var joined = new List<JoinedContext>();
        try
        {
            foreach (var context in contexts)
            {
                var own = new JoinedContext(context, context.Database.GetConnectionString());
                context.Database.SetDbConnection(transaction.Connection);
                joined.Add(own);
                await context.Database.UseTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
            }

            return joined;
        }
        catch
        {
            await SharedTransaction.LeaveAsync(joined).ConfigureAwait(false);
            throw;
        }
    }
}

/// <summary>A transaction shared by several modules' contexts; disposing it without commit rolls back what it owns.</summary>
public sealed class SharedTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? _owned;
    private readonly List<JoinedContext> _joined;

    internal SharedTransaction(IDbContextTransaction? owned, List<JoinedContext> joined)
    {
        _owned = owned;
        _joined = joined;
    }

    /// <summary>Commits the transaction this unit of work began.</summary>
    /// <exception cref="InvalidOperationException">The unit of work joined somebody else's transaction; its owner commits.</exception>
    public Task CommitAsync(CancellationToken cancellationToken) =>
        _owned?.CommitAsync(cancellationToken) ?? throw new InvalidOperationException("The transaction belongs to its owner, who commits it.");

    /// <summary>The joined contexts leave the transaction; an owned transaction that was not committed rolls back.</summary>
    public async ValueTask DisposeAsync()
    {
        await LeaveAsync(_joined).ConfigureAwait(false);
        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Each context gets its own connection back: a pooled context must not carry another context's connection (and
    // with it, on PostgreSQL, the tenant setting of another unit of work) into its next scope.
    internal static async Task LeaveAsync(IEnumerable<JoinedContext> contexts)
    {
        foreach (var (context, connectionString) in contexts)
        {
            await context.Database.UseTransactionAsync(null).ConfigureAwait(false);
            context.Database.SetDbConnection(null, contextOwnsConnection: true);
            context.Database.SetConnectionString(connectionString);
        }
    }
}

/// <summary>A context that joined another's transaction, with the connection string of its own connection.</summary>
internal sealed record JoinedContext(DbContext Context, string? ConnectionString);
