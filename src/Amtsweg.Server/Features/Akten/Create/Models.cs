namespace Amtsweg.Server.Features.Akten.Create;

/// <summary>Creates an Akte under an Aktenplan position; its Aktenzeichen is generated.</summary>
public sealed record CreateAkteRequest(Guid PositionId, string Title);
