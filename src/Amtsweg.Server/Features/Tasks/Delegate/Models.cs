namespace Amtsweg.Server.Features.Tasks.Delegate;

/// <summary>The user name of the person the task is handed to.</summary>
public sealed record DelegateTaskRequest(string? Assignee);
