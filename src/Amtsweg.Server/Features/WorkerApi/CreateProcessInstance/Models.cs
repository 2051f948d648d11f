using System.Text.Json;
using System.Text.Json.Nodes;

namespace Amtsweg.Server.Features.WorkerApi.CreateProcessInstance;

/// <summary>
/// Camunda 8's <c>CreateProcessInstanceRequest</c>: by BPMN process id (<paramref name="ProcessDefinitionId"/>, latest
/// version unless <paramref name="ProcessDefinitionVersion"/> names one; -1 is the latest) or by definition key.
/// </summary>
public sealed record CreateProcessInstanceRequest(
    string? ProcessDefinitionId,
    string? ProcessDefinitionKey,
    int? ProcessDefinitionVersion,
    Dictionary<string, JsonElement>? Variables,
    string? TenantId);

/// <summary>Camunda 8's <c>CreateProcessInstanceResult</c>.</summary>
public sealed record CreateProcessInstanceResult(
    string ProcessDefinitionKey,
    string ProcessDefinitionId,
    int ProcessDefinitionVersion,
    string TenantId,
    IReadOnlyDictionary<string, JsonNode?> Variables,
    string ProcessInstanceKey);
