using System.Buffers.Binary;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Blobs;

/// <summary>
/// The one reference check for content blobs (ADR 0019). A blob is stored once per SHA-256 for all municipalities and
/// may be deleted only when no row of any municipality points to it: no document version, no Posteingang item (its
/// original or its rendition). Deleting and storing serialise on the hash:
/// <list type="bullet">
/// <item>A deleter (<see cref="Retention.BlobCleanup"/>) runs after its rows' deletion committed, takes the hash lock
/// in a short transaction of its own, checks the references and deletes the file while it holds the lock.</item>
/// <item>A writer stores the file first (before its transaction), then, inside its transaction and after its row is
/// written, takes the same lock and checks that the file is still there (<see cref="EnsureStoredAsync"/>); it commits
/// while holding the lock.</item>
/// </list>
/// Either the writer's row is committed before the deleter looks (the deleter sees it and keeps the file), or the
/// deleter has finished before the writer looks (the writer sees the file missing and fails without committing a row
/// that would point to nothing). A crash between a deleter's commit and its file deletion leaves an orphaned file,
/// never a row without content.
/// </summary>
public static class BlobReferences
{
    // The two-key advisory lock space keeps these locks apart from any one-key advisory lock.
    private const int LockClass = 0x426c6f62; // "Blob"

    /// <summary>
    /// Takes the lock on <paramref name="hash"/> until the current transaction ends. On PostgreSQL a transaction-level
    /// advisory lock; on SQLite the transaction holds the database's write lock already (EF Core begins SQLite
    /// transactions with <c>BEGIN IMMEDIATE</c>, and a writer has written its row), so no two such sections overlap.
    /// </summary>
    public static async Task LockAsync(RecordsDbContext db, string hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The blob lock is held by a transaction; begin one first.");
        }

        if (db.Database.IsNpgsql())
        {
            var key = LockKey(hash);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockClass}, {key})", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when any row of any municipality points to the blob <paramref name="hash"/>.</summary>
    public static async Task<bool> IsReferencedAsync(RecordsDbContext db, string hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            // Row-level security hides other municipalities' rows from the server's role: ask the narrow function.
            return await db.Database.SqlQuery<bool>($"SELECT amtsweg_blob_is_referenced({hash}) AS \"Value\"")
                .SingleAsync(cancellationToken).ConfigureAwait(false);
        }

        // SQLite has no row-level security; the tenant filter is bypassed here on purpose and only a yes/no leaves.
        return await db.DokumentVersionen.IgnoreQueryFilters().AnyAsync(v => v.ContentHash == hash, cancellationToken).ConfigureAwait(false)
            || await db.IntakeItems.IgnoreQueryFilters().AnyAsync(i => i.ContentHash == hash || i.FilingContentHash == hash, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The blob hashes that the rows added or changed in <paramref name="db"/>'s change tracker point to.</summary>
    internal static IReadOnlyList<string> Pending(RecordsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hashes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case DokumentVersion version when entry.State == EntityState.Added:
                    hashes.Add(version.ContentHash);
                    break;
                case IntakeItem item when entry.State == EntityState.Added:
                    hashes.Add(item.ContentHash);
                    if (item.FilingContentHash is { } added)
                    {
                        hashes.Add(added);
                    }

                    break;
                case IntakeItem item when entry.State == EntityState.Modified && item.FilingContentHash is { } rendition
                    && entry.Property(nameof(IntakeItem.FilingContentHash)).IsModified:
                    hashes.Add(rendition);
                    break;
            }
        }

        hashes.Remove("");
        return [.. hashes];
    }

    /// <summary>
    /// Inside the writer's transaction, after its rows are saved and before it commits: takes the lock on each hash the
    /// saved rows point to and checks that its file is still there. Throws <see cref="RecordsErrors.BlobCorrupt"/> when
    /// a concurrent deletion removed it; the transaction then rolls back and the content can be stored again.
    /// </summary>
    public static async Task EnsureStoredAsync(RecordsDbContext db, BlobStore blobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(blobs);
        foreach (var hash in db.TakeSavedBlobReferences())
        {
            await LockAsync(db, hash, cancellationToken).ConfigureAwait(false);
            if (!File.Exists(blobs.PathOf(hash)))
            {
                throw new RecordsException(RecordsErrors.BlobCorrupt, $"Der Inhalt {hash} wurde gleichzeitig gelöscht, während er gespeichert wurde. Bitte speichern Sie die Datei erneut.");
            }
        }
    }

    /// <summary>
    /// Saves <paramref name="db"/>'s changes and checks the blobs the saved rows point to (<see cref="EnsureStoredAsync"/>),
    /// in the open transaction or in one of its own.
    /// </summary>
    public static async Task SaveChangesAsync(RecordsDbContext db, BlobStore blobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await EnsureStoredAsync(db, blobs, cancellationToken).ConfigureAwait(false);
            return;
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await EnsureStoredAsync(db, blobs, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static int LockKey(string hash) => BinaryPrimitives.ReadInt32BigEndian(Convert.FromHexString(hash.AsSpan(0, 8)));
}
