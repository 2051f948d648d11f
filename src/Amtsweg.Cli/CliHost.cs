using System.CommandLine;
using Amtsweg.Data.Providers;
using Amtsweg.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Amtsweg.Cli;

/// <summary>
/// Builds the same services as the server for commands that read or write data, configured from the
/// environment, <c>appsettings.json</c> and the command line (<c>--data</c>).
/// </summary>
internal static class CliHost
{
    public static Dictionary<string, string?> Settings(ParseResult result) => new()
    {
        ["Amtsweg:DataDirectory"] = result.GetValue(CliOptions.Data),
        ["Amtsweg:Logging:Format"] = "text",
    };

    /// <summary>Builds the application without starting it; throws <see cref="OptionsValidationException"/> on bad settings.</summary>
    public static WebApplication Build(ParseResult result, Dictionary<string, string?>? extra = null)
    {
        var settings = Settings(result);

        // A command prints its result; the server's information lines (migrations, hosting) are noise here. The
        // configured categories in appsettings.json win over SetMinimumLevel, so each is lowered by name.
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var builder = AmtswegApp.CreateBuilder([], settings);
        // Standard output carries the command's result (for example --json); log lines go to standard error.
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = Microsoft.Extensions.Logging.LogLevel.Trace);
        var app = AmtswegApp.Build(builder);
        _ = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        return app;
    }

    /// <summary>
    /// The municipality with the AGS <paramref name="ags"/>, or every municipality when it is null, ordered by AGS (the
    /// embedded database migrated first); null after a German message when no municipality has that AGS.
    /// </summary>
    public static async Task<List<Server.Platform.Municipality>?> SelectMunicipalitiesAsync(WebApplication app, string? ags, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Data.DatabaseMigrator>().EnsureEmbeddedMigratedAsync(cancellationToken);
        scope.ServiceProvider.GetRequiredService<Data.Tenancy.TenantContext>().UsePlatformScope();
        var municipalities = await scope.ServiceProvider.GetRequiredService<Server.Platform.PlatformDbContext>().Municipalities.AsNoTracking()
            .Where(m => ags == null || m.Ags == ags).OrderBy(m => m.Ags).ToListAsync(cancellationToken);
        if (ags is not null && municipalities.Count == 0)
        {
            await Console.Error.WriteLineAsync($"Fehler: Eine Gemeinde mit dem AGS {ags} gibt es nicht.");
            return null;
        }

        return municipalities;
    }

    /// <summary>
    /// Runs a command body for the municipality with the AGS <paramref name="ags"/> (its tenant chosen, the embedded
    /// database migrated); an unknown AGS, a refusal of the e-file and a failed file access end with a German message
    /// and exit code 1.
    /// </summary>
    public static Task<int> RunForMunicipalityAsync(ParseResult result, string ags, Func<WebApplication, AsyncServiceScope, Server.Platform.Municipality, Task<int>> body, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await using var app = Build(result);
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Data.DatabaseMigrator>().EnsureEmbeddedMigratedAsync(cancellationToken);
            var municipality = await scope.ServiceProvider.GetRequiredService<Server.Platform.PlatformAdministration>().FindMunicipalityAsync(ags, cancellationToken);
            if (municipality is null)
            {
                await Console.Error.WriteLineAsync($"Fehler: Eine Gemeinde mit dem AGS {ags} gibt es nicht.");
                return 1;
            }

            scope.ServiceProvider.GetRequiredService<Data.Tenancy.TenantContext>().UseTenant(municipality.Id);
            try
            {
                return await body(app, scope, municipality);
            }
            catch (Records.RecordsException error)
            {
                await Console.Error.WriteLineAsync($"Fehler ({error.Code}): {error.Message}");
                return 1;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync("Fehler beim Lesen oder Schreiben einer Datei: " + error.Message);
                return 1;
            }
        });

    /// <summary>Runs a command body, turning the expected failures into a German message and exit code 1.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (OptionsValidationException error)
        {
            await Console.Error.WriteLineAsync("Fehlerhafte Einstellung: " + string.Join(" ", error.Failures));
            return 1;
        }
        catch (Exception error) when (error is InvalidOperationException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or Server.Hosting.StartupException)
        {
            await Console.Error.WriteLineAsync("Fehler: " + error.Message);
            return 1;
        }
    }
}
