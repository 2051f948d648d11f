using System.Diagnostics;
using System.Globalization;
using System.Net;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Tests.Administration;
using Amtsweg.Testing;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MimeKit;

namespace Amtsweg.Server.Tests.Mail;

/// <summary>
/// Intent methods for the incoming mailbox: a citizen's mail sent through the test Postfix to the municipality's
/// mailbox, then moved by the test into a folder of its own, so that tests running at the same time (and both
/// databases) never read each other's messages.
/// </summary>
internal static class MailboxPages
{
    /// <summary>The settings of the factory: the background reading off, the test reads by hand.</summary>
    public static Dictionary<string, string?> Settings(long? maxUploadBytes = null)
    {
        var settings = new Dictionary<string, string?> { ["Amtsweg:Posteingang:Mailbox:PollIntervalSeconds"] = "0" };
        if (maxUploadBytes is { } max)
        {
            settings["Amtsweg:Records:MaxUploadBytes"] = max.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary>Posts the mailbox section of the e-mail page.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient admin, string handler, string host, string port, string security, string secret, string folder, bool enabled) =>
        UserPages.PostFormAsync(admin, MailPages.SettingsPage, MailPages.SettingsPage + "?handler=" + handler,
        [
            new("imap-server", host), new("imap-port", port), new("imap-verschluesselung", security), new("imap-zugangsdaten", secret), new("imap-ordner", folder),
            .. enabled ? new KeyValuePair<string, string>[] { new("imap-aktiv", "ja") } : [],
        ]);

    /// <summary>Stores the mailbox's credentials and settings for the municipality through the page, reading <paramref name="folder"/>.</summary>
    public static async Task ConfigureAsync(AmtswegFactory factory, Municipality municipality, string folder, string password = TestMailServer.MailboxPassword)
    {
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var secret = await UserPages.PostFormAsync(admin, "/verwaltung/geheimnisse", "/verwaltung/geheimnisse?handler=Save",
            [new("name", "postfach"), new("art", "basic"), new("benutzername", TestMailServer.Mailbox), new("wert", password)]);
        Assert.Equal(HttpStatusCode.Redirect, secret.StatusCode);
        var (host, port) = TestMailServer.Imap;
        var saved = await PostAsync(admin, "SaveMailbox", host, port.ToString(CultureInfo.InvariantCulture), "keine", "postfach", folder, enabled: true);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    /// <summary>
    /// Sends a citizen's message with the marker in the subject and the given attachments through Postfix to the
    /// municipality's mailbox, waits for its delivery and moves it into a new folder of its own; returns the folder's name.
    /// </summary>
    public static async Task<string> DeliverAsync(string marker, string body, params (string Name, string MediaType, byte[] Content)[] attachments)
    {
        var message = new MimeMessage { Subject = $"Antrag {marker}" };
        message.From.Add(new MailboxAddress("Erika Müller", TestMailServer.Citizen));
        message.To.Add(new MailboxAddress("Gemeinde Teststadt", TestMailServer.Mailbox));
        var builder = new BodyBuilder { TextBody = body };
        foreach (var (name, mediaType, content) in attachments)
        {
            builder.Attachments.Add(name, content, ContentType.Parse(mediaType));
        }

        message.Body = builder.ToMessageBody();
        var (smtpHost, smtpPort) = TestMailServer.Smtp;
        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync(smtpHost, smtpPort, MailKit.Security.SecureSocketOptions.None);
            await smtp.AuthenticateAsync(TestMailServer.Citizen, TestMailServer.CitizenPassword);
            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(true);
        }

        var folderName = "Test-" + marker;
        using var imap = await ConnectAsync();
        var personal = imap.GetFolder(imap.PersonalNamespaces[0]);
        var own = await personal.CreateAsync(folderName, true);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await imap.Inbox.OpenAsync(FolderAccess.ReadWrite);
            var uids = await imap.Inbox.SearchAsync(SearchQuery.SubjectContains(marker));
            if (uids.Count == 1)
            {
                await imap.Inbox.MoveToAsync(uids[0], own!);
                await imap.DisconnectAsync(true);
                return folderName;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Die Nachricht „{marker}“ kam nicht im Postfach an.");
            await imap.Inbox.CloseAsync();
            await Task.Delay(200);
        }
    }

    /// <summary>How many messages with the marker lie in the folder (a path like <c>Amtsweg/Übernommen</c>).</summary>
    public static async Task<int> CountAsync(string folderPath, string marker)
    {
        using var imap = await ConnectAsync();
        var folder = await FolderAsync(imap, folderPath);
        if (folder is null)
        {
            return 0;
        }

        await folder.OpenAsync(FolderAccess.ReadOnly);
        var count = (await folder.SearchAsync(SearchQuery.SubjectContains(marker))).Count;
        await imap.DisconnectAsync(true);
        return count;
    }

    /// <summary>The key the reader gives the one message of the folder (user, host, folder, UIDVALIDITY, UID).</summary>
    public static async Task<string> KeyAsync(string folderName)
    {
        using var imap = await ConnectAsync();
        var folder = (await FolderAsync(imap, folderName))!;
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var uid = Assert.Single(await folder.SearchAsync(SearchQuery.All));
        var (host, _) = TestMailServer.Imap;
        var key = string.Create(CultureInfo.InvariantCulture, $"imap://{TestMailServer.Mailbox}@{host}/{folderName};UIDVALIDITY={folder.UidValidity};UID={uid.Id}");
        await imap.DisconnectAsync(true);
        return key;
    }

    /// <summary>The raw bytes of the one message of the folder.</summary>
    public static async Task<byte[]> RawAsync(string folderName)
    {
        using var imap = await ConnectAsync();
        var folder = (await FolderAsync(imap, folderName))!;
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var uid = Assert.Single(await folder.SearchAsync(SearchQuery.All));
        using var stream = await folder.GetStreamAsync(uid, "");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        await imap.DisconnectAsync(true);
        return copy.ToArray();
    }

    /// <summary>A JPEG scan with the given lines, drawn by ImageMagick.</summary>
    public static byte[] Jpeg(params string[] lines)
    {
        var png = Path.Combine(Path.GetTempPath(), "amtsweg-mail-" + Guid.NewGuid().ToString("N") + ".png");
        var jpeg = Path.ChangeExtension(png, ".jpg");
        try
        {
            File.WriteAllBytes(png, TestScans.Png(lines));
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/convert", [png, "-quality", "90", jpeg]))!;
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

    private static async Task<ImapClient> ConnectAsync()
    {
        var (host, port) = TestMailServer.Imap;
        var imap = new ImapClient();
        await imap.ConnectAsync(host, port, MailKit.Security.SecureSocketOptions.None);
        await imap.AuthenticateAsync(TestMailServer.Mailbox, TestMailServer.MailboxPassword);
        return imap;
    }

    private static async Task<IMailFolder?> FolderAsync(ImapClient imap, string path)
    {
        IMailFolder folder = imap.GetFolder(imap.PersonalNamespaces[0]);
        foreach (var name in path.Split('/'))
        {
            var next = (await folder.GetSubfoldersAsync(false)).FirstOrDefault(f => f.Name == name);
            if (next is null)
            {
                return null;
            }

            folder = next;
        }

        return folder;
    }
}
