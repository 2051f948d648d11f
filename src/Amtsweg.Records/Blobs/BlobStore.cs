using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Amtsweg.Data.Providers;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Blobs;

/// <summary>A stored blob: its SHA-256 address and size.</summary>
/// <param name="Hash">SHA-256 of the content, lower-case hex.</param>
/// <param name="Length">Size in bytes.</param>
public sealed record BlobReference(string Hash, long Length);

/// <summary>
/// Content-addressed blob storage under <c>&lt;DataDirectory&gt;/blobs/ab/cd/&lt;sha256&gt;</c>. A blob is written to a
/// temporary file, fsynced, renamed into place and its directory fsynced before the caller commits the database
/// row that points to it; so a crash leaves at worst an orphaned file, never a row without its content. Equal
/// content is stored once. Content is streamed, never held in memory as a whole.
/// </summary>
public sealed partial class BlobStore
{
    private const int BufferSize = 81920;
    private readonly long _maxBytes;

    /// <summary>Creates the store from the options.</summary>
    public BlobStore(IOptions<RecordsOptions> records, IOptions<DatabaseOptions> database)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(database);
        Root = Path.GetFullPath(records.Value.BlobDirectory ?? Path.Combine(database.Value.DataDirectory, "blobs"));
        _maxBytes = records.Value.MaxUploadBytes;
    }

    /// <summary>The blob folder.</summary>
    public string Root { get; }

    private string TempDirectory => Path.Combine(Root, "tmp");

    /// <summary>
    /// Stores the content of <paramref name="content"/> and returns its address. Refuses content larger than the
    /// configured limit with <see cref="RecordsErrors.UploadTooLarge"/>; nothing remains then.
    /// </summary>
    public async Task<BlobReference> StoreAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(TempDirectory);
        var tempPath = Path.Combine(TempDirectory, Guid.NewGuid().ToString("N") + ".part");
        string hash;
        long length = 0;
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var file = new FileStream(tempPath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous });
            await using (file.ConfigureAwait(false))
            {
                var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                try
                {
                    int read;
                    while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        length += read;
                        if (length > _maxBytes)
                        {
                            throw new RecordsException(RecordsErrors.UploadTooLarge, $"Die Datei ist größer als die erlaubten {_maxBytes / (1024 * 1024)} MB.");
                        }

                        sha.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            var target = PathOf(hash);
            var directory = Path.GetDirectoryName(target)!;
            if (File.Exists(target))
            {
                // Equal content is stored once. The existing file was fsynced when it was written.
                File.Delete(tempPath);
                return new BlobReference(hash, length);
            }

            var created = CreateDirectories(directory);
            File.Move(tempPath, target, overwrite: true);
            FsyncDirectory(directory);
            foreach (var parent in created)
            {
                FsyncDirectory(Path.GetDirectoryName(parent)!);
            }

            return new BlobReference(hash, length);
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }

    /// <summary>Opens a blob for reading, streamed.</summary>
    public Stream Open(string hash)
    {
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            throw new RecordsException(RecordsErrors.BlobCorrupt, $"Der Inhalt {hash} fehlt im Ablageordner.");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    /// <summary>True when the blob exists and its content still has the hash it is stored under.</summary>
    public async Task<bool> IsIntactAsync(string hash, long length, CancellationToken cancellationToken)
    {
        var path = PathOf(hash);
        if (!File.Exists(path) || new FileInfo(path).Length != length)
        {
            return false;
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            return actual == hash;
        }
    }

    /// <summary>
    /// Deletes a blob (after disposal, once no row references it) and makes the deletion durable; false when it
    /// was not there.
    /// </summary>
    public bool Delete(string hash)
    {
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        FsyncDirectory(Path.GetDirectoryName(path)!);
        return true;
    }

    /// <summary>
    /// How long a temporary file may go unwritten before it counts as left behind by a killed process. Uploads and
    /// staged Posteingang files are written continuously and renamed or deleted right after, so six hours of
    /// silence mean no process is writing it any more.
    /// </summary>
    public static readonly TimeSpan StaleTemporaryFileAge = TimeSpan.FromHours(6);

    /// <summary>
    /// Deletes the temporary files under <c>blobs/tmp</c> not written for <see cref="StaleTemporaryFileAge"/> at
    /// <paramref name="now"/> (partial uploads of a killed process); returns how many were deleted.
    /// </summary>
    public int RemoveStaleTemporaryFiles(DateTimeOffset now)
    {
        if (!Directory.Exists(TempDirectory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in new DirectoryInfo(TempDirectory).EnumerateFiles())
        {
            if (now.UtcDateTime - file.LastWriteTimeUtc < StaleTemporaryFileAge)
            {
                continue;
            }

            try
            {
                file.Delete();
                removed++;
            }
            catch (IOException)
            {
                // Another process removed or still holds it; the next sweep looks again.
            }
        }

        return removed;
    }

    /// <summary>The path of a blob: <c>blobs/ab/cd/abcd…</c>.</summary>
    public string PathOf(string hash)
    {
        if (hash is not { Length: 64 } || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("A blob hash is 64 lower-case hex digits.", nameof(hash));
        }

        return Path.Combine(Root, hash[..2], hash[2..4], hash);
    }

    private List<string> CreateDirectories(string directory)
    {
        var created = new List<string>();
        for (var current = directory; current is not null && current.Length > Root.Length && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            created.Add(current);
        }

        Directory.CreateDirectory(directory);
        return created;
    }

    // A rename is durable only once its directory is on disk; .NET has no API for that, so fsync the directory itself.
    private static void FsyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(directory, ReadOnlyDirectory);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open directory {directory} for fsync (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    // O_RDONLY | O_DIRECTORY on Linux (O_DIRECTORY = 0x10000); macOS uses 0x100000.
    private static int ReadOnlyDirectory => OperatingSystem.IsMacOS() ? 0x100000 : 0x10000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
