using System.Net;
using System.Net.Http.Headers;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Documents;
using Amtsweg.Server.Hosting;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>Issue 13.5: Administration sets the municipality's letterhead and logo in the browser; letters carry it.</summary>
public class LetterheadPageTests
{
    private const string Page = "/verwaltung/briefkopf";

    [Theory]
    [AllProviders]
    public async Task Save_StoresLetterheadAndLogo_WhichLettersThenCarry(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var saved = await PostAsync(admin, Fields(("titel", "Stadt Teststadt – Der Bürgermeister"), ("anschrift", "Marktplatz 2\n12345 Teststadt"), ("email", "rathaus@teststadt.example"), ("oeffnungszeiten", "Mo–Fr 8–12 Uhr")), Logo());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var letterhead = await LetterheadAsync(factory, municipality);
        Assert.Equal(("Stadt Teststadt – Der Bürgermeister", "rathaus@teststadt.example", "Mo–Fr 8–12 Uhr", (string?)null), (letterhead!.Name, letterhead.Email, letterhead.OpeningHours, letterhead.Phone));
        Assert.Equal(["Marktplatz 2", "12345 Teststadt"], letterhead.Address);
        Assert.Equal("image/png", letterhead.Logo!.ContentType);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(Page));
        Assert.Contains("Der Briefkopf ist gespeichert.", page, StringComparison.Ordinal);
        Assert.Contains("<p class=\"letter-sender\">Stadt Teststadt – Der Bürgermeister</p>", page, StringComparison.Ordinal);
        Assert.Contains("<img class=\"letter-logo\" src=\"data:image/png;base64,", page, StringComparison.Ordinal);
        Assert.Contains("Logo entfernen", page, StringComparison.Ordinal);

        var removed = await PostAsync(admin, Fields(("titel", "Stadt Teststadt"), ("logo-entfernen", "ja")));

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        letterhead = await LetterheadAsync(factory, municipality);
        Assert.Equal(("Stadt Teststadt", 0, (LetterLogo?)null), (letterhead!.Name, letterhead.Address.Count, letterhead.Logo));
    }

    [Theory]
    [AllProviders]
    public async Task Save_RefusesWithMessagesAtTheFields_AndSavesNothing_WhenEntriesAreWrong(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var refused = await PostAsync(admin, Fields(("titel", " "), ("email", "rathaus at teststadt"), ("telefon", new string('1', 51))), ("wappen.png", "Kein Bild, nur Text."u8.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#titel\">Bitte geben Sie den Namen im Briefkopf an.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#email\">Bitte geben Sie eine E-Mail-Adresse wie rathaus@musterstadt.de an.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#telefon\">Bitte kürzen Sie diese Angabe auf höchstens 50 Zeichen.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#logo\">Das Logo muss eine PNG- oder JPEG-Bilddatei sein.</a>", page, StringComparison.Ordinal);
        Assert.Contains("value=\"rathaus at teststadt\"", page, StringComparison.Ordinal);
        Assert.Null(await LetterheadAsync(factory, municipality));
    }

    [Theory]
    [AllProviders]
    public async Task Save_RefusesBeforeReadingTheUpload_WhenLogoIsFiftyMegabytes(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var refused = await PostAsync(admin, Fields(("titel", "Stadt Teststadt")), ("riesig.png", new byte[50 * 1024 * 1024]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("Das Logo ist zu groß: erlaubt sind PNG- oder JPEG-Dateien bis 512 KB. Es wurde nichts gespeichert.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await LetterheadAsync(factory, municipality));
    }

    [Theory]
    [AllProviders]
    public async Task Page_IsAdministrationsOwn_AndShowsOnlyItsMunicipalitysLetterhead(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var other = await factory.CreateMunicipalityAsync("Fremdstadt");
        var clerk = await factory.SignInAsClerkAsync(own);
        var otherAdmin = await factory.SignInAsAsync(other, Roles.Administration);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(await factory.SignInAsAsync(own, Roles.Administration), Fields(("titel", "Gemeinde Eigenstadt – Hauptamt")))).StatusCode);

        var forClerk = await clerk.GetAsync(Page);
        var forOther = WebUtility.HtmlDecode(await otherAdmin.GetStringAsync(Page));

        Assert.Equal((HttpStatusCode.Redirect, "/fehler/403"), (forClerk.StatusCode, forClerk.Headers.Location?.AbsolutePath));
        Assert.DoesNotContain("Eigenstadt", forOther, StringComparison.Ordinal);
        Assert.Contains("value=\"Fremdstadt\"", forOther, StringComparison.Ordinal);
        Assert.Null(await LetterheadAsync(factory, other));
    }

    private static List<(string Name, string Value)> Fields(params (string Name, string Value)[] fields) => [.. fields];

    private static async Task<HttpResponseMessage> PostAsync(HttpClient admin, List<(string Name, string Value)> fields, (string FileName, byte[] Content)? logo = null)
    {
        using var form = new MultipartFormDataContent { { new StringContent(await AmtswegFactory.AntiforgeryTokenAsync(admin, Page)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (logo is { } file)
        {
            var content = new ByteArrayContent(file.Content);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(content, "logo", file.FileName);
        }

        return await admin.PostAsync(Page, form);
    }

    private static (string, byte[]) Logo()
    {
        using var stream = typeof(DemoMunicipality).Assembly.GetManifestResourceStream("Amtsweg.Server.Hosting.DemoWappen.png")!;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return ("wappen.png", bytes.ToArray());
    }

    private static async Task<Letterhead?> LetterheadAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<ILetterheadSource>().FindAsync(CancellationToken.None);
    }
}
