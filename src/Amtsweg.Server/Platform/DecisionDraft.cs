using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>
/// A DMN file a designer saved in the decision editor and has not deployed yet (issue 13.2): one draft per file (its
/// <c>definitions</c> id) and municipality; saving it again from a stale copy is refused (<see cref="Revision"/> is a
/// concurrency token).
/// </summary>
public sealed class DecisionDraft : ITenantOwned
{
    /// <summary>Longest definitions id kept.</summary>
    public const int DefinitionsIdMaxLength = 255;

    /// <summary>Longest name kept for the list.</summary>
    public const int NameMaxLength = 200;

    /// <summary>Longest list of decision ids kept for the list.</summary>
    public const int DecisionIdsMaxLength = 2000;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The <c>id</c> of the file's <c>definitions</c>, read from the XML at every save.</summary>
    public required string DefinitionsId { get; set; }

    /// <summary>The name of the file's <c>definitions</c>, or null.</summary>
    public string? Name { get; set; }

    /// <summary>The ids of the decisions in the file, separated by spaces (DMN ids contain none), for the list.</summary>
    public required string DecisionIds { get; set; }

    /// <summary>The DMN XML exactly as dmn-js exported it.</summary>
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
