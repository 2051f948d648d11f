using System.ComponentModel.DataAnnotations;

namespace Amtsweg.Data.Providers;

/// <summary>The database providers Amtsweg runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded default: one SQLite file in the data folder.</summary>
    Sqlite,

    /// <summary>PostgreSQL 15+, for IT service providers and several server processes.</summary>
    Postgres,
}

/// <summary>Settings of section <c>Amtsweg:Database</c>, plus the connection strings.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amtsweg:Database";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The data folder (setting <c>Amtsweg:DataDirectory</c>); holds the SQLite file and the blobs.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>PostgreSQL connection of the server (<c>ConnectionStrings:Amtsweg</c>). Its role must not own the tables.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>PostgreSQL connection used by <c>amtsweg db migrate</c> (<c>ConnectionStrings:AmtswegMigrations</c>); the table owner. Defaults to <see cref="ConnectionString"/>.</summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>The path of the SQLite database file.</summary>
    public string SqlitePath => Path.Combine(Path.GetFullPath(DataDirectory), "amtsweg.db");

    /// <summary>The connection string for the server's own connections.</summary>
    public string ApplicationConnectionString => Provider switch
    {
        DatabaseProvider.Sqlite => $"Data Source={SqlitePath};Pooling=True",
        DatabaseProvider.Postgres => ConnectionString ?? throw new InvalidOperationException("ConnectionStrings:Amtsweg is not set."),
    };

    /// <summary>The connection string for migrations.</summary>
    public string OwnerConnectionString => Provider switch
    {
        DatabaseProvider.Sqlite => ApplicationConnectionString,
        DatabaseProvider.Postgres => MigrationConnectionString ?? ApplicationConnectionString,
    };
}
