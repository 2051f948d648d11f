using System.Text.Json;

namespace Amtsweg.Server.Features.Tasks.Complete;

/// <summary>Variables to complete a task with.</summary>
public sealed record CompleteTaskRequest(Dictionary<string, JsonElement>? Variables);
