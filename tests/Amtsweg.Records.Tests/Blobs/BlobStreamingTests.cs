namespace Amtsweg.Records.Tests.Blobs;

[CollectionDefinition(nameof(AllocationMeasurement), DisableParallelization = true)]
public sealed class AllocationMeasurement;

/// <summary>Measures process-wide allocations, so it runs while no other test does.</summary>
[Collection(nameof(AllocationMeasurement))]
public sealed class BlobStreamingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("amtsweg-blobs-").FullName;

    [Fact]
    public async Task Store_StreamsLargeContent_WithoutHoldingItInMemory()
    {
        const long Size = 150L * 1024 * 1024;
        var store = BlobStoreTests.CreateStore(_directory, 200L * 1024 * 1024);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var blob = await store.StoreAsync(new Support.GeneratedStream(Size), CancellationToken.None);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(Size, blob.Length);
        Assert.Equal(Size, new FileInfo(store.PathOf(blob.Hash)).Length);
        Assert.True(allocated < 16 * 1024 * 1024, $"{allocated} bytes allocated for a {Size} byte upload");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
