using System.Text.Json.Serialization;

namespace Amtsweg.Server.Features.WorkerApi.CreateDeployment;

/// <summary>Camunda 8's <c>DeploymentResult</c>.</summary>
public sealed record DeploymentResult(string DeploymentKey, IReadOnlyList<DeploymentMetadataResult> Deployments, string TenantId);

/// <summary>
/// One deployed resource, as in Camunda 8 exactly one of its members is set: a process or a form (decisions are
/// deployed, but not listed yet).
/// </summary>
public sealed record DeploymentMetadataResult(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DeploymentProcessResult? ProcessDefinition,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DeploymentFormResult? Form = null);

/// <summary>Camunda 8's <c>DeploymentProcessResult</c>.</summary>
public sealed record DeploymentProcessResult(string ProcessDefinitionId, int ProcessDefinitionVersion, string? ResourceName, string TenantId, string ProcessDefinitionKey);

/// <summary>Camunda 8's <c>DeploymentFormResult</c>: a deployed form with its version (an unchanged redeployment keeps it).</summary>
public sealed record DeploymentFormResult(string FormId, int Version, string FormKey, string ResourceName, string TenantId);
