using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Intake;
using Amtsweg.Server.Features.Posteingang;
using Amtsweg.Server.Features.Posteingang.Mailbox;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Tests.Posteingang;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Mail;

/// <summary>
/// Issue 15: the municipality's mailbox is read into the Posteingang with the real Postfix and Dovecot; each message
/// once, with its attachments, moved on the server only after it is stored.
/// </summary>
public class MailboxTests
{
    public static TheoryData<DatabaseProvider> Providers => TestDatabases.Providers;

    [MailTheory]
    [MemberData(nameof(Providers))]
    public async Task Poll_TakesTheMailOnceWithItsAttachments_MovesIt_AndTheClerkFilesIt(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, MailboxPages.Settings());
        var municipality = await factory.CreateMunicipalityAsync();
        var marker = Marker();
        var folder = await MailboxPages.DeliverAsync(marker, "Sehr geehrte Damen und Herren,\nanbei mein Antrag mit Foto.",
            ("antrag.pdf", "application/pdf", TestPdfs.Create(["Antrag auf Sondernutzung", "Lindenweg 7"])), ("foto.jpg", "image/jpeg", MailboxPages.Jpeg("Foto der Einfahrt")));
        var key = await MailboxPages.KeyAsync(folder);
        await MailboxPages.ConfigureAsync(factory, municipality, folder);
        var poller = factory.Services.GetRequiredService<MailboxPoller>();

        var read = await poller.PollNowAsync(municipality.Id, CancellationToken.None);
        var again = await poller.PollNowAsync(municipality.Id, CancellationToken.None);

        Assert.True(read);
        Assert.True(again);
        var mail = Assert.Single(await factory.RecordsAsync(municipality, db => db.IntakeItems.Where(i => i.ParentId == null).ToListAsync()));
        Assert.Equal((key, IntakeSource.Email, $"Antrag {marker}.eml"), (mail.SourcePath, mail.Source, mail.FileName));
        Assert.Equal(0, await MailboxPages.CountAsync(folder, marker));
        Assert.Equal(1, await MailboxPages.CountAsync("Amtsweg/Übernommen", marker));

        var clerk = await factory.SignInAsClerkAsync(municipality);
        var processed = await PosteingangApiTests.WaitUntilProcessedAsync(clerk, mail.Id);
        Assert.True(processed.Status == "WaitingForFiling", processed.Message);
        var attachments = await factory.RecordsAsync(municipality, db => db.IntakeItems.Where(i => i.ParentId == mail.Id).OrderBy(i => i.FileName).ToListAsync());
        Assert.Equal(["antrag.pdf", "foto.jpg"], attachments.Select(a => a.FileName));
        foreach (var attachment in attachments)
        {
            var done = await PosteingangApiTests.WaitUntilProcessedAsync(clerk, attachment.Id);
            Assert.True(done.Status == "WaitingForFiling", done.Message);
        }

        var stored = await factory.RecordsAsync(municipality, db => db.IntakeItems.SingleAsync(i => i.Id == mail.Id));
        Assert.Equal($"Antrag {marker}", stored.Title);
        Assert.Contains(TestMailServer.Citizen, stored.Sender, StringComparison.Ordinal);
        Assert.Contains("anbei mein Antrag mit Foto.", stored.Text, StringComparison.Ordinal);
        var eml = System.Text.Encoding.UTF8.GetString(await RawFromBlobAsync(factory, stored.ContentHash));
        Assert.Contains($"Subject: Antrag {marker}", eml, StringComparison.Ordinal);
        Assert.Contains("filename=foto.jpg", eml, StringComparison.Ordinal);

        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync("/posteingang"));
        Assert.Contains($"Betreff: Antrag {marker}", page, StringComparison.Ordinal);
        Assert.Contains($"Absender: {stored.Sender}", page, StringComparison.Ordinal);

        var vorgang = await PosteingangApiTests.CreateVorgangAsync(factory, municipality);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, "/posteingang");
        var file = await clerk.PostAsync("/posteingang?handler=File", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = mail.Id.ToString(),
            ["aktenzeichen"] = vorgang.Aktenzeichen,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, file.StatusCode);
        var filed = await factory.RecordsAsync(municipality, db => db.IntakeItems.Where(i => i.Id == mail.Id || i.ParentId == mail.Id).Select(i => new { i.Status, i.FiledVorgangId }).ToListAsync());
        Assert.All(filed, f => Assert.Equal((IntakeStatus.Filed, (Guid?)vorgang.Id), (f.Status, f.FiledVorgangId)));
        Assert.Equal(3, await factory.RecordsAsync(municipality, db => db.Dokumente.CountAsync(d => d.VorgangId == vorgang.Id)));

        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var settings = WebUtility.HtmlDecode(await admin.GetStringAsync(MailPages.SettingsPage));
        Assert.Contains("Letzter Abruf: ", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("Fehler:", settings, StringComparison.Ordinal);
    }

    [MailTheory]
    [MemberData(nameof(Providers))]
    public async Task Poll_TakesNothingTwice_WhenAnEarlierRoundStoppedBetweenStoringAndMoving(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, MailboxPages.Settings());
        var municipality = await factory.CreateMunicipalityAsync();
        var marker = Marker();
        var folder = await MailboxPages.DeliverAsync(marker, "Mein Widerspruch.");
        var key = await MailboxPages.KeyAsync(folder);
        await MailboxPages.ConfigureAsync(factory, municipality, folder);

        // The state a crash right after the store leaves behind: the item with the message's key, the message still in the folder.
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var receiver = scope.ServiceProvider.GetRequiredService<IntakeReceiver>();
            await receiver.ReceiveAsync(new MemoryStream(await MailboxPages.RawAsync(folder)), new IntakeDelivery("Widerspruch.eml", IntakeSource.Email, "E-Mail-Postfach", SourcePath: key), CancellationToken.None);
        }

        await factory.Services.GetRequiredService<MailboxPoller>().PollNowAsync(municipality.Id, CancellationToken.None);

        var mail = Assert.Single(await factory.RecordsAsync(municipality, db => db.IntakeItems.Where(i => i.ParentId == null).ToListAsync()));
        Assert.Equal(key, mail.SourcePath);
        Assert.Equal(0, await MailboxPages.CountAsync(folder, marker));
        Assert.Equal(1, await MailboxPages.CountAsync("Amtsweg/Übernommen", marker));
    }

    [MailTheory]
    [MemberData(nameof(Providers))]
    public async Task Poll_ShowsTheRefusedSignIn_WaitsLonger_AndTakesNothing_WhenThePasswordIsWrong(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, MailboxPages.Settings());
        var municipality = await factory.CreateMunicipalityAsync();
        var marker = Marker();
        var folder = await MailboxPages.DeliverAsync(marker, "Bitte um Rückruf.");
        await MailboxPages.ConfigureAsync(factory, municipality, folder, password: "falsches-passwort");
        var poller = factory.Services.GetRequiredService<MailboxPoller>();

        var first = await poller.PollDueAsync(CancellationToken.None);
        var rightAfter = await poller.PollDueAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first, rightAfter));
        var mailbox = await MailboxAsync(factory, municipality);
        var (host, port) = TestMailServer.Imap;
        Assert.Equal($"Der Mailserver {host}:{port} hat die Anmeldung als {TestMailServer.Mailbox} abgelehnt. Bitte prüfen Sie Benutzername und Passwort.", mailbox.LastError);
        Assert.Equal(1, mailbox.Failures);
        Assert.True(mailbox.NextPollAt > mailbox.LastPollAt);
        Assert.Null(mailbox.LeaseToken);
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.IntakeItems.CountAsync()));
        Assert.Equal(1, await MailboxPages.CountAsync(folder, marker));
        Assert.Single(factory.Logs.Entries, e => e.Category == typeof(MailboxPoller).FullName && e.Message.Contains("abgelehnt", StringComparison.Ordinal));

        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(MailPages.SettingsPage));
        Assert.Contains($"Fehler: Der Mailserver {host}:{port} hat die Anmeldung als {TestMailServer.Mailbox} abgelehnt.", page, StringComparison.Ordinal);
        Assert.Contains("Nächster Versuch frühestens", page, StringComparison.Ordinal);
        Assert.DoesNotContain("falsches-passwort", page, StringComparison.Ordinal);
    }

    [MailTheory]
    [MemberData(nameof(Providers))]
    public async Task Poll_RejectsATooLargeMail_MovesItToAbgewiesen_AndListsTheReason(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, MailboxPages.Settings(maxUploadBytes: 100_000));
        var municipality = await factory.CreateMunicipalityAsync();
        var marker = Marker();
        var big = new byte[150_000];
        new Random(15).NextBytes(big);
        var folder = await MailboxPages.DeliverAsync(marker, "Anbei die Pläne.", ("plaene.pdf", "application/pdf", big));
        await MailboxPages.ConfigureAsync(factory, municipality, folder);
        var poller = factory.Services.GetRequiredService<MailboxPoller>();

        await poller.PollNowAsync(municipality.Id, CancellationToken.None);
        await poller.PollNowAsync(municipality.Id, CancellationToken.None);

        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.IntakeItems.CountAsync()));
        Assert.Equal(0, await MailboxPages.CountAsync(folder, marker));
        Assert.Equal(1, await MailboxPages.CountAsync("Amtsweg/Abgewiesen", marker));
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var rejection = Assert.Single(await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().MailboxRejections.ToListAsync());
        Assert.Equal($"Antrag {marker}", rejection.Subject);
        Assert.Equal("Die Datei ist größer als die erlaubten 0,1 MB. Bitte teilen Sie sie auf oder scannen Sie mit geringerer Auflösung.", rejection.Reason);

        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(MailPages.SettingsPage));
        Assert.Contains($"<td>Antrag {marker}</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Die Datei ist größer als die erlaubten 0,1 MB.", page, StringComparison.Ordinal);
    }

    [MailTheory]
    [MemberData(nameof(Providers))]
    public async Task Check_SaysInGermanWhetherTheSignInWorked_AndSavesNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, MailboxPages.Settings());
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        await Administration.UserPages.PostFormAsync(admin, "/verwaltung/geheimnisse", "/verwaltung/geheimnisse?handler=Save",
            [new("name", "postfach"), new("art", "basic"), new("benutzername", TestMailServer.Mailbox), new("wert", TestMailServer.MailboxPassword)]);
        await Administration.UserPages.PostFormAsync(admin, "/verwaltung/geheimnisse", "/verwaltung/geheimnisse?handler=Save",
            [new("name", "falsch"), new("art", "basic"), new("benutzername", TestMailServer.Mailbox), new("wert", "falsches-passwort")]);
        var (host, port) = TestMailServer.Imap;
        var portText = port.ToString(CultureInfo.InvariantCulture);

        var good = WebUtility.HtmlDecode(await (await MailboxPages.PostAsync(admin, "CheckMailbox", host, portText, "keine", "postfach", "INBOX", true)).Content.ReadAsStringAsync());
        var wrong = WebUtility.HtmlDecode(await (await MailboxPages.PostAsync(admin, "CheckMailbox", host, portText, "keine", "falsch", "INBOX", true)).Content.ReadAsStringAsync());
        var missing = WebUtility.HtmlDecode(await (await MailboxPages.PostAsync(admin, "CheckMailbox", host, portText, "keine", "postfach", "Gibt-es-nicht", true)).Content.ReadAsStringAsync());

        Assert.Matches($"Die Anmeldung als {TestMailServer.Mailbox} an {host}:{port} ist gelungen; im Ordner „INBOX“ liegen \\d+ Nachrichten.", good);
        Assert.Contains($"Die Verbindung kam nicht zustande. Der Mailserver {host}:{port} hat die Anmeldung als {TestMailServer.Mailbox} abgelehnt.", wrong, StringComparison.Ordinal);
        Assert.Contains($"Die Verbindung kam nicht zustande. Auf dem Mailserver {host}:{port} gibt es den Ordner „Gibt-es-nicht“ nicht.", missing, StringComparison.Ordinal);
        Assert.Null(await FindMailboxAsync(factory, municipality));
    }

    [Theory]
    [AllProviders]
    public async Task Save_RefusesPlainConnectionsBeyondThisMachine_AndOtherWrongEntries_AtTheirFields(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, MailboxPages.Settings());
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);

        var refused = await MailboxPages.PostAsync(admin, "SaveMailbox", "imap.teststadt.de", "0", "keine", "", "INBOX", true);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#imap-port\">Der Port muss eine Zahl von 1 bis 65535 sein.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#imap-verschluesselung\">Ohne Verschlüsselung darf nur ein Mailserver auf demselben Rechner abgerufen werden (localhost, 127.0.0.1). Bitte wählen Sie SSL/TLS oder STARTTLS.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#imap-zugangsdaten\">Bitte wählen Sie die Zugangsdaten des Postfachs.</a>", page, StringComparison.Ordinal);
        Assert.Null(await FindMailboxAsync(factory, municipality));

        await Administration.UserPages.PostFormAsync(admin, "/verwaltung/geheimnisse", "/verwaltung/geheimnisse?handler=Save",
            [new("name", "postfach"), new("art", "basic"), new("benutzername", "rathaus"), new("wert", "Passwort-123")]);
        var saved = await MailboxPages.PostAsync(admin, "SaveMailbox", " imap.teststadt.de ", "993", "tls", "postfach", "", false);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var mailbox = await MailboxAsync(factory, municipality);
        Assert.Equal(("imap.teststadt.de", 993, Integration.Mail.MailSecurity.SslOnConnect, "postfach", "INBOX", false),
            (mailbox.Host, mailbox.Port, mailbox.Security, mailbox.SecretName, mailbox.Folder, mailbox.Enabled));
        var shown = WebUtility.HtmlDecode(await admin.GetStringAsync(MailPages.SettingsPage));
        Assert.Contains("Die Einstellungen des Postfachs sind gespeichert.", shown, StringComparison.Ordinal);
        Assert.Contains("Der Abruf ist ausgeschaltet.", shown, StringComparison.Ordinal);
        Assert.Contains("value=\"imap.teststadt.de\"", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Passwort-123", shown, StringComparison.Ordinal);
        Assert.Equal(0, await factory.Services.GetRequiredService<MailboxPoller>().PollDueAsync(CancellationToken.None));
    }

    private static string Marker() => Guid.NewGuid().ToString("N")[..12];

    private static async Task<MunicipalityMailbox?> FindMailboxAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Mailboxes.AsNoTracking().SingleOrDefaultAsync();
    }

    private static async Task<MunicipalityMailbox> MailboxAsync(AmtswegFactory factory, Municipality municipality) =>
        (await FindMailboxAsync(factory, municipality))!;

    private static async Task<byte[]> RawFromBlobAsync(AmtswegFactory factory, string hash)
    {
        var blobs = factory.Services.GetRequiredService<Amtsweg.Records.Blobs.BlobStore>();
        await using var stream = blobs.Open(hash);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
