namespace Amtsweg.Server.Features.WorkerApi.CreateDeployment;

/// <summary>Camunda 8's <c>DeploymentResult</c>.</summary>
public sealed record DeploymentResult(string DeploymentKey, IReadOnlyList<DeploymentMetadataResult> Deployments, string TenantId);

/// <summary>One deployed resource; Amtsweg reports processes (decisions are deployed, but not listed yet).</summary>
public sealed record DeploymentMetadataResult(DeploymentProcessResult ProcessDefinition);

/// <summary>Camunda 8's <c>DeploymentProcessResult</c>.</summary>
public sealed record DeploymentProcessResult(string ProcessDefinitionId, int ProcessDefinitionVersion, string? ResourceName, string TenantId, string ProcessDefinitionKey);
