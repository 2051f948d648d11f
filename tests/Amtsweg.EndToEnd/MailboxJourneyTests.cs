using System.Globalization;
using Amtsweg.Testing;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using Microsoft.Playwright;
using MimeKit;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 15 in the browser against the test Postfix and Dovecot: the administrator sets up the municipality's mailbox
/// (a plain connection to another machine refused at its field, the connection checked), a citizen's mail with a PDF
/// and a photo arrives and is read in, and a clerk finds it in the Posteingang with sender and subject and files it
/// into a Vorgang.
/// </summary>
public sealed class MailboxJourneyTests : BrowserTest
{
    [MailFact]
    public async Task Administrator_SetsUpTheMailbox_MailArrives_AndClerkFilesIt_WithoutAccessibilityViolations()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var folder = await DeliverAsync(marker);
        var (host, port) = TestMailServer.Imap;

        var admin = await SignInAsync("administration");
        await admin.GotoAsync("/verwaltung/geheimnisse");
        await admin.Locator("#name").FillAsync("postfach");
        await admin.GetByLabel("Benutzername und Passwort", new() { Exact = true }).CheckAsync();
        await admin.Locator("#benutzername").FillAsync(TestMailServer.Mailbox);
        await admin.Locator("#wert").FillAsync(TestMailServer.MailboxPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await admin.GetByText("Die Zugangsdaten „postfach“ sind gespeichert.").WaitForAsync();

        await admin.GotoAsync("/verwaltung/e-mail");
        var mailbox = admin.Locator("form[action$='handler=SaveMailbox']");
        await mailbox.GetByLabel("Mailserver (IMAP)").FillAsync("imap.gemeinde.test");
        await mailbox.GetByLabel("Port (IMAP)").FillAsync(port.ToString(CultureInfo.InvariantCulture));
        await mailbox.GetByLabel("Ohne Verschlüsselung").CheckAsync();
        await mailbox.GetByRole(AriaRole.Button, new() { Name = "Postfach speichern" }).ClickAsync();
        await admin.Locator(".error-summary").WaitForAsync();
        Assert.Contains("Ohne Verschlüsselung darf nur ein Mailserver auf demselben Rechner abgerufen werden", await admin.Locator("#imap-verschluesselung-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Bitte wählen Sie die Zugangsdaten des Postfachs.", await admin.Locator("#imap-zugangsdaten-error").InnerTextAsync(), StringComparison.Ordinal);
        await LookAsync(admin, "postfach-fehler");

        mailbox = admin.Locator("form[action$='handler=SaveMailbox']");
        await mailbox.GetByLabel("Mailserver (IMAP)").FillAsync(host);
        await mailbox.GetByLabel("Anmeldung am Postfach").SelectOptionAsync("postfach");
        await mailbox.GetByLabel("Ordner").FillAsync(folder);
        await mailbox.GetByLabel("Postfach abrufen").CheckAsync();
        await mailbox.GetByRole(AriaRole.Button, new() { Name = "Verbindung prüfen" }).ClickAsync();
        await admin.Locator("#pruef-ergebnis").WaitForAsync();
        Assert.Equal($"Die Anmeldung als {TestMailServer.Mailbox} an {host}:{port} ist gelungen; im Ordner „{folder}“ liegen 1 Nachrichten.", await admin.Locator("#pruef-ergebnis").InnerTextAsync());
        await LookAsync(admin, "postfach-geprueft");

        await admin.Locator("form[action$='handler=SaveMailbox']").GetByRole(AriaRole.Button, new() { Name = "Postfach speichern" }).ClickAsync();
        await admin.GetByText("Die Einstellungen des Postfachs sind gespeichert.").WaitForAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Jetzt abrufen" }).ClickAsync();
        await admin.GetByText("Das Postfach wurde abgerufen.").WaitForAsync();
        Assert.Matches(@"Letzter Abruf: \d\d\.\d\d\.\d{4}, \d\d:\d\d, übernommene Nachrichten: 1\.", await admin.Locator("#abruf-status").InnerTextAsync());
        await LookAsync(admin, "postfach-abgerufen");

        var clerk = await SignInAsync("sachbearbeitung");
        var aktenzeichen = await OpenVorgangAsync(clerk, "Sondernutzung Lindenweg");
        var row = clerk.Locator("tr", new() { HasText = $"Betreff: Antrag {marker}" });
        var deadline = DateTime.UtcNow.AddMinutes(3);
        do
        {
            await clerk.GotoAsync("/posteingang");
        }
        while ((await row.CountAsync() == 0 || await row.GetByRole(AriaRole.Button, new() { Name = "Ablegen in Vorgang" }).CountAsync() == 0) && DateTime.UtcNow < deadline && await DelayAsync());

        Assert.Matches($"Absender: \"?Erika Müller\"? <{TestMailServer.Citizen}>", await row.InnerTextAsync());
        Assert.Equal(1, await clerk.Locator("tr", new() { HasText = "antrag.pdf" }).CountAsync());
        Assert.Equal(1, await clerk.Locator("tr", new() { HasText = "foto.jpg" }).CountAsync());
        await row.GetByLabel("Aktenzeichen des Vorgangs").FillAsync(aktenzeichen);
        await LookAsync(clerk, "posteingang-e-mail");

        await row.GetByRole(AriaRole.Button, new() { Name = "Ablegen in Vorgang" }).ClickAsync();
        await clerk.GetByText($"im Vorgang {aktenzeichen} abgelegt.").WaitForAsync();
        await LookAsync(clerk, "posteingang-e-mail-abgelegt");
    }

    private static async Task LookAsync(IPage page, string name)
    {
        await Look.AtAsync(page, name);
        await EnglishWords.AssertNoneShownAsync(page, name);
    }

    private static async Task<bool> DelayAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        return true;
    }

    private static async Task<string> OpenVorgangAsync(IPage page, string title)
    {
        var aktenplan = await (await page.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "63").GetProperty("id").GetString();
        var akte = await page.APIRequest.PostAsync("/api/akten", new() { DataObject = new { positionId = position, title = "Sondernutzungen 2026" } });
        var akteId = (await akte.JsonAsync())!.Value.GetProperty("id").GetString();
        var vorgang = await page.APIRequest.PostAsync("/api/vorgaenge", new() { DataObject = new { akteId, title } });
        return (await vorgang.JsonAsync())!.Value.GetProperty("vorgang").GetProperty("aktenzeichen").GetString()!;
    }

    // The citizen's mail through Postfix, then moved by the test into a folder of its own, so that no other test reads it.
    private static async Task<string> DeliverAsync(string marker)
    {
        var message = new MimeMessage { Subject = $"Antrag {marker}" };
        message.From.Add(new MailboxAddress("Erika Müller", TestMailServer.Citizen));
        message.To.Add(new MailboxAddress("Gemeinde Musterstadt", TestMailServer.Mailbox));
        var body = new BodyBuilder { TextBody = "Sehr geehrte Damen und Herren,\nanbei mein Antrag auf Sondernutzung mit einem Foto der Einfahrt." };
        body.Attachments.Add("antrag.pdf", TestPdfs.Create(["Antrag auf Sondernutzung", "Lindenweg 7"]), ContentType.Parse("application/pdf"));
        body.Attachments.Add("foto.jpg", Jpeg("Foto der Einfahrt"), ContentType.Parse("image/jpeg"));
        message.Body = body.ToMessageBody();
        var (smtpHost, smtpPort) = TestMailServer.Smtp;
        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync(smtpHost, smtpPort, MailKit.Security.SecureSocketOptions.None);
            await smtp.AuthenticateAsync(TestMailServer.Citizen, TestMailServer.CitizenPassword);
            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(true);
        }

        var (host, port) = TestMailServer.Imap;
        using var imap = new ImapClient();
        await imap.ConnectAsync(host, port, MailKit.Security.SecureSocketOptions.None);
        await imap.AuthenticateAsync(TestMailServer.Mailbox, TestMailServer.MailboxPassword);
        var name = "Reise-" + marker;
        var own = await imap.GetFolder(imap.PersonalNamespaces[0]).CreateAsync(name, true);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await imap.Inbox.OpenAsync(FolderAccess.ReadWrite);
            var uids = await imap.Inbox.SearchAsync(SearchQuery.SubjectContains(marker));
            if (uids.Count == 1)
            {
                await imap.Inbox.MoveToAsync(uids[0], own!);
                await imap.DisconnectAsync(true);
                return name;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Die Nachricht „{marker}“ kam nicht im Postfach an.");
            await imap.Inbox.CloseAsync();
            await Task.Delay(200);
        }
    }

    private static byte[] Jpeg(string line)
    {
        var png = Path.Combine(Path.GetTempPath(), "amtsweg-journey-" + Guid.NewGuid().ToString("N") + ".png");
        var jpeg = Path.ChangeExtension(png, ".jpg");
        try
        {
            File.WriteAllBytes(png, TestScans.Png(line));
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/convert", [png, "-quality", "90", jpeg]))!;
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return File.ReadAllBytes(jpeg);
        }
        finally
        {
            File.Delete(png);
            File.Delete(jpeg);
        }
    }
}
