using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Integration.Mail;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Tests.Administration;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Mail;

/// <summary>Issue 15.2: Administration keeps the municipality's outgoing mail server; the password stays a secret.</summary>
public class MailSettingsPageTests
{
    [Theory]
    [AllProviders]
    public async Task Save_StoresTheSettingsWithTheChosenSecret_AndShowsThemAgain(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        await UserPages.PostFormAsync(admin, "/verwaltung/geheimnisse", "/verwaltung/geheimnisse?handler=Save",
            [new("name", "mailserver"), new("art", "basic"), new("benutzername", "rathaus"), new("wert", "Passwort-123")]);

        var saved = await MailPages.SaveSettingsAsync(admin, " smtp.teststadt.de ", "465", "tls", "rathaus@teststadt.de", "Gemeinde Teststadt", "mailserver");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(MailPages.SettingsPage));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var row = Assert.Single(await RowsAsync(factory));
        Assert.Equal((municipality.Id, "smtp.teststadt.de", 465, MailSecurity.SslOnConnect, "rathaus@teststadt.de", "Gemeinde Teststadt", "mailserver"),
            (row.TenantId, row.Host, row.Port, row.Security, row.SenderAddress, row.SenderName, row.SecretName));
        Assert.Contains("Die E-Mail-Einstellungen sind gespeichert.", page, StringComparison.Ordinal);
        Assert.Contains("value=\"smtp.teststadt.de\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"mailserver\" selected=\"selected\">mailserver</option>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Passwort-123", page, StringComparison.Ordinal);
        Assert.Single(factory.Logs.Entries, e => e.Category == "Amtsweg.Audit.Mail");

        var server = await ServerAsync(factory, municipality);
        Assert.Equal(("smtp.teststadt.de", 465, "rathaus", "Passwort-123"), (server!.Host, server.Port, server.UserName, server.Password));
        Assert.DoesNotContain("Passwort-123", server.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Save_RefusesWithMessagesAtTheFields_AndSavesNothing_WhenEntriesAreWrong(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var refused = await MailPages.SaveSettingsAsync(admin, "smtp teststadt", "70000", "", "rathaus(at)teststadt.de", " ", "gibt-es-nicht");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#server\">Der Mailserver ist kein gültiger Rechnername und keine gültige Adresse.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#port\">Der Port muss eine Zahl von 1 bis 65535 sein.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#verschluesselung\">Bitte wählen Sie die Verschlüsselung.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#absender\">Bitte geben Sie eine gültige Absenderadresse an, z. B. rathaus@musterstadt.de.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#absendername\">Bitte geben Sie den Absendernamen an.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#zugangsdaten\">Diese Zugangsdaten gibt es nicht oder sie sind nicht von der Art „Benutzername und Passwort“.</a>", page, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(factory));
    }

    [Theory]
    [AllProviders]
    public async Task Page_IsForbidden_ForClerks_AndShowsOnlyTheOwnMunicipalitysSettings(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var clerk = await factory.SignInAsClerkAsync(own);
        var foreignAdmin = await factory.SignInAsAsync(foreign, Roles.Administration);
        await MailPages.SaveSettingsAsync(foreignAdmin, "smtp.fremdstadt.de", "587", "starttls", "rathaus@fremdstadt.de", "Stadt Fremdstadt", "");
        var admin = await factory.SignInAsAsync(own, Roles.Administration);

        var forbidden = await clerk.GetAsync(MailPages.SettingsPage);
        var page = await admin.GetStringAsync(MailPages.SettingsPage);

        Assert.Equal((HttpStatusCode.Redirect, "/fehler/403"), (forbidden.StatusCode, forbidden.Headers.Location?.AbsolutePath));
        Assert.DoesNotContain("fremdstadt", page, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await ServerAsync(factory, own));
    }

    private static async Task<List<MunicipalityMailSettings>> RowsAsync(AmtswegFactory factory)
    {
        await using var scope = factory.Services.CreatePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().MailSettings.AsNoTracking().ToListAsync();
    }

    private static async Task<MailServer?> ServerAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return (await scope.ServiceProvider.GetRequiredService<Features.Administration.Mail.MailAdministration>().ServerAsync(CancellationToken.None)).Server;
    }
}
