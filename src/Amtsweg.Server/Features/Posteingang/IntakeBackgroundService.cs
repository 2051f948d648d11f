using Amtsweg.Records.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Posteingang;

/// <summary>
/// Processes the Posteingang in the background: woken by each arrival, and every poll interval for items that other
/// server processes received or that a crashed process left behind.
/// </summary>
internal sealed class IntakeBackgroundService(IntakeWorker worker, IntakeSignal signal, IOptions<IntakeOptions> options, ILogger<IntakeBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await worker.RunPendingAsync(stoppingToken);
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database may be briefly unreachable; the Posteingang tries again at the next poll.
            catch (Exception error)
#pragma warning restore CA1031
            {
                logger.LogError(error, "The Posteingang could not look for waiting items");
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }
}
