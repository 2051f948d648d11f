using Amtsweg.Data.Providers;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Records.Search;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Intake;

public sealed class DocumentTextTests
{
    [Fact]
    public async Task Extract_ReadsTextLayerOfPdf_WithUmlauts()
    {
        var pdf = MinimalPdf.Create("Ihr Zeichen: 32.10-0001/2026-1", "Gewerbeanmeldung der Bäckerei Müller, Straße des Friedens 4");

        var text = await DocumentText.ExtractAsync(new MemoryStream(pdf), "application/pdf", CancellationToken.None);

        Assert.NotNull(text);
        Assert.Contains("32.10-0001/2026-1", text, StringComparison.Ordinal);
        Assert.Contains("Bäckerei Müller", text, StringComparison.Ordinal);
        Assert.Contains("Straße", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_GivesNoText_ForBrokenPdfAndForImages()
    {
        var broken = await DocumentText.ExtractAsync(new MemoryStream("%PDF-1.4 kaputt"u8.ToArray()), "application/pdf", CancellationToken.None);
        var image = await DocumentText.ExtractAsync(new MemoryStream([0x89, 0x50, 0x4E, 0x47]), "image/png", CancellationToken.None);

        Assert.True(string.IsNullOrWhiteSpace(broken));
        Assert.Null(image);
    }

    [Fact]
    public async Task Extract_GivesNoText_WhenContentDeclaredAsPdfIsPlainText()
    {
        // Regression: PdfPig threw ArgumentOutOfRangeException on such content, and filing the document failed.
        var text = await DocumentText.ExtractAsync(new MemoryStream("Antrag"u8.ToArray()), "application/pdf", CancellationToken.None);

        Assert.Null(text);
    }

    [Theory]
    [AllProviders]
    public async Task AddDokument_MakesPdfFindableByItsWords(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var pdf = MinimalPdf.Create("Widerspruch gegen den Gebührenbescheid", "Die Gebühren für die Sondernutzung sind zu hoch.");

        var version = await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata("Widerspruch", "Schreiben"), new MemoryStream(pdf)));
        await using var scope = host.ScopeFor(tenant);
        var hits = await scope.ServiceProvider.GetRequiredService<RecordsSearch>().SearchAsync(new SearchRequest("Gebühr Sondernutzung"), CancellationToken.None);

        var hit = Assert.Single(hits);
        Assert.Equal(version.DokumentId, hit.Id);
        Assert.Contains("<mark>Gebühren</mark>", hit.Snippet, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Propose_FindsVorgangByAktenzeichenInText(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var stranger = RecordsTestHost.NewTenant();
        var (position, akte, first) = await host.CreateVorgangAsync(tenant);
        var second = await host.ExecuteAsync(tenant, new OpenVorgangCommand(akte.Id, "Gewerbeummeldung"));
        var closed = await host.ExecuteAsync(tenant, new OpenVorgangCommand(akte.Id, "Alte Anfrage"));
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(closed.Id));
        var (_, strangerAkte, _) = await host.CreateVorgangAsync(stranger, "99.9");
        var text = await DocumentText.ExtractAsync(new MemoryStream(MinimalPdf.Create("Ihr Zeichen: 32.10-0001/2026-1 vom 3. Mai", "Unser Zeichen 11.1-0001/2026")), "application/pdf", CancellationToken.None);

        var exact = await ProposeAsync(host, tenant, text!);
        var byAkte = await ProposeAsync(host, tenant, "Betreff: Ihre Akte 32.10 - 0001 / 2026, Nachreichung");
        var closedOne = await ProposeAsync(host, tenant, "Az. 32.10-0001/2026-3");
        var unknown = await ProposeAsync(host, tenant, "Aktenzeichen 32.10-0009/2026-1 und 132.10-0001/20261");
        var foreign = await ProposeAsync(host, tenant, strangerAkte.Aktenzeichen + "-1");

        Assert.Equal([(first.Id, true)], exact.Select(p => (p.VorgangId, p.Exact)));
        Assert.Equal("32.10-0001/2026-1", exact[0].Aktenzeichen);
        Assert.Equal([second.Id, first.Id], byAkte.Select(p => p.VorgangId));
        Assert.All(byAkte, p => Assert.False(p.Exact));
        Assert.Equal(RecordState.Closed, Assert.Single(closedOne).State);
        Assert.Empty(unknown);
        Assert.Empty(foreign);
        Assert.Equal(3, await host.QueryAsync(tenant, db => db.Vorgaenge.CountAsync(v => v.AkteId == akte.Id)));
        Assert.NotEqual(Guid.Empty, position.Id);
    }

    private static async Task<IReadOnlyList<VorgangProposal>> ProposeAsync(RecordsTestHost host, Guid tenant, string text)
    {
        await using var scope = host.ScopeFor(tenant);
        return await scope.ServiceProvider.GetRequiredService<AktenzeichenRecognizer>().ProposeAsync(text, CancellationToken.None);
    }
}
