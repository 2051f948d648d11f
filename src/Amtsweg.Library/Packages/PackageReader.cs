using System.IO.Compression;

namespace Amtsweg.Library.Packages;

/// <summary>
/// Reads a package's files from a folder, a zip of the folder's contents or a signed archive (<c>amtsweg package pack</c>).
/// An archive is read as if it were hostile: no absolute paths, no <c>..</c>, no links, at most
/// <see cref="PackageLimits.MaxEntries"/> entries, each file and all files together within their limits, and no entry that
/// unpacks more than <see cref="PackageLimits.MaxCompressionRatio"/> times its packed size; the bytes are counted while
/// unpacking, so a header that lies about sizes changes nothing. The layout and the manifest are not checked here
/// (<see cref="PackageLayout"/>, <see cref="ManifestReader"/>).
/// </summary>
public static class PackageReader
{
    /// <summary>Reads a folder or an archive file.</summary>
    /// <exception cref="PackageReadException">Neither exists, or it cannot be read safely.</exception>
    public static async Task<PackageFiles> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return await ReadFolderAsync(path, cancellationToken).ConfigureAwait(false);
        }

        if (File.Exists(path))
        {
            try
            {
                var info = new FileInfo(path);
                if (info.Length > PackageLimits.MaxTotalBytes)
                {
                    throw new PackageReadException($"{path}: Das Archiv ist größer als {Megabytes(PackageLimits.MaxTotalBytes)} MB.");
                }

                await using var stream = File.OpenRead(path);
                return await ReadZipAsync(stream, path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new PackageReadException($"{path}: Die Datei lässt sich nicht lesen.", error);
            }
        }

        throw new PackageReadException($"{path}: Den Ordner oder die Datei gibt es nicht.");
    }

    /// <summary>Reads every file under a folder (links refused).</summary>
    /// <exception cref="PackageReadException">A link, too many files, a file too large, or a file that cannot be read.</exception>
    public static async Task<PackageFiles> ReadFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var root = new DirectoryInfo(folder);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var entries = 0;
        long total = 0;
        var pending = new Stack<DirectoryInfo>([root]);
        try
        {
            while (pending.Count > 0)
            {
                foreach (var entry in pending.Pop().EnumerateFileSystemInfos())
                {
                    var relative = Path.GetRelativePath(root.FullName, entry.FullName).Replace('\\', '/');
                    if (entry.LinkTarget is not null)
                    {
                        throw new PackageReadException($"{relative}: Verknüpfungen (Links) sind in einem Paket nicht erlaubt.");
                    }

                    if (++entries > PackageLimits.MaxEntries)
                    {
                        throw new PackageReadException($"{folder}: Das Paket hat mehr als {PackageLimits.MaxEntries} Dateien und Ordner.");
                    }

                    if (entry is DirectoryInfo directory)
                    {
                        pending.Push(directory);
                        continue;
                    }

                    var length = ((FileInfo)entry).Length;
                    CheckFileSize(relative, length);
                    total += length;
                    CheckTotal(folder, total);
                    files[relative] = await File.ReadAllBytesAsync(entry.FullName, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new PackageReadException($"{folder}: Der Ordner lässt sich nicht vollständig lesen ({error.Message}).", error);
        }

        return new PackageFiles(folder, files);
    }

    /// <summary>Reads a zip archive (a zipped package folder or a signed archive) as hostile input.</summary>
    /// <param name="stream">The archive; read, not closed.</param>
    /// <param name="source">Its name, for messages.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <exception cref="PackageReadException">Not a zip archive, or unsafe (see <see cref="PackageReader"/>).</exception>
    public static async Task<PackageFiles> ReadZipAsync(Stream stream, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        ZipArchive archive;
        try
        {
            archive = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException error)
        {
            throw new PackageReadException($"{source}: Die Datei ist kein Ordner und kein lesbares Zip-Archiv.", error);
        }

        await using (archive.ConfigureAwait(false))
        {
            if (archive.Entries.Count > PackageLimits.MaxEntries)
            {
                throw new PackageReadException($"{source}: Das Archiv hat mehr als {PackageLimits.MaxEntries} Einträge.");
            }

            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                var name = SafeName(source, entry);
                if (IsLink(entry))
                {
                    throw new PackageReadException($"{source}: {name}: Verknüpfungen (Links) sind in einem Paket nicht erlaubt.");
                }

                if (name.EndsWith('/'))
                {
                    continue;
                }

                if (!seen.Add(name))
                {
                    throw new PackageReadException($"{source}: {name}: Der Eintrag kommt im Archiv mehrfach vor.");
                }

                var bytes = await UnpackAsync(source, name, entry, PackageLimits.MaxTotalBytes - total, cancellationToken).ConfigureAwait(false);
                total += bytes.Length;
                files[name] = bytes;
            }

            return Split(source, files);
        }
    }

    /// <summary>An entry's name if it is a safe relative path; refuses absolute paths, drive letters, backslashes and <c>..</c>.</summary>
    private static string SafeName(string source, ZipArchiveEntry entry)
    {
        var name = entry.FullName;
        if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || (name.Length > 1 && name[1] == ':') || name.Any(char.IsControl))
        {
            throw new PackageReadException($"{source}: Der Eintrag „{name}“ hat einen absoluten oder ungültigen Pfad.");
        }

        if (name.Split('/').Any(segment => segment is ".." or "."))
        {
            throw new PackageReadException($"{source}: Der Eintrag „{name}“ verweist mit „..“ aus dem Paket heraus.");
        }

        return name;
    }

    /// <summary>Whether an entry is a symbolic link (Unix file type in the upper half of the external attributes).</summary>
    private static bool IsLink(ZipArchiveEntry entry)
    {
        const int typeMask = 0xF000;
        const int symbolicLink = 0xA000;
        return ((entry.ExternalAttributes >> 16) & typeMask) == symbolicLink;
    }

    private static async Task<byte[]> UnpackAsync(string source, string name, ZipArchiveEntry entry, long totalLeft, CancellationToken cancellationToken)
    {
        var packed = Math.Max(entry.CompressedLength, 1);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            var input = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (input.ConfigureAwait(false))
            {
                int read;
                while ((read = await input.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                    CheckFileSize($"{source}: {name}", buffer.Length);
                    if (buffer.Length > totalLeft)
                    {
                        throw new PackageReadException($"{source}: Die Dateien des Archivs sind zusammen größer als {Megabytes(PackageLimits.MaxTotalBytes)} MB.");
                    }

                    if (buffer.Length >= PackageLimits.CompressionRatioCheckedFrom && buffer.Length > packed * PackageLimits.MaxCompressionRatio)
                    {
                        throw new PackageReadException($"{source}: {name}: Der Eintrag ist mehr als {PackageLimits.MaxCompressionRatio}-fach gepackt (Verdacht auf eine Zip-Bombe).");
                    }
                }
            }
        }
        catch (InvalidDataException error)
        {
            throw new PackageReadException($"{source}: {name}: Der Eintrag ist beschädigt oder verwendet ein unbekanntes Packverfahren.", error);
        }

        return buffer.ToArray();
    }

    private static void CheckFileSize(string file, long length)
    {
        if (length > PackageLimits.MaxFileBytes)
        {
            throw new PackageReadException($"{file}: Die Datei ist größer als {Megabytes(PackageLimits.MaxFileBytes)} MB.");
        }
    }

    private static void CheckTotal(string source, long total)
    {
        if (total > PackageLimits.MaxTotalBytes)
        {
            throw new PackageReadException($"{source}: Die Dateien des Pakets sind zusammen größer als {Megabytes(PackageLimits.MaxTotalBytes)} MB.");
        }
    }

    private static PackageFiles Split(string source, Dictionary<string, byte[]> files)
    {
        var signature = files.Remove(PackageFiles.SignatureFile, out var bytes) ? bytes : null;
        return new PackageFiles(source, files, signature);
    }

    private static long Megabytes(long bytes) => bytes / (1024 * 1024);
}
