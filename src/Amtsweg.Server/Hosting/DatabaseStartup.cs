using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Hosting;

/// <summary>
/// Prepares the database before the server takes requests. The embedded SQLite default migrates itself and,
/// when empty, gets the demo municipality. PostgreSQL is never migrated silently: the server refuses to start
/// on a database that is not up to date and says what to run.
/// </summary>
internal sealed partial class DatabaseStartup(
    IServiceProvider services,
    IOptions<DatabaseOptions> database,
    IOptions<ServerOptions> server,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        if (database.Value.Provider == DatabaseProvider.Sqlite)
        {
            await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
            if (server.Value.DemoEnabled)
            {
                await SeedDemoAsync(scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        IReadOnlyList<string> pending;
        try
        {
            pending = await migrator.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is Npgsql.NpgsqlException or InvalidOperationException)
        {
            throw new StartupException($"Die PostgreSQL-Datenbank ist nicht erreichbar ({error.Message}). Prüfen Sie ConnectionStrings:Amtsweg.", error);
        }

        if (pending.Count > 0)
        {
            throw new StartupException(
                $"Die Datenbank ist nicht auf dem neuesten Stand ({pending.Count} Migration(en) offen: {string.Join(", ", pending)}). " +
                "Führen Sie zuerst „./amtsweg db migrate“ aus.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedDemoAsync(IServiceProvider scoped, CancellationToken cancellationToken)
    {
        var db = scoped.GetRequiredService<PlatformDbContext>();
        var administration = scoped.GetRequiredService<PlatformAdministration>();
        await administration.EnsureRolesAsync().ConfigureAwait(false);
        if (await db.Municipalities.IgnoreQueryFilters().AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var credentials = await DemoMunicipality.CreateAsync(administration, cancellationToken).ConfigureAwait(false);
        await DemoMunicipality.CreateAktenplanAsync(scoped, credentials[0].User.TenantId!.Value, cancellationToken).ConfigureAwait(false);
        await DemoMunicipality.CreateLetterheadAsync(scoped, credentials[0].User.TenantId!.Value, scoped.GetRequiredService<TimeProvider>(), cancellationToken).ConfigureAwait(false);
        await DemoMunicipality.InstallPackagesAsync(scoped, credentials[0].User.TenantId!.Value, credentials[0].User.Id, cancellationToken).ConfigureAwait(false);
        LogDemoCreated(logger, DemoMunicipality.Name, DemoMunicipality.Ags);

        // Printed once, to the console only: the passwords are in no log and in no file.
        Console.Out.WriteLine(DemoMunicipality.Describe(credentials));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo municipality {Name} (AGS {Ags}) created")]
    private static partial void LogDemoCreated(ILogger logger, string name, string ags);
}

/// <summary>The server cannot start; the message says why and what to do.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
