using Amtsweg.Data.Tenancy;

namespace Amtsweg.Server.Platform;

/// <summary>
/// A letter template of one municipality (issue 13.5), in the text format of <see cref="Documents.LetterTemplate"/>.
/// With the key of a shipped template (<c>bescheid</c>, <c>nachforderung</c>) it replaces that template for the
/// municipality's clerks and processes; deleting it brings the shipped one back. Saved only when it parses and names
/// nothing unknown.
/// </summary>
public sealed class MunicipalityLetterTemplate : ITenantOwned
{
    /// <summary>Longest key.</summary>
    public const int KeyMaxLength = 50;

    /// <summary>Longest template text.</summary>
    public const int TextMaxLength = 20_000;

    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The key clerks' links and a process's task header <c>brief</c> name, unique per municipality.</summary>
    public required string Key { get; set; }

    /// <summary>The template text.</summary>
    public required string Text { get; set; }

    /// <summary>
    /// The id of the installed package whose letter (<c>briefe/KEY.txt</c>) this is, or null for a template Administration
    /// made. An update of that package replaces it; another package or an installation never overwrites a template it
    /// did not bring.
    /// </summary>
    public string? PackageId { get; set; }

    /// <summary>Who changed it last.</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>When it was changed last (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
