using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Connectors;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>Issue 15.1: Administration keeps the municipality's connector secrets; stored encrypted, never shown or logged again.</summary>
public class SecretsPageTests
{
    private const string Page = "/verwaltung/geheimnisse";

    // A value no page, row or log line may ever contain.
    private const string Marker = "GEHEIM-7f3a9c-Markierung";

    [Theory]
    [AllProviders]
    public async Task Save_StoresValueEncrypted_ShowsOnlyNameKindAndActor_AndAuditsWithoutTheValue(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var saved = await SaveAsync(admin, "gewerberegister", "apikey", "", Marker);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(Page));
        Assert.Contains("Die Zugangsdaten „gewerberegister“ sind gespeichert.", page, StringComparison.Ordinal);
        Assert.Contains("<td><code>gewerberegister</code></td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>API-Schlüssel</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, page, StringComparison.Ordinal);
        var row = Assert.Single(await RowsAsync(factory));
        Assert.Equal((municipality.Id, "gewerberegister", SecretKind.ApiKey), (row.TenantId, row.Name, row.Kind));
        Assert.DoesNotContain(Marker, row.Protected, StringComparison.Ordinal);
        var secret = await FindAsync(factory, municipality, "gewerberegister");
        Assert.Equal((SecretKind.ApiKey, Marker, (string?)null), (secret!.Kind, secret.Value, secret.UserName));
        Assert.DoesNotContain(Marker, secret.ToString(), StringComparison.Ordinal);
        var audit = Assert.Single(factory.Logs.Entries, e => e.Category == "Amtsweg.Audit.Secrets");
        Assert.Contains("gewerberegister", audit.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Message.Contains(Marker, StringComparison.Ordinal) || e.Values.Values.Any(v => v?.Contains(Marker, StringComparison.Ordinal) == true));
    }

    [Theory]
    [AllProviders]
    public async Task Save_ReplacesKindAndValue_WhenTheNameExists(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        await SaveAsync(admin, "meldewesen", "apikey", "", "alter-schluessel");

        var replaced = await SaveAsync(admin, "meldewesen", "basic", "amtsweg-rathaus", Marker);

        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Contains("Die Zugangsdaten „meldewesen“ sind ersetzt.", WebUtility.HtmlDecode(await admin.GetStringAsync(Page)), StringComparison.Ordinal);
        Assert.Single(await RowsAsync(factory));
        var secret = await FindAsync(factory, municipality, "meldewesen");
        Assert.Equal((SecretKind.Basic, Marker, "amtsweg-rathaus"), (secret!.Kind, secret.Value, secret.UserName));
        Assert.Equal(2, factory.Logs.Entries.Count(e => e.Category == "Amtsweg.Audit.Secrets"));
    }

    [Theory]
    [AllProviders]
    public async Task Save_RefusesWithMessagesAtTheFields_AndNeitherSavesNorEchoesTheValue_WhenEntriesAreWrong(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var refused = await SaveAsync(admin, "Gewerbe Register", "", "", Marker);
        var noUser = await SaveAsync(admin, "gewerberegister", "basic", " ", "");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (refused.StatusCode, noUser.StatusCode));
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#name\">Der Name darf nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche enthalten, muss mit einem Buchstaben beginnen und höchstens 64 Zeichen lang sein.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#art\">Bitte wählen Sie die Art der Zugangsdaten.</a>", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Gewerbe Register\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, page, StringComparison.Ordinal);
        var second = WebUtility.HtmlDecode(await noUser.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#benutzername\">Bitte geben Sie den Benutzernamen an.</a>", second, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#wert\">Bitte geben Sie den Wert an.</a>", second, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(factory));
    }

    [Theory]
    [AllProviders]
    public async Task Delete_RemovesTheSecret_ButAnotherMunicipalitysSecretIsNotFound(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var admin = await factory.SignInAsAsync(own, Roles.Administration);
        var foreignAdmin = await factory.SignInAsAsync(foreign, Roles.Administration);
        await SaveAsync(admin, "kasse", "oauth2", "", "client-geheimnis");
        await SaveAsync(foreignAdmin, "kasse", "apikey", "", "fremder-schluessel");
        var rows = await RowsAsync(factory);
        var ownId = rows.Single(r => r.TenantId == own.Id).Id;
        var foreignId = rows.Single(r => r.TenantId == foreign.Id).Id;

        var crossTenant = await DeleteAsync(admin, foreignId);
        var deleted = await DeleteAsync(admin, ownId);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Redirect), (crossTenant.StatusCode, deleted.StatusCode));
        Assert.Equal([foreign.Id], (await RowsAsync(factory)).Select(r => r.TenantId));
        Assert.Null(await FindAsync(factory, own, "kasse"));
        Assert.Equal("fremder-schluessel", (await FindAsync(factory, foreign, "kasse"))!.Value);
        Assert.Contains("Die Zugangsdaten „kasse“ sind gelöscht.", WebUtility.HtmlDecode(await admin.GetStringAsync(Page)), StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task ProtectedValue_CannotBeReadByAnotherMunicipality_WhenCopiedIntoItsRow(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var protection = factory.Services.GetRequiredService<SecretProtection>();

        var protectedValue = protection.Protect(own.Id, Marker, null);

        Assert.Equal(Marker, protection.Unprotect(own.Id, protectedValue)?.Value);
        Assert.Null(protection.Unprotect(foreign.Id, protectedValue));
        Assert.Null(protection.Unprotect(own.Id, protectedValue[..^4] + "AAAA"));
    }

    [Theory]
    [AllProviders]
    public async Task Page_IsForbidden_ForClerks(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var response = await clerk.GetAsync(Page);

        Assert.Equal((HttpStatusCode.Redirect, "/fehler/403"), (response.StatusCode, response.Headers.Location?.AbsolutePath));
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string name, string kind, string userName, string value) =>
        UserPages.PostFormAsync(client, Page, Page + "?handler=Save", [new("name", name), new("art", kind), new("benutzername", userName), new("wert", value)]);

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient client, Guid id) =>
        UserPages.PostFormAsync(client, Page, Page + "?handler=Delete", [new("geheimnis", id.ToString())]);

    private static async Task<List<MunicipalitySecret>> RowsAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Secrets.AsNoTracking().OrderBy(s => s.Name).ToListAsync();
    }

    private static async Task<ConnectorSecret?> FindAsync(AmtswegFactory factory, Municipality municipality, string name)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<IConnectorSecrets>().FindAsync(name, CancellationToken.None);
    }
}
