using System.CommandLine;
using Amtsweg.Server;
using Microsoft.AspNetCore.Builder;

namespace Amtsweg.Cli.Commands;

/// <summary><c>amtsweg serve</c>: runs the server until Ctrl+C or SIGTERM, then shuts down gracefully.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Adresse(n), auf denen der Server lauscht. Standard: {AmtswegApp.DefaultUrls}",
        };
        var command = new Command("serve", "Startet Amtsweg (eingebettet: SQLite und Datenordner, mit Demo-Gemeinde).") { urls };
        command.SetAction((result, cancellationToken) => CliHost.RunAsync(async () =>
        {
            var settings = CliHost.Settings(result);
            settings.Remove("Amtsweg:Logging:Format");
            if (result.GetValue(urls) is { Length: > 0 } value)
            {
                settings["urls"] = value;
            }

            var app = AmtswegApp.Build(AmtswegApp.CreateBuilder([], settings));
            await app.RunAsync();
            return 0;
        }));
        return command;
    }
}
