using System.Security.Cryptography;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Tests.Blobs;

public sealed class BlobStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("amtsweg-blobs-").FullName;

    [Fact]
    public async Task Store_PutsContentUnderItsHash_InTwoLevelsOfFolders()
    {
        var store = CreateStore(1024);
        var content = "Antrag auf Erteilung einer Baugenehmigung"u8.ToArray();

        var blob = await store.StoreAsync(new MemoryStream(content), CancellationToken.None);

        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        Assert.Equal(new BlobReference(hash, content.Length), blob);
        Assert.Equal(Path.Combine(_directory, "blobs", hash[..2], hash[2..4], hash), store.PathOf(hash));
        Assert.Equal(content, await File.ReadAllBytesAsync(store.PathOf(hash)));
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, "blobs", "tmp")));
        Assert.True(await store.IsIntactAsync(hash, content.Length, CancellationToken.None));
    }

    [Fact]
    public async Task Store_KeepsOneFile_WhenSameContentIsStoredTwice()
    {
        var store = CreateStore(1024);

        var first = await store.StoreAsync(new MemoryStream("gleich"u8.ToArray()), CancellationToken.None);
        var second = await store.StoreAsync(new MemoryStream("gleich"u8.ToArray()), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(Directory.GetFiles(Path.Combine(_directory, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Store_RefusesAndLeavesNothing_WhenContentExceedsLimit()
    {
        var store = CreateStore(100_000);

        var error = await Assert.ThrowsAsync<RecordsException>(() => store.StoreAsync(new GeneratedStream(100_001), CancellationToken.None));
        var exact = await store.StoreAsync(new GeneratedStream(100_000), CancellationToken.None);

        Assert.Equal(RecordsErrors.UploadTooLarge, error.Code);
        Assert.Equal(100_000, exact.Length);
        Assert.Single(Directory.GetFiles(Path.Combine(_directory, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task IsIntact_IsFalse_WhenFileWasEditedOrRemoved()
    {
        var store = CreateStore(1024);
        var blob = await store.StoreAsync(new MemoryStream("Original"u8.ToArray()), CancellationToken.None);
        var path = store.PathOf(blob.Hash);

        await File.WriteAllTextAsync(path, "Fälschu");
        var edited = await store.IsIntactAsync(blob.Hash, blob.Length, CancellationToken.None);
        File.Delete(path);
        var removed = await store.IsIntactAsync(blob.Hash, blob.Length, CancellationToken.None);

        Assert.False(edited);
        Assert.False(removed);
    }

    [Fact]
    public async Task AddDokument_RefusesUpload_OverConfiguredLimit()
    {
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Amtsweg:Records:MaxUploadBytes"] = "1000" });
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);

        var error = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata(), new GeneratedStream(1001))));

        Assert.Equal(RecordsErrors.UploadTooLarge, error.Code);
        Assert.Equal(0, await host.QueryAsync(tenant, db => db.DokumentVersionen.CountAsync()));
    }

    internal static BlobStore CreateStore(string directory, long maxBytes) => new(
        Options.Create(new RecordsOptions { MaxUploadBytes = maxBytes }),
        Options.Create(new DatabaseOptions { DataDirectory = directory }));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private BlobStore CreateStore(long maxBytes) => CreateStore(_directory, maxBytes);
}
