using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Connectors;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Amtsweg.Server.Tests.Webhooks.WebhookSender;

namespace Amtsweg.Server.Tests.Administration;

/// <summary>Issue 15.1: Administration defines the municipality's webhooks; keys are generated, shown once, stored as secrets, never logged.</summary>
public class WebhookPagesTests
{
    [Theory]
    [AllProviders]
    public async Task Create_ShowsAddressAndKeyOnce_StoresTheKeyAsEncryptedSecret_AndAuditsWithoutIt(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var created = await CreateOnPageAsync(admin, "zahlungseingang", "Zahlungseingang", "body.aktenzeichen", "{betrag: body.betrag}");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync());
        var key = KeyOf(page);
        Assert.Contains("<code>http://localhost/api/hooks/zahlungseingang</code>", page, StringComparison.Ordinal);
        Assert.Contains("Der Schlüssel wird nur jetzt angezeigt.", page, StringComparison.Ordinal);
        var list = WebUtility.HtmlDecode(await admin.GetStringAsync(Page));
        Assert.Contains(">zahlungseingang</a>", list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        var hook = Assert.Single(await HooksAsync(factory));
        Assert.Equal((municipality.Id, "Zahlungseingang", "body.aktenzeichen", "{betrag: body.betrag}", "webhook-zahlungseingang"),
            (hook.TenantId, hook.MessageName, hook.CorrelationKey, hook.Variables, hook.SecretName));
        var secret = Assert.Single(await SecretsAsync(factory));
        Assert.Equal(("webhook-zahlungseingang", SecretKind.WebhookSigning), (secret.Name, secret.Kind));
        Assert.DoesNotContain(key, secret.Protected, StringComparison.Ordinal);
        Assert.Equal(key, factory.Services.GetRequiredService<SecretProtection>().Unprotect(municipality.Id, secret.Protected)?.Value);
        Assert.DoesNotContain("webhook-zahlungseingang", WebUtility.HtmlDecode(await admin.GetStringAsync("/verwaltung/geheimnisse")), StringComparison.Ordinal);
        Assert.Single(factory.Logs.Entries, e => e.Category == "Amtsweg.Audit.Webhooks");
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Message.Contains(key, StringComparison.Ordinal) || e.Values.Values.Any(v => v?.Contains(key, StringComparison.Ordinal) == true));
    }

    [Theory]
    [AllProviders]
    public async Task Create_RefusesWithMessagesAtTheFields_AndSavesNothing_WhenEntriesAreWrongOrTheNameIsTakenElsewhere(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var admin = await factory.SignInAsAsync(own, Roles.Administration);
        await CreateHookAsync(await factory.SignInAsAsync(foreign, Roles.Administration), "kasse");

        var wrong = await CreateOnPageAsync(admin, "Kasse Eins", "", "body.(", "{betrag: ");
        var taken = await CreateOnPageAsync(admin, "kasse", "Zahlungseingang", "body.aktenzeichen", "");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (wrong.StatusCode, taken.StatusCode));
        var page = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#name\">Der Name darf nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche enthalten, muss mit einem Buchstaben beginnen und höchstens 48 Zeichen lang sein.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#nachricht\">Bitte geben Sie den Namen der Nachricht an.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#schluessel\">Das ist kein gültiger FEEL-Ausdruck:", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#variablen\">Das ist kein gültiger FEEL-Ausdruck:", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Kasse Eins\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"secret\"", page, StringComparison.Ordinal);
        Assert.Contains("Den Namen „kasse“ gibt es in dieser Installation schon", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain("Fremdstadt", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal([foreign.Id], (await HooksAsync(factory)).Select(h => h.TenantId));
        Assert.Equal([foreign.Id], (await SecretsAsync(factory)).Select(s => s.TenantId));
    }

    [Theory]
    [AllProviders]
    public async Task Detail_ShowsTheCalls_RotateReplacesTheKey_AndDeleteNeedsConfirmation(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var (id, oldKey) = await CreateHookAsync(admin, "kasse");
        var instance = await StartWaitingAsync(factory, municipality, "AZ-7");
        var sender = Sender(factory);
        var detail = $"/verwaltung/webhooks/{id}";
        await SendAsync(sender, "kasse", """{"aktenzeichen": "AZ-0"}""", oldKey, factory.Clock.GetUtcNow().ToUnixTimeSeconds());

        var rotated = await UserPages.PostFormAsync(admin, detail, detail + "?handler=Rotate", []);
        var newKey = KeyOf(WebUtility.HtmlDecode(await rotated.Content.ReadAsStringAsync()));
        var withOld = await SendAsync(sender, "kasse", """{"aktenzeichen": "AZ-7"}""", oldKey, factory.Clock.GetUtcNow().ToUnixTimeSeconds());
        var withNew = await SendAsync(sender, "kasse", """{"aktenzeichen": "AZ-7"}""", newKey, factory.Clock.GetUtcNow().ToUnixTimeSeconds());
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(detail));
        var unconfirmed = await UserPages.PostFormAsync(admin, detail, detail + "?handler=Delete", []);
        var deleted = await UserPages.PostFormAsync(admin, detail, detail + "?handler=Delete", [new("bestaetigung", "ja")]);

        Assert.NotEqual(oldKey, newKey);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (withOld.StatusCode, withNew.StatusCode));
        Assert.Equal(Amtsweg.Engine.Persistence.ProcessInstanceState.Completed, (await InstanceAsync(factory, municipality, instance)).State);
        Assert.Contains("<td>Nachricht zugestellt</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Signatur fehlt oder falsch</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Kein wartender Vorgang mit diesem Schlüssel</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(newKey, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Bitte bestätigen Sie das Löschen.", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/verwaltung/webhooks"), (deleted.StatusCode, deleted.Headers.Location?.OriginalString));
        Assert.Contains("Der Webhook „kasse“ ist gelöscht.", WebUtility.HtmlDecode(await admin.GetStringAsync(Page)), StringComparison.Ordinal);
        Assert.Empty(await HooksAsync(factory));
        Assert.Empty(await SecretsAsync(factory));
        Assert.Empty(await CallsAsync(factory));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(sender, "kasse", """{"aktenzeichen": "AZ-7"}""", newKey, factory.Clock.GetUtcNow().ToUnixTimeSeconds())).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Detail_NamesTheCreatorByDisplayName_NotByLoginName(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var (id, _) = await CreateHookAsync(admin, "kasse");
        var detail = $"/verwaltung/webhooks/{id}";

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(detail));
        var rotated = WebUtility.HtmlDecode(await (await UserPages.PostFormAsync(admin, detail, detail + "?handler=Rotate", [])).Content.ReadAsStringAsync());
        var unconfirmed = WebUtility.HtmlDecode(await (await UserPages.PostFormAsync(admin, detail, detail + "?handler=Delete", [])).Content.ReadAsStringAsync());

        var loginName = Assert.Single(await HooksAsync(factory)).CreatedBy;
        foreach (var shown in new[] { page, rotated, unconfirmed })
        {
            Assert.Contains($" von {Roles.Administration} Test</dd>", shown, StringComparison.Ordinal);
            Assert.DoesNotContain(loginName, shown, StringComparison.Ordinal);
        }
    }

    [Theory]
    [AllProviders]
    public async Task AnotherMunicipalitysHook_IsNotFound_ForEveryHandler(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var admin = await factory.SignInAsAsync(own, Roles.Administration);
        var (foreignId, foreignKey) = await CreateHookAsync(await factory.SignInAsAsync(foreign, Roles.Administration), "fremde-kasse");
        await CreateHookAsync(admin, "eigene-kasse");
        var ownDetail = $"/verwaltung/webhooks/{(await HooksAsync(factory)).Single(h => h.TenantId == own.Id).Id}";
        var foreignDetail = $"/verwaltung/webhooks/{foreignId}";

        var get = await admin.GetAsync(foreignDetail);
        var rotate = await UserPages.PostFormAsync(admin, ownDetail, foreignDetail + "?handler=Rotate", []);
        var delete = await UserPages.PostFormAsync(admin, ownDetail, foreignDetail + "?handler=Delete", [new("bestaetigung", "ja")]);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, rotate.StatusCode, delete.StatusCode));
        Assert.DoesNotContain("fremde-kasse", await admin.GetStringAsync(Page), StringComparison.Ordinal);
        Assert.Equal(2, (await HooksAsync(factory)).Count);
        var foreignSecret = (await SecretsAsync(factory)).Single(s => s.TenantId == foreign.Id);
        Assert.Equal(foreignKey, factory.Services.GetRequiredService<SecretProtection>().Unprotect(foreign.Id, foreignSecret.Protected)?.Value);
    }

    [Theory]
    [AllProviders]
    public async Task Pages_AreForbidden_ForClerksAndProcessDesigners(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (id, _) = await CreateHookAsync(await factory.SignInAsAsync(municipality, Roles.Administration), "kasse");

        foreach (var role in new[] { Roles.Sachbearbeitung, Roles.Prozessgestaltung, Roles.Leitung })
        {
            var user = await factory.SignInAsAsync(municipality, role);
            foreach (var path in new[] { Page, $"/verwaltung/webhooks/{id}" })
            {
                var response = await user.GetAsync(path);
                Assert.Equal((HttpStatusCode.Redirect, "/fehler/403"), (response.StatusCode, response.Headers.Location?.AbsolutePath));
            }
        }
    }

    [Theory]
    [AllProviders]
    public async Task SecretsPage_RefusesToReplaceOrDeleteAWebhookKey(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var (_, key) = await CreateHookAsync(admin, "kasse");
        var secret = Assert.Single(await SecretsAsync(factory));

        var replace = await UserPages.PostFormAsync(admin, "/verwaltung/geheimnisse", "/verwaltung/geheimnisse?handler=Save",
            [new("name", "webhook-kasse"), new("art", "apikey"), new("benutzername", ""), new("wert", "eigener-wert")]);
        var delete = await UserPages.PostFormAsync(admin, "/verwaltung/geheimnisse", "/verwaltung/geheimnisse?handler=Delete", [new("geheimnis", secret.Id.ToString())]);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (replace.StatusCode, delete.StatusCode));
        Assert.Contains("„webhook-kasse“ ist der Schlüssel eines Webhooks", WebUtility.HtmlDecode(await replace.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var kept = Assert.Single(await SecretsAsync(factory));
        Assert.Equal((SecretKind.WebhookSigning, key), (kept.Kind, factory.Services.GetRequiredService<SecretProtection>().Unprotect(municipality.Id, kept.Protected)?.Value));
    }

    private static async Task<List<Webhook>> HooksAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Webhooks.AsNoTracking().OrderBy(h => h.Name).ToListAsync();
    }

    private static async Task<List<MunicipalitySecret>> SecretsAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Secrets.AsNoTracking().OrderBy(s => s.Name).ToListAsync();
    }
}
