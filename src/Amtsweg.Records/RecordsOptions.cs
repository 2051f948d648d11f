using Amtsweg.Records.Model;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records;

/// <summary>Settings of section <c>Amtsweg:Records</c>.</summary>
public sealed class RecordsOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amtsweg:Records";

    /// <summary>
    /// The pattern of new Aktenzeichen. Placeholders: <c>{Position}</c> (the Aktenplan code), <c>{Jahr}</c>, and the
    /// running number <c>{Nummer}</c> (also <c>{laufende Nummer}</c>) with an optional .NET number format such as
    /// <c>{Nummer:0000}</c>. All three must appear, so that no two Akten can get the same reference.
    /// </summary>
    public string AktenzeichenPattern { get; set; } = "{Position}-{Nummer:0000}/{Jahr}";

    /// <summary>The largest upload accepted, in bytes (default 100 MB).</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>The blob folder; default <c>&lt;DataDirectory&gt;/blobs</c>.</summary>
    public string? BlobDirectory { get; set; }
}

/// <summary>Checks <see cref="RecordsOptions"/> at start and names the wrong setting.</summary>
internal sealed class RecordsOptionsValidator : IValidateOptions<RecordsOptions>
{
    public ValidateOptionsResult Validate(string? name, RecordsOptions options)
    {
        if (options.MaxUploadBytes <= 0)
        {
            return ValidateOptionsResult.Fail("Amtsweg:Records:MaxUploadBytes must be a positive number of bytes.");
        }

        try
        {
            _ = AktenzeichenPattern.Parse(options.AktenzeichenPattern);
        }
        catch (FormatException error)
        {
            return ValidateOptionsResult.Fail("Amtsweg:Records:AktenzeichenPattern: " + error.Message);
        }

        return ValidateOptionsResult.Success;
    }
}
