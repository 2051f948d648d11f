using System.Net;
using System.Net.Http.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Features.Privacy;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Records;

/// <summary>Issue 12, item 3: a document version is shown in the browser (PDF, picture, text), never run, and only to whom may download it.</summary>
public class DokumentPreviewTests
{
    [Theory]
    [AllProviders]
    public async Task PreviewPage_ShowsEachKindItsWay_WithDownloadLinkAlways(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (vorgangId, text) = await factory.FileDokumentAsync(municipality, "Stellungnahme", "stellungnahme.txt", "text/plain",
            "Sehr geehrte Frau Weiß,\n<script>alert(1)</script> bleibt Text."u8.ToArray());
        var (_, pdf) = await factory.FileDokumentAsync(municipality, "Antrag", "antrag.pdf", "application/pdf", TestPdfs.Create(["Antrag"]));
        var (_, picture) = await factory.FileDokumentAsync(municipality, "Lageplan", "lageplan.png", "image/png", TestScans.Png("Lageplan"));
        var (_, office) = await factory.FileDokumentAsync(municipality, "Tabelle", "kosten.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 3, 4]);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var textPage = await clerk.GetStringAsync($"/dokumente/{text}/ansicht");
        var pdfPage = await clerk.GetStringAsync($"/dokumente/{pdf}/ansicht");
        var picturePage = await clerk.GetStringAsync($"/dokumente/{picture}/ansicht");
        var officePage = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/dokumente/{office}/ansicht"));
        var vorgangPage = await clerk.GetStringAsync($"/vorgaenge/{vorgangId}");

        Assert.Contains("Sehr geehrte Frau Wei", textPage, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; bleibt Text.</pre>", textPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", textPage, StringComparison.Ordinal);
        Assert.DoesNotContain("/js/preview.js", textPage, StringComparison.Ordinal);
        Assert.Contains($"data-pdf-url=\"/api/dokument-versionen/{pdf}/content?disposition=inline\"", pdfPage, StringComparison.Ordinal);
        Assert.Contains("<script type=\"module\" src=\"/js/preview.js\"></script>", pdfPage, StringComparison.Ordinal);
        Assert.Contains("<noscript>", pdfPage, StringComparison.Ordinal);
        Assert.Contains($"<img class=\"document-image\" src=\"/api/dokument-versionen/{picture}/content?disposition=inline\" alt=\"Lageplan\">", picturePage, StringComparison.Ordinal);
        Assert.Contains("Für diese Dateiart gibt es keine Vorschau", officePage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/dokument-versionen/{office}/content\" download=\"kosten.xlsx\"", officePage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/dokumente/{text}/ansicht\"", vorgangPage, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task PreviewPage_ShowsTheRecognizedText_OfTheNewestVersionOnly(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (_, first) = await factory.FileDokumentAsync(municipality, "Antrag", "antrag.pdf", "application/pdf",
            TestPdfs.Create(["Antrag auf Erteilung einer Gaststättenerlaubnis", "Betrieb: Café Lindenweg"]));
        var (_, text) = await factory.FileDokumentAsync(municipality, "Notiz", "notiz.txt", "text/plain", "Rückruf erbeten"u8.ToArray());
        var (_, picture) = await factory.FileDokumentAsync(municipality, "Lageplan", "lageplan.png", "image/png", TestScans.Png("Lageplan"));
        Guid second;
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var dokumentId = await scope.ServiceProvider.GetRequiredService<RecordsDbContext>().DokumentVersionen.Where(v => v.Id == first).Select(v => v.DokumentId).SingleAsync();
            var metadata = new DokumentMetadata("Antrag", new DateOnly(2026, 10, 2), "Antrag", null, null, Confidentiality.Internal, "antrag-2.pdf", "application/pdf");
            second = (await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(
                new AddDokumentVersionCommand(dokumentId, metadata, new MemoryStream(TestPdfs.Create(["Antrag, berichtigte Fassung"]))), "test", CancellationToken.None)).Id;
        }

        var clerk = await factory.SignInAsClerkAsync(municipality);
        var newestPage = await clerk.GetStringAsync($"/dokumente/{second}/ansicht");
        var olderPage = await clerk.GetStringAsync($"/dokumente/{first}/ansicht");
        var textPage = await clerk.GetStringAsync($"/dokumente/{text}/ansicht");
        var picturePage = await clerk.GetStringAsync($"/dokumente/{picture}/ansicht");

        // The newest version's text, escaped, in a section of its own; the PDF viewer stays.
        Assert.Contains("<summary><h2>Erkannter Text</h2></summary>", newestPage, StringComparison.Ordinal);
        Assert.Contains(">Antrag, berichtigte Fassung</pre>", newestPage, StringComparison.Ordinal);
        Assert.Contains("data-pdf-url=", newestPage, StringComparison.Ordinal);
        // Search keeps only the newest version's text: the older one is not shown with the newer one's words.
        Assert.DoesNotContain("Erkannter Text", olderPage, StringComparison.Ordinal);
        Assert.DoesNotContain("berichtigte Fassung", olderPage, StringComparison.Ordinal);
        // A text document shows itself; a picture without recognised text shows no empty section.
        Assert.DoesNotContain("Erkannter Text", textPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Erkannter Text", picturePage, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Content_IsShownInline_OnlyForSafeTypes_WhenPreviewAsks(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (_, pdf) = await factory.FileDokumentAsync(municipality, "Antrag", "antrag.pdf", "application/pdf", TestPdfs.Create(["Antrag"]));
        var (_, html) = await factory.FileDokumentAsync(municipality, "Webseite", "seite.html", "text/html", "<script>alert(1)</script>"u8.ToArray());
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var inline = await clerk.GetAsync($"/api/dokument-versionen/{pdf}/content?disposition=inline");
        var download = await clerk.GetAsync($"/api/dokument-versionen/{pdf}/content");
        var htmlInline = await clerk.GetAsync($"/api/dokument-versionen/{html}/content?disposition=inline");

        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        Assert.Equal("application/pdf", inline.Content.Headers.ContentType!.MediaType);
        Assert.Equal(("inline", "antrag.pdf"), (inline.Content.Headers.ContentDisposition!.DispositionType, inline.Content.Headers.ContentDisposition.FileNameStar));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("attachment", htmlInline.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(TestPdfs.Create(["Antrag"]), await inline.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [AllProviders]
    public async Task PreviewPage_RefusesRestrictedDokument_WithoutShowingItsTitleOrText(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (_, version) = await factory.FileDokumentAsync(municipality, "Widerspruch Erika Müller", "widerspruch.txt", "text/plain",
            "Ich widerspreche dem Bescheid."u8.ToArray(), sender: "Erika Müller");
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        (await admin.PostAsJsonAsync("/api/privacy/restrict", new PrivacyRequest("Erika Müller", null, null, null, "DS-2026-1"))).EnsureSuccessStatusCode();
        var reads = (await factory.AuditActionsAsync(municipality)).Count(a => a == AuditActions.DokumentContentRead);

        var response = await clerk.GetAsync($"/dokumente/{version}/ansicht");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("nach Art. 18 DSGVO eingeschränkt", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Erika", page, StringComparison.Ordinal);
        Assert.DoesNotContain("widerspreche", page, StringComparison.Ordinal);
        Assert.Equal(reads, (await factory.AuditActionsAsync(municipality)).Count(a => a == AuditActions.DokumentContentRead));
    }

    [Fact]
    public async Task PreviewPage_IsNotFound_ForUnknownVersion()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var clerk = await factory.SignInAsClerkAsync(await factory.CreateMunicipalityAsync());

        var response = await clerk.GetAsync($"/dokumente/{Guid.CreateVersion7()}/ansicht");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
