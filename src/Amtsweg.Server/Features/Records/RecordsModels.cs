using Amtsweg.Engine;

namespace Amtsweg.Server.Features.Records;

/// <summary>An Aktenplan position.</summary>
public sealed record PositionResponse(Guid Id, Guid? ParentId, string Code, string Title, int RetentionYears, string DisposalRule);

/// <summary>An Akte.</summary>
public sealed record AkteResponse(Guid Id, Guid PositionId, string PositionCode, string Aktenzeichen, string Title, string State, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, bool LegalHold);

/// <summary>A Vorgang as listed: state <c>Open</c>, <c>Closed</c> (zdA) or <c>Disposed</c>.</summary>
public sealed record VorgangSummary(Guid Id, Guid AkteId, string AkteAktenzeichen, string AkteTitle, string PositionCode, string Aktenzeichen, string Title, string State, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

/// <summary>One version of a document; its content is read through <c>GET /api/dokument-versionen/{id}/inhalt</c>.</summary>
public sealed record DokumentVersionResponse(Guid Id, int Number, string Title, DateOnly DokumentDate, string DokumentType, string? Sender, string? Recipient, string Confidentiality, string FileName, string MediaType, long ContentLength, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A document with its versions, newest first.</summary>
public sealed record DokumentResponse(Guid Id, DateTimeOffset CreatedAt, IReadOnlyList<DokumentVersionResponse> Versions);

/// <summary>A note (Vermerk).</summary>
public sealed record VermerkResponse(Guid Id, string Text, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A follow-up date.</summary>
public sealed record WiedervorlageResponse(Guid Id, DateOnly DueOn, string Reason, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A process instance working the Vorgang.</summary>
public sealed record ProcessLinkResponse(Guid ProcessInstanceId, string ProcessId, string LinkedBy, DateTimeOffset LinkedAt);

/// <summary>A Vorgang with everything in it.</summary>
public sealed record VorgangResponse(
    VorgangSummary Vorgang,
    IReadOnlyList<DokumentResponse> Dokumente,
    IReadOnlyList<VermerkResponse> Vermerke,
    IReadOnlyList<WiedervorlageResponse> Wiedervorlagen,
    IReadOnlyList<ProcessLinkResponse> Processes);

/// <summary>A person taking part in a Vorgang.</summary>
public sealed record BeteiligterResponse(Guid Id, string Role, string Name, string? Address, string? Email, DateOnly? BirthDate, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A person removed from a Vorgang, as its Verlauf tells it: added by whom and when, removed by whom and when.</summary>
public sealed record RemovedBeteiligterResponse(Guid Id, string Role, string Name, string CreatedBy, DateTimeOffset CreatedAt, string RemovedBy, DateTimeOffset RemovedAt);

/// <summary>The history of one process instance of a Vorgang.</summary>
public sealed record ProcessHistoryResponse(Guid ProcessInstanceId, string ProcessId, IReadOnlyList<HistoryEventInfo> Events, string? ProcessName = null);
