using Amtsweg.Testing;

namespace Amtsweg.Records.Tests.Search;

/// <summary>The search corpus generator shared by the search benchmark and tests is deterministic and sized as the benchmark assumes.</summary>
public sealed class MunicipalDocumentsTests
{
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
}
