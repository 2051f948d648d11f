using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Amtsweg.Engine;

/// <summary>
/// Another part of the application that may still need the history of finished instances (the e-file: the process
/// history of a Vorgang belongs to the Vorgang's retention). The history cleanup deletes nothing such a part retains.
/// </summary>
public interface IHistoryRetention
{
    /// <summary>Of <paramref name="processInstanceIds"/> (finished instances and the instances they called), those whose history must stay.</summary>
    Task<IReadOnlySet<Guid>> FindRetainedAsync(IReadOnlyCollection<Guid> processInstanceIds, CancellationToken cancellationToken);
}

/// <summary>What one run of the history cleanup deleted (or, in a dry run, would have deleted) for one municipality.</summary>
/// <param name="DryRun">True when nothing was deleted: every batch was rolled back after counting.</param>
/// <param name="Batches">Transactions that deleted something.</param>
/// <param name="ProcessInstances">Instances deleted, called instances included.</param>
/// <param name="HistoryEvents">History events deleted.</param>
/// <param name="Variables">Variables deleted.</param>
/// <param name="UserTasks">Completed or cancelled user tasks deleted.</param>
/// <param name="Incidents">Resolved incidents deleted.</param>
/// <param name="Other">Left-over executions, jobs and event subscriptions (compensation) deleted.</param>
/// <param name="Retained">Instances over their time to live that were kept because another part still needs them (the e-file).</param>
/// <param name="Skipped">Instances over their time to live that were kept because an instance they called still runs or has an open incident.</param>
public sealed record HistoryCleanupResult(bool DryRun, int Batches, int ProcessInstances, int HistoryEvents, int Variables, int UserTasks, int Incidents, int Other, int Retained, int Skipped);

/// <summary>
/// Deletes the history of finished instances whose time to live has run out, for the municipality of the scope
/// (Camunda 7's history cleanup with the "removal time" strategy of the root instance):
/// <list type="bullet">
/// <item>The time to live is the one of the instance's process version (<c>historyTimeToLive</c>, read at deployment),
/// else <see cref="ProcessEngineOptions.DefaultHistoryTimeToLive"/>; without either the history stays for ever.</item>
/// <item>It counts from the end of a top-level instance (completed or cancelled). Instances it called go with it, never
/// on their own, so that the Vorgang of a called instance (found through its caller) can always be found.</item>
/// <item>An instance is kept, with all it called, while any <see cref="IHistoryRetention"/> retains one of them
/// (the e-file: while its Vorgang exists and has not been disposed of), while one of them still runs, or while one of
/// them has an open incident.</item>
/// <item>Deleted are the instance rows with their history events, variables, user tasks, resolved incidents and what is
/// left of executions, jobs and event subscriptions; deployments, definitions and buffered messages stay.</item>
/// <item>In batches of <see cref="ProcessEngineOptions.HistoryCleanupBatchSize"/> top-level instances, each batch in a
/// transaction of its own: a crash or a stop loses at most the batch that was running, and the next run goes on.</item>
/// </list>
/// The deletes are set-based (not engine commands): finished instances are not changed by commands any more, and two
/// server processes running the cleanup at once both delete the same rows without harm.
/// </summary>
public sealed class HistoryCleanup(EngineDbContext db, ProcessEngineConfiguration configuration, IEnumerable<IHistoryRetention> retentions)
{
    /// <summary>Deletes (or with <paramref name="dryRun"/> counts) the history due for deletion in the scope's municipality.</summary>
    /// <exception cref="InvalidOperationException">The scope acts for no single municipality.</exception>
    public async Task<HistoryCleanupResult> RunAsync(bool dryRun, CancellationToken cancellationToken = default)
    {
        if (db.IsPlatformScope || db.CurrentTenantId is null)
        {
            throw new InvalidOperationException("The history cleanup runs for one municipality at a time: call it in a tenant scope.");
        }

        var options = configuration.Options;
        var defaultDays = ProcessEngineOptionsValidator.DefaultHistoryDays(options);
        var now = configuration.Clock.GetUtcNow();
        var candidates = await CandidatesAsync(defaultDays, now, cancellationToken).ConfigureAwait(false);
        var result = new HistoryCleanupResult(dryRun, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        foreach (var roots in candidates.Chunk(options.HistoryCleanupBatchSize))
        {
            result = await RunBatchAsync(roots, dryRun, result, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Top-level instances that ended longer ago than their process's time to live.</summary>
    private async Task<List<Guid>> CandidatesAsync(int? defaultDays, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var definitions = await db.ProcessDefinitions.AsNoTracking().Select(d => new { d.Id, d.HistoryTimeToLiveDays }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var candidates = new List<Guid>();
        foreach (var group in definitions.GroupBy(d => d.HistoryTimeToLiveDays ?? defaultDays))
        {
            if (group.Key is not { } days)
            {
                continue;
            }

            var cutoff = now.AddDays(-days);
            var definitionIds = group.Select(d => d.Id).ToList();
            candidates.AddRange(await db.ProcessInstances.AsNoTracking()
                .Where(p => p.ParentProcessInstanceId == null && p.State != ProcessInstanceState.Active && p.EndedAt != null && p.EndedAt < cutoff && definitionIds.Contains(p.ProcessDefinitionId))
                .Select(p => p.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        candidates.Sort();
        return candidates;
    }

    private async Task<HistoryCleanupResult> RunBatchAsync(Guid[] roots, bool dryRun, HistoryCleanupResult result, CancellationToken cancellationToken)
    {
        var trees = await TreesAsync(roots, cancellationToken).ConfigureAwait(false);
        var members = trees.Values.SelectMany(m => m).ToList();
        var nullableMembers = members.Select(id => (Guid?)id).ToList();
        var busy = (await db.ProcessInstances.AsNoTracking().Where(p => members.Contains(p.Id) && p.State == ProcessInstanceState.Active).Select(p => p.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Concat(await db.Incidents.AsNoTracking().Where(i => nullableMembers.Contains(i.ProcessInstanceId) && i.ResolvedAt == null).Select(i => i.ProcessInstanceId!.Value)
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToHashSet();
        var retained = new HashSet<Guid>();
        foreach (var retention in retentions)
        {
            retained.UnionWith(await retention.FindRetainedAsync(members, cancellationToken).ConfigureAwait(false));
        }

        var skipped = trees.Count(t => t.Value.Any(busy.Contains));
        var kept = trees.Count(t => !t.Value.Any(busy.Contains) && t.Value.Any(retained.Contains));
        var ids = trees.Values.Where(m => !m.Any(busy.Contains) && !m.Any(retained.Contains)).SelectMany(m => m).ToList();
        result = result with { Retained = result.Retained + kept, Skipped = result.Skipped + skipped };
        if (ids.Count == 0)
        {
            return result;
        }

        var nullableIds = ids.Select(id => (Guid?)id).ToList();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var history = await db.HistoryEvents.Where(e => ids.Contains(e.ProcessInstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var variables = await db.Variables.Where(v => ids.Contains(v.ProcessInstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var tasks = await db.UserTasks.Where(t => ids.Contains(t.ProcessInstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var incidents = await db.Incidents.Where(i => nullableIds.Contains(i.ProcessInstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var other = await db.Executions.Where(e => ids.Contains(e.ProcessInstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false)
                + await db.Jobs.Where(j => nullableIds.Contains(j.ProcessInstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false)
                + await db.EventSubscriptions.Where(s => nullableIds.Contains(s.ProcessInstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

            // The state is checked again here: nothing may take away a running instance, whatever happened since the selection.
            var instances = await db.ProcessInstances.Where(p => ids.Contains(p.Id) && p.State != ProcessInstanceState.Active).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            if (instances != ids.Count && !dryRun)
            {
                // An instance of the batch runs again (cannot happen through the engine's commands) or is gone already
                // (another server process cleaned it up): leave the batch to the next run rather than half of a tree.
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return result with { Skipped = result.Skipped + trees.Count - skipped - kept };
            }

            if (dryRun)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return result with
            {
                Batches = result.Batches + 1,
                ProcessInstances = result.ProcessInstances + instances,
                HistoryEvents = result.HistoryEvents + history,
                Variables = result.Variables + variables,
                UserTasks = result.UserTasks + tasks,
                Incidents = result.Incidents + incidents,
                Other = result.Other + other,
            };
        }
    }

    /// <summary>Each root with the instances it called, directly or further down.</summary>
    private async Task<Dictionary<Guid, List<Guid>>> TreesAsync(Guid[] roots, CancellationToken cancellationToken)
    {
        var rootOf = roots.ToDictionary(r => r, r => r);
        var level = roots.Select(r => (Guid?)r).ToList();
        while (level.Count > 0)
        {
            var children = await db.ProcessInstances.AsNoTracking().Where(p => level.Contains(p.ParentProcessInstanceId))
                .Select(p => new { p.Id, Parent = p.ParentProcessInstanceId!.Value }).ToListAsync(cancellationToken).ConfigureAwait(false);
            level = [];
            foreach (var child in children.Where(c => !rootOf.ContainsKey(c.Id)))
            {
                rootOf[child.Id] = rootOf[child.Parent];
                level.Add(child.Id);
            }
        }

        return rootOf.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToList());
    }
}

/// <summary>Checks the settings of <see cref="ProcessEngineOptions"/> that are given as text, and names the wrong one.</summary>
internal sealed class ProcessEngineOptionsValidator : IValidateOptions<ProcessEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, ProcessEngineOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.DefaultHistoryTimeToLive) && HistoryTimeToLive.ParseDays(options.DefaultHistoryTimeToLive) is null)
        {
            failures.Add($"Amtsweg:Engine:DefaultHistoryTimeToLive must be a number of days from 0 to {HistoryTimeToLive.MaxDays} (30 or P30D), or empty to keep the history for ever; it is '{options.DefaultHistoryTimeToLive}'.");
        }

        if (options.HistoryCleanupBatchSize is < 1 or > 10_000)
        {
            failures.Add("Amtsweg:Engine:HistoryCleanupBatchSize must be between 1 and 10000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The default time to live in days, or null for "keep for ever".</summary>
    public static int? DefaultHistoryDays(ProcessEngineOptions options) =>
        string.IsNullOrWhiteSpace(options.DefaultHistoryTimeToLive)
            ? null
            : HistoryTimeToLive.ParseDays(options.DefaultHistoryTimeToLive)
                ?? throw new InvalidOperationException($"Amtsweg:Engine:DefaultHistoryTimeToLive '{options.DefaultHistoryTimeToLive}' is no number of days (30 or P30D).");
}
