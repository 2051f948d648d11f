using System.CommandLine;

namespace Amtsweg.Cli;

/// <summary>Options shared by the commands.</summary>
internal static class CliOptions
{
    /// <summary>
    /// The data folder (SQLite file and blobs); the same one <c>serve</c> uses. Every command takes it except those
    /// whose own <c>--data</c> means something else (the form's values of <c>form render</c> and <c>form validate</c>).
    /// </summary>
    public static Option<string> Data { get; } = new("--data")
    {
        Description = "Datenordner (SQLite-Datenbank und Dateien). Standard: ./data",
        DefaultValueFactory = _ => "data",
    };

    /// <summary>Adds <see cref="Data"/> to every command below <paramref name="parent"/> that runs and has no <c>--data</c> of its own.</summary>
    public static void AddData(Command parent)
    {
        foreach (var command in parent.Subcommands)
        {
            if (command.Action is not null && !command.Options.Any(option => option.Name == Data.Name))
            {
                command.Options.Add(Data);
            }

            AddData(command);
        }
    }
}
