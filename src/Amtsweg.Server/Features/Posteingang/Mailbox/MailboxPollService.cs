using Amtsweg.Integration.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Posteingang.Mailbox;

/// <summary>
/// Every <see cref="MailboxOptions.PollIntervalSeconds"/> on the injected clock (off when zero), reads the mailboxes
/// that are due (<see cref="MailboxPoller"/>). Each server process runs one; the claims in the database keep two from
/// reading one mailbox.
/// </summary>
internal sealed partial class MailboxPollService(MailboxPoller poller, IOptions<MailboxOptions> options, TimeProvider clock, ILogger<MailboxPollService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.PollIntervalSeconds;
        if (seconds == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await poller.PollDueAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogRoundFailed(logger, error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round over the mailboxes failed; the next interval tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception error);
}

/// <summary>Registration of the mailbox reading.</summary>
internal static class MailboxExtensions
{
    /// <summary>Adds the reader, the poller and its background service with validated options.</summary>
    public static IServiceCollection AddAmtswegMailboxes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailboxOptions>().Bind(configuration.GetSection(MailboxOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailboxOptions>, MailboxOptionsValidator>();
        services.AddSingleton<MailboxReader>();
        services.AddSingleton<MailboxPoller>();
        services.AddHostedService<MailboxPollService>();
        return services;
    }
}
