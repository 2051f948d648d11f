using Amtsweg.Data.Tenancy;

namespace Amtsweg.Records.Model;

/// <summary>
/// The link between a Vorgang and a process instance that works it: the instance's business key is the Vorgang's
/// Aktenzeichen. A Vorgang may be worked by several instances over time; an instance belongs to one Vorgang.
/// The e-file stores only the instance id, so it knows nothing of the engine.
/// </summary>
public sealed class VorgangProcess : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The Vorgang.</summary>
    public Guid VorgangId { get; set; }

    /// <summary>The process instance (an id of the engine).</summary>
    public Guid ProcessInstanceId { get; set; }

    /// <summary>The BPMN process id of the instance, e.g. <c>Gewerbeanmeldung</c>.</summary>
    public required string ProcessId { get; set; }

    /// <summary>Who started the instance.</summary>
    public required string LinkedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset LinkedAt { get; set; }
}
