using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Amtsweg.Casework;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Audit;
using Amtsweg.Server.Features.Akten.Create;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Search;
using Amtsweg.Server.Features.Vermerke.Add;
using Amtsweg.Server.Features.Vorgaenge.Open;
using Amtsweg.Server.Features.Vorgaenge.Reopen;
using Amtsweg.Server.Features.Wiedervorlagen.Set;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Records;

public class RecordsApiTests
{
    [Theory]
    [AllProviders]
    public async Task Vorgang_IsWorkedThroughTheApi_FromOpeningToReopening(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var akte = await (await clerk.PostAsJsonAsync("/api/akten", new CreateAkteRequest(position.Id, "Gaststätte Zur Linde"))).Content.ReadFromJsonAsync<AkteResponse>();
        var opened = await clerk.PostAsJsonAsync("/api/vorgaenge", new OpenVorgangRequest(akte!.Id, "Gaststättenerlaubnis"));
        var id = (await opened.Content.ReadFromJsonAsync<VorgangResponse>())!.Vorgang.Id;
        var note = await clerk.PostAsJsonAsync($"/api/vorgaenge/{id}/vermerke", new AddVermerkRequest("Antragstellerin telefonisch erreicht."));
        var due = await clerk.PostAsJsonAsync($"/api/vorgaenge/{id}/wiedervorlagen", new SetWiedervorlageRequest(new DateOnly(2026, 12, 1), "Führungszeugnis nachfordern"));
        var upload = await UploadAsync(clerk, $"/api/vorgaenge/{id}/dokumente", "antrag.txt", "Antrag auf Erteilung einer Gaststättenerlaubnis für die Schankwirtschaft");
        var withoutFile = await UploadAsync(clerk, $"/api/vorgaenge/{id}/dokumente", null, null);
        var vorgang = await clerk.GetFromJsonAsync<VorgangResponse>($"/api/vorgaenge/{id}");
        var version = Assert.Single(Assert.Single(vorgang!.Dokumente).Versions);
        var content = await clerk.GetAsync($"/api/dokument-versionen/{version.Id}/content");
        var closed = await clerk.PostAsync($"/api/vorgaenge/{id}/close", null);
        var noteOnClosed = await clerk.PostAsJsonAsync($"/api/vorgaenge/{id}/vermerke", new AddVermerkRequest("zu spät"));
        var openList = await clerk.GetFromJsonAsync<List<VorgangSummary>>("/api/vorgaenge?state=Open");
        var closedList = await clerk.GetFromJsonAsync<List<VorgangSummary>>($"/api/vorgaenge?state=Closed&position={position.Id}");
        var reopenWithoutReason = await clerk.PostAsJsonAsync($"/api/vorgaenge/{id}/reopen", new ReopenVorgangRequest(" "));
        var reopened = await clerk.PostAsJsonAsync($"/api/vorgaenge/{id}/reopen", new ReopenVorgangRequest("Widerspruch eingegangen"));
        var audit = await factory.AuditActionsAsync(municipality);

        Assert.Equal("32.10-0001/2026", akte.Aktenzeichen);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal(HttpStatusCode.Created, due.StatusCode);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutFile.StatusCode);
        Assert.Equal(("antrag", "Dokument", "text/plain"), (version.Title, version.DokumentType, version.MediaType));
        Assert.Equal("Antragstellerin telefonisch erreicht.", Assert.Single(vorgang.Vermerke).Text);
        Assert.Equal(new DateOnly(2026, 12, 1), Assert.Single(vorgang.Wiedervorlagen).DueOn);
        Assert.Equal("Antrag auf Erteilung einer Gaststättenerlaubnis für die Schankwirtschaft", await content.Content.ReadAsStringAsync());
        Assert.Equal(AuditActions.DokumentContentRead, audit[audit.LastIndexOf(AuditActions.VorgangClosed) - 1]);
        Assert.Equal("Closed", (await closed.Content.ReadFromJsonAsync<VorgangResponse>())!.Vorgang.State);
        Assert.Equal(HttpStatusCode.Conflict, noteOnClosed.StatusCode);
        Assert.Contains("records.vorgang-closed", await noteOnClosed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(openList!, v => v.Id == id);
        Assert.Equal(id, Assert.Single(closedList!).Id);
        Assert.Equal(HttpStatusCode.BadRequest, reopenWithoutReason.StatusCode);
        Assert.Equal("Open", (await reopened.Content.ReadFromJsonAsync<VorgangResponse>())!.Vorgang.State);
        Assert.Equal(AuditActions.VorgangReopened, audit[^1]);
    }

    [Theory]
    [AllProviders]
    public async Task Search_FindsInflectedWordsInDocumentText_OnlyWithinTheTenant(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync("Eigenstadt");
        var other = await factory.CreateMunicipalityAsync("Fremdstadt");
        var position = await factory.CreatePositionAsync(municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var stranger = await factory.SignInAsClerkAsync(other);
        var akte = await (await clerk.PostAsJsonAsync("/api/akten", new CreateAkteRequest(position.Id, "Straßenfest"))).Content.ReadFromJsonAsync<AkteResponse>();
        var id = (await (await clerk.PostAsJsonAsync("/api/vorgaenge", new OpenVorgangRequest(akte!.Id, "Sondernutzung Hauptstraße"))).Content.ReadFromJsonAsync<VorgangResponse>())!.Vorgang.Id;
        (await UploadAsync(clerk, $"/api/vorgaenge/{id}/dokumente", "bescheid.txt", "Die Sondernutzungserlaubnis für die Anträge wird erteilt.")).EnsureSuccessStatusCode();

        var hits = await clerk.GetFromJsonAsync<List<SearchHitResponse>>("/api/search?q=Antrag");
        var byStreet = await clerk.GetFromJsonAsync<List<SearchHitResponse>>("/api/search?q=Hauptstrasse");
        var filteredOut = await clerk.GetFromJsonAsync<List<SearchHitResponse>>("/api/search?q=Antrag&status=Closed");
        var foreign = await stranger.GetFromJsonAsync<List<SearchHitResponse>>("/api/search?q=Antrag");
        var badLimit = await clerk.GetAsync("/api/search?q=Antrag&limit=0");
        var page = await clerk.GetStringAsync("/suche?q=Antr%C3%A4ge");

        var hit = Assert.Single(hits!);
        Assert.Equal(("Dokument", id, "bescheid"), (hit.Kind, hit.VorgangId, hit.Title));
        Assert.Contains("<mark>Anträge</mark>", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains(byStreet!, h => h.Kind == "Vorgang" && h.Id == id);
        Assert.Empty(filteredOut!);
        Assert.Empty(foreign!);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Contains("<mark>Anträge</mark>", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/vorgaenge/{id}\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Pages_ListFilterAndShowVorgang_AndFormActsChangeIt(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var otherPosition = await factory.CreatePositionAsync(municipality, "63", "Bauaufsicht");
        var clerk = await ProcessFilingTests.DeployAndSignInClerkAsync(factory, municipality);
        var instance = await ProcessFilingTests.StartAsync(clerk, new VorgangTarget(PositionId: position.Id, Title: "Gewerbeanmeldung Bäckerei"));
        var id = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instance.Id}/vorgang"))!.Vorgang.Id;

        var list = await clerk.GetStringAsync("/vorgaenge");
        var otherList = await clerk.GetStringAsync($"/vorgaenge?position={otherPosition.Id}");
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, $"/vorgaenge/{id}");
        var emptyVermerk = await clerk.PostAsync($"/vorgaenge/{id}?handler=Vermerk", Form(token, ("text", " ")));
        var note = await clerk.PostAsync($"/vorgaenge/{id}?handler=Vermerk", Form(token, ("text", "Gewerbeamt informiert")));
        var close = await clerk.PostAsync($"/vorgaenge/{id}?handler=Close", Form(token, ("confirmed", "true")));
        var detail = await clerk.GetStringAsync($"/vorgaenge/{id}");
        var missing = await clerk.GetAsync($"/vorgaenge/{Guid.CreateVersion7()}");

        Assert.Contains("Gewerbeanmeldung Bäckerei", list, StringComparison.Ordinal);
        Assert.Contains("32.10-0001/2026-1", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Gewerbeanmeldung Bäckerei", otherList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, emptyVermerk.StatusCode);
        Assert.Contains("Der Text des Vermerks", await emptyVermerk.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        Assert.Contains("Gewerbeamt informiert", detail, StringComparison.Ordinal);
        Assert.Contains("zu den Akten verfügt (zdA) am", detail, StringComparison.Ordinal);
        Assert.Contains("Prozess „Antrag prüfen“", System.Net.WebUtility.HtmlDecode(detail), StringComparison.Ordinal);
        Assert.Contains("Die Aufgabe „Antrag prüfen“ wurde angelegt.", System.Net.WebUtility.HtmlDecode(detail), StringComparison.Ordinal);
        Assert.Contains("Vorgang wiederaufnehmen", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>Files a text file through a multipart endpoint, with the session's antiforgery token (any page has one).</summary>
    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, string? fileName, string? text)
    {
        var token = await AmtswegFactory.AntiforgeryTokenAsync(client, "/vorgaenge");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (fileName is not null)
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text!));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(file, "datei", fileName);
        }

        return await client.PostAsync(path, form);
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
}
