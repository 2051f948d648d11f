using Amtsweg.Server.Platform;

namespace Amtsweg.Server.Features.Processes.Approvals;

/// <summary>What the modeler and the form editor say above „Bereitstellen“ about the Vier-Augen-Prinzip.</summary>
/// <param name="IsOn">True when a deployment waits for a second person's approval.</param>
/// <param name="OpenRequest">The request of this process or form that waits already, or null.</param>
public sealed record FourEyesHint(bool IsOn, DeploymentApproval? OpenRequest);
