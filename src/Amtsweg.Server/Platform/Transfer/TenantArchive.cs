using System.Data.Common;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Amtsweg.Server.Platform.Transfer;

/// <summary>The manifest of a municipality's archive (<c>manifest.json</c>); docs/tenant-export.md describes the format.</summary>
/// <param name="Format">Always <see cref="TenantArchive.FormatName"/>.</param>
/// <param name="FormatVersion">The archive format's version; an importer refuses a newer one.</param>
/// <param name="AmtswegVersion">The version of Amtsweg that wrote the archive.</param>
/// <param name="TenantId">The municipality's id, kept on import.</param>
/// <param name="Ags">The municipality's AGS.</param>
/// <param name="Name">The municipality's name.</param>
/// <param name="CreatedAt">When the snapshot was taken (UTC).</param>
/// <param name="AuditLastSequence">The audit chain's last sequence number in the snapshot (0: no entries).</param>
/// <param name="AuditLastHash">The audit chain's head hash in the snapshot (empty: no entries).</param>
/// <param name="Tables">Each table's entry, row count and SHA-256.</param>
/// <param name="Blobs">Each document blob's entry and length; its SHA-256 is its name.</param>
public sealed record TenantArchiveManifest(
    string Format,
    int FormatVersion,
    string AmtswegVersion,
    Guid TenantId,
    string Ags,
    string Name,
    DateTimeOffset CreatedAt,
    long AuditLastSequence,
    string AuditLastHash,
    IReadOnlyList<TenantArchiveTable> Tables,
    IReadOnlyList<TenantArchiveBlob> Blobs);

/// <summary>One table in the archive.</summary>
/// <param name="Module">The module (DbContext) that maps it.</param>
/// <param name="Table">The table's name.</param>
/// <param name="Entry">The archive entry with its rows, one JSON object a line.</param>
/// <param name="Rows">How many rows.</param>
/// <param name="Sha256">SHA-256 of the entry, lower-case hex.</param>
public sealed record TenantArchiveTable(string Module, string Table, string Entry, long Rows, string Sha256);

/// <summary>One document blob in the archive.</summary>
/// <param name="Sha256">SHA-256 of the content, lower-case hex; also the blob's address.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="Entry">The archive entry.</param>
public sealed record TenantArchiveBlob(string Sha256, long Length, string Entry);

/// <summary>A refusal of an export or import, with a German message for the operator; nothing was written.</summary>
public sealed class TenantTransferException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Constants of the archive format and the provider-neutral form of a row.</summary>
public static class TenantArchive
{
    /// <summary>The value of <see cref="TenantArchiveManifest.Format"/>.</summary>
    public const string FormatName = "amtsweg-gemeinde";

    /// <summary>The format version this installation writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The manifest's entry.</summary>
    public const string ManifestEntry = "manifest.json";

    /// <summary>The entry of a blob.</summary>
    public static string BlobEntry(string hash) => "blobs/" + hash;

    /// <summary>The running Amtsweg version.</summary>
    public static string AmtswegVersion { get; } =
        typeof(TenantArchive).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>How the manifest is written and read.</summary>
    public static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static readonly MethodInfo GetFieldValueMethod = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

    /// <summary>Quotes an identifier for SQLite and PostgreSQL alike.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// Reads a column as the property's CLR value, through the provider's type mapping and value converter, so that the
    /// same row reads equal on SQLite and PostgreSQL; times in UTC.
    /// </summary>
    public static object? ReadValue(DbDataReader reader, int ordinal, IProperty property)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(property);
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var mapping = property.GetRelationalTypeMapping();
        var converter = mapping.Converter;
        var providerType = converter?.ProviderClrType ?? mapping.ClrType;
        providerType = Nullable.GetUnderlyingType(providerType) ?? providerType;
        var value = GetFieldValueMethod.MakeGenericMethod(providerType).Invoke(reader, [ordinal]);
        return Normalize(converter is null ? value : converter.ConvertFromProvider(value));
    }

    /// <summary>The property's CLR value as JSON.</summary>
    public static JsonNode? ToJson(object? value, IProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return value is null ? null : JsonSerializer.SerializeToNode(value, property.ClrType);
    }

    /// <summary>The property's CLR value from its JSON form.</summary>
    public static object? FromJson(JsonNode? node, IProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return node is null ? null : Normalize(node.Deserialize(property.ClrType));
    }

    /// <summary>A parameter that writes the CLR value through the provider's type mapping.</summary>
    public static DbParameter Parameter(DbCommand command, string name, object? value, IProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.GetRelationalTypeMapping().CreateParameter(command, name, value, property.IsNullable);
    }

    // Amtsweg stores times in UTC (DESIGN.md); PostgreSQL accepts nothing else for timestamptz.
    private static object? Normalize(object? value) => value switch
    {
        DateTimeOffset time => time.ToUniversalTime(),
        DateTime { Kind: DateTimeKind.Unspecified } time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        DateTime time => time.ToUniversalTime(),
        _ => value,
    };
}
