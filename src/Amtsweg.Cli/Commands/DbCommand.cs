using System.CommandLine;
using Amtsweg.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary><c>amtsweg db migrate</c> and <c>amtsweg db status</c>.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Bringt die konfigurierte Datenbank auf den neuesten Stand (PostgreSQL: als Eigentümer der Tabellen, mit Row-Level-Security).");
        migrate.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            await using var app = CliHost.Build(result);
            await using var scope = app.Services.CreateAsyncScope();
            var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
            await migrator.MigrateAsync(cancellationToken);
            Console.WriteLine("Datenbank ist auf dem neuesten Stand.");
            return 0;
        }));

        var status = new Command("status", "Zeigt offene Migrationen; Exit-Code 2, wenn welche offen sind.");
        status.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            await using var app = CliHost.Build(result);
            await using var scope = app.Services.CreateAsyncScope();
            var pending = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().GetPendingMigrationsAsync(cancellationToken);
            foreach (var name in pending)
            {
                Console.WriteLine("offen: " + name);
            }

            Console.WriteLine(pending.Count == 0 ? "Datenbank ist auf dem neuesten Stand." : $"{pending.Count} Migration(en) offen.");
            return pending.Count == 0 ? 0 : 2;
        }));

        return new Command("db", "Datenbank verwalten.") { migrate, status };
    }
}
