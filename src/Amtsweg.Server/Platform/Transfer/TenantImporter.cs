using System.Data.Common;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Retention;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Platform.Transfer;

/// <summary>What an import did.</summary>
/// <param name="Manifest">The archive's manifest.</param>
/// <param name="Rows">How many rows were written.</param>
/// <param name="Blobs">How many document blobs the archive carried.</param>
/// <param name="Audit">The audit chain of the imported municipality, verified after the import.</param>
public sealed record TenantImportResult(TenantArchiveManifest Manifest, long Rows, int Blobs, AuditVerification Audit);

/// <summary>
/// Reads a municipality's archive (docs/tenant-export.md) into this installation: checks the format version and every
/// entry's SHA-256 first, refuses an AGS, user name or other unique value that exists here, then writes every row of
/// every module in one transaction, in the order of the foreign keys. Blobs are stored before that transaction (ADR 0019)
/// and removed again when it fails, unless some other row points to them. Resolve it from a scope of its own.
/// </summary>
public sealed class TenantImporter(
    IServiceProvider services, RecordsDbContext records, BlobStore blobs, BlobCleanup cleanup, TenantContext tenant, ITenantScopeFactory scopes, PlatformAdministration administration)
{
    private const int CheckBatch = 200;

    /// <summary>Imports the archive at <paramref name="path"/>; throws <see cref="TenantTransferException"/> with nothing written.</summary>
    public async Task<TenantImportResult> ImportAsync(string path, CancellationToken cancellationToken)
    {
        tenant.UsePlatformScope();
        var tables = TransferTables.Describe(services);
        ZipArchive zip;
        try
        {
            zip = await ZipFile.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException error)
        {
            throw new TenantTransferException("Das Archiv ist unvollständig oder beschädigt (kein lesbares ZIP-Archiv). Es wurde nichts übernommen.", error);
        }

        await using (zip.ConfigureAwait(false))
        {
            try
            {
                var manifest = await ReadManifestAsync(zip, cancellationToken).ConfigureAwait(false);
                await VerifyEntriesAsync(zip, manifest, cancellationToken).ConfigureAwait(false);
                var rows = await ReadRowsAsync(zip, manifest, tables, cancellationToken).ConfigureAwait(false);
                return await WriteAsync(zip, manifest, tables, rows, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException error)
            {
                throw new TenantTransferException("Das Archiv ist unvollständig oder beschädigt. Es wurde nichts übernommen.", error);
            }
        }
    }

    private static async Task<TenantArchiveManifest> ReadManifestAsync(ZipArchive zip, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(TenantArchive.ManifestEntry)
            ?? throw new TenantTransferException("Das Archiv enthält kein Verzeichnis (manifest.json); es ist kein Gemeinde-Archiv von Amtsweg. Es wurde nichts übernommen.");
        JsonObject? raw;
        var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                raw = JsonNode.Parse(stream) as JsonObject;
            }
            catch (JsonException error)
            {
                throw new TenantTransferException("Das Verzeichnis des Archivs (manifest.json) ist kein gültiges JSON. Es wurde nichts übernommen.", error);
            }
        }

        if (raw?["format"]?.GetValueKind() != JsonValueKind.String || raw["format"]!.GetValue<string>() != TenantArchive.FormatName)
        {
            throw new TenantTransferException("Das Archiv ist kein Gemeinde-Archiv von Amtsweg. Es wurde nichts übernommen.");
        }

        var version = raw["formatVersion"]?.GetValueKind() == JsonValueKind.Number ? raw["formatVersion"]!.GetValue<int>() : 0;
        if (version > TenantArchive.FormatVersion)
        {
            throw new TenantTransferException($"Das Archiv hat das Format Version {version} (von Amtsweg {raw["amtswegVersion"]?.ToString() ?? "?"}); diese Installation liest bis Version {TenantArchive.FormatVersion}. Aktualisieren Sie Amtsweg, bevor Sie es übernehmen. Es wurde nichts übernommen.");
        }

        if (version < 1)
        {
            throw new TenantTransferException("Das Verzeichnis des Archivs nennt keine gültige Formatversion. Es wurde nichts übernommen.");
        }

        try
        {
            return raw.Deserialize<TenantArchiveManifest>(TenantArchive.ManifestJson)
                ?? throw new TenantTransferException("Das Verzeichnis des Archivs ist leer. Es wurde nichts übernommen.");
        }
        catch (JsonException error)
        {
            throw new TenantTransferException("Das Verzeichnis des Archivs (manifest.json) ist unvollständig. Es wurde nichts übernommen.", error);
        }
    }

    // Every entry against its SHA-256 and every table against its row count, before anything is written.
    private static async Task VerifyEntriesAsync(ZipArchive zip, TenantArchiveManifest manifest, CancellationToken cancellationToken)
    {
        var expected = new Dictionary<string, (string Sha, long? Rows, long? Length)>(StringComparer.Ordinal);
        foreach (var table in manifest.Tables ?? [])
        {
            expected[table.Entry] = (table.Sha256, table.Rows, null);
        }

        foreach (var blob in manifest.Blobs ?? [])
        {
            if (blob.Entry != TenantArchive.BlobEntry(blob.Sha256))
            {
                throw new TenantTransferException($"Das Verzeichnis des Archivs nennt den Inhalt {blob.Sha256} unter einem falschen Namen. Es wurde nichts übernommen.");
            }

            expected[blob.Entry] = (blob.Sha256, null, blob.Length);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName == TenantArchive.ManifestEntry)
            {
                continue;
            }

            if (!expected.TryGetValue(entry.FullName, out var want) || !seen.Add(entry.FullName))
            {
                throw new TenantTransferException($"Das Archiv enthält die Datei „{entry.FullName}“, die sein Verzeichnis nicht nennt; es wurde verändert. Es wurde nichts übernommen.");
            }

            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0, lines = 0;
            var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    length += read;
                    lines += buffer.AsSpan(0, read).Count((byte)'\n');
                }
            }

            if (Convert.ToHexStringLower(sha.GetHashAndReset()) != want.Sha || (want.Length is { } size && size != length) || (want.Rows is { } rows && rows != lines))
            {
                throw new TenantTransferException($"Die Datei „{entry.FullName}“ im Archiv stimmt nicht mit ihrer Prüfsumme überein; das Archiv wurde verändert oder ist beschädigt. Es wurde nichts übernommen.");
            }
        }

        var absent = expected.Keys.FirstOrDefault(name => !seen.Contains(name));
        if (absent is not null)
        {
            throw new TenantTransferException($"Im Archiv fehlt die Datei „{absent}“; es ist unvollständig. Es wurde nichts übernommen.");
        }
    }

    private static async Task<Dictionary<TransferTable, List<JsonObject>>> ReadRowsAsync(ZipArchive zip, TenantArchiveManifest manifest, IReadOnlyList<TransferTable> tables, CancellationToken cancellationToken)
    {
        var result = new Dictionary<TransferTable, List<JsonObject>>();
        foreach (var archived in manifest.Tables)
        {
            var table = tables.FirstOrDefault(t => t.Module == archived.Module && t.Name == archived.Table && t.Kind != TransferKind.NotExported)
                ?? throw new TenantTransferException($"Die Tabelle „{archived.Module}/{archived.Table}“ des Archivs kennt diese Installation nicht (Archiv einer neueren Amtsweg-Version?). Es wurde nichts übernommen.");
            var known = table.Properties.Select(p => p.Name).Append(TenantExporter.RoleNameField).ToHashSet(StringComparer.Ordinal);
            var rows = new List<JsonObject>();
            var stream = await zip.GetEntry(archived.Entry)!.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                var row = JsonNode.Parse(line) as JsonObject
                    ?? throw new TenantTransferException($"Eine Zeile der Tabelle „{archived.Table}“ ist kein JSON-Objekt. Es wurde nichts übernommen.");
                var unknown = row.Select(p => p.Key).FirstOrDefault(name => !known.Contains(name));
                if (unknown is not null)
                {
                    throw new TenantTransferException($"Die Spalte „{unknown}“ der Tabelle „{archived.Table}“ kennt diese Installation nicht (Archiv einer neueren Amtsweg-Version?). Es wurde nichts übernommen.");
                }

                if (table.Kind == TransferKind.TenantRows && row[TransferTables.TenantIdProperty]?.GetValue<Guid>() != manifest.TenantId)
                {
                    throw new TenantTransferException($"Eine Zeile der Tabelle „{archived.Table}“ gehört nicht zur Gemeinde des Archivs. Es wurde nichts übernommen.");
                }

                rows.Add(row);
            }

            result[table] = rows;
        }

        var municipality = result.FirstOrDefault(r => r.Key.Kind == TransferKind.Municipality).Value;
        if (municipality is not [{ } only] || only[nameof(Municipality.Id)]?.GetValue<Guid>() != manifest.TenantId || only[nameof(Municipality.Ags)]?.GetValue<string>() != manifest.Ags)
        {
            throw new TenantTransferException("Das Archiv enthält die Gemeinde nicht, die sein Verzeichnis nennt. Es wurde nichts übernommen.");
        }

        return result;
    }

    private async Task<TenantImportResult> WriteAsync(ZipArchive zip, TenantArchiveManifest manifest, IReadOnlyList<TransferTable> tables, Dictionary<TransferTable, List<JsonObject>> rows, CancellationToken cancellationToken)
    {
        var ordered = tables.Where(rows.ContainsKey).ToList();
        await records.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = records.Database.GetDbConnection();
            await RefuseExistingAsync(connection, manifest, ordered, rows, cancellationToken).ConfigureAwait(false);

            // The fixed roles are created on first use; an installation without users yet has none.
            await administration.EnsureRolesAsync().ConfigureAwait(false);
            var roles = (await TenantExporter.RoleNamesAsync(connection, null, tables, cancellationToken).ConfigureAwait(false))
                .ToDictionary(r => r.Value, r => r.Key, StringComparer.Ordinal);

            var stored = new List<string>();
            try
            {
                foreach (var blob in manifest.Blobs)
                {
                    if (!File.Exists(blobs.PathOf(blob.Sha256)))
                    {
                        stored.Add(blob.Sha256);
                    }

                    var content = await zip.GetEntry(blob.Entry)!.OpenAsync(cancellationToken).ConfigureAwait(false);
                    await using (content.ConfigureAwait(false))
                    {
                        var reference = await blobs.StoreAsync(content, cancellationToken).ConfigureAwait(false);
                        if (reference.Hash != blob.Sha256)
                        {
                            throw new TenantTransferException($"Der Inhalt {blob.Sha256} im Archiv hat eine andere Prüfsumme. Es wurde nichts übernommen.");
                        }
                    }
                }

                long written = 0;
                var transaction = await records.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var dbTransaction = transaction.GetDbTransaction();
                    foreach (var table in ordered)
                    {
                        written += await InsertAsync(connection, dbTransaction, table, rows[table], roles, cancellationToken).ConfigureAwait(false);
                    }

                    // As every writer of a row that points to a blob: the blob is still there under the hash lock (ADR 0019).
                    foreach (var blob in manifest.Blobs)
                    {
                        await BlobReferences.LockAsync(records, blob.Sha256, cancellationToken).ConfigureAwait(false);
                        if (!File.Exists(blobs.PathOf(blob.Sha256)))
                        {
                            throw new TenantTransferException($"Der Inhalt {blob.Sha256} wurde während der Übernahme gelöscht. Es wurde nichts übernommen; bitte erneut versuchen.");
                        }
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                stored.Clear();
                var audit = await VerifyAuditAsync(manifest.TenantId, cancellationToken).ConfigureAwait(false);
                return new TenantImportResult(manifest, written, manifest.Blobs.Count, audit);
            }
            catch (DbException error)
            {
                throw new TenantTransferException("Die Datenbank hat die Übernahme abgelehnt: " + error.Message + " Es wurde nichts übernommen.", error);
            }
            finally
            {
                if (stored.Count > 0)
                {
                    await cleanup.RemoveUnreferencedAsync(stored, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await records.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private async Task<AuditVerification> VerifyAuditAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateScope(tenantId);
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Unique values of the archive that this installation has already: the AGS, user names, ids, webhook names...
    // Checked per unique key of each table that is not unique per municipality only.
    private static async Task RefuseExistingAsync(DbConnection connection, TenantArchiveManifest manifest, IReadOnlyList<TransferTable> tables, Dictionary<TransferTable, List<JsonObject>> rows, CancellationToken cancellationToken)
    {
        // The municipality first, and unique names before ids, so that the message names what the operator knows.
        foreach (var table in tables.Where(t => t.Kind != TransferKind.Referenced).OrderBy(t => t.Kind != TransferKind.Municipality))
        {
            var keys = table.EntityType.GetIndexes().Where(i => i.IsUnique && i.GetFilter() is null).Select(i => i.Properties)
                .Concat(table.EntityType.GetKeys().Select(k => k.Properties))
                .Where(properties => properties.All(p => p.Name != TransferTables.TenantIdProperty));
            foreach (var key in keys)
            {
                var values = rows[table].Select(r => key.Select(p => TenantArchive.FromJson(r[p.Name], p)).ToArray()).Where(v => v.All(x => x is not null)).ToList();
                foreach (var batch in values.Chunk(CheckBatch))
                {
                    var found = await FindExistingAsync(connection, table, key, batch, cancellationToken).ConfigureAwait(false);
                    if (found is not null)
                    {
                        throw new TenantTransferException(Conflict(manifest, table, key, found, rows[table]) + " Es wurde nichts übernommen.");
                    }
                }
            }
        }
    }

    private static string Conflict(TenantArchiveManifest manifest, TransferTable table, IReadOnlyList<IProperty> key, object?[] found, List<JsonObject> rows)
    {
        var names = key.Select(p => p.Name).ToList();
        if (table.Kind == TransferKind.Municipality && names is [nameof(Municipality.Ags)])
        {
            return $"Eine Gemeinde mit dem AGS {manifest.Ags} gibt es in dieser Installation schon.";
        }

        if (table.Kind == TransferKind.Municipality)
        {
            return $"Die Gemeinde „{manifest.Name}“ (AGS {manifest.Ags}) wurde schon in diese Installation übernommen.";
        }

        if (table.EntityType.ClrType == typeof(AppUser) && names is [nameof(AppUser.NormalizedUserName)])
        {
            var user = rows.FirstOrDefault(r => r[nameof(AppUser.NormalizedUserName)]?.GetValue<string>() == (string?)found[0]);
            return $"Den Benutzernamen „{user?[nameof(AppUser.UserName)]?.GetValue<string>() ?? found[0]}“ gibt es in dieser Installation schon (Benutzernamen gelten für alle Gemeinden einer Installation).";
        }

        return $"In der Tabelle „{table.Name}“ gibt es {string.Join(", ", names.Zip(found, (n, v) => $"{n} = {v}"))} in dieser Installation schon.";
    }

    private static async Task<object?[]?> FindExistingAsync(DbConnection connection, TransferTable table, IReadOnlyList<IProperty> key, object?[][] batch, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var conditions = new List<string>();
        for (var row = 0; row < batch.Length; row++)
        {
            var parts = new List<string>();
            for (var i = 0; i < key.Count; i++)
            {
                var name = $"@k{row}_{i}";
                command.Parameters.Add(TenantArchive.Parameter(command, name, batch[row][i], key[i]));
                parts.Add($"{TenantArchive.Quote(table.Column(key[i]))} = {name}");
            }

            conditions.Add("(" + string.Join(" AND ", parts) + ")");
        }

        command.CommandText = $"SELECT {string.Join(", ", key.Select(p => TenantArchive.Quote(table.Column(p))))} FROM {TenantArchive.Quote(table.Name)} WHERE {string.Join(" OR ", conditions)} LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return [.. key.Select((p, i) => TenantArchive.ReadValue(reader, i, p))];
    }

    private static async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, TransferTable table, List<JsonObject> rows, Dictionary<string, Guid> roles, CancellationToken cancellationToken)
    {
        // Generated integer keys (the Identity claims) are left to the target database, which numbers its own rows.
        var properties = table.Properties.Where(p => !(p.ValueGenerated != ValueGenerated.Never && p.IsPrimaryKey() && p.ClrType != typeof(Guid))).ToList();
        var key = table.EntityType.FindPrimaryKey()!.Properties;
        long written = 0;
        foreach (var row in ParentsFirst(table, rows))
        {
            if (table.EntityType.ClrType == typeof(IdentityUserRole<Guid>))
            {
                var roleName = row[TenantExporter.RoleNameField]?.GetValue<string>() ?? "";
                row[nameof(IdentityUserRole<Guid>.RoleId)] = roles.TryGetValue(roleName, out var roleId) ? roleId
                    : throw new TenantTransferException($"Die Rolle „{roleName}“ gibt es in dieser Installation nicht. Es wurde nichts übernommen.");
            }

            if (table.Kind == TransferKind.Referenced && await ExistsAsync(connection, transaction, table, key, row, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            for (var i = 0; i < properties.Count; i++)
            {
                command.Parameters.Add(TenantArchive.Parameter(command, "@p" + i, TenantArchive.FromJson(row[properties[i].Name], properties[i]), properties[i]));
            }

            command.CommandText = $"INSERT INTO {TenantArchive.Quote(table.Name)} ({string.Join(", ", properties.Select(p => TenantArchive.Quote(table.Column(p))))}) VALUES ({string.Join(", ", properties.Select((_, i) => "@p" + i))})";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            written++;
        }

        return written;
    }

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, TransferTable table, IReadOnlyList<IProperty> key, JsonObject row, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT 1 FROM {TenantArchive.Quote(table.Name)} WHERE {string.Join(" AND ", key.Select((p, i) => $"{TenantArchive.Quote(table.Column(p))} = @k{i}"))}";
        for (var i = 0; i < key.Count; i++)
        {
            command.Parameters.Add(TenantArchive.Parameter(command, "@k" + i, TenantArchive.FromJson(row[key[i].Name], key[i]), key[i]));
        }

        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    // A table that points to itself (Aktenplan positions, Posteingang items) is written parents first.
    private static IEnumerable<JsonObject> ParentsFirst(TransferTable table, List<JsonObject> rows)
    {
        var self = table.EntityType.GetForeignKeys().FirstOrDefault(fk => fk.PrincipalEntityType.GetRootType() == table.EntityType && fk.Properties.Count == 1);
        if (self is null)
        {
            return rows;
        }

        var keyName = self.PrincipalKey.Properties[0].Name;
        var parentName = self.Properties[0].Name;
        var pending = rows.ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var inArchive = rows.Select(r => r[keyName]?.ToJsonString() ?? "").ToHashSet(StringComparer.Ordinal);
        var ordered = new List<JsonObject>();
        while (pending.Count > 0)
        {
            var ready = pending.Where(r => r[parentName] is not { } parent || !inArchive.Contains(parent.ToJsonString()) || placed.Contains(parent.ToJsonString())).ToList();
            if (ready.Count == 0)
            {
                throw new TenantTransferException($"Die Zeilen der Tabelle „{table.Name}“ verweisen im Kreis aufeinander. Es wurde nichts übernommen.");
            }

            foreach (var row in ready)
            {
                ordered.Add(row);
                placed.Add(row[keyName]?.ToJsonString() ?? "");
                pending.Remove(row);
            }
        }

        return ordered;
    }
}
