using Amtsweg.Benchmarks.Search;
using Amtsweg.Data.Providers;
using Amtsweg.Testing;

namespace Amtsweg.Records.Tests.Search;

/// <summary>The search benchmark's generator and harness work; the figures themselves come from the real run (docs/benchmarks.md).</summary>
public sealed class SearchBenchmarkSmokeTests
{
    public static TheoryData<DatabaseProvider> Providers => TestDatabases.Providers;

    [Fact]
    public void Generator_GivesTheSameDocumentsOfAbout2KB_ForTheSameSeed()
    {
        var first = new MunicipalDocuments(11);
        var second = new MunicipalDocuments(11);
        var documents = Enumerable.Range(0, 50).Select(_ => first.Next()).ToList();

        Assert.Equal(documents, Enumerable.Range(0, 50).Select(_ => second.Next()));
        Assert.All(documents, d => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(d.Text), 1900, 2600));
        Assert.True(documents.Select(d => d.Title).Distinct().Count() > 40);
        Assert.Equal(MunicipalDocuments.Queries(2, 5), MunicipalDocuments.Queries(2, 5));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Harness_FilesIndexesAndMeasures_200Documents(DatabaseProvider provider)
    {
        var figures = await SearchBenchmark.RunAsync(provider, 200, 20, _ => { }, CancellationToken.None);

        Assert.Equal(200, figures.Documents);
        Assert.Equal([1, 2, 3], figures.Queries.Select(q => q.Words));
        Assert.True(figures.Queries[0].MeanHits > 0, "One-word queries of the corpus vocabulary find documents.");
        Assert.All(figures.Queries, q => Assert.True(q.P95 >= q.P50 && q.P50 > 0));
        Assert.Contains("| 3 | 20 |", SearchBenchmark.Format(figures), StringComparison.Ordinal);
    }
}
