using System.Text.RegularExpressions;
using Amtsweg.Testing;
using Microsoft.Playwright;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Issue 15.2 in the browser against the test Postfix: the administrator stores the mail server's credentials and
/// settings (a wrong entry refused at its field); a clerk files a letter and sends it by e-mail from the Vorgang; the
/// sending stands as a note in the Vorgang and the message with the PDF is in the citizen's Maildir.
/// </summary>
public sealed partial class MailJourneyTests : BrowserTest
{
    [MailFact]
    public async Task Administrator_SetsUpTheMailServer_AndClerkSendsALetterByEmail_WithoutAccessibilityViolations()
    {
        var (host, port) = TestMailServer.Smtp;
        var admin = await SignInAsync("administration");
        await admin.GotoAsync("/verwaltung/geheimnisse");
        await admin.Locator("#name").FillAsync("mailserver");
        await admin.GetByLabel("Benutzername und Passwort", new() { Exact = true }).CheckAsync();
        await admin.Locator("#benutzername").FillAsync(TestMailServer.Sender);
        await admin.Locator("#wert").FillAsync(TestMailServer.SenderPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await admin.GetByText("Die Zugangsdaten „mailserver“ sind gespeichert.").WaitForAsync();

        await admin.GotoAsync("/verwaltung");
        await admin.GetByRole(AriaRole.Link, new() { Name = "E-Mail-Versand" }).ClickAsync();
        await admin.WaitForPageAsync("**/verwaltung/e-mail");
        await Accessibility.AssertNoViolationsAsync(admin, "e-mail-einstellungen-leer");

        // The page has a second form for the incoming mailbox; these steps are the sending one's.
        var smtp = admin.Locator("form[action$='handler=Save']");
        // A host with a space and a port out of range: refused at the fields.
        await smtp.GetByLabel("Mailserver (SMTP)").FillAsync("smtp gemeinde");
        await smtp.GetByLabel("Port").FillAsync("99999");
        await smtp.GetByRole(AriaRole.Button, new() { Name = "Speichern", Exact = true }).ClickAsync();
        await admin.Locator(".error-summary").WaitForAsync();
        Assert.Contains("Der Port muss eine Zahl von 1 bis 65535 sein.", await admin.Locator("#port-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Bitte geben Sie eine gültige Absenderadresse an", await admin.Locator("#absender-error").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(admin, "e-mail-einstellungen-fehler");
        await Screenshot(admin, "e-mail-einstellungen-fehler-1280");

        await smtp.GetByLabel("Mailserver (SMTP)").FillAsync(host);
        await smtp.GetByLabel("Port").FillAsync(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await smtp.GetByLabel("Keine Verschlüsselung").CheckAsync();
        await smtp.GetByLabel("Absenderadresse").FillAsync(TestMailServer.Sender);
        await smtp.GetByLabel("Absendername").FillAsync("Gemeinde Musterstadt");
        await smtp.GetByLabel("Anmeldung am Mailserver").SelectOptionAsync("mailserver");
        await smtp.GetByRole(AriaRole.Button, new() { Name = "Speichern", Exact = true }).ClickAsync();
        await admin.GetByText("Die E-Mail-Einstellungen sind gespeichert.").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(admin, "e-mail-einstellungen");
        await Screenshot(admin, "e-mail-einstellungen-1280");
        await admin.SetViewportSizeAsync(1024, 900);
        await Screenshot(admin, "e-mail-einstellungen-1024");

        var marker = "Gartenhaus " + Guid.NewGuid().ToString("N")[..8];
        var clerk = await SignInAsync("sachbearbeitung");
        var vorgangId = await OpenVorgangWithApplicantAsync(clerk, marker);
        await clerk.GotoAsync($"/vorgaenge/{vorgangId}/brief?vorlage=nachforderung");
        await clerk.GetByLabel("Frist").FillAsync("2027-01-06");
        await clerk.GetByLabel("Fehlende Unterlagen").FillAsync("Lageplan im Maßstab 1:500");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Ablegen" }).ClickAsync();
        await clerk.WaitForPageAsync(VorgangPage());

        await clerk.GetByRole(AriaRole.Link, new() { Name = "Per E-Mail senden" }).ClickAsync();
        await clerk.WaitForPageAsync("**/e-mail");
        Assert.True(await clerk.GetByLabel($"Erika Müller (Antragstellerin), {TestMailServer.Citizen}").IsCheckedAsync());
        Assert.Contains("Aktenzeichen", await clerk.GetByLabel("Betreff").InputValueAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(clerk, "e-mail-senden");
        await Screenshot(clerk, "e-mail-senden-1280");
        await clerk.SetViewportSizeAsync(1024, 900);
        await Screenshot(clerk, "e-mail-senden-1024");
        await clerk.SetViewportSizeAsync(1280, 900);

        await clerk.GetByRole(AriaRole.Button, new() { Name = "Senden" }).ClickAsync();
        await clerk.WaitForPageAsync(NotesPage());
        await clerk.GetByText($"Die E-Mail an {TestMailServer.Citizen} ist gesendet und im Vorgang vermerkt.").WaitForAsync();
        var notes = await clerk.Locator("#vermerke").InnerTextAsync();
        Assert.Contains("E-Mail gesendet", notes, StringComparison.Ordinal);
        Assert.Contains("Antwort des Mailservers: 2.0.0 Ok: queued as", notes, StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(clerk, "e-mail-vermerkt");
        await Screenshot(clerk, "e-mail-vermerkt-1280");

        var delivered = await DeliveredAsync(marker);
        Assert.Contains("From: Gemeinde Musterstadt <" + TestMailServer.Sender + ">", delivered, StringComparison.Ordinal);
        Assert.Matches("Content-Disposition: attachment;\\s+filename=\"?Nachforderung[^\\r\\n]*\\.pdf", delivered);
    }

    /// <summary>The delivered message whose subject has the marker, from the citizen's Maildir, waiting up to 20 seconds.</summary>
    private static async Task<string> DeliveredAsync(string marker)
    {
        var maildir = Environment.GetEnvironmentVariable("AMTSWEG_TEST_MAILDIR") ?? throw new InvalidOperationException("AMTSWEG_TEST_MAILDIR is not set.");
        var folder = Path.Combine(maildir, "buerger.test", "buerger", "new");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                var text = await File.ReadAllTextAsync(file);
                if (text.Contains(marker, StringComparison.Ordinal))
                {
                    return text;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No message with „{marker}“ in {folder}.");
            await Task.Delay(200);
        }
    }

    private static async Task<string> OpenVorgangWithApplicantAsync(IPage page, string title)
    {
        var aktenplan = await (await page.APIRequest.GetAsync("/api/aktenplan")).JsonAsync();
        var position = aktenplan!.Value.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "63").GetProperty("id").GetString();
        var akte = await page.APIRequest.PostAsync("/api/akten", new() { DataObject = new { positionId = position, title = "Bauanträge 2026" } });
        var akteId = (await akte.JsonAsync())!.Value.GetProperty("id").GetString();
        var vorgang = await page.APIRequest.PostAsync("/api/vorgaenge", new() { DataObject = new { akteId, title } });
        var vorgangId = (await vorgang.JsonAsync())!.Value.GetProperty("vorgang").GetProperty("id").GetString()!;
        var beteiligter = await page.APIRequest.PostAsync($"/api/vorgaenge/{vorgangId}/beteiligte", new()
        {
            DataObject = new { role = "Antragstellerin", name = "Erika Müller", address = "Lindenweg 7, 99999 Musterstadt", email = TestMailServer.Citizen },
        });
        Assert.Equal(201, beteiligter.Status);
        return vorgangId;
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts, name + ".png"), FullPage = true });

    [GeneratedRegex("/vorgaenge/[0-9a-f]{8}-[0-9a-f-]{27}\\?abschnitt=dokumente")]
    private static partial Regex VorgangPage();

    [GeneratedRegex("/vorgaenge/[0-9a-f]{8}-[0-9a-f-]{27}\\?abschnitt=vermerke")]
    private static partial Regex NotesPage();
}
