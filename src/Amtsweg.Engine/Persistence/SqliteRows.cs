using System.Runtime.CompilerServices;
using Amtsweg.Data.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace Amtsweg.Engine.Persistence;

/// <summary>
/// Inserts the runtime rows a command added (instances, executions, variables, user tasks, subscriptions, jobs,
/// messages, incidents) on SQLite with one prepared statement per table, bound through SQLitePCL, after EF Core has
/// saved the command's updates and deletes in the same transaction. EF Core's update pipeline built a model of every
/// column of every added row, generated its SQL and bound its parameters through Microsoft.Data.Sqlite (a binder object
/// per parameter, every text copied to UTF-8): the largest part of a straight-through instance's allocations once the
/// history writer was bound directly (docs/benchmarks.md). Updates and deletes, with their revision checks, stay with EF Core.
/// </summary>
/// <remarks>
/// Inserting after the updates and deletes keeps the order EF Core would choose where it matters: a variable removed and
/// set again on the same execution in one command (unique per execution and name) is deleted before it is inserted.
/// The runtime tables have no foreign keys among each other; an instance refers to its definition, which exists before.
/// Each row is stamped and checked for the tenant as <see cref="TenantStampingInterceptor"/> does when EF Core saves.
/// </remarks>
internal static class SqliteRows
{
    private static readonly HashSet<Type> RuntimeTypes =
    [
        typeof(ProcessInstanceEntity), typeof(ExecutionEntity), typeof(VariableEntity), typeof(UserTaskEntity),
        typeof(EventSubscriptionEntity), typeof(JobEntity), typeof(MessageEntity), typeof(IncidentEntity),
    ];

    private static readonly ConditionalWeakTable<IModel, Dictionary<Type, TableInsert>> Inserts = [];

    /// <summary>
    /// Takes the added runtime rows away from EF Core (marked as saved, so that <c>SaveChanges</c> writes only the other
    /// changes) and returns them to be inserted by <see cref="Insert"/> after it.
    /// </summary>
    public static List<EntityEntry> TakeAdded(EngineDbContext db)
    {
        var tenant = (ITenantScopedContext)db;
        List<EntityEntry> added = [];
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added && RuntimeTypes.Contains(entry.Metadata.ClrType))
            {
                TenantStampingInterceptor.Stamp(tenant, (ITenantOwned)entry.Entity, EntityState.Added, entry.Metadata.ClrType.Name);
                added.Add(entry);
            }
        }

        foreach (var entry in added)
        {
            entry.State = EntityState.Unchanged;
        }

        return added;
    }

    /// <summary>Inserts the rows <see cref="TakeAdded"/> took, in the connection's open transaction.</summary>
    public static void Insert(EngineDbContext db, SqliteConnection connection, List<EntityEntry> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var tables = Inserts.GetValue(db.Model, model => RuntimeTypes.ToDictionary(type => type, type => new TableInsert(model.FindEntityType(type)!, db.GetService<ISqlGenerationHelper>())));
        var handle = connection.Handle!;
        foreach (var group in rows.GroupBy(row => row.Metadata.ClrType))
        {
            var table = tables[group.Key];
            var result = raw.sqlite3_prepare_v2(handle, table.Sql, out var statement);
            SqliteException.ThrowExceptionForRC(result, handle);
            using (statement)
            {
                foreach (var row in group)
                {
                    table.Bind(statement, handle, row);
                    result = raw.sqlite3_step(statement);
                    if (result != raw.SQLITE_DONE)
                    {
                        Fail(result, handle, table);
                    }

                    raw.sqlite3_reset(statement);
                }
            }
        }
    }

    /// <summary>
    /// A constraint violation becomes the <see cref="DbUpdateException"/> EF Core would have thrown, so that the command
    /// executor sees a row another command inserted first as the conflict it is.
    /// </summary>
    private static void Fail(int result, sqlite3 handle, TableInsert table)
    {
        try
        {
            SqliteException.ThrowExceptionForRC(result, handle);
        }
        catch (SqliteException error) when (error.SqliteErrorCode == raw.SQLITE_CONSTRAINT)
        {
            throw new DbUpdateException($"An error occurred while inserting into {table.Name}.", error);
        }
    }

    /// <summary>The single-row INSERT of one table with every column, and how each value is bound.</summary>
    private sealed class TableInsert
    {
        private readonly (IProperty Property, ValueConverter? Converter)[] _columns;

        public TableInsert(IEntityType entityType, ISqlGenerationHelper sql)
        {
            Name = entityType.GetTableName()!;
            _columns = [.. entityType.GetProperties().Select(p => (p, p.GetTypeMapping().Converter))];
            Sql = $"INSERT INTO {sql.DelimitIdentifier(Name)} ({string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName())))}) "
                + $"VALUES ({string.Join(", ", _columns.Select((_, i) => "?" + (i + 1)))})";
        }

        public string Name { get; }

        public string Sql { get; }

        public void Bind(sqlite3_stmt statement, sqlite3 handle, EntityEntry row)
        {
            var values = row.CurrentValues;
            for (var column = 0; column < _columns.Length; column++)
            {
                var (property, converter) = _columns[column];
                var value = values[property];
                if (value is not null && converter is not null)
                {
                    value = converter.ConvertToProvider(value);
                }

                SqliteBinding.Check(SqliteBinding.Bind(statement, column + 1, value, property), handle);
            }
        }
    }
}

/// <summary>Binds values to a SQLite statement through SQLitePCL as EF Core's SQLite provider stores them.</summary>
internal static class SqliteBinding
{
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
