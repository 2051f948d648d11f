using Microsoft.Extensions.Options;
using Npgsql;

namespace Amtsweg.Data.Providers;

/// <summary>Checks the database settings at start and names the setting that is wrong.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("Amtsweg:Database:Provider must be 'Sqlite' or 'Postgres'.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            return ValidateOptionsResult.Fail("Amtsweg:DataDirectory must name a folder.");
        }

        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                return ValidateOptionsResult.Fail("ConnectionStrings:Amtsweg must be set when Amtsweg:Database:Provider is 'Postgres'.");
            }

            foreach (var (setting, value) in new[] { ("ConnectionStrings:Amtsweg", options.ConnectionString), ("ConnectionStrings:AmtswegMigrations", options.MigrationConnectionString) })
            {
                if (value is null)
                {
                    continue;
                }

                try
                {
                    _ = new NpgsqlConnectionStringBuilder(value);
                }
                catch (ArgumentException error)
                {
                    return ValidateOptionsResult.Fail($"{setting} is not a valid PostgreSQL connection string: {error.Message}");
                }
            }
        }

        return ValidateOptionsResult.Success;
    }
}
