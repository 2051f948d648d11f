using Amtsweg.Data.Providers;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Privacy;
using Amtsweg.Records.Search;
using Amtsweg.Records.Tests.Intake;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Commands;

public sealed class ReindexCommandTests
{
    private static readonly string[] Queries = ["Bäckerei", "Lindenweg", "Hundesteuer", "Zierfisch", "Wasserzähler", "Gewerbeanmeldung", "Erika Müller"];

    [Theory]
    [AllProviders]
    public async Task Reindex_AfterTheSearchRowsWereDeleted_FindsTheSameHits_AndLeavesTheOtherTenantAlone(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var other = RecordsTestHost.NewTenant();
        await SeedAsync(host, tenant);
        await SeedAsync(host, other);
        var before = await AllHitsAsync(host, tenant);
        var otherBefore = await AllHitsAsync(host, other);
        var otherRows = await host.QueryAsync(other, db => db.SearchEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

        var deleted = await host.QueryAsync(tenant, db => db.SearchEntries.ExecuteDeleteAsync());
        var emptied = await AllHitsAsync(host, tenant);
        ReindexResult result;
        await using (var scope = host.ScopeFor(tenant))
        {
            result = await scope.ServiceProvider.GetRequiredService<SearchReindexer>().ReindexAsync("cli:test", null, CancellationToken.None);
        }

        Assert.Equal(6, deleted);
        Assert.All(emptied, query => Assert.Empty(query.Hits));
        Assert.Equal(new ReindexResult(2, 4, 0, 0), result);
        Assert.Equal(before, await AllHitsAsync(host, tenant), new HitsComparer());
        Assert.Equal(otherBefore, await AllHitsAsync(host, other), new HitsComparer());
        Assert.Equal(
            otherRows.Select(e => (e.Id, e.BodyTerms, e.Restricted)),
            (await host.QueryAsync(other, db => db.SearchEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync())).Select(e => (e.Id, e.BodyTerms, e.Restricted)));

        // The seed is what the queries are about: full text of text and PDF files, the Posteingang's text of a Word
        // file (which plain extraction cannot read), the newest version only, and the restriction kept.
        var hits = before.ToDictionary(q => q.Query, q => q.Hits);
        Assert.Equal(["Antrag Bäckerei"], hits["Bäckerei"].Select(h => h.Title));
        Assert.Equal(["Bauantrag"], hits["Lindenweg"].Select(h => h.Title));
        Assert.Equal(["Satzung"], hits["Hundesteuer"].Select(h => h.Title));
        Assert.Empty(hits["Zierfisch"]);
        Assert.Equal(["zaehler"], hits["Wasserzähler"].Select(h => h.Title));
        Assert.Empty(hits["Erika Müller"]);
        Assert.Single(hits["Erika Müller (eingeschränkt)"]);
    }

    [Fact]
    public async Task Reindex_LeavesOutErasedDocuments()
    {
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite);
        var tenant = RecordsTestHost.NewTenant();
        var position = await host.ExecuteAsync(tenant, new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", null, 0, Records.Model.DisposalRule.Destroy));
        var akte = await host.ExecuteAsync(tenant, new CreateAkteCommand(position.Id, "Gewerbe 2026"));
        var vorgang = await host.ExecuteAsync(tenant, new OpenVorgangCommand(akte.Id, "Gewerbeanmeldung"));
        var kept = await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata("Stellungnahme") with { Sender = null, FileName = "stellungnahme.txt", MediaType = "text/plain" }, RecordsTestHost.Content("Keine Bedenken gegen die Bäckerei.")));
        await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata("Antrag") with { Sender = null, FileName = "antrag.txt", MediaType = "text/plain" }, RecordsTestHost.Content("Erika Müller beantragt eine Bäckerei.")));
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(vorgang.Id));
        await host.ExecuteAsync(tenant, new CloseAkteCommand(akte.Id));
        await host.ExecuteAsync(tenant, new ErasePersonalDataCommand(new DataSubject("Erika Müller"), "DS-1"), "administration@test");
        await host.QueryAsync(tenant, db => db.SearchEntries.ExecuteDeleteAsync());

        ReindexResult result;
        await using (var scope = host.ScopeFor(tenant))
        {
            result = await scope.ServiceProvider.GetRequiredService<SearchReindexer>().ReindexAsync("cli:test", null, CancellationToken.None);
        }

        Assert.Equal(new ReindexResult(1, 1, 0, 0), result);
        Assert.Equal([kept.DokumentId], (await SearchAsync(host, tenant, "Bäckerei", false)).Select(h => h.Id));
    }

    // A Vorgang with a text file, a text PDF, a document in two versions, a Word file through the Posteingang and a
    // Beteiligte whose Vorgang is restricted; a second Vorgang named after her, restricted too.
    private static async Task SeedAsync(RecordsTestHost host, Guid tenant)
    {
        var (_, akte, vorgang) = await host.CreateVorgangAsync(tenant);
        await host.ExecuteAsync(tenant, new OpenVorgangCommand(akte.Id, "Gewerbeummeldung Erika Müller"));
        await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata("Antrag Bäckerei") with { FileName = "antrag.txt", MediaType = "text/plain", Sender = null }, RecordsTestHost.Content("Die Bäckerei am Markt beantragt längere Öffnungszeiten.")));
        await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata("Bauantrag") with { Sender = null }, new MemoryStream(MinimalPdf.Create("Errichtung eines Carports am Lindenweg"))));
        var satzung = await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata("Satzung") with { FileName = "satzung.txt", MediaType = "text/plain", Sender = null }, RecordsTestHost.Content("Entwurf über Zierfisch")));
        await host.ExecuteAsync(tenant, new AddDokumentVersionCommand(satzung.DokumentId, RecordsTestHost.Metadata("Satzung") with { FileName = "satzung.txt", MediaType = "text/plain", Sender = null }, RecordsTestHost.Content("Endfassung über die Hundesteuer")));
        await host.ReceiveAsync(tenant, IntakeFiles.Docx(["Ablesung der Wasserzähler im Rathaus"]), "zaehler.docx", vorgang.Id);
        Assert.Equal(1, await host.ProcessPendingAsync());
        await host.ExecuteAsync(tenant, new AddBeteiligterCommand(vorgang.Id, "Antragstellerin", new DataSubject("Erika Müller")));
        await host.ExecuteAsync(tenant, new RestrictPersonalDataCommand(new DataSubject("Erika Müller"), "DS-1"), "administration@test");
    }

    private static async Task<List<(string Query, List<SearchHit> Hits)>> AllHitsAsync(RecordsTestHost host, Guid tenant)
    {
        var all = new List<(string, List<SearchHit>)>();
        foreach (var query in Queries)
        {
            all.Add((query, (await SearchAsync(host, tenant, query, false)).ToList()));
        }

        all.Add(("Erika Müller (eingeschränkt)", (await SearchAsync(host, tenant, "Erika Müller", true)).ToList()));
        return all;
    }

    private static async Task<IReadOnlyList<SearchHit>> SearchAsync(RecordsTestHost host, Guid tenant, string text, bool includeRestricted)
    {
        await using var scope = host.ScopeFor(tenant);
        return await scope.ServiceProvider.GetRequiredService<RecordsSearch>().SearchAsync(new SearchRequest(text, IncludeRestricted: includeRestricted), CancellationToken.None);
    }

    private sealed class HitsComparer : IEqualityComparer<(string Query, List<SearchHit> Hits)>
    {
        public bool Equals((string Query, List<SearchHit> Hits) x, (string Query, List<SearchHit> Hits) y) =>
            x.Query == y.Query && x.Hits.SequenceEqual(y.Hits);

        public int GetHashCode((string Query, List<SearchHit> Hits) obj) => obj.Query.GetHashCode(StringComparison.Ordinal);
    }
}
