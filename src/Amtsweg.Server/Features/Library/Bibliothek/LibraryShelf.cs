using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Amtsweg.Data.Tenancy;
using Amtsweg.Library.Packages;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Features.Library.Bibliothek;

/// <summary>A version of a package the installation knows.</summary>
/// <param name="Id">The <see cref="LibraryPackage"/> row.</param>
/// <param name="Version">The semantic version.</param>
/// <param name="AddedAt">When the installation got it (UTC).</param>
/// <param name="Origin">Shipped, uploaded or fetched from a catalogue.</param>
public sealed record ShelfVersion(Guid Id, string Version, DateTimeOffset AddedAt, LibraryPackageOrigin Origin);

/// <summary>How many municipalities of the installation use one version of a package (never which).</summary>
public sealed record VersionUsage(string Version, int Municipalities);

/// <summary>One package of the library as the pages show it: its newest version's manifest, all versions, the own municipality's installation and the usage.</summary>
/// <param name="Newest">The manifest of the newest version.</param>
/// <param name="Versions">Every version known, newest first.</param>
/// <param name="PublisherName">The publishing municipality's name: as the installation knows the AGS, else as the manifest says.</param>
/// <param name="Installed">The own municipality's installation, or null.</param>
/// <param name="Usage">Municipalities using it per version, newest first.</param>
public sealed record ShelfPackage(
    PackageManifest Newest,
    IReadOnlyList<ShelfVersion> Versions,
    string PublisherName,
    PackageInstallation? Installed,
    IReadOnlyList<VersionUsage> Usage)
{
    /// <summary>How many municipalities use any version.</summary>
    public int UsedBy => Usage.Sum(u => u.Municipalities);

    /// <summary>The newest version known.</summary>
    public ShelfVersion NewestVersion => Versions[0];

    /// <summary>The newest version when it is newer than the installed one, else null.</summary>
    public ShelfVersion? Update => Installed is { } installed && PackageVersion.Compare(NewestVersion.Version, installed.Version) > 0 ? NewestVersion : null;
}

/// <summary>
/// The packages the installation knows (<see cref="PlatformDbContext.LibraryPackages"/>, installation-wide), with the
/// own municipality's installations (through the tenant filter) and the usage figures of all municipalities, which only
/// leave <see cref="UsageAsync"/> as counts per version.
/// </summary>
public sealed class LibraryShelf(PlatformDbContext db, ITenantScopeFactory scopes, LibraryManifests manifests)
{
    /// <summary>Every package, newest version each, by title.</summary>
    public async Task<IReadOnlyList<ShelfPackage>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.LibraryPackages.AsNoTracking()
            .Select(p => new Row(p.Id, p.PackageId, p.Version, p.AddedAt, p.Origin))
            .ToListAsync(cancellationToken);
        var installed = await db.PackageInstallations.AsNoTracking().ToListAsync(cancellationToken);
        var usage = await UsageAsync(cancellationToken);
        var result = new List<ShelfPackage>();
        foreach (var group in rows.GroupBy(r => r.PackageId, StringComparer.Ordinal))
        {
            result.Add(await ShelfPackageAsync(group.ToList(), installed, usage, cancellationToken));
        }

        var names = await PublisherNamesAsync(result.Select(p => p.Newest.Publisher.Ags), cancellationToken);
        return [.. result
            .Select(p => names.TryGetValue(p.Newest.Publisher.Ags, out var name) ? p with { PublisherName = name } : p)
            .OrderBy(p => p.Newest.Title, StringComparer.Create(CultureInfo.GetCultureInfo("de-DE"), ignoreCase: true))];
    }

    /// <summary>One package with the files of one of its versions (the newest when <paramref name="version"/> is null), or null when unknown.</summary>
    public async Task<(ShelfPackage Package, ShelfVersion Version, PackageFiles Files, PackageManifest Manifest)?> FindAsync(string? packageId, string? version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(packageId) || packageId.Length > LibraryPackage.PackageIdMaxLength)
        {
            return null;
        }

        var rows = await db.LibraryPackages.AsNoTracking().Where(p => p.PackageId == packageId)
            .Select(p => new Row(p.Id, p.PackageId, p.Version, p.AddedAt, p.Origin))
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var installed = await db.PackageInstallations.AsNoTracking().Where(i => i.PackageId == packageId).ToListAsync(cancellationToken);
        var package = await ShelfPackageAsync(rows, installed, await UsageAsync(cancellationToken), cancellationToken);
        var names = await PublisherNamesAsync([package.Newest.Publisher.Ags], cancellationToken);
        if (names.TryGetValue(package.Newest.Publisher.Ags, out var name))
        {
            package = package with { PublisherName = name };
        }

        var chosen = version is null ? package.NewestVersion : package.Versions.FirstOrDefault(v => v.Version == version);
        if (chosen is null)
        {
            return null;
        }

        var files = await FilesAsync(chosen.Id, cancellationToken);
        return (package, chosen, files, await manifests.GetAsync(chosen.Id, () => Task.FromResult(files), cancellationToken));
    }

    /// <summary>The files of a known package version.</summary>
    public async Task<PackageFiles> FilesAsync(Guid libraryPackageId, CancellationToken cancellationToken)
    {
        var archive = await db.LibraryPackages.AsNoTracking().Where(p => p.Id == libraryPackageId).Select(p => p.Archive).SingleAsync(cancellationToken);
        using var stream = new MemoryStream(archive, writable: false);
        return await PackageReader.ReadZipAsync(stream, "Paket", cancellationToken);
    }

    /// <summary>
    /// How many municipalities of the installation use each package version. The count crosses municipalities on
    /// purpose, in a platform scope of its own; only the figures leave it, never a municipality.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<VersionUsage>>> UsageAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreatePlatformScope();
        var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var counts = await platform.PackageInstallations.AsNoTracking()
            .GroupBy(i => new { i.PackageId, i.Version })
            .Select(g => new { g.Key.PackageId, g.Key.Version, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.GroupBy(c => c.PackageId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<VersionUsage>)[.. g.Select(c => new VersionUsage(c.Version, c.Count)).OrderByDescending(u => u.Version, PackageVersionComparer.Instance)],
            StringComparer.Ordinal);
    }

    private async Task<ShelfPackage> ShelfPackageAsync(List<Row> rows, List<PackageInstallation> installed, IReadOnlyDictionary<string, IReadOnlyList<VersionUsage>> usage, CancellationToken cancellationToken)
    {
        var versions = rows.OrderByDescending(r => r.Version, PackageVersionComparer.Instance)
            .Select(r => new ShelfVersion(r.Id, r.Version, r.AddedAt, r.Origin)).ToList();
        var newest = await manifests.GetAsync(versions[0].Id, () => FilesAsync(versions[0].Id, cancellationToken), cancellationToken);
        return new ShelfPackage(
            newest,
            versions,
            newest.Publisher.Name,
            installed.FirstOrDefault(i => i.PackageId == newest.Id),
            usage.TryGetValue(newest.Id, out var used) ? used : []);
    }

    private async Task<Dictionary<string, string>> PublisherNamesAsync(IEnumerable<string> ags, CancellationToken cancellationToken)
    {
        var keys = ags.Distinct(StringComparer.Ordinal).ToList();
        return await db.Municipalities.AsNoTracking().Where(m => keys.Contains(m.Ags)).ToDictionaryAsync(m => m.Ags, m => m.Name, cancellationToken);
    }

    private sealed record Row(Guid Id, string PackageId, string Version, DateTimeOffset AddedAt, LibraryPackageOrigin Origin);
}

/// <summary>
/// The manifests of known package versions, read once from their archives: a <see cref="LibraryPackage"/> row never
/// changes its content (a new content is a new version), so what was read stays true.
/// </summary>
public sealed class LibraryManifests
{
    private readonly ConcurrentDictionary<Guid, PackageManifest> _manifests = new();

    /// <summary>The manifest of the row <paramref name="libraryPackageId"/>, read from <paramref name="files"/> the first time.</summary>
    public async Task<PackageManifest> GetAsync(Guid libraryPackageId, Func<Task<PackageFiles>> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (_manifests.TryGetValue(libraryPackageId, out var known))
        {
            return known;
        }

        var read = await files();
        cancellationToken.ThrowIfCancellationRequested();
        var manifest = ManifestReader.Read(read.Text(PackageLayout.Manifest));
        _manifests[libraryPackageId] = manifest;
        return manifest;
    }
}

/// <summary>Orders semantic versions (<see cref="PackageVersion.Compare"/>).</summary>
public sealed class PackageVersionComparer : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static readonly PackageVersionComparer Instance = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        _ => PackageVersion.Compare(x, y),
    };
}

/// <summary>
/// The library's search (<c>/bibliothek?suche=</c>): every word must occur in the title, the description, a LeiKa key or
/// a tag, regardless of case, umlauts written as <c>ae</c>/<c>oe</c>/<c>ue</c> or without dots, and <c>ß</c> as <c>ss</c>.
/// </summary>
public static class ShelfSearch
{
    /// <summary>True when every word of <paramref name="query"/> is found in the package.</summary>
    public static bool Matches(PackageManifest manifest, string? query)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var words = Fold(query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return true;
        }

        var text = Fold(string.Join(' ', [manifest.Title, manifest.Description, .. manifest.Leika, .. manifest.Tags]));
        return words.All(w => text.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>Lower case, umlauts and their spellings folded to the plain vowel, <c>ß</c> to <c>ss</c>, other accents dropped, anything else a space.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLower(CultureInfo.GetCultureInfo("de-DE"))
            .Replace("ß", "ss", StringComparison.Ordinal)
            .Replace("ae", "a", StringComparison.Ordinal)
            .Replace("oe", "o", StringComparison.Ordinal)
            .Replace("ue", "u", StringComparison.Ordinal);
        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return builder.ToString();
    }
}
