namespace Amtsweg.Server.Features.Vermerke.Add;

/// <summary>Writes a note.</summary>
public sealed record AddVermerkRequest(string Text);
