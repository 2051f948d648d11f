namespace Amtsweg.Server.Features.Beteiligte.Add;

/// <summary>Adds a person to an open Vorgang: role (e.g. Antragstellerin) and full name; address, e-mail and birth date if known.</summary>
public sealed record AddBeteiligterRequest(string Role, string Name, string? Address, string? Email, DateOnly? BirthDate);
