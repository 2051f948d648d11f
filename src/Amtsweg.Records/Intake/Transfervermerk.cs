using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amtsweg.Records.Intake;

/// <summary>One check done at capture and its result.</summary>
/// <param name="Pruefung">What was checked, e.g. <c>Virenprüfung</c>.</param>
/// <param name="Ergebnis">The result in German.</param>
public sealed record TransferCheck(string Pruefung, string Ergebnis);

/// <summary>
/// The scan record per BSI TR-RESISCAN (TR 03138): who captured what, when, from which source, with which checks,
/// and the SHA-256 of the content at capture. Stored with the item, carried into the audit entry of the filing
/// (so the hash chain protects it) and shown in the Posteingang.
/// </summary>
public sealed record Transfervermerk(
    string ErfasstVon,
    DateTimeOffset ErfasstAm,
    string Quelle,
    string Datei,
    string Medientyp,
    long Groesse,
    string Sha256,
    DateTimeOffset VerarbeitetAm,
    IReadOnlyList<TransferCheck> Pruefungen)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The JSON stored with the item.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored record.</summary>
    public static Transfervermerk? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<Transfervermerk>(json, Json);

    /// <summary>The German name of a source.</summary>
    public static string SourceName(IntakeSource source) => source switch
    {
        IntakeSource.Upload => "Hochladen im Posteingang",
        IntakeSource.Api => "Schnittstelle (REST-API)",
        IntakeSource.Import => "Import (amtsweg import)",
        IntakeSource.Email => "E-Mail",
    };
}
