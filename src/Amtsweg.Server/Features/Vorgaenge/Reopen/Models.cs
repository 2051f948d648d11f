namespace Amtsweg.Server.Features.Vorgaenge.Reopen;

/// <summary>Reopens a closed Vorgang; the reason is audited.</summary>
public sealed record ReopenVorgangRequest(string Reason);
