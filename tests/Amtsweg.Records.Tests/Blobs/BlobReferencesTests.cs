using System.Security.Cryptography;
using System.Text;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Records.Privacy;
using Amtsweg.Records.Tests.Intake;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Blobs;

/// <summary>
/// Content is stored once per SHA-256 for all municipalities: a deletion in one must never remove a file that a row of
/// any municipality (a document version, a Posteingang item or its rendition) still points to.
/// </summary>
public sealed class BlobReferencesTests
{
    private static readonly DataSubject Erika = new("Erika Müller");

    private static readonly string[] People = ["Erika Müller", "Hans Schmidt", "Anna Weber", "Karl Becker"];

    [Fact]
    public async Task ReferenceCheck_NamesEveryContentHashColumnOfTheModel()
    {
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite);
        await using var db = host.CreatePrivilegedContext(RecordsTestHost.NewTenant());
        var columns = db.Model.GetEntityTypes()
            .Where(t => t.ClrType != typeof(Loeschnachweis))
            .SelectMany(t => t.GetProperties().Where(p => p.Name.EndsWith("ContentHash", StringComparison.Ordinal)).Select(p => $"\"{t.GetTableName()}\" WHERE \"{p.GetColumnName()}\""))
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["\"DokumentVersionen\" WHERE \"ContentHash\"", "\"IntakeItems\" WHERE \"ContentHash\"", "\"IntakeItems\" WHERE \"FilingContentHash\""], columns);
        Assert.All(columns, c => Assert.Contains(c, BlobReferenceSql.Create, StringComparison.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task Bug_ErasureInOneMunicipality_DeletedTheContentOfPosteingangItemsWithTheSameBytes(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var a = RecordsTestHost.NewTenant();
        var b = RecordsTestHost.NewTenant();
        var bytes = Encoding.UTF8.GetBytes("Gewerbeanmeldung Bäckerei, Hauptstraße 1");
        var open = await OpenAsync(host, a, "32.10");
        await host.ExecuteAsync(a, new AddDokumentCommand(open.Vorgang.Id, Metadata("Erika Müller"), new MemoryStream(bytes)));
        await CloseAsync(host, a, open);
        var own = await host.ReceiveAsync(a, bytes, "nachreichung.txt");
        var foreign = await host.ReceiveAsync(b, bytes, "gewerbe.txt");
        await host.ProcessPendingAsync();

        var erased = await EraseAsync(host, a, Erika);

        Assert.Equal(1, erased.Versions);
        Assert.Equal(own.ContentHash, foreign.ContentHash);
        Assert.True(File.Exists(host.Blobs.PathOf(foreign.ContentHash)), "The file the Posteingang items point to is kept.");
        var target = await OpenAsync(host, b, "10.01");
        var filed = await host.ExecuteAsync(b, new FileIntakeItemCommand(foreign.Id, target.Vorgang.Id));
        await using (var content = await host.ExecuteAsync(b, new ReadDokumentContentCommand(filed[0].Id)))
        {
            var read = new MemoryStream();
            await content.Stream.CopyToAsync(read);
            Assert.Equal(bytes, read.ToArray());
        }

        await using var scope = host.ScopeFor(b);
        var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        Assert.True(verification.IsIntact, verification.FirstProblem?.Message);
    }

    /// <summary>
    /// Random sharing of a small pool of contents between three municipalities, as document versions and Posteingang
    /// items (waiting and filed), deleted in random order through the real erasure; after every step every referenced
    /// file is there and every unreferenced one of the pool is gone.
    /// </summary>
    [Theory]
    [AllProviders]
    public async Task ReferencedBlobs_AreNeverMissing_UnderRandomSharingAndErasure(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var random = new Random(20261204);
        var tenants = new[] { RecordsTestHost.NewTenant(), RecordsTestHost.NewTenant(), RecordsTestHost.NewTenant() };
        var pool = Enumerable.Range(1, 6).Select(i => Encoding.UTF8.GetBytes($"Inhalt Nummer {i}: Antrag auf Sondernutzung")).ToArray();
        var open = new Dictionary<Guid, OpenFile>();
        var positions = new Dictionary<Guid, Guid>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var step = 0; step < 240; step++)
        {
            var tenant = tenants[random.Next(tenants.Length)];
            var content = pool[random.Next(pool.Length)];
            var person = People[random.Next(People.Length)];
            var roll = random.Next(100);
            string operation;
            if (roll < 35)
            {
                operation = "document";
                var file = open.TryGetValue(tenant, out var current) ? current : open[tenant] = await OpenAsync(host, tenant, positions);
                await host.ExecuteAsync(tenant, new AddDokumentCommand(file.Vorgang.Id, Metadata(person), new MemoryStream(content)));
            }
            else if (roll < 70)
            {
                operation = "posteingang";
                await using var scope = host.ScopeFor(tenant);
                await scope.ServiceProvider.GetRequiredService<IntakeReceiver>().ReceiveAsync(
                    new MemoryStream(content),
                    new IntakeDelivery($"brief-{step}.txt", IntakeSource.Upload, IntakeTestSupport.Clerk, Metadata: new IntakeMetadata(Sender: random.Next(4) == 0 ? null : person)),
                    CancellationToken.None);
            }
            else if (roll < 80)
            {
                operation = "file";
                await host.ProcessPendingAsync();
                var waiting = await host.QueryAsync(tenant, db => db.IntakeItems.Where(i => i.Status == IntakeStatus.WaitingForFiling).Select(i => i.Id).OrderBy(i => i).ToListAsync());
                if (waiting.Count > 0)
                {
                    var file = open.TryGetValue(tenant, out var current) ? current : open[tenant] = await OpenAsync(host, tenant, positions);
                    await host.ExecuteAsync(tenant, new FileIntakeItemCommand(waiting[random.Next(waiting.Count)], file.Vorgang.Id));
                }
            }
            else
            {
                operation = "erase";
                if (open.Remove(tenant, out var file))
                {
                    await CloseAsync(host, tenant, file);
                }

                try
                {
                    await EraseAsync(host, tenant, new DataSubject(person));
                }
                catch (RecordsException error) when (error.Code == RecordsErrors.PersonNotFound)
                {
                    operation = "erase-nobody";
                }
            }

            counts[operation] = counts.GetValueOrDefault(operation) + 1;
            await AssertBlobsMatchReferencesAsync(host, pool, $"step {step} ({operation})");
        }

        // The run exercised every path, and deleted and shared content more than once.
        Assert.True(counts.GetValueOrDefault("erase") >= 20, string.Join(", ", counts));
        Assert.True(counts.GetValueOrDefault("file") >= 10, string.Join(", ", counts));
    }

    private static async Task AssertBlobsMatchReferencesAsync(RecordsTestHost host, byte[][] pool, string step)
    {
        await using var db = host.CreatePrivilegedContext(RecordsTestHost.NewTenant());
        var versions = await db.DokumentVersionen.IgnoreQueryFilters().Select(v => v.ContentHash).ToListAsync();
        var items = await db.IntakeItems.IgnoreQueryFilters().Select(i => new { i.ContentHash, i.FilingContentHash }).ToListAsync();
        var referenced = versions.Concat(items.Select(i => i.ContentHash)).Concat(items.Select(i => i.FilingContentHash).OfType<string>())
            .Select(h => h.Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var hash in referenced)
        {
            Assert.True(File.Exists(host.Blobs.PathOf(hash)), $"{step}: the referenced blob {hash} is missing.");
        }

        foreach (var hash in pool.Select(c => Convert.ToHexStringLower(SHA256.HashData(c))).Where(h => !referenced.Contains(h)))
        {
            Assert.False(File.Exists(host.Blobs.PathOf(hash)), $"{step}: the blob {hash} that no one references is still there.");
        }
    }

    private sealed record OpenFile(Akte Akte, Vorgang Vorgang);

    private static async Task<OpenFile> OpenAsync(RecordsTestHost host, Guid tenant, string code)
    {
        var position = await host.ExecuteAsync(tenant, new CreateAktenplanPositionCommand(code, "Sondernutzung", null, 0, DisposalRule.Destroy));
        var akte = await host.ExecuteAsync(tenant, new CreateAkteCommand(position.Id, "Sondernutzungen"));
        return new OpenFile(akte, await host.ExecuteAsync(tenant, new OpenVorgangCommand(akte.Id, "Antrag auf Sondernutzung")));
    }

    private static async Task<OpenFile> OpenAsync(RecordsTestHost host, Guid tenant, Dictionary<Guid, Guid> positions)
    {
        if (!positions.TryGetValue(tenant, out var position))
        {
            positions[tenant] = position = (await host.ExecuteAsync(tenant, new CreateAktenplanPositionCommand("60.10", "Sondernutzung", null, 0, DisposalRule.Destroy))).Id;
        }

        var akte = await host.ExecuteAsync(tenant, new CreateAkteCommand(position, "Sondernutzungen"));
        return new OpenFile(akte, await host.ExecuteAsync(tenant, new OpenVorgangCommand(akte.Id, "Antrag auf Sondernutzung")));
    }

    // Retention 0 years: the Akte may be erased from the day it is closed.
    private static async Task CloseAsync(RecordsTestHost host, Guid tenant, OpenFile file)
    {
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(file.Vorgang.Id));
        await host.ExecuteAsync(tenant, new CloseAkteCommand(file.Akte.Id));
    }

    private static DokumentMetadata Metadata(string sender) =>
        new("Schreiben", new DateOnly(2026, 6, 1), "Schreiben", sender, null, Confidentiality.Internal, "schreiben.txt", "text/plain");

    private static async Task<ErasureResult> EraseAsync(RecordsTestHost host, Guid tenant, DataSubject person)
    {
        await using var scope = host.ScopeFor(tenant);
        return await scope.ServiceProvider.GetRequiredService<PrivacyService>().EraseAsync(person, "DS-2026-9", "administration@test", CancellationToken.None);
    }
}
