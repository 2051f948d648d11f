namespace Amtsweg.Server.Features.Processes.ChangeTimerDueDate;

/// <summary>The new due date (UTC, in the future) of a waiting timer and why it moves.</summary>
public sealed record ChangeTimerDueDateBody(DateTimeOffset? DueAt, string? Reason);
