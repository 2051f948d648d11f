using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Intake;

/// <summary>
/// Takes waiting items of every tenant one by one and processes each in a scope of its tenant. An item is claimed
/// with a conditional update (status and claim token), so several server processes on one database never process
/// the same item. A claim is short and renewed by a heartbeat while the item is processed, so the item of a killed
/// process is taken up again within <see cref="IntakeOptions.ClaimDuration"/> of its last heartbeat.
/// The server runs it in the background; <c>amtsweg import</c> runs it inline.
/// </summary>
public sealed class IntakeWorker(ITenantScopeFactory scopes, BlobStore blobs, TimeProvider clock, IOptions<IntakeOptions> options, ILogger<IntakeWorker> logger)
{
    private const int CandidatesPerQuery = 50;

    // Partial files of a killed process are swept at the first run (server start, `amtsweg import`) and then hourly.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);
    private readonly Lock _sweepLock = new();
    private DateTimeOffset? _lastSweep;

    /// <summary>
    /// Processes everything waiting (also what processing adds, such as e-mail attachments), with as many items at
    /// once as OCR may run programs (the <see cref="OcrEngine"/> keeps the total within that); returns how many
    /// items were processed.
    /// </summary>
    public async Task<int> RunPendingAsync(CancellationToken cancellationToken)
    {
        SweepTemporaryFiles();
        await ResumeWaitingForSetupAsync(cancellationToken).ConfigureAwait(false);
        var loops = await Task.WhenAll(Enumerable.Range(0, options.Value.OcrParallelism).Select(_ => RunLoopAsync(cancellationToken))).ConfigureAwait(false);
        return loops.Sum();
    }

    /// <summary>
    /// Puts the items that wait for a missing program back in line once every configured program is installed;
    /// returns how many. Runs before each pass, so the background service's poll is the periodic re-check.
    /// </summary>
    public async Task<int> ResumeWaitingForSetupAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MissingPrograms().Count > 0)
        {
            return 0;
        }

        var scope = scopes.CreatePlatformScope();
        await using (scope.ConfigureAwait(false))
        {
            var resumed = await scope.ServiceProvider.GetRequiredService<RecordsDbContext>().IntakeItems
                .Where(i => i.Status == IntakeStatus.WaitingForSetup)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, IntakeStatus.Received)
                    .SetProperty(i => i.Progress, 0)
                    .SetProperty(i => i.Message, (string?)null), cancellationToken).ConfigureAwait(false);
            if (resumed > 0)
            {
                logger.LogInformation("{Count} Posteingang item(s) waiting for a missing program are processed again", resumed);
            }

            return resumed;
        }
    }

    private void SweepTemporaryFiles()
    {
        var now = clock.GetUtcNow();
        lock (_sweepLock)
        {
            if (_lastSweep is { } last && now - last < SweepInterval)
            {
                return;
            }

            _lastSweep = now;
        }

        var removed = blobs.RemoveStaleTemporaryFiles(now);
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} temporary file(s) left behind in the blob folder", removed);
        }
    }

    private async Task<int> RunLoopAsync(CancellationToken cancellationToken)
    {
        var processed = 0;
        while (await ClaimNextAsync(cancellationToken).ConfigureAwait(false) is { } claimed)
        {
            await ProcessAsync(claimed.Id, claimed.TenantId, claimed.Token, cancellationToken).ConfigureAwait(false);
            processed++;
        }

        return processed;
    }

    /// <summary>
    /// Processes one waiting item now, and then the items taken from it (e-mail attachments); returns the item's
    /// final status, or null when another processor holds it.
    /// </summary>
    public async Task<IntakeStatus?> RunItemAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await ClaimAsync(id, cancellationToken).ConfigureAwait(false) is not { } claim)
        {
            return null;
        }

        var tenantId = claim.TenantId;
        await ProcessAsync(id, tenantId, claim.Token, cancellationToken).ConfigureAwait(false);
        var scope = scopes.CreateScope(tenantId);
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
            foreach (var child in await db.IntakeItems.Where(i => i.ParentId == id && i.Status == IntakeStatus.Received).Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                await RunItemAsync(child, cancellationToken).ConfigureAwait(false);
            }

            return await db.IntakeItems.Where(i => i.Id == id).Select(i => i.Status).SingleAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Processes an item that was received already claimed (<see cref="IntakeDelivery.ProcessAtOnce"/>) and returns
    /// it as it is afterwards; an item with a target Vorgang is filed there.
    /// </summary>
    public async Task<IntakeItem> ProcessClaimedAsync(IntakeItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await ProcessAsync(item.Id, item.TenantId, item.ClaimToken, cancellationToken).ConfigureAwait(false);
        var scope = scopes.CreateScope(item.TenantId);
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<RecordsDbContext>().IntakeItems.AsNoTracking().SingleAsync(i => i.Id == item.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(Guid TenantId, Guid Token)?> ClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        var scope = scopes.CreatePlatformScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
            var item = await db.IntakeItems.AsNoTracking().Where(i => i.Id == id)
                .Select(i => new Candidate(i.Id, i.TenantId, i.Status, i.ClaimToken, i.ClaimedUntil)).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return item is not null && await TryClaimAsync(db, item, cancellationToken).ConfigureAwait(false) is { } token ? (item.TenantId, token) : null;
        }
    }

    private async Task<Guid?> TryClaimAsync(RecordsDbContext db, Candidate candidate, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!(candidate.Status == IntakeStatus.Received || (candidate.Status == IntakeStatus.Processing && candidate.ClaimedUntil < now)))
        {
            return null;
        }

        var token = Guid.CreateVersion7(now);
        var claimed = await db.IntakeItems
            .Where(i => i.Id == candidate.Id && i.Status == candidate.Status && i.ClaimToken == candidate.ClaimToken)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, IntakeStatus.Processing)
                .SetProperty(i => i.ClaimToken, token)
                .SetProperty(i => i.ClaimedUntil, now + options.Value.ClaimDuration)
                .SetProperty(i => i.Progress, 1), cancellationToken).ConfigureAwait(false);
        return claimed == 1 ? token : null;
    }

    private sealed record Candidate(Guid Id, Guid TenantId, IntakeStatus Status, Guid? ClaimToken, DateTimeOffset? ClaimedUntil);

    private async Task<(Guid Id, Guid TenantId, Guid Token)?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreatePlatformScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
            // UUID v7 ids sort by arrival; both providers order them that way.
            var candidates = await db.IntakeItems.AsNoTracking()
                .Where(i => i.Status == IntakeStatus.Received || i.Status == IntakeStatus.Processing)
                .OrderBy(i => i.Id)
                .Take(CandidatesPerQuery)
                .Select(i => new Candidate(i.Id, i.TenantId, i.Status, i.ClaimToken, i.ClaimedUntil))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var candidate in candidates)
            {
                if (await TryClaimAsync(db, candidate, cancellationToken).ConfigureAwait(false) is { } token)
                {
                    return (candidate.Id, candidate.TenantId, token);
                }
            }

            return null;
        }
    }

    // Claims are short (ClaimDuration) so that the item of a killed process is taken up again soon; while the item is
    // processed, a heartbeat renews the claim, so a long OCR run keeps it however long it takes.
    private async Task ProcessAsync(Guid id, Guid tenantId, Guid? token, CancellationToken cancellationToken)
    {
        using var processing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = token is { } claim ? RenewClaimAsync(id, claim, processing.Token) : Task.CompletedTask;
        try
        {
            await ProcessClaimedItemAsync(id, tenantId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await processing.CancelAsync().ConfigureAwait(false);
            try
            {
                await heartbeat.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The heartbeat ends with the processing.
            }
        }
    }

    private async Task RenewClaimAsync(Guid id, Guid token, CancellationToken cancellationToken)
    {
        var interval = options.Value.ClaimDuration / 3;
        while (true)
        {
            await Task.Delay(interval, clock, cancellationToken).ConfigureAwait(false);
            var scope = scopes.CreatePlatformScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
                var until = clock.GetUtcNow() + options.Value.ClaimDuration;
                var renewed = await db.IntakeItems.Where(i => i.Id == id && i.Status == IntakeStatus.Processing && i.ClaimToken == token)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedUntil, until), cancellationToken).ConfigureAwait(false);
                if (renewed == 0)
                {
                    return;
                }
            }
        }
    }

    private async Task ProcessClaimedItemAsync(Guid id, Guid tenantId, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateScope(tenantId);
        await using (scope.ConfigureAwait(false))
        {
            try
            {
                await scope.ServiceProvider.GetRequiredService<IntakeProcessor>().ProcessAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // An unexpected error must not stop the Posteingang; the item is marked failed and the error logged.
            catch (Exception error)
#pragma warning restore CA1031
            {
                logger.LogError(error, "Processing intake item {ItemId} failed", id);
                var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
                db.ChangeTracker.Clear();
                await db.IntakeItems.Where(i => i.Id == id && i.Status == IntakeStatus.Processing).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, IntakeStatus.Failed)
                    .SetProperty(i => i.Progress, 100)
                    .SetProperty(i => i.ClaimToken, (Guid?)null)
                    .SetProperty(i => i.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(i => i.Message, "Bei der Verarbeitung ist ein unerwarteter Fehler aufgetreten; der Betrieb findet ihn im Protokoll. Bitte reichen Sie die Datei erneut ein."), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
