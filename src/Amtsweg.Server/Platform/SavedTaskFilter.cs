using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>
/// A filter and sort order of the inbox that a user saved under a name ("Gewerbe überfällig"); only its owner sees it.
/// The values are those of the inbox's query string, checked again whenever the filter is opened.
/// </summary>
public sealed class SavedTaskFilter : ITenantOwned
{
    /// <summary>Longest name.</summary>
    public const int NameMaxLength = 80;

    /// <summary>Longest search text.</summary>
    public const int TextMaxLength = 200;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The user name of the owner.</summary>
    public required string UserName { get; set; }

    /// <summary>The name the owner gave it, unique per owner.</summary>
    public required string Name { get; set; }

    /// <summary>The BPMN process id of the process filter, or null; the process need not be deployed any more.</summary>
    public string? ProcessId { get; set; }

    /// <summary>The due-date filter (the inbox's <c>faellig</c> value), or null.</summary>
    public string? Due { get; set; }

    /// <summary>True: only tasks whose follow-up date is reached.</summary>
    public bool FollowUpReached { get; set; }

    /// <summary>The text searched in task names, or null.</summary>
    public string? Text { get; set; }

    /// <summary>The sort order (the inbox's <c>sortierung</c> value), or null for the default.</summary>
    public string? Sort { get; set; }

    /// <summary>When it was saved (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
