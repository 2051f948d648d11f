using Amtsweg.Data.Providers;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Search;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Amtsweg.Records.Tests.Search;

public sealed class RecordsSearchTests(ITestOutputHelper output)
{
    [Theory]
    [AllProviders]
    public async Task Search_FindsExactlyTheExpectedDocuments_ForEveryQueryOfTheRelevanceSet(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var corpus = await SearchCorpus.SeedAsync(host, tenant);
        var failures = new List<string>();

        foreach (var @case in RelevanceSet.Cases)
        {
            var found = DocumentKeys(await SearchAsync(host, tenant, @case.ToRequest(corpus)), corpus);
            if (!found.Order().SequenceEqual(@case.Expected.Order()))
            {
                failures.Add($"{@case.Name} „{@case.Text}“: erwartet [{string.Join(", ", @case.Expected)}], gefunden [{string.Join(", ", found)}]");
            }
        }

        var passed = RelevanceSet.Cases.Count - failures.Count;
        output.WriteLine($"{provider}: {passed} of {RelevanceSet.Cases.Count} queries exact");
        Assert.True(RelevanceSet.Cases.Count >= 50);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Search_GivesTheSameHitsInTheSameOrder_OnBothProviders()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");

        var results = new List<List<string>>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            await using var host = await RecordsTestHost.StartAsync(provider);
            var tenant = RecordsTestHost.NewTenant();
            var corpus = await SearchCorpus.SeedAsync(host, tenant);
            var lines = new List<string>();
            foreach (var @case in RelevanceSet.Cases)
            {
                var hits = await SearchAsync(host, tenant, @case.ToRequest(corpus));
                lines.Add(@case.Name + ": " + string.Join(", ", hits.Select(h => $"{(corpus.KeyOf.TryGetValue(h.Id, out var key) ? key : h.Kind + " " + h.Title)} {h.Score} {h.Snippet}")));
            }

            results.Add(lines);
        }

        Assert.Equal(results[0], results[1]);
    }

    [Fact]
    public async Task Search_OverTheCandidateCap_RanksTheNewestMatchesAndTheTitleMatches_TheSameOnBothProviders()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        const int entries = RecordsSearch.MaxCandidates + 100;

        var results = new List<List<string>>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            await using var host = await RecordsTestHost.StartAsync(provider);
            var tenant = RecordsTestHost.NewTenant();
            var (position, _, vorgang) = await host.CreateVorgangAsync(tenant);
            await using (var scope = host.ScopeFor(tenant))
            {
                // The oldest entry has the word in its title only; the others in their text, some of them repeatedly.
                var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
                for (var i = 0; i < entries; i++)
                {
                    var version = new DokumentVersion
                    {
                        Id = Guid.CreateVersion7(),
                        TenantId = tenant,
                        DokumentId = new Guid(i + 1, 0, 0, new byte[8]),
                        Number = 1,
                        Title = i == 0 ? "Gebührenbescheid Altakte" : $"Schreiben {i}",
                        DokumentDate = new DateOnly(2026, 1, 1).AddDays(i % 30),
                        DokumentType = "Schreiben",
                        FileName = "schreiben.txt",
                        MediaType = "text/plain",
                        ContentHash = "",
                        CreatedBy = "test",
                    };
                    var text = i == 0 ? "Festsetzung für das Jahr 1990." : "Die Gebühr wird festgesetzt." + string.Concat(Enumerable.Repeat(" Die Gebühr ist fällig.", i % 7));
                    await SearchIndexer.IndexDokumentAsync(db, vorgang, position.Id, version.DokumentId, version, text, CancellationToken.None);
                }

                await db.SaveChangesAsync();
            }

            var hits = await SearchAsync(host, tenant, new SearchRequest("Gebühr", Limit: 50));
            Assert.Equal(50, hits.Count);
            Assert.Equal(new Guid(1, 0, 0, new byte[8]), hits[0].Id);
            Assert.All(hits.Skip(1), h => Assert.True(h.Id.ToByteArray()[0] + (h.Id.ToByteArray()[1] * 256) > entries - RecordsSearch.MaxCandidates, $"{h.Title} ist älter als die {RecordsSearch.MaxCandidates} neuesten Treffer."));
            results.Add(hits.Select(h => $"{h.Title} {h.Score}").ToList());
        }

        Assert.Equal(results[0], results[1]);
    }

    [Theory]
    [AllProviders]
    public async Task Search_RanksTitleMatchesFirst_AndMarksMatchedWordsInSnippets(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var corpus = await SearchCorpus.SeedAsync(host, tenant);

        var antrag = DocumentKeys(await SearchAsync(host, tenant, new SearchRequest("Anträge")), corpus);
        var strasse = await SearchAsync(host, tenant, new SearchRequest("hauptstrasse"));

        Assert.Equal(["D1", "D5", "D7"], antrag.Take(3).Order());
        Assert.Equal(["D10", "D14", "D4"], antrag.Skip(3).Order());
        var d8 = strasse.Single(h => corpus.KeyOf.GetValueOrDefault(h.Id) == "D8");
        Assert.Contains("Die <mark>Hauptstraße</mark> wird am 20. Juni gesperrt.", d8.Snippet, StringComparison.Ordinal);
        var d7 = strasse.Single(h => corpus.KeyOf.GetValueOrDefault(h.Id) == "D7");
        Assert.Contains("<mark>Hauptstrasse</mark>", d7.Snippet, StringComparison.Ordinal);
        Assert.Contains(strasse, h => h.Kind == nameof(Vorgang) && h.Title == "Sondernutzung Straßenfest Hauptstraße");
    }

    [Theory]
    [AllProviders]
    public async Task Search_NeverReturnsAnotherTenantsRecords(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var owner = RecordsTestHost.NewTenant();
        var stranger = RecordsTestHost.NewTenant();
        await SearchCorpus.SeedAsync(host, owner);
        var (_, _, vorgang) = await host.CreateVorgangAsync(stranger);
        await host.ExecuteAsync(stranger, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata("Eigener Antrag", "Antrag") with { MediaType = "text/plain" }, RecordsTestHost.Content("Bäckerei Müller")));

        var hits = await SearchAsync(host, stranger, new SearchRequest("Bäckerei"));
        var listed = await SearchAsync(host, stranger, new SearchRequest(null, Limit: 200));

        Assert.Equal(["Eigener Antrag"], hits.Where(h => h.Kind == nameof(Dokument)).Select(h => h.Title));
        Assert.All(listed, h => Assert.DoesNotContain(h.Title, new[] { "Gewerbeanmeldung", "Baugenehmigung" }));
        Assert.Equal(2, listed.Count);
    }

    [Theory]
    [AllProviders]
    public async Task Search_FollowsStatusAndNewVersions(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var first = await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata("Entwurf", "Bescheid") with { MediaType = "text/plain" }, RecordsTestHost.Content("Hundesteuer für den Dackel")));
        await host.ExecuteAsync(tenant, new AddDokumentVersionCommand(first.DokumentId, RecordsTestHost.Metadata("Bescheid Hundesteuer", "Bescheid") with { MediaType = "text/plain" }, RecordsTestHost.Content("Hundesteuer für den Pudel")));
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(vorgang.Id));

        var dackel = await SearchAsync(host, tenant, new SearchRequest("Dackel"));
        var pudel = await SearchAsync(host, tenant, new SearchRequest("Pudel", Status: RecordState.Closed));
        var open = await SearchAsync(host, tenant, new SearchRequest("Pudel", Status: RecordState.Open));

        Assert.Empty(dackel);
        Assert.Equal("Bescheid Hundesteuer", Assert.Single(pudel).Title);
        Assert.Empty(open);
    }

    private static async Task<IReadOnlyList<SearchHit>> SearchAsync(RecordsTestHost host, Guid tenant, SearchRequest request)
    {
        await using var scope = host.ScopeFor(tenant);
        return await scope.ServiceProvider.GetRequiredService<RecordsSearch>().SearchAsync(request, CancellationToken.None);
    }

    private static List<string> DocumentKeys(IReadOnlyList<SearchHit> hits, SearchCorpus corpus) =>
        hits.Where(h => h.Kind == nameof(Dokument)).Select(h => corpus.KeyOf[h.Id]).ToList();
}
