using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Amtsweg.Engine.Persistence;

/// <summary>
/// Writes the history events of a command with multi-row INSERT statements, inside the command's transaction, instead
/// of one tracked entity each. History rows are never changed after they are written, so change tracking buys nothing,
/// and the engine benchmark showed EF Core's per-row update pipeline to be the largest cost of a command (docs/benchmarks.md).
/// Table, columns and value conversions come from the EF model, so the statement is the same on SQLite and PostgreSQL.
/// </summary>
internal static class HistoryEventWriter
{
    // Stays well below the parameter limits of SQLite (32766) and PostgreSQL (65535).
    private const int MaxParametersPerStatement = 2000;

    public static async Task InsertAsync(EngineDbContext db, IReadOnlyList<HistoryEventEntity> events, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("History events are written inside the command's transaction.");
        var entityType = db.Model.FindEntityType(typeof(HistoryEventEntity))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entityType.GetProperties().ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(entityType.GetTableName()!)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName())))}) VALUES ";
        var rowsPerStatement = Math.Max(1, MaxParametersPerStatement / properties.Count);
        for (var first = 0; first < events.Count; first += rowsPerStatement)
        {
            var command = transaction.Connection!.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.Transaction = transaction;
                command.CommandText = BuildRows(command, head, properties, events.Skip(first).Take(rowsPerStatement));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string BuildRows(DbCommand command, string head, List<Microsoft.EntityFrameworkCore.Metadata.IProperty> properties, IEnumerable<HistoryEventEntity> rows)
    {
        var text = new StringBuilder(head);
        var index = 0;
        foreach (var row in rows)
        {
            text.Append(index == 0 ? "(" : ", (");
            for (var column = 0; column < properties.Count; column++)
            {
                var property = properties[column];
                var name = "@h" + index++;
                text.Append(column == 0 ? name : ", " + name);

                // The type mapping converts the value as EF would (for example DateTimeOffset to binary on SQLite).
                command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, name, property.GetGetter().GetClrValue(row), property.IsNullable));
            }

            text.Append(')');
        }

        return text.ToString();
    }
}
