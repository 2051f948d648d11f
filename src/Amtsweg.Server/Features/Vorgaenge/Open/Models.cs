namespace Amtsweg.Server.Features.Vorgaenge.Open;

/// <summary>Opens a Vorgang in an open Akte.</summary>
public sealed record OpenVorgangRequest(Guid AkteId, string Title);
