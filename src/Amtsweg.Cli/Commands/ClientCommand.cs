using System.CommandLine;
using Amtsweg.Data;
using Amtsweg.Server.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg client create --tenant AGS --name NAME --scope SCOPE...</c>, <c>client list [--tenant AGS]</c>,
/// <c>client revoke CLIENT_ID</c>: API clients with OAuth 2.0 client credentials.
/// </summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "AGS der Gemeinde, für die der Client handelt.", Required = true };
        var name = new Option<string>("--name") { Description = "Name des Clients, zum Beispiel „Druckstraße“.", Required = true };
        var scope = new Option<string[]>("--scope")
        {
            Description = "Berechtigung (mehrfach möglich): " + string.Join(", ", ApiScopes.All),
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var create = new Command("create", "Legt einen API-Client an und zeigt client_id und client_secret einmal an.") { tenant, name, scope };
        create.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            await using var app = CliHost.Build(result);
            await using var services = app.Services.CreateAsyncScope();
            await services.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(cancellationToken);
            var created = await services.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(
                result.GetValue(tenant)!, result.GetValue(name)!, result.GetValue(scope) ?? [], cancellationToken);
            if (!created.Succeeded)
            {
                await Console.Error.WriteLineAsync("Fehler: " + created.Error);
                return 1;
            }

            Console.WriteLine("client_id=" + created.Value!.Client.ClientId);
            Console.WriteLine("client_secret=" + created.Value.ClientSecret);
            return 0;
        }));

        var listTenant = new Option<string?>("--tenant") { Description = "Nur die Clients dieser Gemeinde (AGS)." };
        var list = new Command("list", "Listet die API-Clients (ohne Geheimnisse).") { listTenant };
        list.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            await using var app = CliHost.Build(result);
            await using var services = app.Services.CreateAsyncScope();
            await services.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(cancellationToken);
            Guid? tenantId = null;
            if (result.GetValue(listTenant) is { } ags)
            {
                var municipality = await services.ServiceProvider.GetRequiredService<PlatformAdministration>().FindMunicipalityAsync(ags, cancellationToken);
                if (municipality is null)
                {
                    await Console.Error.WriteLineAsync($"Fehler: Eine Gemeinde mit dem AGS „{ags}“ gibt es nicht.");
                    return 1;
                }

                tenantId = municipality.Id;
            }

            foreach (var client in await services.ServiceProvider.GetRequiredService<ApiClientRegistry>().ListAsync(tenantId, cancellationToken))
            {
                var state = client.RevokedAt is { } revoked ? "gesperrt " + revoked.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) : "aktiv";
                Console.WriteLine($"{client.ClientId}\t{client.Name}\t{client.Scopes}\t{state}");
            }

            return 0;
        }));

        var clientId = new Argument<string>("client-id") { Description = "Die client_id des Clients." };
        var revoke = new Command("revoke", "Sperrt einen API-Client; seine Tokens gelten sofort nicht mehr.") { clientId };
        revoke.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            await using var app = CliHost.Build(result);
            await using var services = app.Services.CreateAsyncScope();
            await services.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(cancellationToken);
            var revoked = await services.ServiceProvider.GetRequiredService<ApiClientRegistry>().RevokeAsync(result.GetValue(clientId)!, cancellationToken);
            if (!revoked.Succeeded)
            {
                await Console.Error.WriteLineAsync("Fehler: " + revoked.Error);
                return 1;
            }

            Console.WriteLine($"API-Client „{revoked.Value!.ClientId}“ gesperrt.");
            return 0;
        }));

        return new Command("client", "API-Clients (OAuth 2.0 Client Credentials) verwalten.") { create, list, revoke };
    }
}
