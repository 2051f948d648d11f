using System.Net;
using System.Net.Http.Json;
using System.Text;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Intake;
using Amtsweg.Server.Features.Dokumente;
using Amtsweg.Server.Features.Posteingang;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Tests.Posteingang;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Records;

/// <summary>A clerk adds documents to a Vorgang: every way goes through the Posteingang's checks.</summary>
public sealed class DokumentUploadTests
{
    [Theory]
    [AllProviders]
    public async Task TextDocument_IsCheckedAndFiledAtOnce_WithTheClerksMetadata_AndScanFilesItselfAfterOcr(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var vorgang = await PosteingangApiTests.CreateVorgangAsync(factory, municipality);

        using var form = new MultipartFormDataContent
        {
            { new StringContent("Stellungnahme Bauamt"), "titel" },
            { new StringContent("Stellungnahme"), "dokumentart" },
            { new StringContent("2026-05-04"), "datum" },
            { new StringContent("Bauamt"), "absender" },
            { new StringContent("Confidential"), "vertraulichkeit" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("Keine Bedenken gegen die Garage.")), StreamedUpload.FileField, "stellungnahme.txt" },
        };
        var text = await clerk.PostAsync($"/api/vorgaenge/{vorgang.Id}/dokumente", form);
        var added = await text.Content.ReadFromJsonAsync<AddedDokumentResponse>();
        var scan = await clerk.PostAsync($"/vorgaenge/{vorgang.Id}/dokumente", PosteingangApiTests.Form(TestScans.Png("Nachweis Stellplatz", "Garage Lindenweg 7"), "nachweis.png"));
        var notice = await clerk.GetStringAsync(scan.Headers.Location!.OriginalString);
        var scanItem = Assert.Single((await clerk.GetFromJsonAsync<List<IntakeItemResponse>>("/api/posteingang", PosteingangApiTests.Json))!, i => i.FileName == "nachweis.png");
        var scanDone = await PosteingangApiTests.WaitUntilProcessedAsync(clerk, scanItem.Id);
        var textItem = await clerk.GetFromJsonAsync<IntakeItemResponse>($"/api/posteingang/{added!.PosteingangId}", PosteingangApiTests.Json);
        var filed = await clerk.GetFromJsonAsync<VorgangResponse>($"/api/vorgaenge/{vorgang.Id}");
        var page = await clerk.GetStringAsync($"/vorgaenge/{vorgang.Id}");

        Assert.Equal(HttpStatusCode.Created, text.StatusCode);
        Assert.Equal("Filed", textItem!.Status);
        Assert.Equal("Schnittstelle (REST-API)", textItem.Transfervermerk!.Quelle);
        Assert.Contains(textItem.Transfervermerk.Pruefungen, c => c.Pruefung == "Virenprüfung");
        var stellungnahme = filed!.Dokumente.Single(d => d.Id == added.DokumentId).Versions[0];
        Assert.Equal(("Stellungnahme Bauamt", "Stellungnahme", new DateOnly(2026, 5, 4), "Bauamt", "Confidential", "text/plain"),
            (stellungnahme.Title, stellungnahme.DokumentType, stellungnahme.DokumentDate, stellungnahme.Sender, stellungnahme.Confidentiality, stellungnahme.MediaType));
        Assert.Equal(HttpStatusCode.Redirect, scan.StatusCode);
        Assert.Contains("„nachweis.png“ ist eingegangen und wird im Hintergrund geprüft und gelesen", notice, StringComparison.Ordinal);
        Assert.True(scanDone.Status == "Filed", scanDone.Message);
        Assert.Equal(vorgang.Id, scanDone.FiledVorgangId);
        Assert.Equal("Hochladen im Posteingang", scanDone.Transfervermerk!.Quelle);
        Assert.Contains(scanDone.Transfervermerk.Pruefungen, c => c.Pruefung == "Texterkennung");
        Assert.Contains(filed.Dokumente, d => d.Id == scanDone.FiledDokumentId);
        Assert.Contains("nachweis", page, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task BadInput_IntoVorgang_IsRefusedWithGermanProblemDetails_AndNothingIsStored(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Amtsweg:Records:MaxUploadBytes"] = "4194304" });
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var vorgang = await PosteingangApiTests.CreateVorgangAsync(factory, municipality);
        var path = $"/api/vorgaenge/{vorgang.Id}/dokumente";
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        var body = new PosteingangApiTests.ZeroStream(2L * 1024 * 1024 * 1024);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var huge = await clerk.PostAsync(path, PosteingangApiTests.Form(body, "riesig.pdf"));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var mismatch = await clerk.PostAsync(path, PosteingangApiTests.Form(png, "bescheid.pdf"));
        var traversal = await clerk.PostAsync(path, PosteingangApiTests.Form("x"u8.ToArray(), "../.."));
        var badDate = await clerk.PostAsync(path, new MultipartFormDataContent
        {
            { new StringContent("4.5.2026"), "datum" },
            { new ByteArrayContent("Text"u8.ToArray()), StreamedUpload.FileField, "brief.txt" },
        });
        var pageMismatch = await clerk.PostAsync($"/vorgaenge/{vorgang.Id}/dokumente", PosteingangApiTests.Form(png, "scan.jpg"));
        var pageAfter = await clerk.GetStringAsync(pageMismatch.Headers.Location!.OriginalString);
        var foreignOrigin = new HttpRequestMessage(HttpMethod.Post, path) { Content = PosteingangApiTests.Form("x"u8.ToArray(), "x.txt") };
        foreignOrigin.Headers.Add("Origin", "https://boese.example");
        var fromForeignSite = await clerk.SendAsync(foreignOrigin);

        await PosteingangApiTests.AssertProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge, "records.upload-too-large", "Die Datei ist größer als die erlaubten 4 MB.");
        Assert.True(body.Position < 64L * 1024 * 1024, $"the server read {body.Position} bytes");
        Assert.True(allocated < 256L * 1024 * 1024, $"{allocated} bytes allocated");
        await PosteingangApiTests.AssertProblemAsync(mismatch, HttpStatusCode.UnsupportedMediaType, IntakeErrors.TypeMismatch, "„bescheid.pdf“ ist dem Namen nach ein PDF-Dokument, der Inhalt ist aber ein PNG-Bild");
        await PosteingangApiTests.AssertProblemAsync(traversal, HttpStatusCode.BadRequest, IntakeErrors.FileNameInvalid, "enthält keinen verwendbaren Namen");
        await PosteingangApiTests.AssertProblemAsync(badDate, HttpStatusCode.BadRequest, "records.invalid", "Das Datum „4.5.2026“ ist kein Datum der Form JJJJ-MM-TT.");
        Assert.Equal(HttpStatusCode.Redirect, pageMismatch.StatusCode);
        Assert.Contains("„scan.jpg“ ist dem Namen nach ein JPEG-Bild, der Inhalt ist aber ein PNG-Bild", pageAfter, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, fromForeignSite.StatusCode);
        Assert.Empty((await clerk.GetFromJsonAsync<VorgangResponse>(path[..path.LastIndexOf('/')]))!.Dokumente);
        Assert.Empty((await clerk.GetFromJsonAsync<List<IntakeItemResponse>>("/api/posteingang", PosteingangApiTests.Json))!);
        Assert.Empty(Directory.GetFiles(Path.Combine(factory.Store.Settings["Amtsweg:DataDirectory"]!, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [AllProviders]
    public async Task FileNameWithPathTraversal_IsFiledUnderItsLastPart_AndNothingIsWrittenWhereItPoints(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var vorgang = await PosteingangApiTests.CreateVorgangAsync(factory, municipality);
        var dataDirectory = factory.Store.Settings["Amtsweg:DataDirectory"]!;
        var target = Path.Combine(dataDirectory, "ausgebrochen.txt");

        var response = await clerk.PostAsync($"/api/vorgaenge/{vorgang.Id}/dokumente", PosteingangApiTests.Form("Brief"u8.ToArray(), "../../" + Path.GetRelativePath("/", target).Replace('/', '\\')));
        var version = Assert.Single(Assert.Single((await clerk.GetFromJsonAsync<VorgangResponse>($"/api/vorgaenge/{vorgang.Id}"))!.Dokumente).Versions);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("ausgebrochen.txt", version.FileName);
        Assert.False(File.Exists(target));
    }
}
