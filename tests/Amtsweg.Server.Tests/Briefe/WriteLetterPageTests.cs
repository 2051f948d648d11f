using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Privacy;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Amtsweg.Server.Tests.Briefe;

/// <summary>Issue 12.5: a clerk writes a letter from a template in the Vorgang, previews it and files it as PDF/A.</summary>
public class WriteLetterPageTests
{
    [Theory]
    [AllProviders]
    public async Task File_FilesASchreibenOnTheLetterhead_WhoseTextHasSubjectAndAktenzeichen(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await AddLetterheadAsync(factory, municipality);
        var (vorgang, beteiligter) = await OpenVorgangAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var filed = await PostAsync(clerk, vorgang, "File", Nachforderung(beteiligter));
        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/{vorgang.Id}"));

        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        Assert.Equal($"/vorgaenge/{vorgang.Id}?abschnitt=dokumente#dokumente", filed.Headers.Location!.OriginalString);
        var version = await factory.RecordsAsync(municipality, db => db.DokumentVersionen.SingleAsync());
        Assert.Equal(("Bauantrag Gartenhaus – fehlende Unterlagen", "Schreiben", "Erika Müller", "application/pdf"), (version.Title, version.DokumentType, version.Recipient, version.MediaType));
        var search = await factory.RecordsAsync(municipality, db => db.SearchEntries.SingleAsync(e => e.DokumentType == "Schreiben"));
        Assert.Contains("Bauantrag Gartenhaus – fehlende Unterlagen", search.Text, StringComparison.Ordinal);
        Assert.Contains(vorgang.Aktenzeichen, search.Text, StringComparison.Ordinal);
        Assert.Contains("- Lageplan im Maßstab 1:500", search.Text, StringComparison.Ordinal);
        Assert.Contains("Das Schreiben „Bauantrag Gartenhaus – fehlende Unterlagen“ ist als Dokument im Vorgang abgelegt.", page, StringComparison.Ordinal);

        var pdf = await clerk.GetByteArrayAsync($"/api/dokument-versionen/{version.Id}/content");
        using var document = PdfPigDocument.Open(pdf);
        var text = string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text));
        Assert.Contains("Gemeinde Teststadt", text, StringComparison.Ordinal);
        Assert.Contains("Rathausplatz 1 · 12345 Teststadt", text, StringComparison.Ordinal);
        Assert.Equal("Erika Müller Lindenweg 7 12345 Teststadt", InAddressField(document.GetPage(1)));
        Assert.Contains($"Unser Zeichen {vorgang.Aktenzeichen}", text, StringComparison.Ordinal);
        Assert.Contains("Bitte reichen Sie die Unterlagen bis zum 06.01.2027 bei uns ein.", text, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Preview_ShowsTheLetterAsItWillBeFiled_AndFilesNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (vorgang, beteiligter) = await OpenVorgangAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var preview = await PostAsync(clerk, vorgang, "Preview", Nachforderung(beteiligter));
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync()).Replace("\r", "", StringComparison.Ordinal);
        var pdf = await PostAsync(clerk, vorgang, "Pdf", Nachforderung(beteiligter));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<strong>Bauantrag Gartenhaus – fehlende Unterlagen</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Lageplan im Maßstab 1:500</li>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Unser Zeichen</dt><dd>" + vorgang.Aktenzeichen + "</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"letter-sender\">Teststadt</p>", html, StringComparison.Ordinal);
        Assert.Contains(">Lageplan im Maßstab 1:500\nBauzeichnungen</textarea>", html, StringComparison.Ordinal);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.DokumentVersionen.CountAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task File_ShowsErrorsAtTheFields_AndFilesNothing_WhenInputsAreMissingOrWrong(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (vorgang, _) = await OpenVorgangAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var refused = await PostAsync(clerk, vorgang, "File", [("vorlage", "nachforderung"), ("empfaenger", "andere"), ("anschrift", ""), ("feld-unterlagen", " "), ("feld-frist", "bald")]);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<a href=\"#anschrift\">Bitte geben Sie die Anschrift des Empfängers ein.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#feld-unterlagen\">Bitte füllen Sie „Fehlende Unterlagen“ aus.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#feld-frist\">„Frist“ ist kein gültiges Datum (z. B. 31.12.2026).</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"feld-frist\" name=\"feld-frist\" value=\"bald\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.DokumentVersionen.CountAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task File_NamesThePlaceholderWithoutValue_AndFilesNothing_WhenTheMunicipalityHasNoAddress(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (vorgang, beteiligter) = await OpenVorgangAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        // The Rechtsbehelfsbelehrung needs the municipality's address, and without a letterhead there is none.
        var refused = await PostAsync(clerk, vorgang, "File",
            [("vorlage", "bescheid"), ("empfaenger", beteiligter.ToString()), ("feld-antragsdatum", "2026-11-12"), ("feld-tenor", "Die Genehmigung wird erteilt."), ("feld-begruendung", "Das Vorhaben ist zulässig.")]);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Das Schreiben kann nicht erstellt werden: Der Platzhalter {{gemeinde.anschrift}} hat keinen Wert", html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.DokumentVersionen.CountAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task File_IsRefused_WhenTheVorgangIsClosed(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (vorgang, beteiligter) = await OpenVorgangAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var form = await FormAsync(clerk, vorgang, Nachforderung(beteiligter));
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(new CloseVorgangCommand(vorgang.Id), "test", CancellationToken.None);
        }

        var refused = await clerk.PostAsync($"/vorgaenge/{vorgang.Id}/brief?handler=File", form);
        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/{vorgang.Id}/brief?vorlage=nachforderung"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Der Vorgang ist zu den Akten verfügt. In ihm kann kein Schreiben mehr abgelegt werden.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Der Vorgang ist zu den Akten verfügt.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ablegen", page, StringComparison.Ordinal);
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.DokumentVersionen.CountAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task File_AnswersNotFound_ForAnotherMunicipalitysVorgang(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var (own, ownBeteiligter) = await OpenVorgangAsync(factory, municipality);
        var (foreignVorgang, foreignBeteiligter) = await OpenVorgangAsync(factory, foreign);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        // The antiforgery token of the own Vorgang's page is valid; the foreign Vorgang is not there.
        var form = await FormAsync(clerk, own, Nachforderung(foreignBeteiligter));
        var refused = await clerk.PostAsync($"/vorgaenge/{foreignVorgang.Id}/brief?handler=File", form);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/vorgaenge/{foreignVorgang.Id}/brief")).StatusCode);
        Assert.Equal(0, await factory.RecordsAsync(foreign, db => db.DokumentVersionen.CountAsync()));
        Assert.NotEqual(ownBeteiligter, foreignBeteiligter);
    }

    [Theory]
    [AllProviders]
    public async Task Page_OffersTheTemplatesAndTheBeteiligtenWithAddress(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (vorgang, beteiligter) = await OpenVorgangAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var choose = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/{vorgang.Id}/brief"));
        var form = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/{vorgang.Id}/brief?vorlage=bescheid"));
        var vorgangPage = await clerk.GetStringAsync($"/vorgaenge/{vorgang.Id}");

        Assert.Contains(">Nachforderung von Unterlagen</label>", choose, StringComparison.Ordinal);
        Assert.Contains(">Bescheid</label>", choose, StringComparison.Ordinal);
        Assert.Contains($"value=\"{beteiligter}\" checked=\"checked\"", form, StringComparison.Ordinal);
        Assert.Contains("Erika Müller (Antragstellerin), Lindenweg 7, 12345 Teststadt", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Max Ohneadresse", form, StringComparison.Ordinal);
        Assert.Contains("<label class=\"form-label\" for=\"feld-tenor\">Entscheidung (Tenor)", form, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/vorgaenge/{vorgang.Id}/brief\">Brief schreiben</a>", vorgangPage, StringComparison.Ordinal);
    }

    // The words in the Anschriftzone of DIN 5008 form B: 20 to 105 mm from the left, 62.7 to 90 mm from the top.
    private static string InAddressField(UglyToad.PdfPig.Content.Page page)
    {
        const double mm = 72 / 25.4;
        return string.Join(" ", page.GetWords()
            .Where(w => w.BoundingBox.Left >= 20 * mm && w.BoundingBox.Left < 105 * mm)
            .Where(w => page.Height - w.BoundingBox.Bottom >= 62.7 * mm && page.Height - w.BoundingBox.Bottom <= 90 * mm)
            .Select(w => w.Text));
    }

    private static (string, string)[] Nachforderung(Guid beteiligter) =>
        [("vorlage", "nachforderung"), ("empfaenger", beteiligter.ToString()), ("feld-unterlagen", "Lageplan im Maßstab 1:500\r\nBauzeichnungen"), ("feld-frist", "2027-01-06"), ("feld-hinweis", "")];

    private static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, Vorgang vorgang, (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", await AmtswegFactory.AntiforgeryTokenAsync(client, $"/vorgaenge/{vorgang.Id}/brief?vorlage=nachforderung")),
            .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Vorgang vorgang, string handler, (string Name, string Value)[] fields) =>
        await client.PostAsync($"/vorgaenge/{vorgang.Id}/brief?handler={handler}", await FormAsync(client, vorgang, fields));

    /// <summary>A Vorgang "Bauantrag Gartenhaus" with the applicant Erika Müller (with address) and a Beteiligter without address.</summary>
    private static async Task<(Vorgang Vorgang, Guid Beteiligter)> OpenVorgangAsync(AmtswegFactory factory, Municipality municipality)
    {
        var position = await factory.CreatePositionAsync(municipality, "63", "Bauaufsicht");
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var executor = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
        var akte = await executor.ExecuteAsync(new CreateAkteCommand(position.Id, "Bauanträge 2026"), "test", CancellationToken.None);
        var vorgang = await executor.ExecuteAsync(new OpenVorgangCommand(akte.Id, "Bauantrag Gartenhaus"), "test", CancellationToken.None);
        var applicant = await executor.ExecuteAsync(new AddBeteiligterCommand(vorgang.Id, "Antragstellerin", new DataSubject("Erika Müller", null, "Lindenweg 7, 12345 Teststadt")), "test", CancellationToken.None);
        await executor.ExecuteAsync(new AddBeteiligterCommand(vorgang.Id, "Nachbar", new DataSubject("Max Ohneadresse")), "test", CancellationToken.None);
        return (vorgang, applicant.Id);
    }

    private static async Task AddLetterheadAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        db.Letterheads.Add(new MunicipalityLetterhead
        {
            Id = Guid.CreateVersion7(),
            TenantId = municipality.Id,
            Title = "Gemeinde Teststadt",
            Address = "Rathausplatz 1\n12345 Teststadt",
            Phone = "01234 5678-0",
            Email = "rathaus@teststadt.example",
            OpeningHours = "Mo–Fr 8–12 Uhr",
            BankDetails = "IBAN DE02 1203 0000 0000 2020 51",
            UpdatedBy = "test",
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}
