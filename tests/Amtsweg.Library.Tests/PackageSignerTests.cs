using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Amtsweg.Library.Packages;
using Amtsweg.Library.Signing;

namespace Amtsweg.Library.Tests;

/// <summary>Signed archives (<c>package pack</c> / <c>verify</c>): round trip, same bytes for the same input, and every kind of tampering found.</summary>
public sealed class PackageSignerTests
{
    [Fact]
    public async Task Verify_PrintsPublisherAndSignatureValid_WhenArchiveIsAsPacked()
    {
        using var key = PackageKey.Create();
        var archive = await PackAsync(key);

        var verification = PackageSigner.Verify(await ReadAsync(archive), key.PublicKey);

        Assert.True(verification.IsValid, string.Join("\n", verification.Lines()));
        Assert.Equal("hundesteuer-test-1.0.0.amtsweg-paket", PackageSigner.FileName(verification.Manifest!));
        Assert.Equal(["Herausgeber: Musterstadt (AGS 09999999)", "Paket: hundesteuer-test 1.0.0", $"Schlüssel: {key.PublicKey}", "signature valid"], verification.Lines());
    }

    [Fact]
    public async Task Pack_WritesSameBytes_WhenPackedTwice()
    {
        using var key = PackageKey.Create();

        var first = await PackAsync(key);
        var second = await PackAsync(key);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Pack_WritesEntriesInOrdinalOrderWithFixedTime()
    {
        using var key = PackageKey.Create();
        using var zip = new ZipArchive(new MemoryStream(await PackAsync(key)), ZipArchiveMode.Read);

        var names = zip.Entries.Select(e => e.FullName).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains(PackageFiles.SignatureFile, names);
        Assert.All(zip.Entries, e => Assert.Equal(PackageSigner.EntryTime.DateTime, e.LastWriteTime.DateTime));
    }

    [Fact]
    public async Task SignedArchive_ValidatesAndTestsLikeTheFolder()
    {
        using var key = PackageKey.Create();
        var files = await ReadAsync(await PackAsync(key));

        var test = await PackageTester.TestAsync(files);

        Assert.True(test.Passed, string.Join("\n", test.Lines()));
    }

    [Fact]
    public async Task Verify_NamesTamperedFile_WhenFileChangedAfterSigning()
    {
        using var key = PackageKey.Create();
        var archive = Rewrite(await PackAsync(key), entries => entries["briefe/steuerbescheid.txt"] = Encoding.UTF8.GetBytes("Name: Gefälscht"));

        var verification = PackageSigner.Verify(await ReadAsync(archive), key.PublicKey);

        Assert.False(verification.IsValid);
        Assert.Equal(["briefe/steuerbescheid.txt: Die Datei wurde nach dem Signieren verändert.", "signature invalid"], verification.Lines());
    }

    [Fact]
    public async Task Verify_NamesRemovedFile()
    {
        using var key = PackageKey.Create();
        var archive = Rewrite(await PackAsync(key), entries => entries.Remove("szenarien/2-eigener-steuersatz.json"));

        var verification = PackageSigner.Verify(await ReadAsync(archive));

        Assert.Equal(["szenarien/2-eigener-steuersatz.json: Die Datei fehlt im Archiv, ist aber signiert.", "signature invalid"], verification.Lines());
    }

    [Fact]
    public async Task Verify_NamesAddedFile()
    {
        using var key = PackageKey.Create();
        var archive = Rewrite(await PackAsync(key), entries => entries["doku/zusatz.md"] = Encoding.UTF8.GetBytes("# Nachträglich"));

        var verification = PackageSigner.Verify(await ReadAsync(archive));

        Assert.Equal(["doku/zusatz.md: Die Datei ist nicht signiert (nach dem Signieren hinzugefügt).", "signature invalid"], verification.Lines());
    }

    [Fact]
    public async Task Verify_RefusesForeignKey_WhenSomeoneElseSignedThePackage()
    {
        using var publisher = PackageKey.Create();
        using var stranger = PackageKey.Create();
        var archive = await PackAsync(stranger);

        var verification = PackageSigner.Verify(await ReadAsync(archive), publisher.PublicKey);

        Assert.False(verification.IsValid);
        Assert.StartsWith("Das Paket ist mit einem fremden Schlüssel signiert", verification.Problems.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RefusesSignature_WhenKeyInSignatureFileIsSwapped()
    {
        using var publisher = PackageKey.Create();
        using var stranger = PackageKey.Create();
        var archive = Rewrite(await PackAsync(publisher), entries =>
        {
            var signature = JsonNode.Parse(entries[PackageFiles.SignatureFile])!.AsObject();
            signature["publicKey"] = stranger.PublicKey;
            entries[PackageFiles.SignatureFile] = Encoding.UTF8.GetBytes(signature.ToJsonString());
        });

        var verification = PackageSigner.Verify(await ReadAsync(archive), stranger.PublicKey);

        Assert.Equal(["signatur.json: Die Signatur passt nicht zu den Angaben und dem Schlüssel (verändert oder mit einem anderen Schlüssel signiert).", "signature invalid"], verification.Lines());
    }

    [Fact]
    public async Task Verify_RefusesSignature_WhenVersionInSignatureFileIsChanged()
    {
        using var key = PackageKey.Create();
        var archive = Rewrite(await PackAsync(key), entries =>
        {
            var signature = JsonNode.Parse(entries[PackageFiles.SignatureFile])!.AsObject();
            signature["version"] = "9.9.9";
            entries[PackageFiles.SignatureFile] = Encoding.UTF8.GetBytes(signature.ToJsonString());
        });

        var verification = PackageSigner.Verify(await ReadAsync(archive));

        Assert.Contains("signatur.json: Die Signatur passt nicht zu den Angaben und dem Schlüssel (verändert oder mit einem anderen Schlüssel signiert).", verification.Problems);
        Assert.Contains(verification.Problems, p => p.Contains("passen nicht zum Manifest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_SaysNotSigned_WhenSignatureFileIsMissing()
    {
        using var key = PackageKey.Create();
        var archive = Rewrite(await PackAsync(key), entries => entries.Remove(PackageFiles.SignatureFile));

        var verification = PackageSigner.Verify(await ReadAsync(archive));

        Assert.Equal(["Das Paket ist nicht signiert: signatur.json fehlt.", "signature invalid"], verification.Lines());
    }

    [Fact]
    public void KeyFile_IsOwnerOnly_AndLoadsTheSameKey_AndIsNeverOverwritten()
    {
        using var package = new TestPackage();
        var file = Path.Combine(package.Path, "schluessel.json");
        using var key = PackageKey.Create();

        key.Save(file);
        using var loaded = PackageKey.Load(file);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(key.PublicKey, loaded.PublicKey);
        var data = "Daten"u8.ToArray();
        Assert.True(PackageKey.Verify(key.PublicKey, data, loaded.Sign(data)));
        Assert.Throws<IOException>(() => PackageKey.Create().Save(file));
        Assert.Equal(key.PublicKey, PackageKey.Load(file).PublicKey);
    }

    [Fact]
    public void LoadKey_RefusesFileThatIsNoKey()
    {
        using var package = new TestPackage();

        var refused = Assert.Throws<FormatException>(() => PackageKey.Load(package.File("amtsweg-package.json")));

        Assert.Contains("Das ist keine Schlüsseldatei von amtsweg package keygen", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<byte[]> PackAsync(PackageKey key)
    {
        using var package = new TestPackage();
        var files = await PackageReader.ReadAsync(package.Path);
        var validation = await PackageValidator.ValidateAsync(files);
        Assert.True(validation.IsValid, string.Join("\n", validation.Lines()));
        return PackageSigner.Pack(files, validation.Manifest!, key);
    }

    private static Task<PackageFiles> ReadAsync(byte[] archive) => PackageReader.ReadZipAsync(new MemoryStream(archive), "hundesteuer-test-1.0.0.amtsweg-paket");

    /// <summary>Unpacks an archive, changes its entries (signatur.json among them) and packs it again, as someone tampering would.</summary>
    private static byte[] Rewrite(byte[] archive, Action<Dictionary<string, byte[]>> change)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                entries[entry.FullName] = copy.ToArray();
            }
        }

        change(entries);
        return PackageReaderTests.Zip(entries.Select(e => (e.Key, e.Value))).ToArray();
    }
}
