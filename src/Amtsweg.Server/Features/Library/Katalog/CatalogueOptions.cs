using Amtsweg.Library.Packages;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Library.Katalog;

/// <summary>Settings of the catalogue between installations (section <c>Amtsweg:Katalog</c>; see README, configuration table).</summary>
public sealed class CatalogueOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amtsweg:Katalog";

    /// <summary>Largest catalogue document read (1 MB).</summary>
    public const int MaxCatalogueBytes = 1024 * 1024;

    /// <summary>The installation's name in its published catalogue (<c>Amtsweg:Katalog:Name</c>).</summary>
    public string Name { get; set; } = "Amtsweg";

    /// <summary>How often the subscribed catalogues are fetched (<c>Amtsweg:Katalog:FetchInterval</c>); <c>00:00:00</c> turns the scheduled fetch off.</summary>
    public TimeSpan FetchInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long one request to another installation may take (<c>Amtsweg:Katalog:Timeout</c>).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest archive downloaded (<c>Amtsweg:Katalog:MaxArchiveBytes</c>); at most the packages' own limit.</summary>
    public long MaxArchiveBytes { get; set; } = PackageLimits.MaxTotalBytes;
}

/// <summary>Validates <see cref="CatalogueOptions"/> at start and names the wrong setting.</summary>
internal sealed class CatalogueOptionsValidator : IValidateOptions<CatalogueOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogueOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name) || options.Name.Length > 200)
        {
            failures.Add("Amtsweg:Katalog:Name must be between 1 and 200 characters.");
        }

        if (options.FetchInterval != TimeSpan.Zero && (options.FetchInterval < TimeSpan.FromMinutes(1) || options.FetchInterval > TimeSpan.FromDays(30)))
        {
            failures.Add("Amtsweg:Katalog:FetchInterval must be 00:00:00 (off) or between 00:01:00 and 30.00:00:00.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("Amtsweg:Katalog:Timeout must be between 00:00:01 and 00:10:00.");
        }

        if (options.MaxArchiveBytes < 1 || options.MaxArchiveBytes > PackageLimits.MaxTotalBytes)
        {
            failures.Add($"Amtsweg:Katalog:MaxArchiveBytes must be between 1 and {PackageLimits.MaxTotalBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
