using System.Text.Json.Nodes;

namespace Amtsweg.Server.Features.WorkerApi.ActivateJobs;

/// <summary>Camunda 8's <c>JobActivationRequest</c>; times in milliseconds.</summary>
public sealed record JobActivationRequest(
    string? Type,
    string? Worker,
    long Timeout,
    int MaxJobsToActivate,
    IReadOnlyList<string>? FetchVariable,
    long? RequestTimeout,
    IReadOnlyList<string>? TenantIds);

/// <summary>Camunda 8's <c>JobActivationResult</c>.</summary>
public sealed record JobActivationResult(IReadOnlyList<ActivatedJobResult> Jobs);

/// <summary>Camunda 8's <c>ActivatedJobResult</c>; keys are strings, <c>deadline</c> in epoch milliseconds.</summary>
public sealed record ActivatedJobResult(
    string Type,
    string ProcessDefinitionId,
    int ProcessDefinitionVersion,
    string ElementId,
    IReadOnlyDictionary<string, string> CustomHeaders,
    string Worker,
    int Retries,
    long Deadline,
    IReadOnlyDictionary<string, JsonNode?> Variables,
    string TenantId,
    string JobKey,
    string ProcessInstanceKey,
    string ProcessDefinitionKey,
    string ElementInstanceKey,
    string Kind = "BPMN_ELEMENT",
    string ListenerEventType = "UNSPECIFIED");
