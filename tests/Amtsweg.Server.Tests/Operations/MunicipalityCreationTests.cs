using System.Net;
using System.Net.Http.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Features.Operations.Municipalities;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Tests.Administration;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Operations;

/// <summary>Issue 16.1: the operator creates municipalities against the official code list, or test municipalities.</summary>
public class MunicipalityCreationTests
{
    [Theory]
    [AllProviders]
    public async Task Page_CreatesMunicipalityWithItsOfficialName_WhenNoDisplayNameIsGiven(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var form = WebUtility.HtmlDecode(await operatorClient.GetStringAsync("/betrieb"));
        var response = await CreateAsync(operatorClient, "01001000", "", "verwaltung.flensburg");

        Assert.Contains("Gemeindeverzeichnis des Statistischen Bundesamtes, Stand 30.06.2026, mit 10.944 Gemeinden.", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await FindAsync(factory, "01001000");
        Assert.Equal(("Flensburg, Stadt", FederalState.SchleswigHolstein, false), (stored!.Name, stored.FederalState, stored.IsTest));
    }

    [Theory]
    [AllProviders]
    public async Task Page_RefusesAgsNotInTheList_AtTheAgsField_AndWritesNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var unknown = await CreateAsync(operatorClient, "01001999", "Nirgendwo", "verwaltung.nirgendwo");
        var district = await CreateAsync(operatorClient, "11001001", "", "verwaltung.mitte");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var html = WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#ags\">Der AGS 01001999 steht nicht im Gemeindeverzeichnis (Stand 30.06.2026).", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"form-error\" id=\"ags-error\">", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Nirgendwo\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, district.StatusCode);
        Assert.Contains("keine Gemeinde", WebUtility.HtmlDecode(await district.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await FindAsync(factory, "01001999"));
        Assert.Null(await FindAsync(factory, "11001001"));
        Assert.Null((await UserPages.StoredAsync(factory, "verwaltung.nirgendwo")).User);
    }

    [Theory]
    [AllProviders]
    public async Task Page_CreatesTestMunicipality_AndListsItAsTestgemeinde(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var officialAgs = await CreateAsync(operatorClient, "01001000", "Spielwiese", "verwaltung.spielwiese", test: true);
        var created = await CreateAsync(operatorClient, "09999998", "Schulungsstadt", "verwaltung.schulung", test: true);
        var list = WebUtility.HtmlDecode(await operatorClient.GetStringAsync("/betrieb"));

        Assert.Equal(HttpStatusCode.BadRequest, officialAgs.StatusCode);
        Assert.Contains("<p class=\"form-error\" id=\"testgemeinde-error\">", WebUtility.HtmlDecode(await officialAgs.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.True((await FindAsync(factory, "09999998"))!.IsTest);
        Assert.Contains("<td>Schulungsstadt<span class=\"tag\">Testgemeinde</span>", list.Replace("\n", "", StringComparison.Ordinal).Replace("  ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Page_SaysThereIsNoList_AndCreatesOnlyTestMunicipalities_WhenTheListIsNotFound(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { [MunicipalityDirectorySource.Setting] = "/nicht/vorhanden/ags.xml" });
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var form = WebUtility.HtmlDecode(await operatorClient.GetStringAsync("/betrieb"));
        var real = await CreateAsync(operatorClient, "01001000", "", "verwaltung.flensburg");
        var test = await CreateAsync(operatorClient, "09999998", "Schulungsstadt", "verwaltung.schulung", test: true);

        const string Missing = "Das Gemeindeverzeichnis /nicht/vorhanden/ags.xml (Einstellung Amtsweg:Gemeindeverzeichnis:Datei) wurde nicht gefunden. Deshalb können nur Testgemeinden angelegt werden.";
        Assert.Contains(Missing, form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, real.StatusCode);
        Assert.Contains($"<a href=\"#ags\">{Missing}</a>", WebUtility.HtmlDecode(await real.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await FindAsync(factory, "01001000"));
        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Api_ChecksAgainstTheList_TakesTheOfficialName_AndCreatesTestMunicipalities(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var unknown = await operatorClient.PostAsJsonAsync("/api/municipalities", new CreateMunicipalityRequest("01001999", "Nirgendwo"));
        var official = await operatorClient.PostAsJsonAsync("/api/municipalities", new CreateMunicipalityRequest("01001000"));
        var test = await operatorClient.PostAsJsonAsync("/api/municipalities", new CreateMunicipalityRequest("09999998", "Schulungsstadt", IsTest: true));
        var testWithoutName = await operatorClient.PostAsJsonAsync("/api/municipalities", new CreateMunicipalityRequest("09999997", null, IsTest: true));
        var all = await operatorClient.GetFromJsonAsync<List<MunicipalityResponse>>("/api/municipalities");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("\"code\":\"ags-unknown\"", problem, StringComparison.Ordinal);
        Assert.Contains("steht nicht im Gemeindeverzeichnis (Stand 30.06.2026)", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, official.StatusCode);
        Assert.Equal(HttpStatusCode.Created, test.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, testWithoutName.StatusCode);
        Assert.Contains("\"code\":\"name-invalid\"", await testWithoutName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(
            [("Flensburg, Stadt", "SchleswigHolstein", false), ("Schulungsstadt", "Bayern", true)],
            all!.Select(m => (m.Name, m.FederalState, m.IsTest)).ToList());
    }

    private static async Task<Municipality?> FindAsync(AmtswegFactory factory, string ags)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().FindMunicipalityAsync(ags, CancellationToken.None);
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string ags, string name, string administrator, bool test = false)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Ags", ags), new("Name", name), new("AdministratorUserName", administrator) };
        if (test)
        {
            fields.Add(new("testgemeinde", "true"));
        }

        return UserPages.PostFormAsync(client, "/betrieb", "/betrieb?handler=Create", fields);
    }
}
