using Amtsweg.Library.Packages;

namespace Amtsweg.Server.Features.Library;

/// <summary>
/// The standard processes shipped with the platform: the package folders of the repository's <c>library/</c>, embedded
/// in the server (as the shipped letter templates are embedded in <c>Amtsweg.Documents</c>), so that <c>serve</c> finds
/// them wherever it runs. Each comes as the zip a shipped package is kept as (<see cref="PackageInstaller.Zip"/>).
/// </summary>
public static class ShippedPackages
{
    private const string Prefix = "Amtsweg.Library.Shipped/";

    /// <summary>Every shipped package by folder name (its package id), in name order, as a zip of its files.</summary>
    public static IReadOnlyList<(string Folder, byte[] Archive)> All()
    {
        var assembly = typeof(ShippedPackages).Assembly;
        var packages = new SortedDictionary<string, Dictionary<string, byte[]>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var path = name[Prefix.Length..].Replace('\\', '/');
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            var folder = path[..slash];
            if (!packages.TryGetValue(folder, out var files))
            {
                packages[folder] = files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            }

            files[path[(slash + 1)..]] = bytes.ToArray();
        }

        return [.. packages.Select(p => (p.Key, PackageInstaller.Zip(new PackageFiles(p.Key, p.Value))))];
    }
}
