using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Amtsweg.Records.Audit;

/// <summary>The canonical form of audit entries and details, and the hash over it.</summary>
public static class AuditHash
{
    /// <summary>The previous hash of a tenant's first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>SHA-256 (lower-case hex) over the canonical form of the entry, which includes its previous hash.</summary>
    public static string Compute(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Convert.ToHexStringLower(SHA256.HashData(Canonical(entry)));
    }

    /// <summary>
    /// The canonical form: a JSON array of every field but the hash, in a fixed order and fixed formats
    /// (times as UTC ticks, ids in "D" format), so that it does not depend on provider or culture.
    /// </summary>
    public static byte[] Canonical(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue("amtsweg-audit-1");
            writer.WriteNumberValue(entry.Sequence);
            writer.WriteStringValue(entry.Id.ToString("D"));
            writer.WriteStringValue(entry.TenantId.ToString("D"));
            writer.WriteStringValue(entry.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
            writer.WriteStringValue(entry.Actor);
            writer.WriteStringValue(entry.Action);
            writer.WriteStringValue(entry.SubjectType);
            writer.WriteStringValue(entry.SubjectId.ToString("D"));
            writer.WriteStringValue(entry.Details);
            writer.WriteStringValue(entry.PreviousHash);
            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>Canonical JSON of details: keys sorted ordinally, values as strings.</summary>
    public static string CanonicalDetails(IEnumerable<KeyValuePair<string, string?>> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in details.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads one value from canonical details, or null.</summary>
    public static string? ReadDetail(string details, string key)
    {
        ArgumentNullException.ThrowIfNull(details);
        try
        {
            using var document = JsonDocument.Parse(details);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Truncates a time to microseconds, the precision both providers store exactly.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }
}
