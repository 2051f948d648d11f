using System.Text.Json;

namespace Amtsweg.Server.Features.WorkerApi.CompleteJob;

/// <summary>Camunda 8's <c>JobCompletionRequest</c>.</summary>
public sealed record JobCompletionRequest(Dictionary<string, JsonElement>? Variables);
