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
            SqliteBinding.InsertEach(handle, table.Sql, table.Name, group, (statement, row) => table.Bind(statement, handle, row));
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
