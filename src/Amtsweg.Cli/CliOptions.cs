using System.CommandLine;

namespace Amtsweg.Cli;

/// <summary>Options shared by the commands.</summary>
internal static class CliOptions
{
    /// <summary>The data folder (SQLite file and blobs); the same one <c>serve</c> uses.</summary>
    public static Option<string> Data { get; } = new("--data")
    {
        Description = "Datenordner (SQLite-Datenbank und Dateien). Standard: ./data",
        DefaultValueFactory = _ => "data",
        Recursive = true,
    };
}
