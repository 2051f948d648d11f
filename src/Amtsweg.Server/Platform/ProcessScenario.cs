using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>
/// A saved test scenario of a process (issue 13.3), in the format the process library runs too
/// (<c>amtsweg-scenario/1</c>, <c>docs/scenarios.md</c>). Scenarios belong to the process id, not to one version or
/// draft: "Alle Szenarien ausführen" runs them against the latest deployed version or the draft. <see cref="Revision"/>
/// counts the edits: an edit or deletion that names an older revision was made on a stale copy and is refused.
/// </summary>
public sealed class ProcessScenario : ITenantOwned
{
    /// <summary>Longest scenario name.</summary>
    public const int NameMaxLength = 200;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The BPMN process id the scenario tests.</summary>
    public required string ProcessId { get; set; }

    /// <summary>The scenario's name, unique per process.</summary>
    public required string Name { get; set; }

    /// <summary>The scenario as written by <c>ScenarioReader.Write</c>.</summary>
    public required string Json { get; set; }

    /// <summary>The number of edits; checked as a concurrency token.</summary>
    public int Revision { get; set; }

    /// <summary>Who saved it first.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When it was saved first (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who changed it last.</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>When it was changed last (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When "Alle Szenarien ausführen" ran it last (UTC), or null.</summary>
    public DateTimeOffset? LastRunAt { get; set; }

    /// <summary>Whether it passed then, or null when it never ran.</summary>
    public bool? LastPassed { get; set; }

    /// <summary>The German findings of the last run as a JSON array of strings, or null.</summary>
    public string? LastFindings { get; set; }
}
