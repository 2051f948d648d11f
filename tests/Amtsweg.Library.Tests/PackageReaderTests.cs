using System.IO.Compression;
using System.Security.Cryptography;
using Amtsweg.Library.Packages;

namespace Amtsweg.Library.Tests;

/// <summary>Reading packages from folders and zip archives, the archive read as hostile input.</summary>
public sealed class PackageReaderTests
{
    [Fact]
    public async Task ReadAsync_ReadsEveryFileWithSlashPaths_WhenFolder()
    {
        using var package = new TestPackage();

        var files = await PackageReader.ReadAsync(package.Path);

        Assert.Contains("prozesse/anmeldung.bpmn", files.Files.Keys);
        Assert.Contains("amtsweg-package.json", files.Files.Keys);
        Assert.Equal(files.Files.Keys.Order(StringComparer.Ordinal), files.Files.Keys);
        Assert.Null(files.Signature);
    }

    [Fact]
    public async Task ReadZipAsync_ReadsSameFilesAsFolder_WhenZipOfFolderContents()
    {
        using var package = new TestPackage();
        var folder = await PackageReader.ReadAsync(package.Path);

        var zipped = await PackageReader.ReadZipAsync(Zip(folder.Files.Select(f => (f.Key, f.Value))), "paket.zip");

        Assert.Equal(folder.Files.Keys, zipped.Files.Keys);
        Assert.All(folder.Files, f => Assert.Equal(f.Value, zipped.Files[f.Key]));
    }

    [Theory]
    [InlineData("../boese.txt", "verweist mit „..“ aus dem Paket heraus")]
    [InlineData("prozesse/../../boese.bpmn", "verweist mit „..“ aus dem Paket heraus")]
    [InlineData("/etc/passwd", "hat einen absoluten oder ungültigen Pfad")]
    [InlineData("C:/Windows/boese.txt", "hat einen absoluten oder ungültigen Pfad")]
    [InlineData("prozesse\\..\\..\\boese.bpmn", "hat einen absoluten oder ungültigen Pfad")]
    [InlineData("prozesse/zeile\numbruch.bpmn", "hat einen absoluten oder ungültigen Pfad")]
    public async Task ReadZipAsync_Refuses_WhenEntryPathLeavesPackage(string name, string message)
    {
        var zip = Zip([("amtsweg-package.json", "{}"u8.ToArray()), (name, "x"u8.ToArray())]);

        var refused = await Assert.ThrowsAsync<PackageReadException>(() => PackageReader.ReadZipAsync(zip, "paket.zip"));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadZipAsync_RefusesZipBomb_WhenEntryUnpacksMoreThanHundredfold()
    {
        var zip = Zip([("doku/bombe.md", new byte[4 * 1024 * 1024])]);

        var refused = await Assert.ThrowsAsync<PackageReadException>(() => PackageReader.ReadZipAsync(zip, "paket.zip"));

        Assert.Contains("Zip-Bombe", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadZipAsync_AcceptsSmallFileThatPacksWell_BelowTheSizeWhereTheRatioIsChecked()
    {
        var zip = Zip([("doku/leer.md", new byte[PackageLimits.CompressionRatioCheckedFrom - 1])]);

        var files = await PackageReader.ReadZipAsync(zip, "paket.zip");

        Assert.Equal(PackageLimits.CompressionRatioCheckedFrom - 1, files.Files["doku/leer.md"].Length);
    }

    [Fact]
    public async Task ReadZipAsync_Refuses_WhenMoreThan500Entries()
    {
        var zip = Zip(Enumerable.Range(0, PackageLimits.MaxEntries + 1).Select(i => ($"doku/{i}.md", "x"u8.ToArray())));

        var refused = await Assert.ThrowsAsync<PackageReadException>(() => PackageReader.ReadZipAsync(zip, "paket.zip"));

        Assert.Contains("mehr als 500 Einträge", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadZipAsync_Refuses_WhenEntryIsSymbolicLink()
    {
        var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var link = archive.CreateEntry("prozesse/link.bpmn");
            link.ExternalAttributes = unchecked((int)0xA1FF0000);
            using var stream = link.Open();
            stream.Write("/etc/passwd"u8);
        }

        output.Position = 0;
        var refused = await Assert.ThrowsAsync<PackageReadException>(() => PackageReader.ReadZipAsync(output, "paket.zip"));

        Assert.Contains("Verknüpfungen (Links) sind in einem Paket nicht erlaubt", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadZipAsync_Refuses_WhenFileIsLargerThan5MB()
    {
        var zip = Zip([("doku/gross.md", RandomNumberGenerator.GetBytes((int)PackageLimits.MaxFileBytes + 1))]);

        var refused = await Assert.ThrowsAsync<PackageReadException>(() => PackageReader.ReadZipAsync(zip, "paket.zip"));

        Assert.Contains("doku/gross.md: Die Datei ist größer als 5 MB", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadZipAsync_Refuses_WhenFilesTogetherAreLargerThan20MB()
    {
        var zip = Zip(Enumerable.Range(0, 5).Select(i => ($"doku/{i}.md", RandomNumberGenerator.GetBytes(4_500_000))));

        var refused = await Assert.ThrowsAsync<PackageReadException>(() => PackageReader.ReadZipAsync(zip, "paket.zip"));

        Assert.Contains("zusammen größer als 20 MB", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadZipAsync_Refuses_WhenSameEntryTwice()
    {
        var zip = Zip([("doku/a.md", "1"u8.ToArray()), ("doku/A.md", "2"u8.ToArray())]);

        var refused = await Assert.ThrowsAsync<PackageReadException>(() => PackageReader.ReadZipAsync(zip, "paket.zip"));

        Assert.Contains("kommt im Archiv mehrfach vor", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Refuses_WhenFileIsNoZip()
    {
        using var package = new TestPackage();
        var file = package.File("kein.zip");
        await File.WriteAllTextAsync(file, "Das ist kein Archiv.");

        var refused = await Assert.ThrowsAsync<PackageReadException>(() => PackageReader.ReadAsync(file));

        Assert.Contains("kein Ordner und kein lesbares Zip-Archiv", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Refuses_WhenPathDoesNotExist()
    {
        var refused = await Assert.ThrowsAsync<PackageReadException>(() => PackageReader.ReadAsync("/gibt/es/nicht"));

        Assert.Contains("Den Ordner oder die Datei gibt es nicht", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFolderAsync_Refuses_WhenFolderHoldsSymbolicLink()
    {
        using var package = new TestPackage();
        File.CreateSymbolicLink(package.File("doku/geheim.md"), "/etc/hostname");

        var refused = await Assert.ThrowsAsync<PackageReadException>(() => PackageReader.ReadAsync(package.Path));

        Assert.Contains("doku/geheim.md: Verknüpfungen (Links) sind in einem Paket nicht erlaubt", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A zip archive of the entries, as a tool would write it.</summary>
    internal static MemoryStream Zip(IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(bytes);
            }
        }

        output.Position = 0;
        return output;
    }
}
