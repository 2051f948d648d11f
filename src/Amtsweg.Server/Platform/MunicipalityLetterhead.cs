using Amtsweg.Data.Tenancy;
using Amtsweg.Documents;

namespace Amtsweg.Server.Platform;

/// <summary>
/// The municipality's letterhead: what every letter prints at the top, in the return-address line and in the footer.
/// One per municipality; a municipality without one writes letters with its name only.
/// </summary>
public sealed class MunicipalityLetterhead : ITenantOwned
{
    /// <summary>UUID v7.</summary>
    public Guid Id { get; set; }

    /// <summary>The municipality.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The name as printed, e.g. "Gemeinde Musterstadt" or "Stadt Musterstadt – Der Bürgermeister".</summary>
    public required string Title { get; set; }

    /// <summary>The postal address, one line each (street, postcode and town).</summary>
    public string Address { get; set; } = "";

    /// <summary>The switchboard's telephone number.</summary>
    public string? Phone { get; set; }

    /// <summary>The general e-mail address.</summary>
    public string? Email { get; set; }

    /// <summary>The web site.</summary>
    public string? Web { get; set; }

    /// <summary>Opening hours, one line each.</summary>
    public string? OpeningHours { get; set; }

    /// <summary>Bank details, one line each.</summary>
    public string? BankDetails { get; set; }

    /// <summary>The logo file (PNG or JPEG, at most <see cref="LetterLogo.MaxBytes"/>), checked with <see cref="LetterLogo.Read"/>.</summary>
    public byte[]? Logo { get; set; }

    /// <summary>The logo's content type as found in the file.</summary>
    public string? LogoContentType { get; set; }

    /// <summary>Who changed it last.</summary>
    public required string UpdatedBy { get; set; }

    /// <summary>When it was changed last (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The letterhead as the letter layout takes it.</summary>
    public Letterhead ToLetterhead() => new(Title)
    {
        Address = Lines(Address),
        Phone = Phone,
        Email = Email,
        Web = Web,
        OpeningHours = OpeningHours,
        BankDetails = BankDetails,
        Logo = Logo is { Length: > 0 } logo ? LetterLogo.Read(logo) : null,
    };

    private static string[] Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
