using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

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
/// prepared once per command and run again for every row, which in an embedded database costs no round trip. It is
/// bound through SQLitePCL directly (<see cref="TableShape.Bind"/>): Microsoft.Data.Sqlite binds every parameter of
/// every execution anew, with a binder object per parameter, the value boxed and every text copied to UTF-8, which was a
/// fifth of a straight-through instance's allocations (docs/benchmarks.md).
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

        if (transaction.Connection is SqliteConnection sqlite)
        {
            var handle = sqlite.Handle!;
            SqliteBinding.InsertEach(handle, shape.SqliteInsert, shape.TableName, events, (statement, row) => shape.Bind(statement, handle, row));
            return;
        }

        var command = transaction.Connection!.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            var rowsPerStatement = Math.Max(1, MaxParametersPerStatement / shape.Columns.Count);
            for (var first = 0; first < events.Count; first += rowsPerStatement)
            {
                var rows = Math.Min(rowsPerStatement, events.Count - first);
                command.Parameters.Clear();
                command.CommandText = shape.Insert(rows);
                for (var row = first; row < first + rows; row++)
                {
                    shape.AddParameters(command, events[row]);
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The table of <see cref="HistoryEventEntity"/> in one model (one per provider), read once.</summary>
    private sealed class TableShape
    {
        private readonly string _head;
        private readonly Func<DateTimeOffset, long>? _timestampToProvider;

        /// <summary>The columns of <see cref="SqliteInsert"/> by property, in the order <see cref="Bind"/> binds them.</summary>
        private static readonly string[] SqliteColumns =
        [
            nameof(HistoryEventEntity.Id), nameof(HistoryEventEntity.TenantId), nameof(HistoryEventEntity.ProcessInstanceId),
            nameof(HistoryEventEntity.Sequence), nameof(HistoryEventEntity.Type), nameof(HistoryEventEntity.Timestamp),
            nameof(HistoryEventEntity.UserId), nameof(HistoryEventEntity.ElementId), nameof(HistoryEventEntity.ElementType),
            nameof(HistoryEventEntity.ExecutionId), nameof(HistoryEventEntity.VariablesBefore), nameof(HistoryEventEntity.VariablesAfter),
            nameof(HistoryEventEntity.Detail),
        ];

        public TableShape(IModel model, ISqlGenerationHelper sql)
        {
            var entityType = model.FindEntityType(typeof(HistoryEventEntity))!;
            TableName = entityType.GetTableName()!;
            Columns = [.. entityType.GetProperties().Select(p => new Column(p, p.GetRelationalTypeMapping(), p.GetGetter()))];
            _head = $"INSERT INTO {sql.DelimitIdentifier(entityType.GetTableName()!)} ({string.Join(", ", entityType.GetProperties().Select(p => sql.DelimitIdentifier(p.GetColumnName())))}) VALUES ";
            var unbound = entityType.GetProperties().Select(p => p.Name).Except(SqliteColumns).ToList();
            if (unbound.Count > 0)
            {
                throw new InvalidOperationException($"The SQLite history writer does not bind the column(s) {string.Join(", ", unbound)}.");
            }

            SqliteInsert = $"INSERT INTO {sql.DelimitIdentifier(entityType.GetTableName()!)} ({string.Join(", ", SqliteColumns.Select(p => sql.DelimitIdentifier(entityType.FindProperty(p)!.GetColumnName())))}) VALUES ({string.Join(", ", SqliteColumns.Select((_, i) => "?" + (i + 1)))})";
            _timestampToProvider = entityType.FindProperty(nameof(HistoryEventEntity.Timestamp))!.GetTypeMapping().Converter is ValueConverter<DateTimeOffset, long> converter
                ? converter.ConvertToProviderExpression.Compile()
                : null;
        }

        public IReadOnlyList<Column> Columns { get; }

        public string TableName { get; }

        /// <summary>The single-row INSERT on SQLite, with numbered parameters <c>?1</c> to <c>?13</c> in the order of <see cref="Bind"/>.</summary>
        public string SqliteInsert { get; }

        /// <summary>A multi-row INSERT with positional parameters <c>$1</c>, <c>$2</c>, ... (PostgreSQL).</summary>
        public string Insert(int rows)
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

        /// <summary>Adds one row's values after the parameters already there; Npgsql treats unnamed parameters as positional.</summary>
        public void AddParameters(DbCommand command, HistoryEventEntity row)
        {
            foreach (var column in Columns)
            {
                // The type mapping converts the value as EF would.
                command.Parameters.Add(column.Mapping.CreateParameter(command, string.Empty, column.Getter.GetClrValue(row), column.Property.IsNullable));
            }
        }

        /// <summary>
        /// Binds one row to <see cref="SqliteInsert"/>, as EF Core stores the values on SQLite: ids as upper-case text, the
        /// timestamp as the number the model's converter makes of it, texts as they are. SQLite copies UTF-16 text and
        /// numbers; nothing is allocated.
        /// </summary>
        public void Bind(sqlite3_stmt statement, sqlite3 db, HistoryEventEntity row)
        {
            var timestamp = _timestampToProvider ?? throw new InvalidOperationException("The SQLite model stores the history timestamp as a number (DateTimeOffsetToBinaryConverter).");
            SqliteBinding.Check(SqliteBinding.BindText(statement, 1, row.Id), db);
            SqliteBinding.Check(SqliteBinding.BindText(statement, 2, row.TenantId), db);
            SqliteBinding.Check(SqliteBinding.BindText(statement, 3, row.ProcessInstanceId), db);
            SqliteBinding.Check(raw.sqlite3_bind_int64(statement, 4, row.Sequence), db);
            SqliteBinding.Check(SqliteBinding.BindText(statement, 5, row.Type), db);
            SqliteBinding.Check(raw.sqlite3_bind_int64(statement, 6, timestamp(row.Timestamp)), db);
            SqliteBinding.Check(SqliteBinding.BindText(statement, 7, row.UserId), db);
            SqliteBinding.Check(SqliteBinding.BindText(statement, 8, row.ElementId), db);
            SqliteBinding.Check(SqliteBinding.BindText(statement, 9, row.ElementType), db);
            SqliteBinding.Check(row.ExecutionId is { } execution ? SqliteBinding.BindText(statement, 10, execution) : raw.sqlite3_bind_null(statement, 10), db);
            SqliteBinding.Check(SqliteBinding.BindText(statement, 11, row.VariablesBefore), db);
            SqliteBinding.Check(SqliteBinding.BindText(statement, 12, row.VariablesAfter), db);
            SqliteBinding.Check(SqliteBinding.BindText(statement, 13, row.Detail), db);
        }
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, IClrPropertyGetter Getter);
}
