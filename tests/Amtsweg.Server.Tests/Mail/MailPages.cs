using System.Net;
using System.Net.Sockets;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Privacy;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Tests.Administration;
using Amtsweg.Testing;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Amtsweg.Server.Tests.Mail;

/// <summary>Intent methods for the e-mail pages and the test mail server.</summary>
internal static class MailPages
{
    public const string SettingsPage = "/verwaltung/e-mail";

    /// <summary>Posts the mail settings page.</summary>
    public static Task<HttpResponseMessage> SaveSettingsAsync(HttpClient admin, string host, string port, string security, string sender, string senderName, string secret) =>
        UserPages.PostFormAsync(admin, SettingsPage, SettingsPage + "?handler=Save",
            [new("server", host), new("port", port), new("verschluesselung", security), new("absender", sender), new("absendername", senderName), new("zugangsdaten", secret)]);

    /// <summary>Stores the credentials and mail settings of the test Postfix for the municipality, with the given password.</summary>
    public static async Task ConfigureAsync(AmtswegFactory factory, Municipality municipality, string password = TestMailServer.SenderPassword, int? port = null)
    {
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var secret = await UserPages.PostFormAsync(admin, "/verwaltung/geheimnisse", "/verwaltung/geheimnisse?handler=Save",
            [new("name", "mailserver"), new("art", "basic"), new("benutzername", TestMailServer.Sender), new("wert", password)]);
        Assert.Equal(HttpStatusCode.Redirect, secret.StatusCode);
        var (host, smtpPort) = TestMailServer.Smtp;
        var saved = await SaveSettingsAsync(admin, host, (port ?? smtpPort).ToString(System.Globalization.CultureInfo.InvariantCulture), "keine", TestMailServer.Sender, "Gemeinde Teststadt", "mailserver");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    /// <summary>A Vorgang with a letter (PDF) and an applicant with an e-mail address.</summary>
    public static async Task<(Vorgang Vorgang, Guid Applicant, Guid Letter)> VorgangWithLetterAsync(AmtswegFactory factory, Municipality municipality, string applicantEmail, string title)
    {
        var position = await factory.CreatePositionAsync(municipality, "63", "Bauaufsicht");
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var executor = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
        var akte = await executor.ExecuteAsync(new CreateAkteCommand(position.Id, "Bauanträge 2026"), "test", CancellationToken.None);
        var vorgang = await executor.ExecuteAsync(new OpenVorgangCommand(akte.Id, title), "test", CancellationToken.None);
        var applicant = await executor.ExecuteAsync(new AddBeteiligterCommand(vorgang.Id, "Antragstellerin", new DataSubject("Erika Müller", applicantEmail, "Lindenweg 7, 12345 Teststadt")), "test", CancellationToken.None);
        var pdf = TestPdfs.Create(["Bescheid", "Ihr Antrag ist genehmigt."]);
        var metadata = new DokumentMetadata("Bescheid Gartenhaus", new DateOnly(2026, 12, 7), "Schreiben", null, "Erika Müller", Confidentiality.Internal, "bescheid.pdf", "application/pdf");
        var letter = await executor.ExecuteAsync(new AddDokumentCommand(vorgang.Id, metadata, new MemoryStream(pdf)), "test", CancellationToken.None);
        return (vorgang, applicant.Id, letter.Id);
    }

    /// <summary>Posts "Senden" on a Vorgang's e-mail page.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient clerk, Guid vorgangId, params (string Name, string Value)[] fields) =>
        SendAsync(clerk, vorgangId, $"/vorgaenge/{vorgangId}/e-mail", fields);

    /// <summary>Posts "Senden" with the antiforgery token of another page (for a Vorgang the client cannot open).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient clerk, Guid vorgangId, string tokenPage, params (string Name, string Value)[] fields)
    {
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, tokenPage);
        return await clerk.PostAsync($"/vorgaenge/{vorgangId}/e-mail?handler=Send",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
    }

    /// <summary>The messages in a test mailbox whose subject contains the marker, waiting up to 20 seconds for the first.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> ReceivedAsync(string user, string password, string marker, int expected = 1)
    {
        var (host, port) = TestMailServer.Imap;
        using var imap = new ImapClient();
        await imap.ConnectAsync(host, port, MailKit.Security.SecureSocketOptions.None);
        await imap.AuthenticateAsync(user, password);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
            var uids = await imap.Inbox.SearchAsync(SearchQuery.SubjectContains(marker));
            if (uids.Count >= expected || DateTime.UtcNow > deadline)
            {
                var messages = new List<MimeMessage>();
                foreach (var uid in uids)
                {
                    messages.Add(await imap.Inbox.GetMessageAsync(uid));
                }

                await imap.DisconnectAsync(true);
                return messages;
            }

            await imap.Inbox.CloseAsync();
            await Task.Delay(200);
        }
    }

    /// <summary>A loopback port nobody listens on.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
