namespace Amtsweg.Server.Features.Wiedervorlagen.Set;

/// <summary>Sets a follow-up date.</summary>
public sealed record SetWiedervorlageRequest(DateOnly DueOn, string Reason);
