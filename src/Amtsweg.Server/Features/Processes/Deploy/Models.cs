namespace Amtsweg.Server.Features.Processes.Deploy;

/// <summary>A BPMN file to deploy.</summary>
public sealed record DeployResource(string Name, string Content);

/// <summary>Request to deploy one or more BPMN files as one deployment (all or nothing).</summary>
public sealed record DeployRequest(string Name, IReadOnlyList<DeployResource> Resources);
