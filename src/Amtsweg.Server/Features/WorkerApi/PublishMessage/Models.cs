using System.Text.Json;

namespace Amtsweg.Server.Features.WorkerApi.PublishMessage;

/// <summary>Camunda 8's <c>MessagePublicationRequest</c>; <c>timeToLive</c> in milliseconds.</summary>
public sealed record MessagePublicationRequest(string? Name, string? CorrelationKey, long? TimeToLive, string? MessageId, Dictionary<string, JsonElement>? Variables, string? TenantId);

/// <summary>Camunda 8's <c>MessagePublicationResult</c>: the message's key and the tenant.</summary>
public sealed record MessagePublicationResult(string TenantId, string MessageKey);
