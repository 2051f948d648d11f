using System.Net;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Model;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Amtsweg.Server.Tests.Mail;

/// <summary>Issue 15.2: a clerk sends a letter of the Vorgang by e-mail through the real test Postfix; the sending is recorded in the Vorgang.</summary>
public class SendMailPageTests
{
    [MailTheory]
    [MemberData(nameof(Providers))]
    public async Task Send_DeliversTheLetterWithItsPdf_AndRecordsItInTheVorgang(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await MailPages.ConfigureAsync(factory, municipality);
        var marker = "Gartenhaus " + Guid.NewGuid().ToString("N")[..10];
        var (vorgang, applicant, letter) = await MailPages.VorgangWithLetterAsync(factory, municipality, TestMailServer.Citizen, marker);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var form = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/{vorgang.Id}/e-mail"));

        var sent = await MailPages.SendAsync(clerk, vorgang.Id, ("dokument", letter.ToString()), ("empfaenger", applicant.ToString()), ("adresse", ""),
            ("betreff", $"Ihr Bauantrag {marker}"), ("nachricht", "Sehr geehrte Frau Müller,\nanbei der Bescheid."));

        Assert.Contains($"value=\"{marker} – Aktenzeichen {vorgang.Aktenzeichen}\"", form, StringComparison.Ordinal);
        Assert.Contains($"Erika Müller (Antragstellerin), {TestMailServer.Citizen}", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/vorgaenge/{vorgang.Id}?abschnitt=vermerke#vermerke", sent.Headers.Location!.OriginalString);
        var message = Assert.Single(await MailPages.ReceivedAsync(TestMailServer.Citizen, TestMailServer.CitizenPassword, marker));
        Assert.Equal($"Ihr Bauantrag {marker} (Az. {vorgang.Aktenzeichen})", message.Subject);
        Assert.Equal(("Gemeinde Teststadt", TestMailServer.Sender), (message.From.Mailboxes.Single().Name, message.From.Mailboxes.Single().Address));
        Assert.Equal(TestMailServer.Citizen, message.To.Mailboxes.Single().Address);
        Assert.Contains("anbei der Bescheid.", message.TextBody ?? "", StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal(("bescheid.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType.MimeType));
        using var pdf = new MemoryStream();
        await attachment.Content!.DecodeToAsync(pdf);
        var stored = await factory.RecordsAsync(municipality, db => db.DokumentVersionen.SingleAsync(v => v.Id == letter));
        Assert.Equal(stored.ContentHash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf.ToArray())));

        var note = await factory.RecordsAsync(municipality, db => db.Vermerke.SingleAsync(n => n.VorgangId == vorgang.Id));
        Assert.StartsWith($"E-Mail gesendet\nAn: Erika Müller <{TestMailServer.Citizen}>\nBetreff: Ihr Bauantrag {marker} (Az. {vorgang.Aktenzeichen})\nAnhang: Bescheid Gartenhaus (bescheid.pdf, Version 1)\nAntwort des Mailservers: ", note.Text, StringComparison.Ordinal);
        Assert.Matches(@"Antwort des Mailservers: 2\.0\.0 Ok: queued as \w+", note.Text);
        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync(sent.Headers.Location.OriginalString));
        Assert.Contains($"Die E-Mail an {TestMailServer.Citizen} ist gesendet und im Vorgang vermerkt.", page, StringComparison.Ordinal);
    }

    [MailTheory]
    [MemberData(nameof(Providers))]
    public async Task Send_ShowsTheRefusal_AndRecordsNothing_WhenThePasswordIsWrong(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await MailPages.ConfigureAsync(factory, municipality, password: "falsches-passwort");
        var marker = "Falsch " + Guid.NewGuid().ToString("N")[..10];
        var (vorgang, applicant, letter) = await MailPages.VorgangWithLetterAsync(factory, municipality, TestMailServer.Citizen, marker);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var refused = await MailPages.SendAsync(clerk, vorgang.Id, ("dokument", letter.ToString()), ("empfaenger", applicant.ToString()), ("betreff", marker), ("nachricht", "Text"));

        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        var (host, port) = TestMailServer.Smtp;
        Assert.Contains($"Die E-Mail wurde nicht gesendet. Der Mailserver {host}:{port} hat die Anmeldung abgelehnt. Bitte prüfen Sie Benutzername und Passwort in den E-Mail-Einstellungen.",
            WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.Vermerke.CountAsync()));
        Assert.Empty(await MailPages.ReceivedAsync(TestMailServer.Citizen, TestMailServer.CitizenPassword, marker, expected: 0));
    }

    [MailTheory]
    [MemberData(nameof(Providers))]
    public async Task Send_ShowsThatTheServerIsDown_AndRecordsNothing_WhenNobodyListens(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var closed = MailPages.ClosedPort();
        await MailPages.ConfigureAsync(factory, municipality, port: closed);
        var (vorgang, applicant, letter) = await MailPages.VorgangWithLetterAsync(factory, municipality, TestMailServer.Citizen, "Bauantrag");
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var refused = await MailPages.SendAsync(clerk, vorgang.Id, ("dokument", letter.ToString()), ("empfaenger", applicant.ToString()), ("betreff", "Bescheid"), ("nachricht", "Text"));

        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Contains($"Der Mailserver {TestMailServer.Smtp.Host}:{closed} ist nicht erreichbar oder hat die Verbindung abgebrochen.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.Vermerke.CountAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task Send_ShowsErrorsAtTheFields_AndSendsNothing_WhenEntriesAreWrong(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (vorgang, _, _) = await MailPages.VorgangWithLetterAsync(factory, municipality, "erika@example.org", "Bauantrag");
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var refused = await MailPages.SendAsync(clerk, vorgang.Id, ("dokument", Guid.NewGuid().ToString()), ("empfaenger", "andere"), ("adresse", "erika müller@example"), ("betreff", "Zeile\neins"), ("nachricht", " "));
        var unconfigured = await MailPages.SendAsync(clerk, vorgang.Id, ("dokument", (await LetterAsync(factory, municipality)).ToString()), ("empfaenger", "andere"), ("adresse", "erika@example.org"), ("betreff", "Bescheid"), ("nachricht", "Text"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (refused.StatusCode, unconfigured.StatusCode));
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#dokument\">Bitte wählen Sie das Dokument, das angehängt wird.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#adresse\">Das ist keine gültige E-Mail-Adresse (Form: name@beispiel.de).</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#betreff\">Der Betreff darf höchstens", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#nachricht\">Bitte geben Sie die Nachricht an.</a>", page, StringComparison.Ordinal);
        Assert.Contains("Für Ihre Gemeinde ist noch kein Mailserver eingerichtet (Verwaltung › E-Mail-Versand).", WebUtility.HtmlDecode(await unconfigured.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.Vermerke.CountAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task Page_IsNotFound_ForAnotherMunicipalitysVorgang_AndForbidden_ForOperators(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync();
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var (foreignVorgang, foreignApplicant, foreignLetter) = await MailPages.VorgangWithLetterAsync(factory, foreign, "erika@example.org", "Bauantrag");
        var (ownVorgang, _, _) = await MailPages.VorgangWithLetterAsync(factory, own, "erika@example.org", "Bauantrag");
        var clerk = await factory.SignInAsClerkAsync(own);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var get = await clerk.GetAsync($"/vorgaenge/{foreignVorgang.Id}/e-mail");
        var post = await MailPages.SendAsync(clerk, foreignVorgang.Id, $"/vorgaenge/{ownVorgang.Id}/e-mail", ("dokument", foreignLetter.ToString()), ("empfaenger", foreignApplicant.ToString()), ("betreff", "Bescheid"), ("nachricht", "Text"));
        var forbidden = await operatorClient.GetAsync($"/vorgaenge/{ownVorgang.Id}/e-mail");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, post.StatusCode));
        Assert.Equal((HttpStatusCode.Redirect, "/fehler/403"), (forbidden.StatusCode, forbidden.Headers.Location?.AbsolutePath));
        Assert.Equal(0, await factory.RecordsAsync(foreign, db => db.Vermerke.CountAsync()));
    }

    public static TheoryData<DatabaseProvider> Providers => TestDatabases.Providers;

    private static Task<Guid> LetterAsync(AmtswegFactory factory, Municipality municipality) =>
        factory.RecordsAsync(municipality, db => db.DokumentVersionen.Select(v => v.Id).SingleAsync());
}
