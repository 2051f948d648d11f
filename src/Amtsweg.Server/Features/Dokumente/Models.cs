namespace Amtsweg.Server.Features.Dokumente;

/// <summary>A document filed at once: its current version, and the Posteingang item it came through.</summary>
public sealed record AddedDokumentResponse(Guid DokumentId, Guid VersionId, string ContentHash, Guid PosteingangId);
