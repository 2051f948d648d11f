using System.CommandLine;
using Amtsweg.Data;
using Amtsweg.Server.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary><c>amtsweg user create --tenant AGS --name NAME --role ROLE [--display-name "..."]</c>.</summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var tenant = new Option<string?>("--tenant") { Description = "AGS der Gemeinde (entfällt für die Rolle Betrieb)." };
        var name = new Option<string>("--name") { Description = "Benutzername für die Anmeldung.", Required = true };
        var role = new Option<string>("--role") { Description = "Rolle: " + string.Join(", ", Roles.All), Required = true };
        var displayName = new Option<string?>("--display-name") { Description = "Angezeigter Name." };
        var create = new Command("create", "Legt einen Benutzer an und zeigt sein Erstkennwort einmal an.") { tenant, name, role, displayName };
        create.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            await using var app = CliHost.Build(result);
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(cancellationToken);
            var created = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().CreateUserAsync(
                result.GetValue(tenant), result.GetValue(name)!, result.GetValue(displayName) ?? "", result.GetValue(role)!, cancellationToken, changePasswordAtSignIn: true);
            if (!created.Succeeded)
            {
                await Console.Error.WriteLineAsync("Fehler: " + created.Error);
                return 1;
            }

            Console.WriteLine($"Benutzer „{created.Value!.User.UserName}“ ({string.Join(", ", created.Value.Roles)}) angelegt. Erstkennwort (nur jetzt sichtbar, bei der ersten Anmeldung zu ändern): {created.Value.InitialPassword}");
            return 0;
        }));

        return new Command("user", "Benutzer verwalten.") { create };
    }
}
