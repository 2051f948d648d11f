using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Amtsweg.Engine.Persistence;

/// <summary>
/// EF Core queries that run in every command of the hot path, compiled once: an ad-hoc LINQ query pays for
/// translating its expression tree into a cache key on every call, which the profile of starting an instance showed
/// as a seventh of the command's time. The tenant query filter applies to compiled queries as to any other. A compiled
/// query belongs to one EF model, and a process can have several (the SQLite and the PostgreSQL context, the simulation's
/// own in-memory context), so each query is compiled once per model.
/// </summary>
internal static class EngineQueries
{
    private static readonly ConditionalWeakTable<IModel, Func<EngineDbContext, string, CancellationToken, Task<Guid?>>> LatestDefinitionIds = [];

    /// <summary>The id of the latest deployed version of a process, or null.</summary>
    public static Task<Guid?> LatestDefinitionIdAsync(EngineDbContext db, string processId, CancellationToken cancellationToken) =>
        LatestDefinitionIds.GetValue(db.Model, static _ => EF.CompileAsyncQuery((EngineDbContext db, string processId, CancellationToken cancellationToken) =>
            db.ProcessDefinitions.Where(d => d.ProcessId == processId).OrderByDescending(d => d.Version).Select(d => (Guid?)d.Id).FirstOrDefault()))(db, processId, cancellationToken);
}
