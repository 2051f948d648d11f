using System.Net;
using Amtsweg.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Amtsweg.Integration.Connectors;

/// <summary>Settings of the connectors' resilience (section <c>Amtsweg:Connectors</c>; README, configuration table).</summary>
public sealed class ConnectorOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amtsweg:Connectors";

    /// <summary>The first back-off of the HTTP retries, doubled each time (<c>Amtsweg:Connectors:RetryDelay</c>).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many calls to a host of a municipality the circuit breaker looks at before it may open (<c>Amtsweg:Connectors:BreakerMinimumCalls</c>).</summary>
    public int BreakerMinimumCalls { get; set; } = 5;

    /// <summary>The share of failed calls that opens the circuit (<c>Amtsweg:Connectors:BreakerFailureRatio</c>).</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The window the circuit breaker counts in (<c>Amtsweg:Connectors:BreakerSamplingDuration</c>).</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before it lets one through to test (<c>Amtsweg:Connectors:BreakerDuration</c>).</summary>
    public TimeSpan BreakerDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Validates <see cref="ConnectorOptions"/> at start and names the wrong setting.</summary>
internal sealed class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        var failures = new List<string>();
        if (options.RetryDelay < TimeSpan.FromMilliseconds(10) || options.RetryDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add("Amtsweg:Connectors:RetryDelay must be between 00:00:00.01 and 00:00:10.");
        }

        if (options.BreakerMinimumCalls is < 2 or > 1000)
        {
            failures.Add("Amtsweg:Connectors:BreakerMinimumCalls must be between 2 and 1000.");
        }

        if (options.BreakerFailureRatio is <= 0 or > 1)
        {
            failures.Add("Amtsweg:Connectors:BreakerFailureRatio must be above 0 and at most 1.");
        }

        if (options.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || options.BreakerSamplingDuration > TimeSpan.FromHours(1))
        {
            failures.Add("Amtsweg:Connectors:BreakerSamplingDuration must be between 00:00:00.5 and 01:00:00.");
        }

        if (options.BreakerDuration < TimeSpan.FromMilliseconds(500) || options.BreakerDuration > TimeSpan.FromHours(1))
        {
            failures.Add("Amtsweg:Connectors:BreakerDuration must be between 00:00:00.5 and 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Registers the connectors.</summary>
public static class ConnectorsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the built-in job type <c>amtsweg:rest</c> with its HTTP client: a total time limit, retries with exponential
    /// back-off on 5xx answers, timeouts and lost connections, a circuit breaker per municipality and host, and the
    /// task's time limit per attempt (<see cref="RestConnectorLimits"/>). Requires <c>AddAmtswegData</c>,
    /// <c>AddAmtswegEngine</c>, a <see cref="TimeProvider"/> and an <see cref="IConnectorSecrets"/> (the host keeps the secrets).
    /// </summary>
    public static IServiceCollection AddAmtswegConnectors(this IServiceCollection services, Action<ConnectorOptions>? configure = null)
    {
        var options = services.AddOptions<ConnectorOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>();
        services.AddSingleton<OAuthTokenCache>();
        services.AddSingleton<Mail.MailSender>();
        services.AddServiceTaskHandler<RestConnectorHandler>();
        services.AddHttpClient(RestConnectorHandler.HttpClientName, client =>
            {
                // The pipeline's total timeout applies; HttpClient's own would stop it with a different exception.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect is answered as such (an incident): a Fachverfahren's address changes in the model, not silently.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = RestConnectorLimits.MaxTimeout,

                // An answer cut off at the size limit is not drained either: the connection is dropped at once.
                MaxResponseDrainSize = 0,
            })
            .AddResilienceHandler("amtsweg-rest", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptionsMonitor<ConnectorOptions>>().CurrentValue;
                pipeline.AddTimeout(RestConnectorLimits.TotalTimeout);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = RestConnectorLimits.HttpRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.RetryDelay,
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    MinimumThroughput = settings.BreakerMinimumCalls,
                    FailureRatio = settings.BreakerFailureRatio,
                    SamplingDuration = settings.BreakerSamplingDuration,
                    BreakDuration = settings.BreakerDuration,
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                });
                pipeline.AddTimeout(new HttpTimeoutStrategyOptions
                {
                    TimeoutGenerator = args => ValueTask.FromResult(
                        args.Context.GetRequestMessage()?.Options.TryGetValue(RestConnectorHandler.TimeoutKey, out var timeout) == true ? timeout : RestConnectorLimits.DefaultTimeout),
                });
            })
            .SelectPipelineBy(_ => request => request.Options.TryGetValue(RestConnectorHandler.PipelineKey, out var key) ? key : request.RequestUri?.Authority ?? "");
        return services;
    }

    // 5xx, a timeout of the attempt and a lost connection may pass; 4xx and everything else will not.
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => true,
        { Exception: HttpRequestException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };
}
