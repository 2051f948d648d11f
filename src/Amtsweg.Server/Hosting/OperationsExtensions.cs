using System.Text.Json;
using Amtsweg.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Amtsweg.Server.Hosting;

/// <summary>What an operator needs: health endpoints, logs, traces and metrics.</summary>
public static class OperationsExtensions
{
    /// <summary>Adds health checks and OpenTelemetry; the OTLP exporter only when an endpoint is configured.</summary>
    public static IServiceCollection AddAmtswegOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
            .AddCheck<IntakeProgramsCheck>("intake-programs", tags: ["ready"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("amtsweg"))
            .WithTracing(tracing => tracing
                .AddSource("Amtsweg.*")
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter("Amtsweg.*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (configuration["Amtsweg:Telemetry:OtlpEndpoint"] is { Length: > 0 } endpoint)
        {
            telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, new Uri(endpoint));
        }

        return services;
    }

    /// <summary>Text logs on one line each, or JSON (setting <c>Amtsweg:Logging:Format</c>).</summary>
    public static ILoggingBuilder AddAmtswegLogging(this ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        if (configuration["Amtsweg:Logging:Format"] == "json")
        {
            logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.UseUtcTimestamp = true;
            });
        }
        else
        {
            logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
                options.UseUtcTimestamp = true;
            });
        }

        return logging;
    }

    /// <summary>Maps <c>/health/live</c> (the process answers) and <c>/health/ready</c> (database reachable and migrated).</summary>
    public static IEndpointRouteBuilder MapAmtswegHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteAsync }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

/// <summary>Ready when the database answers and every module's migrations are applied.</summary>
internal sealed class DatabaseReadyCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await migrator.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Datenbank erreichbar und aktuell.")
                : HealthCheckResult.Unhealthy($"{pending.Count} Migration(en) offen: ./amtsweg db migrate");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Datenbank nicht erreichbar: " + error.Message);
        }
    }
}

/// <summary>
/// Degraded while a program the Posteingang needs (tesseract, pdftoppm, clamscan when configured) is not installed:
/// the server answers, but scans wait until the program is there. Names each program and its setting.
/// </summary>
internal sealed class IntakeProgramsCheck(IOptions<Records.Intake.IntakeOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = options.Value.MissingPrograms();
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy("Alle Programme des Posteingangs sind installiert.")
            : HealthCheckResult.Degraded("Es fehlt: " + string.Join(", ", missing.Select(m => $"{m.Program} ({m.Setting})")) + ". Eingänge warten, bis es installiert ist."));
    }
}
