namespace Amtsweg.Records;

/// <summary>A refused e-file operation: a stable <see cref="Code"/> for programs and a German message for people.</summary>
public sealed class RecordsException(string code, string message) : Exception(message)
{
    /// <summary>The stable error code, e.g. <c>records.vorgang-closed</c>.</summary>
    public string Code { get; } = code;
}

/// <summary>The stable error codes and German messages of the e-file.</summary>
public static class RecordsErrors
{
    /// <summary>No tenant is resolved for the unit of work.</summary>
    public const string TenantMissing = "records.tenant-missing";

    /// <summary>A referenced record does not exist (or belongs to another tenant).</summary>
    public const string NotFound = "records.not-found";

    /// <summary>An input is missing or invalid.</summary>
    public const string Invalid = "records.invalid";

    /// <summary>The Vorgang is closed (zdA) and cannot change.</summary>
    public const string VorgangClosed = "records.vorgang-closed";

    /// <summary>The Vorgang is not closed, so it cannot be reopened.</summary>
    public const string VorgangNotClosed = "records.vorgang-not-closed";

    /// <summary>The Akte is closed (zdA) and cannot change.</summary>
    public const string AkteClosed = "records.akte-closed";

    /// <summary>The Akte still has open Vorgänge.</summary>
    public const string AkteHasOpenVorgaenge = "records.akte-has-open-vorgaenge";

    /// <summary>The record was disposed; only its tombstone remains.</summary>
    public const string Disposed = "records.disposed";

    /// <summary>An Aktenplan position with this code exists already.</summary>
    public const string PositionDuplicate = "records.position-duplicate";

    /// <summary>The legal hold is already in the requested state.</summary>
    public const string LegalHoldUnchanged = "records.legal-hold-unchanged";

    /// <summary>A legal hold (Aufbewahrungssperre) forbids the disposal.</summary>
    public const string LegalHold = "records.legal-hold";

    /// <summary>An xdomea message is malformed, unknown, not for this tenant, or was read in before.</summary>
    public const string XdomeaInvalid = "records.xdomea-invalid";

    /// <summary>The upload is larger than allowed.</summary>
    public const string UploadTooLarge = "records.upload-too-large";

    /// <summary>The content of a blob is missing or does not match its hash.</summary>
    public const string BlobCorrupt = "records.blob-corrupt";

    /// <summary>A retention period (or a legal hold) forbids erasing the data (Art. 17 (3) DSGVO); restrict it instead.</summary>
    public const string RetentionForbidsErasure = "records.retention-forbids-erasure";

    /// <summary>Nothing is stored about the person.</summary>
    public const string PersonNotFound = "records.person-not-found";

    /// <summary>The record is restricted (Art. 18 DSGVO) and only open to the data-protection role.</summary>
    public const string Restricted = "records.restricted";

    internal static RecordsException NotFoundError(string what, Guid id) =>
        new(NotFound, $"{what} {id} wurde nicht gefunden.");

    internal static RecordsException InvalidError(string message) => new(Invalid, message);
}
