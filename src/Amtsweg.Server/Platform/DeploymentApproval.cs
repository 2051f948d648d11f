using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>What a <see cref="DeploymentApproval"/> would deploy.</summary>
public enum DeploymentApprovalKind
{
    /// <summary>A BPMN process from the modeler.</summary>
    Process,

    /// <summary>A form (form-js JSON) from the form editor.</summary>
    Form,

    /// <summary>A DMN file from the decision editor: each decision in it gets a new version.</summary>
    Decision,
}

/// <summary>Where a <see cref="DeploymentApproval"/> stands.</summary>
public enum DeploymentApprovalState
{
    /// <summary>Offen: waits for a second person's decision.</summary>
    Open,

    /// <summary>Freigegeben: approved and deployed.</summary>
    Approved,

    /// <summary>Abgelehnt: rejected with a reason.</summary>
    Rejected,

    /// <summary>Zurückgezogen: withdrawn by whoever asked.</summary>
    Withdrawn,
}

/// <summary>
/// A deployment waiting for the Vier-Augen-Prinzip (issue 13.4, <see cref="Municipality.FourEyesDeployments"/>): the file
/// a designer asked to deploy, kept exactly as sent, until a second person with Leitung, Prozessgestaltung or
/// Administration approves it (then the engine deploys it) or rejects it, or the designer withdraws it. At most one
/// request per process or form is open (a unique index), so two approvals can never deploy over each other;
/// <see cref="Revision"/> is a concurrency token, so of two decisions at the same moment only the first counts.
/// </summary>
public sealed class DeploymentApproval : ITenantOwned
{
    /// <summary>Longest reason of a rejection.</summary>
    public const int ReasonMaxLength = 1000;

    /// <summary>Longest resource file name.</summary>
    public const int ResourceNameMaxLength = 300;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>A process, a form or a DMN file.</summary>
    public DeploymentApprovalKind Kind { get; set; }

    /// <summary>The BPMN process id, the form's id, or the id of the DMN file's definitions (as its drafts use it).</summary>
    public required string SubjectId { get; set; }

    /// <summary>The process name in the diagram or the DMN file's name, or null (a form, or none given).</summary>
    public string? Name { get; set; }

    /// <summary>The file name of the resource in the deployment (<c>Baugenehmigung.bpmn</c>, <c>antrag.form</c>).</summary>
    public required string ResourceName { get; set; }

    /// <summary>The BPMN XML, the form's JSON or the DMN XML exactly as the designer sent it.</summary>
    public required string Content { get; set; }

    /// <summary>What changes with this version (the designer's comment, required).</summary>
    public required string Comment { get; set; }

    /// <summary>
    /// The latest deployed version when the request was made, or null for a first version. For a DMN file: the highest
    /// version among the decisions in it (<see cref="Amtsweg.Server.Features.Processes.Approvals.DeploymentApprovals.LatestVersionAsync"/>).
    /// </summary>
    public int? BaseVersion { get; set; }

    /// <summary>
    /// For a DMN file: the deployed version of each decision in it when the request was made, as a JSON object from
    /// decision id to version (a decision never deployed is left out); null for processes and forms, and for requests made
    /// before it was stored. A decision of the file can get a newer version from another file without the file's highest
    /// version changing: the approval compares decision by decision
    /// (<see cref="Amtsweg.Server.Features.Processes.Approvals.DeploymentApprovals.NewerDecisionAsync"/>).
    /// </summary>
    public string? BaseDecisionVersions { get; set; }

    /// <summary>The draft the request was made from, or null; removed on approval when it was not saved again since.</summary>
    public Guid? DraftId { get; set; }

    /// <summary>The draft's revision when the request was made.</summary>
    public int? DraftRevision { get; set; }

    /// <summary>Who asked (login name).</summary>
    public required string RequestedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>Offen, freigegeben, abgelehnt or zurückgezogen.</summary>
    public DeploymentApprovalState State { get; set; }

    /// <summary>Who approved, rejected or withdrew it (login name), or null while open.</summary>
    public string? DecidedBy { get; set; }

    /// <summary>When it was decided (UTC).</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Why it was rejected, or null.</summary>
    public string? Reason { get; set; }

    /// <summary>The version the approval deployed, or null.</summary>
    public int? DeployedVersion { get; set; }

    /// <summary>Counts the changes of state; checked as a concurrency token.</summary>
    public int Revision { get; set; }
}
