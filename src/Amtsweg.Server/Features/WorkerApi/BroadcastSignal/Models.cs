using System.Text.Json;

namespace Amtsweg.Server.Features.WorkerApi.BroadcastSignal;

/// <summary>Camunda 8's <c>SignalBroadcastRequest</c>.</summary>
public sealed record SignalBroadcastRequest(string? SignalName, Dictionary<string, JsonElement>? Variables, string? TenantId);

/// <summary>Camunda 8's <c>SignalBroadcastResult</c>.</summary>
public sealed record SignalBroadcastResult(string TenantId, string SignalKey);
