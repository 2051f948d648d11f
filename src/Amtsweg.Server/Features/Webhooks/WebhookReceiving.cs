using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Webhooks;

/// <summary>Limits of the inbound webhooks (<c>Amtsweg:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amtsweg:Webhooks";

    /// <summary>Calls one hook accepts per minute (<c>Amtsweg:Webhooks:CallsPerMinute</c>); more are answered 429 without touching the database.</summary>
    public int CallsPerMinute { get; set; } = 60;
}

/// <summary>Names the setting that is wrong, at start.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.CallsPerMinute is < 1 or > 100_000
            ? ValidateOptionsResult.Fail($"{WebhookOptions.Section}:CallsPerMinute must be between 1 and 100000, but is {options.CallsPerMinute}.")
            : ValidateOptionsResult.Success;
}

/// <summary>Registers and maps <c>POST /api/hooks/{name}</c> with its rate limit per hook.</summary>
public static class WebhookReceiving
{
    /// <summary>The options and the rate limiter: a fixed window per hook name, so one flooding sender stops only its own hook.</summary>
    public static IServiceCollection AddAmtswegWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Receive.Endpoint.RateLimitPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<WebhookOptions>>().Value.CallsPerMinute;

                // Names longer than a hook's share one partition: they are unknown anyway, and cannot grow the table of limiters.
                var name = context.GetRouteValue("name") as string ?? "";
                var partition = name.Length <= Platform.WebhookRules.NameMaxLength ? name : "";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                var perMinute = http.RequestServices.GetRequiredService<IOptions<WebhookOptions>>().Value.CallsPerMinute;
                return new ValueTask(ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "webhook.too-many",
                    $"Zu viele Aufrufe dieses Webhooks: höchstens {perMinute} je Minute. Bitte senden Sie später erneut.").ExecuteAsync(http));
            };
        });
        return services;
    }

    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder endpoints)
    {
        Receive.Endpoint.Map(endpoints);
        return endpoints;
    }
}
