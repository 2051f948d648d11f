using Amtsweg.Integration.Mail;

namespace Amtsweg.Integration.Tests.Mail;

/// <summary>Issue 15.2, bad input: addresses and subjects that would smuggle headers or recipients are refused before any connection.</summary>
public class MailSenderTests
{
    [Theory]
    [InlineData("erika@example.org", true)]
    [InlineData("erika.mueller+bescheid@rathaus.musterstadt.de", true)]
    [InlineData("Erika <erika@example.org>", false)]
    [InlineData("erika@localhost", false)]
    [InlineData("erika müller@example.org", false)]
    [InlineData("erika@example.org,chef@example.org", false)]
    [InlineData("erika@example.org\r\nBcc: chef@example.org", false)]
    [InlineData("@example.org", false)]
    [InlineData("", false)]
    public void IsAddress_AcceptsOnlyOnePlainAddress(string address, bool expected) =>
        Assert.Equal(expected, MailLimits.IsAddress(address));

    [Theory]
    [InlineData("erika@example.org", "Bescheid\r\nBcc: chef@example.org", "Der Betreff fehlt, ist länger als 250 Zeichen oder enthält Steuerzeichen.")]
    [InlineData("erika@example.org", " ", "Der Betreff fehlt, ist länger als 250 Zeichen oder enthält Steuerzeichen.")]
    [InlineData("erika@example.org, chef@example.org", "Bescheid", "„erika@example.org, chef@example.org“ ist keine gültige E-Mail-Adresse.")]
    public async Task SendAsync_RefusesWithAGermanMessage_BeforeConnecting(string recipient, string subject, string message)
    {
        // Port 9 (discard) on a reserved name: a connection attempt would end in another message.
        var server = new MailServer("mail.invalid", 9, MailSecurity.None, "rathaus@musterstadt.de", "Gemeinde Musterstadt", "rathaus", "geheim");

        var error = await Assert.ThrowsAsync<MailSendException>(() =>
            new MailSender(TimeProvider.System).SendAsync(server, new OutgoingMail(recipient, null, subject, "Text", []), CancellationToken.None));

        Assert.Equal(message, error.Message);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task SendAsync_SaysTheServerIsUnreachable_AndMayBeRetried_WhenNobodyListens()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new MailServer("127.0.0.1", port, MailSecurity.None, "rathaus@musterstadt.de", "Gemeinde Musterstadt");

        var error = await Assert.ThrowsAsync<MailSendException>(() =>
            new MailSender(TimeProvider.System).SendAsync(server, new OutgoingMail("erika@example.org", "Erika Müller", "Bescheid", "Text", []), CancellationToken.None));

        Assert.Equal($"Der Mailserver 127.0.0.1:{port} ist nicht erreichbar oder hat die Verbindung abgebrochen.", error.Message);
        Assert.True(error.IsTransient);
        Assert.DoesNotContain("geheim", server.ToString(), StringComparison.Ordinal);
    }
}
