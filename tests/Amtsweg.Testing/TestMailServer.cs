using System.Globalization;
using Xunit;

namespace Amtsweg.Testing;

/// <summary>
/// The throwaway Postfix (SMTP) and Dovecot (IMAP) that <c>./test.sh</c> starts with <c>scripts/mailserver.sh</c> and
/// passes on as <c>AMTSWEG_TEST_SMTP</c>, <c>AMTSWEG_TEST_IMAP</c> (host:port) and <c>AMTSWEG_TEST_MAILDIR</c>. Its
/// mailboxes are fixed by the script. Without the variables, mail tests are skipped locally (with the reason shown) but
/// run under <c>CI=true</c>, where they then fail.
/// </summary>
public static class TestMailServer
{
    /// <summary>A municipality's incoming mailbox (IMAP).</summary>
    public const string Mailbox = "postfach@gemeinde.test";

    /// <summary>Its password.</summary>
    public const string MailboxPassword = "postfach-geheim";

    /// <summary>A municipality's sending account (SMTP AUTH).</summary>
    public const string Sender = "versand@gemeinde.test";

    /// <summary>Its password.</summary>
    public const string SenderPassword = "versand-geheim";

    /// <summary>A citizen who receives letters.</summary>
    public const string Citizen = "buerger@buerger.test";

    /// <summary>Her password.</summary>
    public const string CitizenPassword = "buerger-geheim";

    /// <summary>True when the mail tests must run.</summary>
    public static bool Enabled { get; } =
        Environment.GetEnvironmentVariable("AMTSWEG_TEST_SMTP") is not null || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Postfix's SMTP endpoint.</summary>
    public static (string Host, int Port) Smtp => Endpoint("AMTSWEG_TEST_SMTP");

    /// <summary>Dovecot's IMAP endpoint.</summary>
    public static (string Host, int Port) Imap => Endpoint("AMTSWEG_TEST_IMAP");

    private static (string Host, int Port) Endpoint(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable)
            ?? throw new InvalidOperationException($"{variable} is not set, but CI=true requires the test mail server. Run the tests through ./test.sh (scripts/mailserver.sh).");
        var colon = value.LastIndexOf(':');
        return (value[..colon], int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}

/// <summary>A theory against the test mail server: skipped with its reason when there is none outside CI.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MailTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets the skip reason when the mail server is missing and CI is not set.</summary>
    public MailTheoryAttribute()
    {
        if (!TestMailServer.Enabled)
        {
            Skip = "AMTSWEG_TEST_SMTP is not set: the mail tests need ./test.sh or scripts/mailserver.sh.";
        }
    }
}

/// <summary>A fact against the test mail server: skipped with its reason when there is none outside CI.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MailFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when the mail server is missing and CI is not set.</summary>
    public MailFactAttribute()
    {
        if (!TestMailServer.Enabled)
        {
            Skip = "AMTSWEG_TEST_SMTP is not set: the mail tests need ./test.sh or scripts/mailserver.sh.";
        }
    }
}
