using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Documents;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Privacy;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>Issue 13.5: Administration manages the municipality's letter templates; clerks' and processes' letters use them.</summary>
public class LetterTemplatePagesTests
{
    private const string List = "/verwaltung/briefvorlagen";
    private const string Editor = "/verwaltung/briefvorlagen/bearbeiten";
    private const string ShippedSentence = "über Ihren Antrag vom {{antragsdatum}} entscheiden wir wie folgt:";
    private const string ChangedSentence = "über Ihren Antrag vom {{antragsdatum}} hat die Gemeinde Teststadt so entschieden:";

    [Theory]
    [AllProviders]
    public async Task Save_StoresTheMunicipalitysBescheid_WhichTheLetterPageAndProcessesThenUse(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await AddLetterheadAsync(factory, municipality);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var shipped = WebUtility.HtmlDecode(await admin.GetStringAsync($"{Editor}?vorlage=bescheid"));
        Assert.Contains(ShippedSentence, shipped, StringComparison.Ordinal);
        Assert.Contains("Dies ist die mitgelieferte Vorlage „bescheid“.", shipped, StringComparison.Ordinal);

        var saved = await PostAsync(admin, "bescheid", "Save", Bescheid(ChangedSentence));

        Assert.Equal((HttpStatusCode.Redirect, List), (saved.StatusCode, saved.Headers.Location?.OriginalString));
        var list = WebUtility.HtmlDecode(await admin.GetStringAsync(List));
        Assert.Contains("Die Vorlage „Bescheid“ ist gespeichert.", list, StringComparison.Ordinal);
        Assert.Contains("eigene Fassung einer mitgelieferten", list, StringComparison.Ordinal);
        var template = await FindAsync(factory, municipality, "bescheid");
        Assert.Contains(ChangedSentence, template!.Text, StringComparison.Ordinal);

        var vorgang = await OpenVorgangAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var preview = await clerk.PostAsync($"/vorgaenge/{vorgang.Id}/brief?handler=Preview", new FormUrlEncodedContent([
            new("__RequestVerificationToken", await AmtswegFactory.AntiforgeryTokenAsync(clerk, $"/vorgaenge/{vorgang.Id}/brief?vorlage=bescheid")),
            new("vorlage", "bescheid"), new("empfaenger", "andere"), new("anschrift", "Erika Müller\nLindenweg 7\n12345 Teststadt"),
            new("feld-antragsdatum", "2026-11-02"), new("feld-tenor", "Die Genehmigung wird erteilt."), new("feld-begruendung", "Alle Voraussetzungen liegen vor."), new("feld-kosten", "")]));
        var letter = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("über Ihren Antrag vom 02.11.2026 hat die Gemeinde Teststadt so entschieden:", letter, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Save_RefusesWithTheLine_AndSavesNothing_WhenAPlaceholderIsUnknown(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var refused = await PostAsync(admin, "bescheid", "Save", Bescheid("über Ihren Antrag vom {{antragsdatm}} entscheiden wir wie folgt:"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#vorlagentext\">Die Vorlage wurde nicht gespeichert: Zeile 11: Der Platzhalter {{antragsdatm}} nennt „antragsdatm“.", page, StringComparison.Ordinal);
        Assert.Contains("vom {{antragsdatm}} entscheiden wir wie folgt:", page, StringComparison.Ordinal);
        Assert.Null(await FindOwnAsync(factory, municipality, "bescheid"));
    }

    [Theory]
    [AllProviders]
    public async Task Save_RefusesAndSavesNothing_WhenTheTemplateDoesNotParse(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var noSeparator = await PostAsync(admin, null, "Save", [("schluessel", "mitteilung"), ("vorlagentext", "Name: Mitteilung\nBetreff: X\nAnrede: Hallo\nGruß: Tschüss\nText ohne Trennlinie")]);
        var unclosed = await PostAsync(admin, null, "Save", [("schluessel", "mitteilung"), ("vorlagentext", "Name: Mitteilung\nBetreff: X\nAnrede: Hallo\nGruß: Tschüss\n---\n{{#if true}}offen")]);

        Assert.Equal(HttpStatusCode.BadRequest, noSeparator.StatusCode);
        Assert.Contains("Der Vorlage fehlt die Zeile „---“ zwischen Kopf und Text.", WebUtility.HtmlDecode(await noSeparator.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unclosed.StatusCode);
        Assert.Contains("wird nicht mit {{/if}} geschlossen", WebUtility.HtmlDecode(await unclosed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await FindOwnAsync(factory, municipality, "mitteilung"));
    }

    [Theory]
    [AllProviders]
    public async Task Create_StoresANewTemplate_AndRefusesAKeyThatIsTakenShippedOrMalformed(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        const string text = "Name: Terminbestätigung\nBetreff: {{vorgang.betreff}} – Termin\nAnrede: Guten Tag {{empfaenger.name}},\nGruß: Mit freundlichen Grüßen\nFeld: termin | Termin | Datum | Pflicht\n---\nwir bestätigen Ihren Termin am {{termin}}.";

        var created = await PostAsync(admin, null, "Save", [("schluessel", "termin"), ("vorlagentext", text)]);
        var taken = await PostAsync(admin, null, "Save", [("schluessel", "termin"), ("vorlagentext", text)]);
        var shipped = await PostAsync(admin, null, "Save", [("schluessel", "bescheid"), ("vorlagentext", text)]);
        var malformed = await PostAsync(admin, null, "Save", [("schluessel", "Termin Neu"), ("vorlagentext", text)]);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("Terminbestätigung", (await FindAsync(factory, municipality, "termin"))!.Name);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("Eine Vorlage mit dem Schlüssel „termin“ gibt es schon.", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, shipped.StatusCode);
        Assert.Contains("Den Schlüssel „bescheid“ hat eine mitgelieferte Vorlage.", WebUtility.HtmlDecode(await shipped.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("<a href=\"#schluessel\">Der Schlüssel besteht aus 2 bis 50 Kleinbuchstaben", WebUtility.HtmlDecode(await malformed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await FindOwnAsync(factory, municipality, "bescheid"));
        var list = WebUtility.HtmlDecode(await admin.GetStringAsync(List));
        Assert.Contains("Terminbestätigung", list, StringComparison.Ordinal);
        Assert.Contains("eigene Vorlage", list, StringComparison.Ordinal);

        // The clerk's letter page offers it after the shipped ones, the first of which stays preselected.
        var vorgang = await OpenVorgangAsync(factory, municipality);
        var choices = WebUtility.HtmlDecode(await (await factory.SignInAsClerkAsync(municipality)).GetStringAsync($"/vorgaenge/{vorgang.Id}/brief"));
        Assert.True(choices.IndexOf("Nachforderung von Unterlagen", StringComparison.Ordinal) < choices.IndexOf(">Bescheid<", StringComparison.Ordinal));
        Assert.True(choices.IndexOf(">Bescheid<", StringComparison.Ordinal) < choices.IndexOf(">Terminbestätigung<", StringComparison.Ordinal));
        Assert.Contains("value=\"nachforderung\" checked=\"checked\"", choices, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Preview_DrawsTheLetterWithExampleValuesOnTheLetterhead_AndSavesNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await AddLetterheadAsync(factory, municipality);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var preview = await PostAsync(admin, "bescheid", "Preview", Bescheid(ChangedSentence));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.Contains("<p class=\"letter-sender\">Gemeinde Teststadt</p>", page, StringComparison.Ordinal);
        Assert.Contains("hat die Gemeinde Teststadt so entschieden:", page, StringComparison.Ordinal);
        Assert.Contains("<p>[Entscheidung (Tenor)]</p>", page, StringComparison.Ordinal);
        Assert.Contains("<code>begruendung</code>", page, StringComparison.Ordinal);
        Assert.Null(await FindOwnAsync(factory, municipality, "bescheid"));
    }

    [Theory]
    [AllProviders]
    public async Task Delete_RemovesTheOwnVersion_SoTheShippedOneAppliesAgain(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "bescheid", "Save", Bescheid(ChangedSentence))).StatusCode);

        var deleted = await DeleteAsync(admin, "bescheid");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("es gilt wieder die mitgelieferte Vorlage „Bescheid“", WebUtility.HtmlDecode(await admin.GetStringAsync(List)), StringComparison.Ordinal);
        Assert.Contains(ShippedSentence, (await FindAsync(factory, municipality, "bescheid"))!.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await DeleteAsync(admin, "bescheid")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Pages_AreAdministrationsOwn_AndAnotherMunicipalitysTemplateIsNotFound(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var other = await factory.CreateMunicipalityAsync("Fremdstadt");
        var otherAdmin = await factory.SignInAsAsync(other, Roles.Administration);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(otherAdmin, null, "Save", [("schluessel", "fremd"), ("vorlagentext", "Name: Fremde Vorlage\nBetreff: B\nAnrede: A\nGruß: G\n---\nText")])).StatusCode);
        var admin = await factory.SignInAsAsync(own, Roles.Administration);
        var clerk = await factory.SignInAsClerkAsync(own);

        var forClerk = await clerk.GetAsync(List);
        var editorForClerk = await clerk.GetAsync($"{Editor}?vorlage=bescheid");

        Assert.Equal((HttpStatusCode.Redirect, "/fehler/403"), (forClerk.StatusCode, forClerk.Headers.Location?.AbsolutePath));
        Assert.Equal((HttpStatusCode.Redirect, "/fehler/403"), (editorForClerk.StatusCode, editorForClerk.Headers.Location?.AbsolutePath));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Editor}?vorlage=fremd")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(admin, "fremd", "Save", [("vorlagentext", "Name: Übernommen\nBetreff: B\nAnrede: A\nGruß: G\n---\nText")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DeleteAsync(admin, "fremd")).StatusCode);
        Assert.DoesNotContain("Fremde Vorlage", await admin.GetStringAsync(List), StringComparison.Ordinal);
        Assert.Equal("Fremde Vorlage", (await FindAsync(factory, other, "fremd"))!.Name);
        Assert.Null(await FindAsync(factory, own, "fremd"));
    }

    private static (string, string)[] Bescheid(string sentence) =>
        [("vorlagentext", LetterTemplate.Find("bescheid")!.Text.Replace(ShippedSentence, sentence, StringComparison.Ordinal))];

    private static async Task<HttpResponseMessage> PostAsync(HttpClient admin, string? key, string handler, (string Name, string Value)[] fields)
    {
        var page = key is null ? Editor : $"{Editor}?vorlage={key}";
        var token = await AmtswegFactory.AntiforgeryTokenAsync(admin, key is null || LetterTemplate.Find(key) is not null ? page : List);
        return await admin.PostAsync($"{page}{(key is null ? "?" : "&")}handler={handler}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient admin, string key) =>
        await admin.PostAsync($"{List}?handler=Delete", new FormUrlEncodedContent([new("__RequestVerificationToken", await AmtswegFactory.AntiforgeryTokenAsync(admin, List)), new("vorlage", key)]));

    private static async Task<LetterTemplate?> FindAsync(AmtswegFactory factory, Municipality municipality, string key)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<ILetterTemplateSource>().FindAsync(key, CancellationToken.None);
    }

    private static async Task<MunicipalityLetterTemplate?> FindOwnAsync(AmtswegFactory factory, Municipality municipality, string key)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().LetterTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key);
    }

    private static async Task<Vorgang> OpenVorgangAsync(AmtswegFactory factory, Municipality municipality)
    {
        var position = await factory.CreatePositionAsync(municipality, "63", "Bauaufsicht");
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var executor = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
        var akte = await executor.ExecuteAsync(new CreateAkteCommand(position.Id, "Bauanträge 2026"), "test", CancellationToken.None);
        return await executor.ExecuteAsync(new OpenVorgangCommand(akte.Id, "Bauantrag Gartenhaus"), "test", CancellationToken.None);
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
            UpdatedBy = "test",
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}
