using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Library.Katalog;

/// <summary>
/// Fetches every subscribed catalogue each <c>Amtsweg:Katalog:FetchInterval</c> on the injected clock (off when zero).
/// The first round runs one interval after the start: a server that restarts often does not knock on other
/// installations each time; an operator who wants the packages now fetches by hand (CLI or page).
/// </summary>
internal sealed partial class CatalogueFetchService(
    IServiceScopeFactory scopes,
    IOptions<CatalogueOptions> options,
    TimeProvider clock,
    ILogger<CatalogueFetchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.FetchInterval;
        if (interval == TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var problems = await scope.ServiceProvider.GetRequiredService<CatalogueFetcher>().FetchAllAsync(stoppingToken);
                if (problems.Count > 0)
                {
                    LogProblems(logger, problems.Count);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogRoundFailed(logger, error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scheduled catalogue fetch found {Count} problem(s); they are recorded on the subscriptions")]
    private static partial void LogProblems(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled catalogue fetch failed; it tries again after the next interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception error);
}
