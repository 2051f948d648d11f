using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Amtsweg.Engine.Persistence;

/// <summary>
/// Writes the history events of a command with hand-written INSERT statements, inside the command's transaction,
/// instead of one tracked entity each. History rows are never changed after they are written, so change tracking buys
/// nothing, and the engine benchmark showed EF Core's per-row update pipeline to be the largest cost of a command
/// (docs/benchmarks.md). Table, columns and value conversions come from the EF model; the parameters are positional
/// (<c>$1</c>, <c>$2</c>, ...) on both providers.
/// </summary>
/// <remarks>
/// The cost of a statement must grow linearly with its rows. SQLite looks a named parameter up by a linear search of the
/// statement's parameter names, so one multi-row INSERT with 13 parameters per row costs the square of its rows (issue 18
/// profiled 15 % of a command in <c>strncmp</c> and <c>sqlite3VListNameToNum</c>); there, one single-row statement is
/// prepared at its first execution and run again for every row, which in an embedded database costs no round trip.
/// On PostgreSQL every statement is a round trip, so all rows go in one multi-row statement; positional parameters
/// are sent as they are, without Npgsql parsing and rewriting the SQL. Binary COPY is not an option there: PostgreSQL
/// refuses <c>COPY FROM</c> into a table with row-level security, which every engine table has.
/// </remarks>
internal static class HistoryEventWriter
{
    // Stays well below PostgreSQL's limit of 65535 parameters per statement.
    private const int MaxParametersPerStatement = 2000;

    private static readonly ConditionalWeakTable<IModel, TableShape> Shapes = [];

    public static async Task InsertAsync(EngineDbContext db, IReadOnlyList<HistoryEventEntity> events, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("History events are written inside the command's transaction.");
        if (events.Count == 0)
        {
            return;
        }

        if (!Shapes.TryGetValue(db.Model, out var shape))
        {
            shape = new TableShape(db.Model, db.GetService<ISqlGenerationHelper>());
            Shapes.AddOrUpdate(db.Model, shape);
        }

        var command = transaction.Connection!.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            if (db.Database.IsSqlite())
            {
                command.CommandText = shape.Insert(rows: 1);
                shape.AddParameters(command, events[0], named: true);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                for (var row = 1; row < events.Count; row++)
                {
                    shape.SetValues(command, events[row]);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            var rowsPerStatement = Math.Max(1, MaxParametersPerStatement / shape.Columns.Count);
            for (var first = 0; first < events.Count; first += rowsPerStatement)
            {
                var rows = Math.Min(rowsPerStatement, events.Count - first);
                command.Parameters.Clear();
                command.CommandText = shape.Insert(rows);
                for (var row = first; row < first + rows; row++)
                {
                    shape.AddParameters(command, events[row], named: false);
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The table of <see cref="HistoryEventEntity"/> in one model (one per provider), read once.</summary>
    private sealed class TableShape
    {
        private readonly string _head;
        private readonly string _singleRow;

        public TableShape(IModel model, ISqlGenerationHelper sql)
        {
            var entityType = model.FindEntityType(typeof(HistoryEventEntity))!;
            Columns = [.. entityType.GetProperties().Select(p => new Column(p, p.GetRelationalTypeMapping(), p.GetGetter()))];
            _head = $"INSERT INTO {sql.DelimitIdentifier(entityType.GetTableName()!)} ({string.Join(", ", entityType.GetProperties().Select(p => sql.DelimitIdentifier(p.GetColumnName())))}) VALUES ";
            _singleRow = Build(1);
        }

        public IReadOnlyList<Column> Columns { get; }

        public string Insert(int rows) => rows == 1 ? _singleRow : Build(rows);

        /// <summary>
        /// Adds one row's values after the parameters already there. SQLite binds by name (<c>$1</c> is a name there);
        /// Npgsql treats unnamed parameters as positional.
        /// </summary>
        public void AddParameters(DbCommand command, HistoryEventEntity row, bool named)
        {
            foreach (var column in Columns)
            {
                var name = named ? "$" + (command.Parameters.Count + 1) : string.Empty;

                // The type mapping converts the value as EF would (for example DateTimeOffset to binary on SQLite).
                command.Parameters.Add(column.Mapping.CreateParameter(command, name, column.Getter.GetClrValue(row), column.Property.IsNullable));
            }
        }

        /// <summary>
        /// Gives the parameters of a single-row statement the values of another row. Creating them anew for every row
        /// was a tenth of the history writer's allocations; the type mapping configured them at creation, and its
        /// converter turns the value into what the provider stores, as <see cref="RelationalTypeMapping.CreateParameter"/> does.
        /// </summary>
        public void SetValues(DbCommand command, HistoryEventEntity row)
        {
            for (var column = 0; column < Columns.Count; column++)
            {
                var value = Columns[column].Getter.GetClrValue(row);
                if (value is not null && Columns[column].Mapping.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                command.Parameters[column].Value = value ?? DBNull.Value;
            }
        }

        private string Build(int rows)
        {
            var text = new StringBuilder(_head, _head.Length + (rows * Columns.Count * 6));
            var parameter = 0;
            for (var row = 0; row < rows; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < Columns.Count; column++)
                {
                    text.Append(column == 0 ? "$" : ", $").Append(++parameter);
                }

                text.Append(')');
            }

            return text.ToString();
        }
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, IClrPropertyGetter Getter);
}
