using Amtsweg.Data.Providers;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Intake;

/// <summary>
/// The "bad input" of the e-file issue: each is refused with a stable code and a German message naming the file,
/// and leaves nothing behind: no item, no blob, no temporary file.
/// </summary>
public sealed class IntakeBadInputTests
{
    [Theory]
    [AllProviders]
    public async Task EncryptedPdf_IsRefused(DatabaseProvider provider) =>
        await AssertRefusedAsync(provider, IntakeFiles.EncryptedPdf(), "steuerbescheid.pdf", IntakeErrors.PdfEncrypted, "„steuerbescheid.pdf“ ist mit einem Passwort verschlüsselt");

    [Theory]
    [AllProviders]
    public async Task CorruptPdf_IsRefused(DatabaseProvider provider) =>
        await AssertRefusedAsync(provider, "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> kaputt"u8.ToArray(), "antrag.pdf", IntakeErrors.Corrupt, "Die PDF-Datei ist beschädigt");

    [Fact]
    public async Task ImageOf20000By20000Pixels_IsRefusedFromItsHeader_WithoutDecoding()
    {
        var bomb = IntakeFiles.PngHeader(20_000, 20_000);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        await AssertRefusedAsync(DatabaseProvider.Sqlite, bomb, "riesenscan.png", IntakeErrors.ImageTooLarge, "„riesenscan.png“ ist 20.000 × 20.000 Pixel groß; angenommen werden höchstens 100 Millionen Pixel");

        // Decoding 400 million pixels would allocate at least 50 MB even at one bit per pixel.
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 50_000_000);
        Assert.True(bomb.Length < 100_000);
    }

    [Theory]
    [InlineData("Amtsweg:Records:Intake:OcrMyPdfCommand", "/opt/fehlt/ocrmypdf")]
    [InlineData("Amtsweg:Records:Intake:VirusScanCommand", "clamdscan")]
    public void ProgramSetting_ThatCannotWork_StopsTheStart_NamingTheSetting(string setting, string value)
    {
        using var services = RecordsTestHost.BuildServices(new Dictionary<string, string?> { [setting] = value }, TimeProvider.System);

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IntakeOptions>>().Value);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagePixelLimit_IsConfigurable()
    {
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Amtsweg:Records:Intake:MaxImagePixels"] = "1000000" });
        var tenant = RecordsTestHost.NewTenant();

        var accepted = await host.ReceiveAsync(tenant, IntakeFiles.PngHeader(1000, 1000), "klein.png");
        var refused = await Assert.ThrowsAsync<RecordsException>(() => host.ReceiveAsync(tenant, IntakeFiles.PngHeader(1001, 1000), "gross.png"));

        Assert.Equal(IntakeStatus.Received, accepted.Status);
        Assert.Equal(IntakeErrors.ImageTooLarge, refused.Code);
    }

    [Theory]
    [AllProviders]
    public async Task ZipBombInsideOfficeFile_IsRefused_BeforeUnpacking(DatabaseProvider provider)
    {
        // 600 MB of zeros packed into well under 1 MB.
        var bomb = IntakeFiles.Docx(["Harmloser Text"], padding: 600L * 1024 * 1024);

        await AssertRefusedAsync(provider, bomb, "einladung.docx", IntakeErrors.ArchiveTooLarge, "„einladung.docx“ wird nicht angenommen");
        Assert.True(bomb.Length < 2_000_000);
    }

    [Fact]
    public async Task OfficeFile_WhoseDeclaredSizesLie_IsStoppedWhileUnpacking()
    {
        // The limits allow the declared size; unpacking counts the bytes that really come out.
        var options = new IntakeOptions { MaxUncompressedBytes = 2_000, MaxCompressionRatio = 1_000_000 };
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, IntakeFiles.Docx([new string('x', 5_000)]));
            var type = await IntakeInspector.SniffAsync(path, CancellationToken.None);

            var error = Assert.Throws<RecordsException>(() => OfficeText.Extract(path, type!, "lang.docx", options));

            Assert.Equal(IntakeErrors.ArchiveTooLarge, error.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [AllProviders]
    public async Task ContentNotMatchingItsName_IsRefused(DatabaseProvider provider) =>
        await AssertRefusedAsync(provider, IntakeFiles.PngHeader(100, 100), "rechnung.pdf", IntakeErrors.TypeMismatch, "„rechnung.pdf“ ist dem Namen nach ein PDF-Dokument, der Inhalt ist aber ein PNG-Bild");

    [Theory]
    [InlineData("programm.exe", "Dateien der Art .exe werden im Posteingang nicht angenommen")]
    [InlineData("daten.bin", "Dateien der Art .bin")]
    [InlineData("ohne-endung", "Die Art der Datei ist nicht erkennbar")]
    public async Task UnsupportedType_IsRefused(string name, string message) =>
        await AssertRefusedAsync(DatabaseProvider.Sqlite, [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00], name, IntakeErrors.UnsupportedType, message);

    [Theory]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData("..\\..\\Windows\\system.ini.txt", "system.ini.txt")]
    [InlineData("/absolut/pfad/brief.txt", "brief.txt")]
    [InlineData("bri\u0000ef\r\n\t.txt", "brief.txt")]
    [InlineData("  ..versteckt.txt ", "versteckt.txt")]
    [InlineData("rechnung\u202Etxt.exe.txt", "rechnungtxt.exe.txt")]
    public async Task FileNameWithPathTraversalOrControlCharacters_IsStoredSanitized(string sent, string stored)
    {
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite);
        var tenant = RecordsTestHost.NewTenant();

        var item = await host.ReceiveAsync(tenant, "Inhalt"u8.ToArray(), sent);

        Assert.Equal(stored, item.FileName);
        Assert.All(host.BlobFiles(), f => Assert.StartsWith(host.Blobs.Root, Path.GetFullPath(f), StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(host.Blobs.Root, "..", "..", "etc", "passwd.txt")));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("\u0001\u0002")]
    [InlineData(" . ")]
    public async Task FileNameWithoutUsableName_IsRefused(string sent) =>
        await AssertRefusedAsync(DatabaseProvider.Sqlite, "Inhalt"u8.ToArray(), sent, IntakeErrors.FileNameInvalid, "enthält keinen verwendbaren Namen");

    [Theory]
    [AllProviders]
    public async Task EmailWith500Attachments_IsRefusedAsAWhole(DatabaseProvider provider)
    {
        var attachments = Enumerable.Range(1, 500).Select(i => ($"anlage-{i}.txt", System.Text.Encoding.UTF8.GetBytes($"Anlage {i}"))).ToArray();

        await AssertRefusedAsync(provider, IntakeFiles.Email("Viele Anlagen", "Siehe Anhang.", attachments), "viele.eml", IntakeErrors.TooManyAttachments, "„viele.eml“: Die E-Mail hat 500 Anhänge, angenommen werden höchstens 100");
    }

    [Fact]
    public async Task EmailAttachmentThatIsBadInput_BecomesAFailedItem_OthersGoOn()
    {
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite);
        var tenant = RecordsTestHost.NewTenant();
        var mail = IntakeFiles.Email("Zwei Anlagen", "Anbei.", ("gut.txt", "Gute Anlage"u8.ToArray()), ("falsch.pdf", IntakeFiles.PngHeader(10, 10)));

        await host.ReceiveAsync(tenant, mail, "zwei.eml");
        await host.ProcessPendingAsync();
        var items = await host.ItemsAsync(tenant);

        Assert.Equal(3, items.Count);
        var failed = Assert.Single(items, i => i.Status == IntakeStatus.Failed);
        Assert.Equal("falsch.pdf", failed.FileName);
        Assert.Contains("der Inhalt ist aber ein PNG-Bild", failed.Message, StringComparison.Ordinal);
        Assert.Equal(2, items.Count(i => i.Status == IntakeStatus.WaitingForFiling));
        Assert.Contains("davon 1 abgewiesen", items.Single(i => i.ParentId is null).Transfervermerk, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Upload_Of2GB_IsRefusedAtTheLimit_WithoutReadingFurther(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider, new Dictionary<string, string?> { ["Amtsweg:Records:MaxUploadBytes"] = "1048576" });
        var tenant = RecordsTestHost.NewTenant();
        var body = new GeneratedStream(2L * 1024 * 1024 * 1024);
        await using var scope = host.ScopeFor(tenant);
        var receiver = scope.ServiceProvider.GetRequiredService<IntakeReceiver>();

        var error = await Assert.ThrowsAsync<RecordsException>(() => receiver.ReceiveAsync(body, new IntakeDelivery("gross.pdf", IntakeSource.Api, IntakeTestSupport.Clerk), CancellationToken.None));

        Assert.Equal(RecordsErrors.UploadTooLarge, error.Code);
        Assert.Equal("Die Datei ist größer als die erlaubten 1 MB. Bitte teilen Sie sie auf oder scannen Sie mit geringerer Auflösung.", error.Message);
        Assert.True(body.Position < 2 * 1048576, $"read {body.Position} bytes");
        Assert.Empty(host.BlobFiles());
        Assert.Empty(await host.ItemsAsync(tenant));
    }

    [Fact]
    public async Task VirusFound_ByClamAv_FailsItem_AndNothingIsFiled()
    {
        Assert.True(File.Exists("/usr/bin/clamscan"), "clamscan is missing: ./test.sh installs clamav.");
        var signatures = Path.Combine(Path.GetTempPath(), "amtsweg-" + Guid.NewGuid().ToString("N") + ".hdb");
        var infected = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$AMTSWEG-TEST-SIGNATUR"u8.ToArray();
        await File.WriteAllTextAsync(signatures, $"{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(infected))}:{infected.Length}:Amtsweg.Testsignatur\n");
        try
        {
            await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
            {
                ["Amtsweg:Records:Intake:VirusScanCommand"] = "clamscan",
                ["Amtsweg:Records:Intake:VirusScanDatabase"] = signatures,
            });
            var tenant = RecordsTestHost.NewTenant();
            var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
            var bad = await host.ReceiveAsync(tenant, infected, "anhang.txt", target: vorgang.Id);
            var good = await host.ReceiveAsync(tenant, "Ein harmloser Brief"u8.ToArray(), "brief.txt");

            await host.ProcessPendingAsync();
            var badItem = await host.ItemAsync(tenant, bad.Id);
            var goodItem = await host.ItemAsync(tenant, good.Id);

            Assert.Equal(IntakeStatus.Failed, badItem.Status);
            Assert.Contains("Die Virenprüfung hat Schadsoftware gefunden (Amtsweg.Testsignatur", badItem.Message, StringComparison.Ordinal);
            Assert.Null(badItem.FiledDokumentId);
            Assert.Equal(IntakeStatus.WaitingForFiling, goodItem.Status);
            Assert.Contains(Transfervermerk.Parse(goodItem.Transfervermerk)!.Pruefungen, c => c is { Pruefung: "Virenprüfung", Ergebnis: "ClamAV (clamscan): ohne Befund" });
            Assert.Equal(0, await host.QueryAsync(tenant, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Dokumente)));
        }
        finally
        {
            File.Delete(signatures);
        }
    }

    private static async Task AssertRefusedAsync(DatabaseProvider provider, byte[] content, string name, string code, string message)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();

        var error = await Assert.ThrowsAsync<RecordsException>(() => host.ReceiveAsync(tenant, content, name));

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(await host.ItemsAsync(tenant));
        Assert.Empty(host.BlobFiles());
    }
}
