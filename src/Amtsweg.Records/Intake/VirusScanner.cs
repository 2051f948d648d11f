using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Intake;

/// <summary>The outcome of a virus scan.</summary>
/// <param name="Clean">True when nothing was found.</param>
/// <param name="Finding">What was found (the signature name), or the scanner's own words on an error.</param>
/// <param name="Scanner">Which scanner checked, for the Transfervermerk.</param>
public sealed record VirusScanResult(bool Clean, string? Finding, string Scanner);

/// <summary>
/// ClamAV through <c>clamscan</c> when <see cref="IntakeOptions.VirusScanCommand"/> is set. (The daemon client
/// <c>clamdscan</c> is not supported: it is untested, and the options check refuses it.)
/// Exit code 0 is clean, 1 a finding; anything else means the scan could not be done, and the item is not passed
/// on unscanned.
/// </summary>
public sealed class VirusScanner(IOptions<IntakeOptions> options)
{
    /// <summary>True when a scanner is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.VirusScanCommand);

    /// <summary>Scans one file; throws <see cref="RecordsException"/> when the scanner fails.</summary>
    public async Task<VirusScanResult> ScanAsync(string path, CancellationToken cancellationToken)
    {
        var command = options.Value.VirusScanCommand ?? throw new InvalidOperationException("No virus scanner is configured.");
        var arguments = new List<string> { "--no-summary", "--stdout" };
        if (!string.IsNullOrWhiteSpace(options.Value.VirusScanDatabase))
        {
            arguments.Add("--database=" + options.Value.VirusScanDatabase);
        }

        arguments.Add(path);
        var result = await ExternalProgram.RunAsync(command, arguments, cancellationToken).ConfigureAwait(false);
        var scanner = "ClamAV (" + Path.GetFileName(command) + ")";
        return result.ExitCode switch
        {
            0 => new VirusScanResult(true, null, scanner),
            1 => new VirusScanResult(false, Finding(result.Output, path), scanner),
            _ => throw new RecordsException(RecordsErrors.Invalid, $"Die Virenprüfung ist fehlgeschlagen: {(result.Error + result.Output).Trim()}"),
        };
    }

    // clamscan prints "<path>: <Signature> FOUND".
    private static string Finding(string output, string path)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.TrimEnd().EndsWith("FOUND", StringComparison.Ordinal)) ?? output;
        return line.Replace(path + ":", "", StringComparison.Ordinal).Replace("FOUND", "", StringComparison.Ordinal).Trim();
    }
}
