using System.Data;
using System.Data.Common;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Amtsweg.Server.Platform.Transfer;

/// <summary>
/// Writes a municipality as one archive (docs/tenant-export.md): every table of every module that belongs to it, in
/// the provider-neutral form of <see cref="TenantArchive"/>, and the document blobs its rows point to. All tables are
/// read in one read-only snapshot of the database, so the archive is consistent while the server runs. Resolve it
/// from a scope of its own: it acts across municipalities.
/// </summary>
public sealed class TenantExporter(IServiceProvider services, RecordsDbContext records, BlobStore blobs, TenantContext tenant, TimeProvider clock)
{
    /// <summary>The columns that point to document blobs (ADR 0019), per table.</summary>
    public static readonly IReadOnlyList<(string Table, string Property)> BlobColumns =
    [
        ("DokumentVersionen", "ContentHash"),
        ("IntakeItems", "ContentHash"),
        ("IntakeItems", "FilingContentHash"),
    ];

    /// <summary>Writes the municipality with <paramref name="ags"/> to <paramref name="output"/>; returns the manifest.</summary>
    public async Task<TenantArchiveManifest> ExportAsync(string ags, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        tenant.UsePlatformScope();
        var tables = TransferTables.Describe(services);
        await records.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = records.Database.GetDbConnection();
            var transaction = await BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var municipality = await FindMunicipalityAsync(connection, transaction, tables, ags, cancellationToken).ConfigureAwait(false);
                var roleNames = await RoleNamesAsync(connection, transaction, tables, cancellationToken).ConfigureAwait(false);
                var entries = new List<TenantArchiveTable>();
                var blobHashes = new SortedSet<string>(StringComparer.Ordinal);
                (long Sequence, string Hash) head = (0, "");
                using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
                foreach (var table in tables.Where(t => t.Kind != TransferKind.NotExported))
                {
                    var rows = await ReadRowsAsync(connection, transaction, table, tables, municipality.Id, roleNames, cancellationToken).ConfigureAwait(false);
                    foreach (var property in BlobColumns.Where(c => c.Table == table.Name).Select(c => c.Property))
                    {
                        blobHashes.UnionWith(rows.Select(r => r[property]?.GetValue<string>()).OfType<string>().Where(h => h.Length > 0));
                    }

                    if (table.Name == "AuditChainHeads" && rows.Count == 1)
                    {
                        head = (rows[0]["LastSequence"]!.GetValue<long>(), rows[0]["LastHash"]!.GetValue<string>());
                    }

                    var lines = rows.Select(r => r.ToJsonString());
                    var sha = await WriteEntryAsync(zip, table.Entry, lines, cancellationToken).ConfigureAwait(false);
                    entries.Add(new TenantArchiveTable(table.Module, table.Name, table.Entry, rows.Count, sha));
                }

                var blobEntries = new List<TenantArchiveBlob>();
                foreach (var hash in blobHashes)
                {
                    blobEntries.Add(await WriteBlobAsync(zip, hash, cancellationToken).ConfigureAwait(false));
                }

                var manifest = new TenantArchiveManifest(
                    TenantArchive.FormatName, TenantArchive.FormatVersion, TenantArchive.AmtswegVersion, municipality.Id, municipality.Ags,
                    municipality.Name, clock.GetUtcNow(), head.Sequence, head.Hash, entries, blobEntries);
                var manifestEntry = zip.CreateEntry(TenantArchive.ManifestEntry, CompressionLevel.Optimal);
                var manifestStream = await manifestEntry.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (manifestStream.ConfigureAwait(false))
                {
                    await JsonSerializer.SerializeAsync(manifestStream, manifest, TenantArchive.ManifestJson, cancellationToken).ConfigureAwait(false);
                }

                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return manifest;
            }
        }
        finally
        {
            await records.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    // One snapshot for every table of every module: PostgreSQL's repeatable read, read only; SQLite's deferred
    // transaction reads one state of the WAL database until it ends and does not hold writers back.
    private static async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: true);
        }

        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SET TRANSACTION READ ONLY";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    private static async Task<(Guid Id, string Ags, string Name)> FindMunicipalityAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<TransferTable> tables, string ags, CancellationToken cancellationToken)
    {
        var table = tables.Single(t => t.Kind == TransferKind.Municipality);
        var id = table.EntityType.FindProperty(nameof(Municipality.Id))!;
        var agsProperty = table.EntityType.FindProperty(nameof(Municipality.Ags))!;
        var name = table.EntityType.FindProperty(nameof(Municipality.Name))!;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {TenantArchive.Quote(table.Column(id))}, {TenantArchive.Quote(table.Column(name))} FROM {TenantArchive.Quote(table.Name)} WHERE {TenantArchive.Quote(table.Column(agsProperty))} = @ags";
        command.Parameters.Add(TenantArchive.Parameter(command, "@ags", ags, agsProperty));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new TenantTransferException($"Eine Gemeinde mit dem AGS {ags} gibt es nicht.");
        }

        return ((Guid)TenantArchive.ReadValue(reader, 0, id)!, ags, (string)TenantArchive.ReadValue(reader, 1, name)!);
    }

    /// <summary>The installation's roles by id, with their normalised names (roles are matched by name on import).</summary>
    internal static async Task<Dictionary<Guid, string>> RoleNamesAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<TransferTable> tables, CancellationToken cancellationToken)
    {
        var table = tables.Single(t => t.EntityType.ClrType == typeof(AppRole));
        var id = table.EntityType.FindProperty(nameof(AppRole.Id))!;
        var name = table.EntityType.FindProperty(nameof(AppRole.NormalizedName))!;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {TenantArchive.Quote(table.Column(id))}, {TenantArchive.Quote(table.Column(name))} FROM {TenantArchive.Quote(table.Name)}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var roles = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            roles[(Guid)TenantArchive.ReadValue(reader, 0, id)!] = (string?)TenantArchive.ReadValue(reader, 1, name) ?? "";
        }

        return roles;
    }

    /// <summary>The name under which a user's role travels (its normalised name) instead of the installation's role id.</summary>
    public const string RoleNameField = "$RoleName";

    private static async Task<List<JsonObject>> ReadRowsAsync(
        DbConnection connection, DbTransaction transaction, TransferTable table, IReadOnlyList<TransferTable> tables, Guid tenantId,
        Dictionary<Guid, string> roleNames, CancellationToken cancellationToken)
    {
        var properties = table.Properties;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {string.Join(", ", properties.Select(p => TenantArchive.Quote(table.Column(p))))} FROM {TenantArchive.Quote(table.Name)} WHERE {Selection(table, tables)}";
        command.Parameters.Add(TenantArchive.Parameter(command, "@tenant", tenantId, SelectionProperty(table, tables)));
        var rows = new List<(string Key, JsonObject Row)>();
        var key = table.EntityType.FindPrimaryKey()!.Properties;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new JsonObject();
                for (var i = 0; i < properties.Count; i++)
                {
                    row[properties[i].Name] = TenantArchive.ToJson(TenantArchive.ReadValue(reader, i, properties[i]), properties[i]);
                }

                if (table.EntityType.ClrType == typeof(IdentityUserRole<Guid>))
                {
                    // The role's id differs per installation; its name travels instead.
                    var roleId = row[nameof(IdentityUserRole<Guid>.RoleId)]!.GetValue<Guid>();
                    row.Remove(nameof(IdentityUserRole<Guid>.RoleId));
                    row[RoleNameField] = roleNames.GetValueOrDefault(roleId, "");
                }

                rows.Add((string.Join("|", key.Select(k => row[k.Name]?.ToJsonString())) + "|" + row.ToJsonString(), row));
            }
        }

        // Ordered by key in C#: the providers order GUIDs differently, and the same rows must give the same entry.
        return [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Row)];
    }

    // Which rows of a table belong to the municipality, as a condition on the parameter @tenant.
    internal static string Selection(TransferTable table, IReadOnlyList<TransferTable> tables) => table.Kind switch
    {
        TransferKind.TenantRows => $"{TenantArchive.Quote(table.Column(table.EntityType.FindProperty(TransferTables.TenantIdProperty)!))} = @tenant",
        TransferKind.Municipality => $"{TenantArchive.Quote(table.Column(table.EntityType.FindPrimaryKey()!.Properties[0]))} = @tenant",
        TransferKind.ThroughParent => ParentSelection(table, tables),
        TransferKind.Referenced => ReferencedSelection(table, tables),
        TransferKind.NotExported => "1 = 0",
    };

    // The tenant id parameter is typed like the column the selection compares it with.
    internal static IProperty SelectionProperty(TransferTable table, IReadOnlyList<TransferTable> tables) => table.Kind switch
    {
        TransferKind.TenantRows => table.EntityType.FindProperty(TransferTables.TenantIdProperty)!,
        TransferKind.Municipality => table.EntityType.FindPrimaryKey()!.Properties[0],
        TransferKind.ThroughParent => table.ParentKey!.PrincipalEntityType.FindProperty(TransferTables.TenantIdProperty)!,
        TransferKind.Referenced => Referencing(table, tables).First().Table.EntityType.FindProperty(TransferTables.TenantIdProperty)!,
        TransferKind.NotExported => table.EntityType.FindPrimaryKey()!.Properties[0],
    };

    private static string ParentSelection(TransferTable table, IReadOnlyList<TransferTable> tables)
    {
        var fk = table.ParentKey!;
        var parent = tables.Single(t => t.EntityType == fk.PrincipalEntityType.GetRootType());
        return $"{TenantArchive.Quote(table.Column(fk.Properties[0]))} IN (SELECT {TenantArchive.Quote(parent.Column(fk.PrincipalKey.Properties[0]))} FROM {TenantArchive.Quote(parent.Name)} WHERE {Selection(parent, tables)})";
    }

    private static string ReferencedSelection(TransferTable table, IReadOnlyList<TransferTable> tables)
    {
        var key = TenantArchive.Quote(table.Column(table.EntityType.FindPrimaryKey()!.Properties[0]));
        var sources = Referencing(table, tables)
            .Select(r => $"SELECT {TenantArchive.Quote(r.Table.Column(r.Key.Properties[0]))} FROM {TenantArchive.Quote(r.Table.Name)} WHERE {Selection(r.Table, tables)}")
            .ToList();
        return sources.Count == 0 ? "1 = 0" : $"{key} IN ({string.Join(" UNION ", sources)})";
    }

    private static IEnumerable<(TransferTable Table, IForeignKey Key)> Referencing(TransferTable table, IReadOnlyList<TransferTable> tables) =>
        from fk in table.EntityType.GetReferencingForeignKeys()
        let source = tables.FirstOrDefault(t => t.EntityType == fk.DeclaringEntityType.GetRootType() && t.Kind == TransferKind.TenantRows)
        where source is not null && fk.Properties.Count == 1
        select (source, fk);

    private static async Task<string> WriteEntryAsync(ZipArchive zip, string name, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            foreach (var line in lines)
            {
                var bytes = Encoding.UTF8.GetBytes(line + "\n");
                sha.AppendData(bytes);
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private async Task<TenantArchiveBlob> WriteBlobAsync(ZipArchive zip, string hash, CancellationToken cancellationToken)
    {
        Stream content;
        try
        {
            content = blobs.Open(hash);
        }
        catch (Records.RecordsException error)
        {
            throw new TenantTransferException($"Der Inhalt {hash} eines Dokuments fehlt im Ablageordner; die Gemeinde wurde nicht exportiert. ({error.Message})", error);
        }

        await using (content.ConfigureAwait(false))
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var entry = zip.CreateEntry(TenantArchive.BlobEntry(hash), CompressionLevel.Fastest);
            long length = 0;
            var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    length += read;
                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            if (Convert.ToHexStringLower(sha.GetHashAndReset()) != hash)
            {
                throw new TenantTransferException($"Der Inhalt {hash} eines Dokuments ist im Ablageordner beschädigt; die Gemeinde wurde nicht exportiert. Prüfen Sie mit „amtsweg audit verify“.");
            }

            return new TenantArchiveBlob(hash, length, TenantArchive.BlobEntry(hash));
        }
    }
}
