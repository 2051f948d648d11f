using System.Text.Json;

namespace Amtsweg.Server.Features.WorkerApi.CorrelateMessage;

/// <summary>Camunda 8's <c>MessageCorrelationRequest</c>.</summary>
public sealed record MessageCorrelationRequest(string? Name, string? CorrelationKey, Dictionary<string, JsonElement>? Variables, string? TenantId);

/// <summary>
/// Camunda 8's <c>MessageCorrelationResult</c>. Amtsweg does not store a correlated message, so <c>messageKey</c> is the
/// key of this correlation, unique but not retrievable later.
/// </summary>
public sealed record MessageCorrelationResult(string TenantId, string MessageKey, string ProcessInstanceKey);
