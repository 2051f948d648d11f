using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace Amtsweg.Engine.Persistence;

/// <summary>
/// Writes rows on SQLite through SQLitePCL directly (<see cref="HistoryEventWriter"/>, <see cref="SqliteRows"/>): one
/// prepared statement for all rows of a table, values bound as EF Core's SQLite provider stores them.
/// </summary>
internal static class SqliteBinding
{
    /// <summary>
    /// Prepares <paramref name="sql"/> (a single-row INSERT) once and runs it for every row, in the connection's open
    /// transaction; <paramref name="bind"/> binds a row's values.
    /// </summary>
    public static void InsertEach<T>(sqlite3 handle, string sql, string table, IEnumerable<T> rows, Action<sqlite3_stmt, T> bind)
    {
        var result = raw.sqlite3_prepare_v2(handle, sql, out var statement);
        SqliteException.ThrowExceptionForRC(result, handle);
        using (statement)
        {
            foreach (var row in rows)
            {
                bind(statement, row);
                result = raw.sqlite3_step(statement);
                if (result != raw.SQLITE_DONE)
                {
                    Fail(result, handle, table);
                }

                raw.sqlite3_reset(statement);
            }
        }
    }

    /// <summary>
    /// A constraint violation becomes the <see cref="DbUpdateException"/> EF Core would have thrown, so that the command
    /// executor sees a row another command inserted first as the conflict it is.
    /// </summary>
    private static void Fail(int result, sqlite3 handle, string table)
    {
        try
        {
            SqliteException.ThrowExceptionForRC(result, handle);
        }
        catch (SqliteException error) when (error.SqliteErrorCode == raw.SQLITE_CONSTRAINT)
        {
            throw new DbUpdateException($"An error occurred while inserting into {table}.", error);
        }
    }

    /// <summary>A provider value (after the model's converter) of <paramref name="property"/>.</summary>
    public static int Bind(sqlite3_stmt statement, int parameter, object? value, IProperty property) => value switch
    {
        null => raw.sqlite3_bind_null(statement, parameter),
        string text => BindText(statement, parameter, text),
        Guid id => BindText(statement, parameter, id),
        long number => raw.sqlite3_bind_int64(statement, parameter, number),
        int number => raw.sqlite3_bind_int64(statement, parameter, number),
        bool flag => raw.sqlite3_bind_int64(statement, parameter, flag ? 1 : 0),
        double number => raw.sqlite3_bind_double(statement, parameter, number),
        _ => throw new InvalidOperationException($"{property.DeclaringType.ClrType.Name}.{property.Name}: values of type {value.GetType().Name} are not bound directly on SQLite."),
    };

    /// <summary>A text; an empty one through the UTF-8 binding, because an empty span has no address and would bind null.</summary>
    public static int BindText(sqlite3_stmt statement, int parameter, string? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, parameter),
        "" => raw.sqlite3_bind_text(statement, parameter, string.Empty),
        _ => raw.sqlite3_bind_text16(statement, parameter, value.AsSpan()),
    };

    /// <summary>An id as EF Core's SQLite provider stores a <see cref="Guid"/>: upper-case text with hyphens.</summary>
    public static int BindText(sqlite3_stmt statement, int parameter, Guid value)
    {
        Span<char> text = stackalloc char[36];
        value.TryFormat(text, out _, "D");
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = char.ToUpperInvariant(text[i]);
        }

        return raw.sqlite3_bind_text16(statement, parameter, text);
    }

    public static void Check(int result, sqlite3 handle) => SqliteException.ThrowExceptionForRC(result, handle);
}
