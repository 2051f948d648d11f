using System.Text.Json;

namespace Amtsweg.Server.Features.WorkerApi.EvaluateConditionals;

/// <summary>Camunda 8's <c>ConditionalEvaluationInstruction</c> (8.9): the variables, optionally one definition and the tenant.</summary>
public sealed record ConditionalEvaluationInstruction(Dictionary<string, JsonElement>? Variables, string? ProcessDefinitionKey, string? TenantId);

/// <summary>Camunda 8's <c>EvaluateConditionalResult</c>: the instances started (empty when no condition held).</summary>
public sealed record EvaluateConditionalResult(string ConditionalEvaluationKey, string TenantId, IReadOnlyList<ProcessInstanceReference> ProcessInstances);

/// <summary>Camunda 8's <c>ProcessInstanceReference</c>.</summary>
public sealed record ProcessInstanceReference(string ProcessDefinitionKey, string ProcessInstanceKey);
