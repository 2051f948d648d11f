using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amtsweg.Records.Model;

namespace Amtsweg.Records.Audit;

/// <summary>
/// SHA-256 over the canonical form of an immutable record. The audit entry that created the record keeps the
/// fingerprint, so <see cref="AuditVerifier"/> notices a changed field even outside the audit table.
/// </summary>
public static class Fingerprint
{
    /// <summary>The fingerprint of a document version: every field.</summary>
    public static string Of(DokumentVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(version.Id.ToString("D"));
            writer.WriteStringValue(version.TenantId.ToString("D"));
            writer.WriteStringValue(version.DokumentId.ToString("D"));
            writer.WriteNumberValue(version.Number);
            writer.WriteStringValue(version.Title);
            writer.WriteStringValue(version.DokumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteStringValue(version.DokumentType);
            writer.WriteStringValue(version.Sender);
            writer.WriteStringValue(version.Recipient);
            writer.WriteStringValue(version.Confidentiality.ToString());
            writer.WriteStringValue(version.FileName);
            writer.WriteStringValue(version.MediaType);
            writer.WriteStringValue(version.ContentHash);
            writer.WriteNumberValue(version.ContentLength);
            writer.WriteStringValue(version.CreatedBy);
            writer.WriteStringValue(version.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>The fingerprint of a text.</summary>
    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
