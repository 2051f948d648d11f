using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>Issue 13.6: a new municipality gets its first administrator from the operator's console.</summary>
public class FirstAdministratorTests
{
    [Theory]
    [AllProviders]
    public async Task CreateMunicipality_CreatesFirstAdministrator_WhoSignsInAndAdministersIt(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var response = await CreateAsync(operatorClient, "08111000", "Stuttgart", "verwaltung");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var password = UserPages.ShownPassword(await response.Content.ReadAsStringAsync());
        var (stored, roles) = await UserPages.StoredAsync(factory, "verwaltung");
        Assert.Equal([Roles.Administration], roles);
        var admin = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AmtswegFactory.PostSignInAsync(admin, "verwaltung", password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UserPages.PostFormAsync(admin, "/konto/kennwort", "/konto/kennwort",
            [new("kennwort-bisher", password), new("kennwort-neu", "Stuttgart-Rathaus-1"), new("kennwort-wiederholung", "Stuttgart-Rathaus-1")])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/verwaltung")).StatusCode);
        Assert.Contains("Stuttgart", await admin.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains(factory.Logs.Entries, entry => entry.Category == "Amtsweg.Audit.Users" && entry.Message.Contains("first administrator", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Entries, entry => entry.Message.Contains(password, StringComparison.Ordinal));
        Assert.NotNull(stored!.TenantId);
    }

    [Theory]
    [AllProviders]
    public async Task CreateMunicipality_WithTakenOrMissingAdministratorName_CreatesNeitherMunicipalityNorUser(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var existing = await factory.CreateMunicipalityAsync("Altstadt");
        var taken = await factory.CreateUserAsync(existing, Roles.Administration);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);
        var before = await UserPages.CountAsync(factory);

        var duplicate = await CreateAsync(operatorClient, "08111000", "Stuttgart", taken.User.UserName!);
        var missing = await CreateAsync(operatorClient, "08111000", "Stuttgart", " ");
        var invalid = await CreateAsync(operatorClient, "08111000", "Stuttgart", "Verwaltung Stuttgart");

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("gibt es bereits", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("value=\"Stuttgart\"", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Benutzernamen für die erste Verwaltung", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(before, await UserPages.CountAsync(factory));
        await using var scope = factory.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<PlatformAdministration>();
        Assert.Null(await administration.FindMunicipalityAsync("08111000", CancellationToken.None));
    }

    [Theory]
    [AllProviders]
    public async Task OperatorConsole_SaysWhichMunicipalityIsActive(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var chosen = await factory.CreateMunicipalityAsync("Betreutstadt");
        await factory.CreateMunicipalityAsync("Nebenstadt");

        var operatorClient = await UserAdministrationPageTests.SwitchedOperatorAsync(factory, chosen);

        var console = WebUtility.HtmlDecode(await operatorClient.GetStringAsync("/betrieb"));
        Assert.Contains("Sie verwalten gerade die Gemeinde „Betreutstadt“.", console, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(console, "aria-current=\"true\""));
    }

    [Theory]
    [AllProviders]
    public async Task CreateMunicipality_ShowsEveryRefusalAtItsField_AndInTheSummary(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var response = await CreateAsync(operatorClient, "1234", " ", "", test: true);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#ags\">Der Amtliche Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#name\">Der Name der Gemeinde fehlt", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#verwaltung\">Bitte geben Sie den Benutzernamen", html, StringComparison.Ordinal);
        foreach (var field in new[] { "ags", "name", "verwaltung" })
        {
            Assert.Contains($"<p class=\"form-error\" id=\"{field}-error\">", html, StringComparison.Ordinal);
            Assert.Matches($"id=\"{field}\"[^>]*aria-describedby=\"[^\"]*{field}-error\"[^>]*aria-invalid=\"true\"", html);
        }

        Assert.Contains("value=\"1234\"", html, StringComparison.Ordinal);
        Assert.Empty(await ListAsync(factory));
    }

    [Theory]
    [AllProviders]
    public async Task CreateMunicipality_ShowsDuplicateAgsAtTheAgsField(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);
        Assert.Equal(HttpStatusCode.OK, (await CreateAsync(operatorClient, "08111000", "Stuttgart", "verwaltung")).StatusCode);

        var response = await CreateAsync(operatorClient, "08111000", "Nochmal", "verwaltung.nochmal");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#ags\">Eine Gemeinde mit dem AGS 08111000 gibt es bereits.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"form-error\" id=\"ags-error\">", html, StringComparison.Ordinal);
        Assert.Single(await ListAsync(factory));
    }

    // Regression: the table showed the enum value "BadenWuerttemberg" instead of the state's name.
    [Theory]
    [AllProviders]
    public async Task OperatorConsole_ShowsTheGermanNameOfTheFederalState(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);
        await CreateAsync(operatorClient, "08111000", "Stuttgart", "verwaltung");
        await CreateAsync(operatorClient, "16051000", "Erfurt", "verwaltung.erfurt");

        var console = WebUtility.HtmlDecode(await operatorClient.GetStringAsync("/betrieb"));

        Assert.Contains("<td>Baden-Württemberg</td>", console, StringComparison.Ordinal);
        Assert.Contains("<td>Thüringen</td>", console, StringComparison.Ordinal);
        Assert.DoesNotContain("BadenWuerttemberg", console, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFederalState_HasAName_InGermanAndEnglish()
    {
        foreach (var file in new[] { "Ui.resx", "Ui.en.resx" })
        {
            var keys = System.Xml.Linq.XDocument.Load(Path.Combine(TestPaths.RepositoryRoot, "src", "Amtsweg.Server", "Resources", file)).Root!
                .Elements("data").Select(data => (string)data.Attribute("name")!).ToHashSet();
            var missing = Enum.GetNames<FederalState>().Where(state => !keys.Contains("FederalState." + state)).ToList();
            Assert.True(missing.Count == 0, $"{file} lacks: {string.Join(", ", missing)}");
        }
    }

    private static async Task<IReadOnlyList<Municipality>> ListAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Municipalities.AsNoTracking().ToListAsync();
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
