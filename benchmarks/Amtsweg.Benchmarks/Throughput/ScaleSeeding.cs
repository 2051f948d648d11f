using System.Buffers.Binary;
using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Amtsweg.Benchmarks.Throughput;

/// <summary>What <see cref="ScaleSeeding"/> wrote: instance counts, the seeded process's definition, and how long it took.</summary>
public sealed record SeedResult(int Completed, int Running, Guid? DefinitionId, double Seconds)
{
    /// <summary>Nothing seeded.</summary>
    public static SeedResult None { get; } = new(0, 0, null, 0);
}

/// <summary>
/// Fills the engine's tables before a throughput run (<c>--history N --running M</c>), so that the figures can be
/// measured "with 1 million completed instances and 10,000 running ones in history". Starting that many instances
/// through the engine would take hours, so the engine runs one instance of <c>Models/antrag-mit-frist.bpmn</c> to its
/// end and one to its user task (whose one-year timer boundary is a job that is not due), and those rows — instance,
/// executions, variables, user task, job, history events — are copied in bulk with fresh ids, their times spread over
/// the last weeks. The content is exactly what the engine writes, whatever it writes today. Bulk writing is
/// hand-written on purpose (seeding is no engine path): one prepared INSERT per table in batched transactions on
/// SQLite, binary COPY on PostgreSQL. Table names, columns and value conversions come from the EF model, and every row
/// names its tenant explicitly. PostgreSQL refuses COPY FROM into a table with row-level security for any role the
/// policy applies to, so COPY runs on a connection that bypasses it (the cluster's administrator, as a restore would).
/// </summary>
public static class ScaleSeeding
{
    /// <summary>The BPMN process id of the seeded instances.</summary>
    public const string ProcessId = "AntragMitFrist";

    private const string ModelFile = "antrag-mit-frist.bpmn";
    private const int ClonesPerTransaction = 20_000;

    /// <summary>
    /// Seeds <paramref name="completed"/> completed and <paramref name="running"/> running instances for
    /// <paramref name="tenant"/> (the two template instances count among them). <paramref name="copyConnectionString"/>
    /// is a PostgreSQL connection that bypasses row-level security (null on SQLite).
    /// </summary>
    public static async Task<SeedResult> SeedAsync(IServiceProvider services, Guid tenant, int completed, int running, string? copyConnectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (completed == 0 && running == 0)
        {
            return SeedResult.None;
        }

        var stopwatch = Stopwatch.StartNew();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var salt = RandomNumberGenerator.GetBytes(4);
        Guid? definitionId = null;
        await using (var scope = services.CreateTenantScope(tenant))
        {
            var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Models", ModelFile));
            await engine.DeployAsync(new DeploymentRequest("benchmark-seed", [new DeploymentResource(ModelFile, xml)]));
            var kinds = new List<(int Count, Guid Template, TimeSpan Spread)>();
            if (completed > 0)
            {
                var instance = await StartAsync(engine);
                var task = (await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id })).Single();
                await engine.CompleteUserTaskAsync(task.Id, new Dictionary<string, object?> { ["Entscheidung"] = "bewilligt" }, "sachbearbeitung");
                kinds.Add((completed, instance.Id, TimeSpan.FromDays(60)));
            }

            if (running > 0)
            {
                kinds.Add((running, (await StartAsync(engine)).Id, TimeSpan.FromDays(30)));
            }

            var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
            await db.Database.OpenConnectionAsync();
            try
            {
                for (var kind = 0; kind < kinds.Count; kind++)
                {
                    var template = await Template.ReadAsync(db, kinds[kind].Template);
                    definitionId = template.DefinitionId;
                    var clones = new Clones(template, kinds[kind].Count - 1, now - kinds[kind].Spread, now.AddHours(-1), (byte)kind, salt);
                    if (db.Database.IsNpgsql())
                    {
                        await using var connection = new NpgsqlConnection(copyConnectionString
                            ?? throw new InvalidOperationException("Seeding PostgreSQL needs a connection that bypasses row-level security."));
                        await connection.OpenAsync();
                        await CopyAsync(connection, clones);
                    }
                    else
                    {
                        await InsertAsync(db, clones);
                    }
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        return new SeedResult(completed, running, definitionId, stopwatch.Elapsed.TotalSeconds);
    }

    private static Task<ProcessInstanceInfo> StartAsync(IProcessEngine engine) =>
        engine.StartProcessInstanceAsync(new StartProcessInstanceRequest
        {
            ProcessId = ProcessId,
            BusinessKey = "BEN-2026-000001",
            Variables = new Dictionary<string, object?> { ["Betrag"] = 45.00m, ["Antragsteller"] = "Erika Mustermann", ["Aktenzeichen"] = "BEN-2026-000001" },
        });

    /// <summary>SQLite: one prepared INSERT per table, reused for every row, one transaction per batch of clones.</summary>
    private static async Task InsertAsync(EngineDbContext db, Clones clones)
    {
        var connection = db.Database.GetDbConnection();
        var sql = db.GetService<ISqlGenerationHelper>();
        var commands = new List<(Table Table, DbCommand Command)>();
        try
        {
            foreach (var table in clones.Template.Tables)
            {
                var command = connection.CreateCommand();
                commands.Add((table, command));
                command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name)} ({string.Join(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name)))}) "
                    + $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    // The type mapping configures the parameter as EF would (for example a Guid as text on SQLite).
                    var column = table.Columns[i];
                    command.Parameters.Add(column.Mapping.CreateParameter(command, "$p" + i, table.Rows[0][i], nullable: true));
                }
            }

            for (var first = 0; first < clones.Count; first += ClonesPerTransaction)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                foreach (var (table, command) in commands)
                {
                    command.Transaction = transaction;
                    await command.PrepareAsync();
                    for (var clone = first; clone < Math.Min(clones.Count, first + ClonesPerTransaction); clone++)
                    {
                        for (var row = 0; row < table.Rows.Count; row++)
                        {
                            for (var column = 0; column < table.Columns.Count; column++)
                            {
                                command.Parameters[column].Value = clones.ProviderValue(clone, table, row, column) ?? DBNull.Value;
                            }

                            await command.ExecuteNonQueryAsync();
                        }
                    }
                }

                await transaction.CommitAsync();
            }
        }
        finally
        {
            foreach (var (_, command) in commands)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>PostgreSQL: binary COPY per table, one transaction per batch of clones.</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, Clones clones)
    {
        for (var first = 0; first < clones.Count; first += ClonesPerTransaction)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var table in clones.Template.Tables)
            {
                var columns = string.Join(", ", table.Columns.Select(c => "\"" + c.Name + "\""));
                await using var import = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)");
                for (var clone = first; clone < Math.Min(clones.Count, first + ClonesPerTransaction); clone++)
                {
                    for (var row = 0; row < table.Rows.Count; row++)
                    {
                        await import.StartRowAsync();
                        for (var column = 0; column < table.Columns.Count; column++)
                        {
                            if (clones.ProviderValue(clone, table, row, column) is { } value)
                            {
                                await import.WriteAsync(value, table.Columns[column].NpgsqlType);
                            }
                            else
                            {
                                await import.WriteNullAsync();
                            }
                        }
                    }
                }

                await import.CompleteAsync();
            }

            await transaction.CommitAsync();
        }
    }

    /// <summary>A column of a seeded table with the conversion EF applies to its values.</summary>
    private sealed class Column
    {
        public Column(IProperty property)
        {
            Property = property;
            Name = property.GetColumnName();
            Mapping = property.GetRelationalTypeMapping();
            var type = Mapping.Converter?.ProviderClrType ?? property.ClrType;
            type = Nullable.GetUnderlyingType(type) ?? type;
            NpgsqlType = type == typeof(string) ? NpgsqlDbType.Text
                : type == typeof(int) ? NpgsqlDbType.Integer
                : type == typeof(long) ? NpgsqlDbType.Bigint
                : type == typeof(bool) ? NpgsqlDbType.Boolean
                : type == typeof(Guid) ? NpgsqlDbType.Uuid
                : type == typeof(DateTimeOffset) ? NpgsqlDbType.TimestampTz
                : throw new NotSupportedException($"Column {Name}: no COPY type for {type}.");
        }

        public string Name { get; }

        public IProperty Property { get; }

        public RelationalTypeMapping Mapping { get; }

        public NpgsqlDbType NpgsqlType { get; }

        public object? ToProvider(object? value) => value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    /// <summary>The rows of one table that belong to a template instance, as CLR values in column order.</summary>
    private sealed record Table(string Name, IReadOnlyList<Column> Columns, IReadOnlyList<object?[]> Rows);

    /// <summary>Every row the engine wrote for one instance.</summary>
    private sealed class Template
    {
        private Template(Guid instanceId, Guid definitionId, DateTimeOffset startedAt, IReadOnlyList<Table> tables)
        {
            InstanceId = instanceId;
            DefinitionId = definitionId;
            StartedAt = startedAt;
            Tables = tables;
            Ids = tables.SelectMany(t => t.Rows.Select(r => (Guid)r[t.Columns.ToList().FindIndex(c => c.Name == "Id")]!))
                .Distinct().Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        }

        public Guid InstanceId { get; }

        public Guid DefinitionId { get; }

        public DateTimeOffset StartedAt { get; }

        public IReadOnlyList<Table> Tables { get; }

        /// <summary>The ids of the template's rows, each with its index: what a clone gets fresh ids for.</summary>
        public IReadOnlyDictionary<Guid, int> Ids { get; }

        public static async Task<Template> ReadAsync(EngineDbContext db, Guid instanceId)
        {
            var instance = await db.ProcessInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId);
            var tables = new List<Table>
            {
                TableOf(db, [instance]),
                TableOf(db, await db.Executions.AsNoTracking().Where(e => e.ProcessInstanceId == instanceId).OrderBy(e => e.Sequence).ToListAsync()),
                TableOf(db, await db.Variables.AsNoTracking().Where(v => v.ProcessInstanceId == instanceId).ToListAsync()),
                TableOf(db, await db.UserTasks.AsNoTracking().Where(t => t.ProcessInstanceId == instanceId).ToListAsync()),
                TableOf(db, await db.EventSubscriptions.AsNoTracking().Where(s => s.ProcessInstanceId == instanceId).ToListAsync()),
                TableOf(db, await db.Jobs.AsNoTracking().Where(j => j.ProcessInstanceId == instanceId).ToListAsync()),
                TableOf(db, await db.Incidents.AsNoTracking().Where(i => i.ProcessInstanceId == instanceId).ToListAsync()),
                TableOf(db, await db.HistoryEvents.AsNoTracking().Where(e => e.ProcessInstanceId == instanceId).OrderBy(e => e.Sequence).ToListAsync()),
            };
            return new Template(instanceId, instance.ProcessDefinitionId, instance.StartedAt, [.. tables.Where(t => t.Rows.Count > 0)]);
        }

        private static Table TableOf<T>(EngineDbContext db, IReadOnlyList<T> rows)
            where T : class
        {
            var entity = db.Model.FindEntityType(typeof(T))!;
            var columns = entity.GetProperties().Select(p => new Column(p)).ToList();
            return new Table(entity.GetTableName()!, columns, [.. rows.Select(row => columns.Select(c => c.Property.GetGetter().GetClrValue(row)).ToArray())]);
        }
    }

    /// <summary>
    /// The copies of a template: clone <c>n</c> gets fresh ids for all the template's rows (references among them
    /// follow), its times moved so that the clones' starts spread evenly from <c>from</c> to <c>to</c>, and the template's
    /// ids replaced in text columns (a history detail that names the task).
    /// </summary>
    private sealed class Clones
    {
        private readonly DateTimeOffset _from;
        private readonly TimeSpan _step;
        private readonly byte _kind;
        private readonly byte[] _salt;
        private readonly Dictionary<(Table, int Row, int Column), List<(string Text, int Index)>> _idsInText = [];

        public Clones(Template template, int count, DateTimeOffset from, DateTimeOffset to, byte kind, byte[] salt)
        {
            Template = template;
            Count = count;
            _from = from;
            _step = count > 0 ? (to - from) / count : TimeSpan.Zero;
            _kind = kind;
            _salt = salt;
            if (template.Ids.Count > 255)
            {
                throw new InvalidOperationException($"The template instance has {template.Ids.Count} rows; a clone id has room for 255.");
            }

            foreach (var table in template.Tables)
            {
                for (var row = 0; row < table.Rows.Count; row++)
                {
                    for (var column = 0; column < table.Columns.Count; column++)
                    {
                        if (table.Rows[row][column] is string text)
                        {
                            var found = template.Ids.Where(id => text.Contains(id.Key.ToString(), StringComparison.OrdinalIgnoreCase)).Select(id => (id.Key.ToString(), id.Value)).ToList();
                            if (found.Count > 0)
                            {
                                _idsInText[(table, row, column)] = found;
                            }
                        }
                    }
                }
            }
        }

        public Template Template { get; }

        public int Count { get; }

        public object? ProviderValue(int clone, Table table, int row, int column)
        {
            var value = table.Rows[row][column];
            var startedAt = _from + (_step * clone);
            value = value switch
            {
                Guid id when Template.Ids.TryGetValue(id, out var index) => Id(startedAt, index, clone),
                DateTimeOffset time => (time + (startedAt - Template.StartedAt)).ToUniversalTime(),
                string text when _idsInText.TryGetValue((table, row, column), out var ids) =>
                    ids.Aggregate(text, (current, id) => current.Replace(id.Text, Id(startedAt, id.Index, clone).ToString(), StringComparison.OrdinalIgnoreCase)),
                _ => value,
            };
            return table.Columns[column].ToProvider(value);
        }

        /// <summary>
        /// A UUID v7 as the engine makes them (time-ordered, so that the indexes grow as in production), unique per
        /// clone, template row, kind and seeding run: 48 bits of time, then the kind, the row, the run's salt and the clone.
        /// </summary>
        private Guid Id(DateTimeOffset at, int index, int clone)
        {
            Span<byte> bytes = stackalloc byte[16];
            BinaryPrimitives.WriteInt64BigEndian(bytes, at.ToUnixTimeMilliseconds() << 16);
            bytes[6] = (byte)(0x70 | (_kind & 0x0F));
            bytes[7] = (byte)index;
            bytes[8] = (byte)(0x80 | (_salt[0] & 0x3F));
            bytes[9] = _salt[1];
            bytes[10] = _salt[2];
            bytes[11] = _salt[3];
            BinaryPrimitives.WriteInt32BigEndian(bytes[12..], clone);
            return new Guid(bytes, bigEndian: true);
        }
    }
}
