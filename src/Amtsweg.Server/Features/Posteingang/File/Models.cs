using Amtsweg.Records.Model;

namespace Amtsweg.Server.Features.Posteingang.File;

/// <summary>Request to file an item into a Vorgang.</summary>
public sealed record FileIntakeItemRequest(Guid VorgangId, Confidentiality? Confidentiality);

/// <summary>What filing created.</summary>
public sealed record FiledDokument(Guid DokumentId, Guid VersionId, string Title, string DokumentType);
