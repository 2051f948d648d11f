using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Posteingang.Mailbox;

/// <summary>How the municipalities' mailboxes are read into the Posteingang (<c>Amtsweg:Posteingang:Mailbox</c>).</summary>
public sealed class MailboxOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amtsweg:Posteingang:Mailbox";

    /// <summary>Seconds between two rounds over the mailboxes; 0 turns the background reading off.</summary>
    public int PollIntervalSeconds { get; set; } = 60;

    /// <summary>At most this many messages per mailbox and round; the rest follows in the next round at once.</summary>
    public int MaxMessagesPerRound { get; set; } = 20;

    /// <summary>How long a server process holds a mailbox; renewed before every message.</summary>
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>The longest wait after failed rounds, in minutes (the wait doubles from the interval up to it).</summary>
    public int MaxBackoffMinutes { get; set; } = 60;
}

internal sealed class MailboxOptionsValidator : IValidateOptions<MailboxOptions>
{
    public ValidateOptionsResult Validate(string? name, MailboxOptions options)
    {
        var errors = new List<string>();
        if (options.PollIntervalSeconds is < 0 or > 86_400)
        {
            errors.Add($"{MailboxOptions.Section}:PollIntervalSeconds must be 0 (off) to 86400; it is {options.PollIntervalSeconds}.");
        }

        if (options.MaxMessagesPerRound is < 1 or > 1000)
        {
            errors.Add($"{MailboxOptions.Section}:MaxMessagesPerRound must be 1 to 1000; it is {options.MaxMessagesPerRound}.");
        }

        if (options.LeaseSeconds is < 30 or > 3600)
        {
            errors.Add($"{MailboxOptions.Section}:LeaseSeconds must be 30 to 3600; it is {options.LeaseSeconds}.");
        }

        if (options.MaxBackoffMinutes is < 1 or > 1440)
        {
            errors.Add($"{MailboxOptions.Section}:MaxBackoffMinutes must be 1 to 1440; it is {options.MaxBackoffMinutes}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
