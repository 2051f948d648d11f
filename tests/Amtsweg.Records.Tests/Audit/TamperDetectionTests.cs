using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Amtsweg.Records.Tests.Audit;

public sealed class TamperDetectionTests(ITestOutputHelper output)
{
    private const int Trials = 1000;

    private enum Tampering
    {
        ChangeEntryField,
        DeleteEntry,
        SwapEntries,
        EditBlob,
        RemoveBlob,
        ChangeVersionField,
        DeleteVersion,
    }

    [Theory]
    [AllProviders]
    public async Task Verify_DetectsEveryOneOf1000RandomTamperings(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await FillAsync(host, tenant);
        await using var db = host.CreatePrivilegedContext(tenant);
        var tenantContext = new TenantContext();
        tenantContext.UseTenant(tenant);
        var verifier = new AuditVerifier(db, host.Blobs, tenantContext);
        Assert.True((await verifier.VerifyAsync(CancellationToken.None)).IsIntact);
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var versions = await db.DokumentVersionen.AsNoTracking().ToListAsync();
        var random = new Random(20261127);
        var detected = 0;
        var missed = new List<string>();

        for (var trial = 0; trial < Trials; trial++)
        {
            var kind = (Tampering)random.Next(Enum.GetValues<Tampering>().Length);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await AllowChangesToAuditTableAsync(db, provider);
            var restoreFile = default((string Path, byte[] Bytes)?);
            string description;
            long? expectedFirst = null;
            try
            {
                (description, expectedFirst, restoreFile) = await TamperAsync(db, host, kind, entries, versions, random);
                db.ChangeTracker.Clear();
                var verification = await verifier.VerifyAsync(CancellationToken.None);
                if (!verification.IsIntact && (expectedFirst is null || verification.FirstProblem!.Sequence == expectedFirst))
                {
                    detected++;
                }
                else
                {
                    missed.Add($"{trial}: {description} → {(verification.IsIntact ? "nicht erkannt" : verification.FirstProblem)}");
                }
            }
            finally
            {
                await transaction.RollbackAsync();
                if (restoreFile is { } file)
                {
                    await File.WriteAllBytesAsync(file.Path, file.Bytes);
                }
            }
        }

        output.WriteLine($"{provider}: {detected} of {Trials} tamperings detected");
        Assert.True(missed.Count == 0, string.Join(Environment.NewLine, missed.Take(20)));
        Assert.Equal(Trials, detected);
        Assert.True((await verifier.VerifyAsync(CancellationToken.None)).IsIntact);
    }

    private static async Task FillAsync(RecordsTestHost host, Guid tenant)
    {
        var (position, akte, vorgang) = await host.CreateVorgangAsync(tenant);
        var second = await host.ExecuteAsync(tenant, new OpenVorgangCommand(akte.Id, "Gewerbeummeldung"));
        for (var i = 0; i < 10; i++)
        {
            var target = i % 2 == 0 ? vorgang.Id : second.Id;
            var version = await host.ExecuteAsync(tenant, new AddDokumentCommand(target, RecordsTestHost.Metadata($"Schreiben {i}", "Schreiben"), RecordsTestHost.Content($"Inhalt {i}")));
            if (i % 3 == 0)
            {
                await host.ExecuteAsync(tenant, new AddDokumentVersionCommand(version.DokumentId, RecordsTestHost.Metadata($"Schreiben {i} (2)", "Schreiben"), RecordsTestHost.Content($"Inhalt {i}, Fassung 2")));
            }

            await (await host.ExecuteAsync(tenant, new ReadDokumentContentCommand(version.Id))).DisposeAsync();
            await host.ExecuteAsync(tenant, new AddVermerkCommand(target, $"Vermerk {i}"));
        }

        await host.ExecuteAsync(tenant, new ChangeRetentionCommand(position.Id, 20, DisposalRule.Destroy, "Richtlinie"));
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(second.Id));
    }

    private static async Task AllowChangesToAuditTableAsync(RecordsDbContext db, DatabaseProvider provider)
    {
        // The attacker has direct access to the database: the insert-only triggers do not stop them (rolled back after each trial).
        if (provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEntries_no_update\"; DROP TRIGGER \"AuditEntries_no_delete\";");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER USER");
        }
    }

    private static async Task<(string Description, long? ExpectedFirst, (string, byte[])? Restore)> TamperAsync(
        RecordsDbContext db, RecordsTestHost host, Tampering kind, List<AuditEntry> entries, List<DokumentVersion> versions, Random random)
    {
        switch (kind)
        {
            case Tampering.ChangeEntryField:
                {
                    var entry = entries[random.Next(entries.Count)];
                    var field = random.Next(9);
                    var sql = field switch
                    {
                        0 => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Actor\" = {"mallory"} WHERE \"Id\" = {entry.Id}"),
                        1 => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Action\" = {entry.Action + "X"} WHERE \"Id\" = {entry.Id}"),
                        2 => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"SubjectType\" = {"Akte" + entry.SubjectType} WHERE \"Id\" = {entry.Id}"),
                        3 => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"SubjectId\" = {Guid.NewGuid()} WHERE \"Id\" = {entry.Id}"),
                        4 => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Details\" = {entry.Details.Replace("}", ",\"x\":\"y\"}", StringComparison.Ordinal)} WHERE \"Id\" = {entry.Id}"),
                        5 => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"OccurredAt\" = {entry.OccurredAt.AddSeconds(-random.Next(1, 100_000))} WHERE \"Id\" = {entry.Id}"),
                        6 => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"PreviousHash\" = {Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, 'a')} WHERE \"Id\" = {entry.Id}"),
                        7 => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Hash\" = {Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, 'b')} WHERE \"Id\" = {entry.Id}"),
                        _ => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = {entry.Sequence + 10_000} WHERE \"Id\" = {entry.Id}"),
                    };
                    Assert.Equal(1, await sql);
                    return ($"field {field} of entry {entry.Sequence}", field == 8 ? null : entry.Sequence, null);
                }

            case Tampering.DeleteEntry:
                {
                    var entry = entries[random.Next(entries.Count)];
                    Assert.Equal(1, await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {entry.Id}"));
                    return ($"deleted entry {entry.Sequence}", null, null);
                }

            case Tampering.SwapEntries:
                {
                    var first = entries[random.Next(entries.Count)];
                    var second = entries.Where(e => e.Id != first.Id).ElementAt(random.Next(entries.Count - 1));
                    await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = {-1L} WHERE \"Id\" = {first.Id}");
                    await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = {first.Sequence} WHERE \"Id\" = {second.Id}");
                    await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = {second.Sequence} WHERE \"Id\" = {first.Id}");
                    return ($"swapped entries {first.Sequence} and {second.Sequence}", Math.Min(first.Sequence, second.Sequence), null);
                }

            case Tampering.EditBlob:
                {
                    var version = versions[random.Next(versions.Count)];
                    var path = host.Blobs.PathOf(version.ContentHash);
                    var original = await File.ReadAllBytesAsync(path);
                    var edited = (byte[])original.Clone();
                    edited[random.Next(edited.Length)] ^= (byte)random.Next(1, 256);
                    await File.WriteAllBytesAsync(path, edited);
                    return ($"edited blob of version {version.Id}", null, (path, original));
                }

            case Tampering.RemoveBlob:
                {
                    var version = versions[random.Next(versions.Count)];
                    var path = host.Blobs.PathOf(version.ContentHash);
                    var original = await File.ReadAllBytesAsync(path);
                    File.Delete(path);
                    return ($"removed blob of version {version.Id}", null, (path, original));
                }

            case Tampering.ChangeVersionField:
                {
                    var version = versions[random.Next(versions.Count)];
                    var other = versions.First(v => v.ContentHash != version.ContentHash);
                    var field = random.Next(5);
                    var sql = field switch
                    {
                        0 => db.Database.ExecuteSqlAsync($"UPDATE \"DokumentVersionen\" SET \"Title\" = {version.Title + " (geändert)"} WHERE \"Id\" = {version.Id}"),
                        1 => db.Database.ExecuteSqlAsync($"UPDATE \"DokumentVersionen\" SET \"Sender\" = {"Max Mustermann"} WHERE \"Id\" = {version.Id}"),
                        2 => db.Database.ExecuteSqlAsync($"UPDATE \"DokumentVersionen\" SET \"ContentHash\" = {other.ContentHash}, \"ContentLength\" = {other.ContentLength} WHERE \"Id\" = {version.Id}"),
                        3 => db.Database.ExecuteSqlAsync($"UPDATE \"DokumentVersionen\" SET \"Confidentiality\" = {nameof(Confidentiality.Public)} WHERE \"Id\" = {version.Id}"),
                        _ => db.Database.ExecuteSqlAsync($"UPDATE \"DokumentVersionen\" SET \"DokumentDate\" = {version.DokumentDate.AddDays(random.Next(1, 400))} WHERE \"Id\" = {version.Id}"),
                    };
                    Assert.Equal(1, await sql);
                    return ($"field {field} of version {version.Id}", null, null);
                }

            case Tampering.DeleteVersion:
                {
                    var version = versions[random.Next(versions.Count)];
                    Assert.Equal(1, await db.Database.ExecuteSqlAsync($"DELETE FROM \"DokumentVersionen\" WHERE \"Id\" = {version.Id}"));
                    return ($"deleted version {version.Id}", null, null);
                }
        }

        throw new ArgumentOutOfRangeException(nameof(kind));
    }
}
