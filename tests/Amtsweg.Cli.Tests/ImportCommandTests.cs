using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Persistence;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Tests;

/// <summary><c>amtsweg import</c> on a temporary data folder with SQLite, run as the built program.</summary>
public sealed class ImportCommandTests
{
    private const string Ags = "09162000";

    [Fact]
    public async Task Import_OfAFolder_ShowsProgress_NamesTheRefusedFile_SummarisesAndExitsWith2_AndTheItemsWait()
    {
        await using var store = await TestDataStore.CreateAsync(DatabaseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("amtsweg-import-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "widerspruch.txt"), "Widerspruch gegen den Gebührenbescheid vom 3. Mai");
            Directory.CreateDirectory(Path.Combine(folder.FullName, "scans"));
            File.WriteAllText(Path.Combine(folder.FullName, "scans", "nachreichung.txt"), "Nachreichung der Meldebescheinigung");
            File.WriteAllBytes(Path.Combine(folder.FullName, "scans", "rechnung.pdf"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);

            var tenant = await CliProcess.RunAsync(store.DataDirectory, "tenant", "create", "--ags", Ags, "--name", "Teststadt");
            var folderRun = await CliProcess.RunAsync(store.DataDirectory, "import", folder.FullName, "--tenant", Ags);
            var fileRun = await CliProcess.RunAsync(store.DataDirectory, "import", Path.Combine(folder.FullName, "widerspruch.txt"), "--tenant", Ags, "--again");
            var missing = await CliProcess.RunAsync(store.DataDirectory, "import", Path.Combine(folder.FullName, "fehlt.pdf"), "--tenant", Ags);
            var unknownTenant = await CliProcess.RunAsync(store.DataDirectory, "import", folder.FullName, "--tenant", "01001000");
            var items = await ItemsAsync(store);

            Assert.True(tenant.ExitCode == 0, tenant.Output + tenant.Error);
            Assert.True(folderRun.ExitCode == 2, folderRun.Output + folderRun.Error);
            Assert.Contains($"abgewiesen  {Path.Combine(folder.FullName, "scans", "rechnung.pdf")}: „rechnung.pdf“ ist dem Namen nach ein PDF-Dokument, der Inhalt ist aber ein PNG-Bild", folderRun.Output, StringComparison.Ordinal);
            Assert.Equal($"{Ags}  Teststadt: 2 von 3 Dateien übernommen; 2 warten auf Ablage, 0 abgelegt, 0 in Verarbeitung, 1 abgewiesen", folderRun.Output.TrimEnd().Split('\n')[^1]);
            Assert.Equal(["[1/3] nachreichung.txt", "[2/3] rechnung.pdf", "[3/3] widerspruch.txt"], folderRun.Error.Split('\n').Where(l => l.StartsWith('[')).ToArray());
            Assert.True(fileRun.ExitCode == 0, fileRun.Output + fileRun.Error);
            Assert.Equal($"{Ags}  Teststadt: 1 von 1 Dateien übernommen; 1 warten auf Ablage, 0 abgelegt, 0 in Verarbeitung, 0 abgewiesen", fileRun.Output.Trim());
            Assert.DoesNotContain("[1/1]", fileRun.Error, StringComparison.Ordinal);
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("fehlt.pdf gibt es nicht", missing.Error, StringComparison.Ordinal);
            Assert.Equal(1, unknownTenant.ExitCode);
            Assert.Contains("Eine Gemeinde mit dem AGS 01001000 gibt es nicht", unknownTenant.Error, StringComparison.Ordinal);
            Assert.Equal(
                [("nachreichung.txt", IntakeStatus.WaitingForFiling, IntakeSource.Import), ("widerspruch.txt", IntakeStatus.WaitingForFiling, IntakeSource.Import), ("widerspruch.txt", IntakeStatus.WaitingForFiling, IntakeSource.Import)],
                items.Select(i => (i.FileName, i.Status, i.Source)).Order());
            Assert.Contains("Gebührenbescheid", items.First(i => i.FileName == "widerspruch.txt").Text, StringComparison.Ordinal);
            Assert.All(items, i => Assert.StartsWith("import:", i.ReceivedBy, StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bug_ImportingTheSameFolderAgain_TookEveryFileAgain()
    {
        await using var store = await TestDataStore.CreateAsync(DatabaseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("amtsweg-import-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "antrag.txt"), "Antrag auf Sondernutzung");
            Directory.CreateDirectory(Path.Combine(folder.FullName, "scans"));
            File.WriteAllText(Path.Combine(folder.FullName, "scans", "nachreichung.txt"), "Nachreichung der Meldebescheinigung");
            File.WriteAllText(Path.Combine(folder.FullName, "scans", "kopie.txt"), "Antrag auf Sondernutzung");
            await CliProcess.RunAsync(store.DataDirectory, "tenant", "create", "--ags", Ags, "--name", "Teststadt");

            var first = await CliProcess.RunAsync(store.DataDirectory, "import", folder.FullName, "--tenant", Ags);
            var second = await CliProcess.RunAsync(store.DataDirectory, "import", folder.FullName, "--tenant", Ags);
            File.WriteAllText(Path.Combine(folder.FullName, "antrag.txt"), "Antrag auf Sondernutzung, berichtigt");
            var changed = await CliProcess.RunAsync(store.DataDirectory, "import", folder.FullName, "--tenant", Ags);
            var forced = await CliProcess.RunAsync(store.DataDirectory, "import", Path.Combine(folder.FullName, "scans", "kopie.txt"), "--tenant", Ags, "--again");
            var items = await ItemsAsync(store);

            Assert.True(first.ExitCode == 0, first.Output + first.Error);
            Assert.Equal($"{Ags}  Teststadt: 3 von 3 Dateien übernommen; 3 warten auf Ablage, 0 abgelegt, 0 in Verarbeitung, 0 abgewiesen", first.Output.Trim());
            Assert.True(second.ExitCode == 0, second.Output + second.Error);
            Assert.Equal(3, second.Output.Split('\n').Count(l => l.StartsWith($"übersprungen  {folder.FullName}", StringComparison.Ordinal) && l.Contains("schon übernommen", StringComparison.Ordinal)));
            Assert.Equal($"{Ags}  Teststadt: 0 von 3 Dateien übernommen; 0 warten auf Ablage, 0 abgelegt, 0 in Verarbeitung, 0 abgewiesen, 3 übersprungen (schon übernommen)", second.Output.TrimEnd().Split('\n')[^1]);
            Assert.EndsWith("1 von 3 Dateien übernommen; 1 warten auf Ablage, 0 abgelegt, 0 in Verarbeitung, 0 abgewiesen, 2 übersprungen (schon übernommen)", changed.Output.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
            Assert.Equal($"{Ags}  Teststadt: 1 von 1 Dateien übernommen; 1 warten auf Ablage, 0 abgelegt, 0 in Verarbeitung, 0 abgewiesen", forced.Output.Trim());
            Assert.Equal(["antrag.txt", "antrag.txt", "kopie.txt", "kopie.txt", "nachreichung.txt"], items.Select(i => i.FileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // What the import left in the data folder, read with the e-file's own data layer.
    private static async Task<List<IntakeItem>> ItemsAsync(TestDataStore store)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store.Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddAmtswegData(configuration);
        services.AddAmtswegRecords(configuration);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreatePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<RecordsDbContext>().IntakeItems.AsNoTracking().ToListAsync();
    }
}
