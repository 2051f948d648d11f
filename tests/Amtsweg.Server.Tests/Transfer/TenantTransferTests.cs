using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Features.Tasks.Complete;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Platform.Transfer;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Transfer;

public class TenantTransferTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Both directions between the providers; SQLite to SQLite when PostgreSQL is not available.</summary>
    public static TheoryData<DatabaseProvider, DatabaseProvider> Directions()
    {
        var data = new TheoryData<DatabaseProvider, DatabaseProvider>();
        if (TestDatabases.PostgresEnabled)
        {
            data.Add(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);
            data.Add(DatabaseProvider.Postgres, DatabaseProvider.Sqlite);
        }
        else
        {
            data.Add(DatabaseProvider.Sqlite, DatabaseProvider.Sqlite);
        }

        return data;
    }

    [Fact]
    public async Task EveryTable_HasTenantIdOrTransferDecision()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        await using var scope = factory.Services.CreatePlatformScope();

        var tables = TransferTables.Describe(scope.ServiceProvider);

        var types = tables.Select(t => t.EntityType.ClrType).ToHashSet();
        Assert.All(TransferTables.Decisions.Keys, decided => Assert.Contains(decided, types));
        Assert.Contains(tables, t => t.Name == "AuditEntries" && t.Kind == TransferKind.TenantRows);
        Assert.Contains(tables, t => t.Name == "EngineProcessInstances" && t.Kind == TransferKind.TenantRows);
        Assert.Contains(tables, t => t.Name == "AspNetUsers" && t.Kind == TransferKind.TenantRows);
        Assert.Contains(tables, t => t.Name == "AspNetUserRoles" && t.Kind == TransferKind.ThroughParent);

        // Parents before children: an Akte after its Aktenplan position, a Vorgang after its Akte, users after the municipality.
        var order = tables.Select(t => t.Name).ToList();
        Assert.True(order.IndexOf("AktenplanPositionen") < order.IndexOf("Akten") && order.IndexOf("Akten") < order.IndexOf("Vorgaenge"));
        Assert.True(order.IndexOf("Municipalities") < order.IndexOf("AspNetUsers") && order.IndexOf("AspNetUsers") < order.IndexOf("AspNetUserRoles"));
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public async Task ExportImport_CarriesEveryTableBlobAndAuditChain_AndTheRunningInstanceContinues(DatabaseProvider from, DatabaseProvider to)
    {
        await using var source = await AmtswegFactory.CreateAsync(from);
        await using var target = await AmtswegFactory.CreateAsync(to);
        var (municipality, content, running) = await CreateMunicipalityWithEverythingAsync(source);
        var archive = await ExportAsync(source, municipality.Ags);

        var imported = await ImportAsync(target, archive);
        var again = await ExportAsync(target, municipality.Ags);

        Assert.True(imported.Audit.IsIntact, imported.Audit.FirstProblem?.Message);
        Assert.True(imported.Audit.EntriesChecked >= 5);
        Assert.Equal(1, imported.Audit.VersionsChecked);
        var before = Manifest(archive);
        var after = Manifest(again);
        Assert.Equal(before.Tables.Select(t => (t.Table, t.Rows, t.Sha256)), after.Tables.Select(t => (t.Table, t.Rows, t.Sha256)));
        Assert.Equal(before.Blobs, after.Blobs);
        Assert.Equal((before.AuditLastSequence, before.AuditLastHash), (after.AuditLastSequence, after.AuditLastHash));
        foreach (var table in new[] { "Akten", "Vorgaenge", "Dokumente", "DokumentVersionen", "AuditEntries", "EngineDeployments", "EngineProcessInstances", "EngineUserTasks", "AspNetUsers", "AspNetUserRoles", "LetterTemplates" })
        {
            Assert.True(before.Tables.Single(t => t.Table == table).Rows > 0, table + " is empty in the test's municipality");
        }

        var copy = (await target.RecordsAsync(municipality, db => db.DokumentVersionen.SingleAsync())).ContentHash;
        await using (var scope = target.Services.CreateTenantScope(municipality.Id))
        await using (var blob = scope.ServiceProvider.GetRequiredService<BlobStore>().Open(copy))
        {
            var read = new MemoryStream();
            await blob.CopyToAsync(read);
            Assert.Equal(content, read.ToArray());
        }

        // The running instance continues in the target: a clerk there completes its task.
        var clerk = await target.SignInAsClerkAsync(municipality);
        var tasks = await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={running}", Json);
        var task = Assert.Single(tasks!);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{task.Id}/claim", null)).StatusCode);
        var completed = await clerk.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new CompleteTaskRequest(new() { ["genehmigt"] = JsonSerializer.SerializeToElement(true) }));
        var finished = await clerk.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{running}", Json);
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        Assert.Equal(ProcessInstanceState.Completed, finished!.State);
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public async Task Import_IsRefusedWithNothingWritten_WhenArchiveIsTruncated(DatabaseProvider from, DatabaseProvider to)
    {
        await using var source = await AmtswegFactory.CreateAsync(from);
        await using var target = await AmtswegFactory.CreateAsync(to);
        var (municipality, _, _) = await CreateMunicipalityWithEverythingAsync(source);
        var archive = await ExportAsync(source, municipality.Ags);

        var error = await RefusedAsync(target, archive[..(archive.Length / 2)]);

        Assert.Contains("unvollständig oder beschädigt", error, StringComparison.Ordinal);
        await AssertNothingWrittenAsync(target, municipality);
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public async Task Import_IsRefusedWithNothingWritten_WhenAnEntryWasTampered(DatabaseProvider from, DatabaseProvider to)
    {
        await using var source = await AmtswegFactory.CreateAsync(from);
        await using var target = await AmtswegFactory.CreateAsync(to);
        var (municipality, _, _) = await CreateMunicipalityWithEverythingAsync(source);
        var archive = await ExportAsync(source, municipality.Ags);
        var tampered = Rewrite(archive, "tables/Records/Vorgaenge.jsonl", text => text.Replace("Gewerbeanmeldung", "Gewerbeabmeldung", StringComparison.Ordinal));

        var error = await RefusedAsync(target, tampered);

        Assert.Contains("„tables/Records/Vorgaenge.jsonl“ im Archiv stimmt nicht mit ihrer Prüfsumme überein", error, StringComparison.Ordinal);
        await AssertNothingWrittenAsync(target, municipality);
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public async Task Import_IsRefusedWithNothingWritten_WhenFormatVersionIsNewer(DatabaseProvider from, DatabaseProvider to)
    {
        await using var source = await AmtswegFactory.CreateAsync(from);
        await using var target = await AmtswegFactory.CreateAsync(to);
        var (municipality, _, _) = await CreateMunicipalityWithEverythingAsync(source);
        var archive = await ExportAsync(source, municipality.Ags);
        var newer = Rewrite(archive, TenantArchive.ManifestEntry, text => text.Replace("\"formatVersion\": 1,", "\"formatVersion\": 2,", StringComparison.Ordinal));

        var error = await RefusedAsync(target, newer);

        Assert.Contains("Format Version 2", error, StringComparison.Ordinal);
        Assert.Contains("diese Installation liest bis Version 1", error, StringComparison.Ordinal);
        await AssertNothingWrittenAsync(target, municipality);
    }

    [Theory]
    [AllProviders]
    public async Task Import_IsRefused_WhenTheAgsExists(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var (municipality, _, _) = await CreateMunicipalityWithEverythingAsync(factory);
        var archive = await ExportAsync(factory, municipality.Ags);
        var auditBefore = await factory.RecordsAsync(municipality, db => db.AuditEntries.CountAsync());

        var error = await RefusedAsync(factory, archive);

        Assert.Equal($"Eine Gemeinde mit dem AGS {municipality.Ags} gibt es in dieser Installation schon. Es wurde nichts übernommen.", error);
        Assert.Equal(auditBefore, await factory.RecordsAsync(municipality, db => db.AuditEntries.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public async Task Import_IsRefusedWithNothingWritten_WhenAUserNameExists(DatabaseProvider from, DatabaseProvider to)
    {
        await using var source = await AmtswegFactory.CreateAsync(from);
        await using var target = await AmtswegFactory.CreateAsync(to);
        var (municipality, _, _) = await CreateMunicipalityWithEverythingAsync(source);
        var taken = await source.CreateUserAsync(municipality, Roles.Leitung);
        var archive = await ExportAsync(source, municipality.Ags);
        var other = await target.CreateMunicipalityAsync("Nachbarstadt");
        await using (var scope = target.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>()
                .CreateUserAsync(other.Ags, taken.User.UserName!, "Gleicher Name", Roles.Sachbearbeitung, CancellationToken.None);
            Assert.True(created.Succeeded, created.Error);
        }

        var error = await RefusedAsync(target, archive);

        Assert.Equal($"Den Benutzernamen „{taken.User.UserName}“ gibt es in dieser Installation schon (Benutzernamen gelten für alle Gemeinden einer Installation). Es wurde nichts übernommen.", error);
        await AssertNothingWrittenAsync(target, municipality);
    }

    // An archive whose manifest was rewritten to match a tampered entry passes the hashes; the database refuses the row
    // that points nowhere, and the blob stored before the transaction is removed again.
    [Theory]
    [MemberData(nameof(Directions))]
    public async Task Import_RollsBackAndRemovesItsBlobs_WhenTheDatabaseRefusesARow(DatabaseProvider from, DatabaseProvider to)
    {
        await using var source = await AmtswegFactory.CreateAsync(from);
        await using var target = await AmtswegFactory.CreateAsync(to);
        var (municipality, _, _) = await CreateMunicipalityWithEverythingAsync(source);
        var archive = await ExportAsync(source, municipality.Ags);
        var hash = Assert.Single(Manifest(archive).Blobs).Sha256;
        var broken = RewriteConsistently(archive, "tables/Records/DokumentVersionen.jsonl", line =>
        {
            var row = JsonNode.Parse(line)!.AsObject();
            row["DokumentId"] = Guid.NewGuid().ToString();
            return row.ToJsonString();
        });

        var error = await RefusedAsync(target, broken);

        Assert.StartsWith("Die Datenbank hat die Übernahme abgelehnt", error, StringComparison.Ordinal);
        Assert.EndsWith("Es wurde nichts übernommen.", error, StringComparison.Ordinal);
        await AssertNothingWrittenAsync(target, municipality);
        await using var scope = target.Services.CreatePlatformScope();
        Assert.False(File.Exists(scope.ServiceProvider.GetRequiredService<BlobStore>().PathOf(hash)));
    }

    private static async Task<(Municipality Municipality, byte[] Content, Guid RunningInstance)> CreateMunicipalityWithEverythingAsync(AmtswegFactory factory)
    {
        var municipality = await factory.CreateMunicipalityAsync("Exportstadt");
        var content = Encoding.UTF8.GetBytes("Antrag auf Gewerbeanmeldung – Müller, Bäckerei, " + Guid.NewGuid());
        await factory.FileDokumentAsync(municipality, "Antrag", "antrag.txt", "text/plain", content);
        var (completedInstance, completedTask) = await ProcessesApiTests.StartInstanceAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        (await clerk.PostAsync($"/api/tasks/{completedTask}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/tasks/{completedTask}/complete", new CompleteTaskRequest(new() { ["genehmigt"] = JsonSerializer.SerializeToElement(false) }))).EnsureSuccessStatusCode();
        var started = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", "32.10-0002/2026", null));
        var running = (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!.Id;
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.LetterTemplates.Add(new MunicipalityLetterTemplate { Id = Guid.CreateVersion7(), Key = "bescheid", Text = "Sehr geehrte Damen und Herren,\n\n{{ text }}", UpdatedBy = "admin" });
            await db.SaveChangesAsync();
        }

        Assert.NotEqual(completedInstance, running);
        return (municipality, content, running);
    }

    private static async Task<byte[]> ExportAsync(AmtswegFactory factory, string ags)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var output = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<TenantExporter>().ExportAsync(ags, output, CancellationToken.None);
        return output.ToArray();
    }

    private static async Task<TenantImportResult> ImportAsync(AmtswegFactory factory, byte[] archive)
    {
        var path = Path.Combine(factory.Store.DataDirectory, "import-" + Guid.NewGuid().ToString("N") + ".zip");
        await File.WriteAllBytesAsync(path, archive);
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TenantImporter>().ImportAsync(path, CancellationToken.None);
    }

    private static async Task<string> RefusedAsync(AmtswegFactory factory, byte[] archive) =>
        (await Assert.ThrowsAsync<TenantTransferException>(() => ImportAsync(factory, archive))).Message;

    private static async Task AssertNothingWrittenAsync(AmtswegFactory target, Municipality municipality)
    {
        await using var scope = target.Services.CreatePlatformScope();
        var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.False(await platform.Municipalities.AnyAsync(m => m.Ags == municipality.Ags || m.Id == municipality.Id));
        Assert.False(await platform.Users.AnyAsync(u => u.TenantId == municipality.Id));
        Assert.False(await platform.LetterTemplates.AnyAsync(t => t.TenantId == municipality.Id));
        var records = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
        Assert.False(await records.AuditEntries.AnyAsync(e => e.TenantId == municipality.Id));
        Assert.False(await records.Vorgaenge.AnyAsync(v => v.TenantId == municipality.Id));
        var engine = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
        Assert.False(await engine.ProcessInstances.AnyAsync(i => i.TenantId == municipality.Id));
    }

    private static TenantArchiveManifest Manifest(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        using var stream = zip.GetEntry(TenantArchive.ManifestEntry)!.Open();
        return JsonSerializer.Deserialize<TenantArchiveManifest>(stream, TenantArchive.ManifestJson)!;
    }

    // Changes one entry and leaves the manifest as it is.
    private static byte[] Rewrite(byte[] archive, string entryName, Func<string, string> change)
    {
        using var input = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var reader = entry.Open();
                var bytes = new MemoryStream();
                reader.CopyTo(bytes);
                var data = entry.FullName == entryName ? Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(bytes.ToArray()))) : bytes.ToArray();
                Assert.True(entry.FullName != entryName || !data.AsSpan().SequenceEqual(bytes.ToArray()), "the change changed nothing");
                using var writer = zip.CreateEntry(entry.FullName).Open();
                writer.Write(data);
            }
        }

        return output.ToArray();
    }

    // Changes each line of one entry and writes the entry's new SHA-256 into the manifest, as a forger would.
    private static byte[] RewriteConsistently(byte[] archive, string entryName, Func<string, string> changeLine)
    {
        string? newText = null;
        var changed = Rewrite(archive, entryName, text =>
        {
            newText = string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => changeLine(line) + "\n"));
            return newText;
        });
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(newText!)));
        var manifest = Manifest(archive);
        var updated = manifest with { Tables = [.. manifest.Tables.Select(t => t.Entry == entryName ? t with { Sha256 = sha } : t)] };
        return Rewrite(changed, TenantArchive.ManifestEntry, _ => JsonSerializer.Serialize(updated, TenantArchive.ManifestJson));
    }
}
