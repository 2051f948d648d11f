namespace Amtsweg.Server.Features.Administration.Users;

/// <summary>The role checkboxes of the user forms (<c>_RoleChoices</c> partial): which are ticked, and the error of the group.</summary>
public sealed record RoleChoices(IReadOnlyCollection<string> Selected, string? Error);
