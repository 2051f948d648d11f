using Amtsweg.Data.Providers;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Records.Search;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Intake;

/// <summary>A letter waiting in the Posteingang is found by its words, and its audit trail starts at receipt.</summary>
public sealed class PosteingangSearchTests
{
    private static readonly Dictionary<string, string?> WithoutOcrMyPdf = new() { ["Amtsweg:Records:Intake:OcrMyPdfCommand"] = "off" };

    [Theory]
    [AllProviders]
    public async Task ScanWaitingInThePosteingang_IsFoundByItsWords_UntilFiled_ThenAsTheDokument(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider, WithoutOcrMyPdf);
        var tenant = RecordsTestHost.NewTenant();
        var other = RecordsTestHost.NewTenant();
        var (position, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var received = await host.ReceiveAsync(tenant, IntakeFiles.ScanPng("Widerspruch gegen den Gebührenbescheid", "Hundesteuer 2026"), "scan-0007.png");
        await host.ReceiveAsync(other, IntakeFiles.ScanPng("Widerspruch gegen die Hundesteuer"), "scan-0008.png");
        await host.ProcessPendingAsync();

        var waiting = Assert.Single(await SearchAsync(host, tenant, new SearchRequest("Hundesteuer")));
        var byWord = await SearchAsync(host, tenant, new SearchRequest("Widerspruch Gebührenbescheid"));
        var openOnly = await SearchAsync(host, tenant, new SearchRequest("Hundesteuer", Status: RecordState.Open));
        var inPosition = await SearchAsync(host, tenant, new SearchRequest("Hundesteuer", PositionId: position.Id));
        var listed = await SearchAsync(host, tenant, new SearchRequest(null, From: new DateOnly(2026, 1, 1)));
        await host.ExecuteAsync(tenant, new FileIntakeItemCommand(received.Id, vorgang.Id));
        var filed = Assert.Single(await SearchAsync(host, tenant, new SearchRequest("Hundesteuer")));

        Assert.Equal((SearchKinds.Posteingang, received.Id, (Guid?)null, "", (RecordState?)null), (waiting.Kind, waiting.Id, waiting.VorgangId, waiting.Aktenzeichen, waiting.Status));
        Assert.Equal("scan-0007", waiting.Title);
        Assert.Contains("<mark>Hundesteuer</mark>", waiting.Snippet, StringComparison.Ordinal);
        Assert.Equal([received.Id], byWord.Select(h => h.Id));
        Assert.Empty(openOnly);
        Assert.Empty(inPosition);
        Assert.Contains(listed, h => h.Id == received.Id);
        Assert.Equal((SearchKinds.Dokument, (Guid?)vorgang.Id, (RecordState?)RecordState.Open), (filed.Kind, filed.VorgangId, filed.Status));
        Assert.Equal(0, await host.QueryAsync(tenant, db => db.SearchEntries.CountAsync(e => e.Kind == SearchKinds.Posteingang)));
    }

    [Theory]
    [AllProviders]
    public async Task Receipt_IsAnAuditEntryOfItsOwn_WithTheCaptureRecord_BeforeTheFiling(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var content = "Nachreichung: Lageplan zur Bauvoranfrage"u8.ToArray();

        var received = await host.ReceiveAsync(tenant, content, "nachreichung.txt");
        var afterReceipt = await host.QueryAsync(tenant, db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync());
        await host.ProcessPendingAsync();
        await host.ExecuteAsync(tenant, new FileIntakeItemCommand(received.Id, vorgang.Id));
        var entries = await host.QueryAsync(tenant, db => db.AuditEntries.AsNoTracking().Where(a => a.SubjectId == received.Id).OrderBy(a => a.Sequence).ToListAsync());
        AuditVerification verification;
        await using (var scope = host.ScopeFor(tenant))
        {
            verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        }

        var receipt = afterReceipt.Last();
        Assert.Equal((IntakeAuditActions.Received, nameof(IntakeItem), received.Id, IntakeTestSupport.Clerk, received.ReceivedAt), (receipt.Action, receipt.SubjectType, receipt.SubjectId, receipt.Actor, receipt.OccurredAt));
        foreach (var part in new[] { "Hochladen im Posteingang", "nachreichung.txt", "text/plain", content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), received.ContentHash })
        {
            Assert.Contains(part, receipt.Details, StringComparison.Ordinal);
        }

        Assert.Equal([IntakeAuditActions.Received, IntakeAuditActions.Filed], entries.Select(e => e.Action));
        Assert.Empty(verification.Problems);
    }

    [Theory]
    [AllProviders]
    public async Task Reindex_IndexesTheWaitingItemsAgain_AndDropsEntriesOfItemsNoLongerWaiting(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var waiting = await host.ReceiveAsync(tenant, "Antrag auf Sperrmüllabholung"u8.ToArray(), "sperrmuell.txt");
        var filed = await host.ReceiveAsync(tenant, "Antrag auf Sperrmüllabholung, zweiter Termin"u8.ToArray(), "sperrmuell-2.txt");
        await host.ProcessPendingAsync();
        await host.ExecuteAsync(tenant, new FileIntakeItemCommand(filed.Id, vorgang.Id));
        await host.QueryAsync(tenant, db => db.SearchEntries.Where(e => e.Id == waiting.Id).ExecuteDeleteAsync());
        var stale = new SearchEntry { Id = filed.Id, TenantId = tenant, Kind = SearchKinds.Posteingang, Aktenzeichen = "", Title = "alt", TitleTerms = "alt", BodyTerms = "", Text = "alt" };
        await host.QueryAsync(tenant, db => { db.SearchEntries.Add(stale); return db.SaveChangesAsync(); });

        ReindexResult result;
        await using (var scope = host.ScopeFor(tenant))
        {
            result = await scope.ServiceProvider.GetRequiredService<SearchReindexer>().ReindexAsync("cli:test", null, CancellationToken.None);
        }

        var hits = await SearchAsync(host, tenant, new SearchRequest("Sperrmüllabholung"));
        Assert.Equal(new ReindexResult(1, 1, 0, 1), result);
        Assert.Equal([(SearchKinds.Dokument, filed.Title), (SearchKinds.Posteingang, "sperrmuell")], hits.Select(h => (h.Kind, h.Title)).OrderBy(h => h.Kind));
    }

    private static async Task<IReadOnlyList<SearchHit>> SearchAsync(RecordsTestHost host, Guid tenant, SearchRequest request)
    {
        await using var scope = host.ScopeFor(tenant);
        return await scope.ServiceProvider.GetRequiredService<RecordsSearch>().SearchAsync(request, CancellationToken.None);
    }
}
