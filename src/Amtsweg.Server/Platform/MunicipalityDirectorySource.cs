using Microsoft.Extensions.Configuration;

namespace Amtsweg.Server.Platform;

/// <summary>The result of checking a new municipality against the code list: the name to store, or a refusal.</summary>
/// <param name="Name">The name to store: the operator's display name, else the official one; null when refused.</param>
/// <param name="ErrorCode">A stable code (<c>ags-unknown</c>, <c>ags-district</c>, <c>ags-official</c>, <c>directory-missing</c>, <c>directory-broken</c>, <c>name-invalid</c>), or null.</param>
/// <param name="Error">The German message, or null.</param>
public sealed record DirectoryCheck(string? Name, string? ErrorCode, string? Error);

/// <summary>
/// Where the municipality code list comes from: the setting <c>Amtsweg:Gemeindeverzeichnis:Datei</c>, else the newest
/// <c>urn_de_bund_destatis_bevoelkerungsstatistik_schluessel_ags_*.xml</c> in <c>../shared/standards/codelists/</c> next
/// to the repository the program runs from (as <c>./amtsweg serve</c> and the tests do). The entry points that create
/// municipalities (page, API, CLI) check against it; the internal <see cref="PlatformAdministration.CreateMunicipalityAsync"/>
/// does not, so that tests and the demo can create what they need.
/// </summary>
public sealed class MunicipalityDirectorySource
{
    /// <summary>The configuration key of the code list file.</summary>
    public const string Setting = "Amtsweg:Gemeindeverzeichnis:Datei";

    private const string FilePattern = "urn_de_bund_destatis_bevoelkerungsstatistik_schluessel_ags_*.xml";

    private const string OnlyTest = " Deshalb können nur Testgemeinden angelegt werden.";

    private readonly string? _configured;

    /// <summary>Reads the setting; the file itself is read on first use.</summary>
    public MunicipalityDirectorySource(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[Setting];
        _configured = string.IsNullOrWhiteSpace(configured) ? null : configured.Trim();
        Path = _configured ?? FindDefault();
    }

    /// <summary>The file that is used, or null when none is configured and none was found.</summary>
    public string? Path { get; }

    /// <summary>
    /// The code list, or null with a German sentence that says why there is none (not configured, not found).
    /// </summary>
    /// <exception cref="MunicipalityDirectoryException">The file exists but does not read; the message names its line.</exception>
    public MunicipalityDirectory? TryGet(out string? unavailable)
    {
        if (Path is null)
        {
            unavailable = $"Es ist kein Gemeindeverzeichnis eingerichtet (Einstellung {Setting}).{OnlyTest}";
            return null;
        }

        if (!File.Exists(Path))
        {
            unavailable = $"Das Gemeindeverzeichnis {Path} (Einstellung {Setting}) wurde nicht gefunden.{OnlyTest}";
            return null;
        }

        unavailable = null;
        return MunicipalityDirectory.Load(Path);
    }

    /// <summary>
    /// Checks a new municipality against the list. A municipality from the list takes its official name unless the
    /// operator gives a display name. A test municipality needs a name and an AGS that no municipality of the list has
    /// (else the real municipality could never be created). The format of the AGS is checked by <see cref="Ags"/>:
    /// a malformed one gives no result here but the caller's own refusal.
    /// </summary>
    public DirectoryCheck Check(string? ags, string? name, bool isTest)
    {
        var trimmedName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (!Ags.TryParse(ags, out _, out _))
        {
            return new DirectoryCheck(trimmedName, null, null);
        }

        MunicipalityDirectory? directory;
        string? unavailable;
        try
        {
            directory = TryGet(out unavailable);
        }
        catch (MunicipalityDirectoryException e)
        {
            return new DirectoryCheck(null, "directory-broken", e.Message);
        }

        var entry = directory?.Find(ags!);
        if (isTest)
        {
            if (entry is { IsDistrict: false })
            {
                return new DirectoryCheck(null, "ags-official",
                    $"Der AGS {ags} gehört laut Gemeindeverzeichnis zu „{entry.Name}“. Eine Testgemeinde braucht einen AGS, den keine Gemeinde hat.");
            }

            return trimmedName is null
                ? new DirectoryCheck(null, "name-invalid", "Bitte geben Sie der Testgemeinde einen Namen.")
                : new DirectoryCheck(trimmedName, null, null);
        }

        if (directory is null)
        {
            return new DirectoryCheck(null, "directory-missing", unavailable);
        }

        if (entry is null)
        {
            return new DirectoryCheck(null, "ags-unknown",
                $"Der AGS {ags} steht nicht im Gemeindeverzeichnis (Stand {directory.VersionDisplay}). Prüfen Sie den Schlüssel, oder legen Sie eine Testgemeinde an.");
        }

        if (entry.IsDistrict)
        {
            // The city a district belongs to: Bremen's are 04011xxx (Bremen 04011000), Hamburg's and Berlin's the Land's own key.
            var city = new[] { ags![..5] + "000", ags[..2] + "000000" }.Select(directory.Find).FirstOrDefault(e => e is { IsDistrict: false });
            var hint = city is null ? "" : $" Legen Sie die Stadt selbst an („{city.Name}“, AGS {city.Ags}) oder eine Testgemeinde.";
            return new DirectoryCheck(null, "ags-district",
                $"Der AGS {ags} bezeichnet „{entry.Name}“, einen Stadt-/Ortsteil bzw. Stadtbezirk, keine Gemeinde.{hint}");
        }

        return new DirectoryCheck(trimmedName ?? entry.Name, null, null);
    }

    private static string? FindDefault()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (!File.Exists(System.IO.Path.Combine(directory.FullName, "Amtsweg.slnx")))
                {
                    continue;
                }

                var codelists = System.IO.Path.Combine(directory.FullName, "..", "shared", "standards", "codelists");
                if (!Directory.Exists(codelists))
                {
                    break;
                }

                // The version is part of the file name (…_ags_2026-06-30.xml): the last in order is the newest.
                var newest = Directory.GetFiles(codelists, FilePattern).OrderBy(f => f, StringComparer.Ordinal).LastOrDefault();
                if (newest is not null)
                {
                    return System.IO.Path.GetFullPath(newest);
                }

                break;
            }
        }

        return null;
    }
}
