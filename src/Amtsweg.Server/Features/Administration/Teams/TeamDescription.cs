namespace Amtsweg.Server.Features.Administration.Teams;

/// <summary>The optional description of a team (<c>_TeamDescription</c> partial): its value and error.</summary>
public sealed record TeamDescription(string? Value, string? Error);
