using Amtsweg.Records.Intake;

namespace Amtsweg.Server.Features.Posteingang;

/// <summary>An item of the Posteingang as the API shows it.</summary>
public sealed record IntakeItemResponse(
    Guid Id,
    Guid? ParentId,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    string Source,
    string Status,
    int Progress,
    string? Message,
    string Title,
    string? Sender,
    string? Recipient,
    DateTimeOffset? SentAt,
    string ReceivedBy,
    DateTimeOffset ReceivedAt,
    Guid? TargetVorgangId,
    Guid? ProposedVorgangId,
    string? ProposedAktenzeichen,
    Guid? FiledDokumentId,
    Guid? FiledVorgangId,
    Transfervermerk? Transfervermerk)
{
    internal static IntakeItemResponse From(IntakeItem item) => new(
        item.Id, item.ParentId, item.FileName, item.ContentType, item.Size, item.ContentHash, item.Source.ToString(), item.Status.ToString(),
        item.Progress, item.Message, item.Title, item.Sender, item.Recipient, item.SentAt, item.ReceivedBy, item.ReceivedAt,
        item.TargetVorgangId, item.ProposedVorgangId, item.ProposedAktenzeichen, item.FiledDokumentId, item.FiledVorgangId,
        Transfervermerk.Parse(item.Transfervermerk));
}
