using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>
/// A BPMN diagram a process designer saved in the modeler but has not deployed yet (issue 13.2), one per process id
/// and municipality. <see cref="Revision"/> counts the saves: a save that names an older revision than the stored one
/// was made on a stale copy and is refused, so that two designers never overwrite each other's work unnoticed.
/// </summary>
public sealed class ProcessDraft : ITenantOwned
{
    /// <summary>Longest BPMN process id, as the engine stores it.</summary>
    public const int ProcessIdMaxLength = 255;

    /// <summary>Longest process name kept for the list.</summary>
    public const int NameMaxLength = 200;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The id of the diagram's process, read from the XML at every save.</summary>
    public required string ProcessId { get; set; }

    /// <summary>The process name in the diagram, or null.</summary>
    public string? Name { get; set; }

    /// <summary>The diagram exactly as the modeler sent it.</summary>
    public required string Xml { get; set; }

    /// <summary>The number of saves; checked as a concurrency token.</summary>
    public int Revision { get; set; }

    /// <summary>Who saved it first.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was saved first (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who saved it last.</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>When it was saved last (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
