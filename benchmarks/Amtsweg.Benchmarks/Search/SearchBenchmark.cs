using System.Diagnostics;
using System.Globalization;
using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Search;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Benchmarks.Search;

/// <summary>Latencies of one class of queries, in milliseconds.</summary>
public sealed record QueryFigures(int Words, int Queries, double P50, double P95, double RawP50, double RawP95, double MeanHits);

/// <summary>The figures of one run on one provider.</summary>
public sealed record SearchFigures(DatabaseProvider Provider, int Documents, int Filed, double FiledPerSecond, double IndexedPerSecond, IReadOnlyList<QueryFigures> Queries);

/// <summary>
/// The search benchmark (issue 5, point 9): fills one tenant's e-file with generated documents and measures
/// (1) filing through <see cref="AddDokumentCommand"/> (blob with fsync, version, audit chain, search entry) for a
/// sample, (2) the search index for the rest (German terms with compound parts, search entries written in batches of
/// 1,000 through the same indexer), (3) p50/p95 of <see cref="RecordsSearch"/> for one-, two- and three-word queries
/// next to the provider's own ranked full-text query over the same terms (FTS5 <c>ORDER BY rank</c>, PostgreSQL
/// <c>ts_rank</c>), top 20 each. Not part of <c>./test.sh</c>; run it with
/// <c>dotnet run -c Release --project benchmarks/Amtsweg.Benchmarks -- search [--documents N] [--filed N] [--providers sqlite,postgres]</c>.
/// With <c>--data DIR</c> (SQLite only) the store is kept in DIR, and a store already filled there is measured again
/// without generating the documents anew.
/// </summary>
public static class SearchBenchmark
{
    private const int Batch = 1000;
    private const int QueriesPerClass = 20;
    private const int Rounds = 5;

    public static async Task<int> MainAsync(string[] args)
    {
        var documents = IntOption(args, "--documents", 100_000);
        var filed = IntOption(args, "--filed", 1000);
        var data = Option(args, "--data");
        var providers = (Option(args, "--providers") ?? (data is null ? "sqlite,postgres" : "sqlite")).Split(',')
            .Select(p => Enum.Parse<DatabaseProvider>(p, ignoreCase: true)).ToList();
        Console.WriteLine($"Search benchmark: {documents:N0} documents ({filed:N0} filed through the command), {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        foreach (var provider in providers)
        {
            var figures = await RunAsync(provider, documents, filed, Console.WriteLine, CancellationToken.None, data);
            Console.WriteLine(Format(figures));
        }

        return 0;
    }

    /// <summary>One run on one provider, in a fresh store.</summary>
    public static async Task<SearchFigures> RunAsync(DatabaseProvider provider, int documents, int filed, Action<string> progress, CancellationToken cancellationToken, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (dataDirectory is not null && provider != DatabaseProvider.Sqlite)
        {
            throw new ArgumentException("--data gilt nur für SQLite.", nameof(dataDirectory));
        }

        await using var store = dataDirectory is null ? await TestDataStore.CreateAsync(provider) : null;
        await using var services = BuildServices(store?.Settings ?? new Dictionary<string, string?>
        {
            ["Amtsweg:DataDirectory"] = dataDirectory,
            ["Amtsweg:Database:Provider"] = nameof(DatabaseProvider.Sqlite),
        });
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
            var kept = await db.SearchEntries.IgnoreQueryFilters().GroupBy(e => e.TenantId).Select(g => new { Tenant = g.Key, Count = g.Count() }).FirstOrDefaultAsync(cancellationToken);
            if (kept is not null && kept.Count >= documents)
            {
                progress($"{provider}: measuring the {kept.Count:N0} entries kept in {dataDirectory}");
                return new SearchFigures(provider, kept.Count, 0, 0, 0, await MeasureAllAsync(services, kept.Tenant, provider, cancellationToken));
            }
        }

        var tenant = Guid.CreateVersion7();
        var generator = new MunicipalDocuments();
        var vorgaenge = await CreateVorgaengeAsync(services, tenant, cancellationToken);

        filed = Math.Min(filed, documents);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < filed; i++)
        {
            var document = generator.Next();
            await using var scope = Scope(services, tenant);
            var metadata = new DokumentMetadata(document.Title, document.Date, document.Type, document.Sender, document.Recipient, Confidentiality.Internal, "dokument.txt", "text/plain");
            await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(
                new AddDokumentCommand(vorgaenge[i % vorgaenge.Count].Id, metadata, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(document.Text))), "benchmark", cancellationToken);
        }

        var filedPerSecond = filed / watch.Elapsed.TotalSeconds;
        progress($"{provider}: filed {filed:N0} in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        var positionId = await QueryAsync(services, tenant, db => db.AktenplanPositionen.Select(p => p.Id).FirstAsync(cancellationToken));
        for (var start = filed; start < documents; start += Batch)
        {
            await using var scope = Scope(services, tenant);
            var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            for (var i = start; i < Math.Min(documents, start + Batch); i++)
            {
                var document = generator.Next();
                var version = new DokumentVersion
                {
                    Id = Guid.CreateVersion7(),
                    TenantId = tenant,
                    DokumentId = Guid.CreateVersion7(),
                    Number = 1,
                    Title = document.Title,
                    DokumentDate = document.Date,
                    DokumentType = document.Type,
                    Sender = document.Sender,
                    Recipient = document.Recipient,
                    FileName = "dokument.txt",
                    MediaType = "text/plain",
                    ContentHash = "",
                    CreatedBy = "benchmark",
                };
                await SearchIndexer.IndexDokumentAsync(db, vorgaenge[i % vorgaenge.Count], positionId, version.DokumentId, version, document.Text, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if ((start - filed) % 20_000 == 0)
            {
                progress($"{provider}: indexed {start:N0} of {documents:N0}");
            }
        }

        var indexedPerSecond = (documents - filed) / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
        progress($"{provider}: indexed {documents - filed:N0} in {watch.Elapsed.TotalSeconds:F1} s");
        await using (var scope = Scope(services, tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Postgres ? "ANALYZE" : "ANALYZE; INSERT INTO \"SearchIndex\"(\"SearchIndex\") VALUES('optimize')", cancellationToken);
        }

        return new SearchFigures(provider, documents, filed, filedPerSecond, indexedPerSecond, await MeasureAllAsync(services, tenant, provider, cancellationToken));
    }

    private static async Task<List<QueryFigures>> MeasureAllAsync(ServiceProvider services, Guid tenant, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var queries = new List<QueryFigures>();
        for (var words = 1; words <= 3; words++)
        {
            queries.Add(await MeasureAsync(services, tenant, provider, MunicipalDocuments.Queries(words, QueriesPerClass), words, cancellationToken));
        }

        return queries;
    }

    /// <summary>The figures as lines for <c>docs/benchmarks.md</c>.</summary>
    public static string Format(SearchFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var lines = new List<string>
        {
            $"{figures.Provider}: {figures.Documents:N0} documents; filing through the command {figures.FiledPerSecond:F0} documents/s; search index {figures.IndexedPerSecond:F0} documents/s",
            "| words | queries | mean hits | Amtsweg p50 | Amtsweg p95 | raw full-text p50 | raw full-text p95 | ratio p95 |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        lines.AddRange(figures.Queries.Select(q => string.Create(CultureInfo.InvariantCulture,
            $"| {q.Words} | {q.Queries} | {q.MeanHits:F1} | {q.P50:F1} ms | {q.P95:F1} ms | {q.RawP50:F1} ms | {q.RawP95:F1} ms | {q.P95 / Math.Max(q.RawP95, 0.001):F1} |")));
        return string.Join(Environment.NewLine, lines);
    }

    private static async Task<QueryFigures> MeasureAsync(ServiceProvider services, Guid tenant, DatabaseProvider provider, IReadOnlyList<string> queries, int words, CancellationToken cancellationToken)
    {
        var ours = new List<double>();
        var raw = new List<double>();
        var hits = 0;
        for (var round = 0; round <= Rounds; round++)
        {
            foreach (var text in queries)
            {
                await using var scope = Scope(services, tenant);
                var search = scope.ServiceProvider.GetRequiredService<RecordsSearch>();
                var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
                var watch = Stopwatch.StartNew();
                var found = await search.SearchAsync(new SearchRequest(text), cancellationToken);
                var elapsed = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                await RawQueryAsync(db, provider, text, cancellationToken);
                var rawElapsed = watch.Elapsed.TotalMilliseconds;

                // Round 0 warms caches and the JIT; it is not counted.
                if (round > 0)
                {
                    ours.Add(elapsed);
                    raw.Add(rawElapsed);
                    hits += found.Count;
                }
            }
        }

        return new QueryFigures(words, queries.Count, Percentile(ours, 0.5), Percentile(ours, 0.95), Percentile(raw, 0.5), Percentile(raw, 0.95), (double)hits / ours.Count);
    }

    // The database's own ranked full-text search over the same stemmed terms, top 20: what a search without the C#
    // ranking would cost.
    private static async Task<int> RawQueryAsync(RecordsDbContext db, DatabaseProvider provider, string text, CancellationToken cancellationToken)
    {
        var terms = GermanText.QueryTerms(text).SelectMany(t => t.Parts.Count > 0 ? t.Parts : [t.Term]).Distinct().ToList();
        if (provider == DatabaseProvider.Postgres)
        {
            var query = string.Join(' ', terms);
            return (await db.Database.SqlQuery<Guid>($"""
                SELECT "Id" AS "Value" FROM "SearchEntries" WHERE "Vector" @@ plainto_tsquery('simple', {query})
                ORDER BY ts_rank("Vector", plainto_tsquery('simple', {query})) DESC LIMIT 20
                """).ToListAsync(cancellationToken)).Count;
        }

        var match = string.Join(" AND ", terms.Select(t => "\"" + t + "\""));
        return (await db.Database.SqlQuery<long>($"""
            SELECT rowid AS "Value" FROM "SearchIndex" WHERE "SearchIndex" MATCH {match} ORDER BY rank LIMIT 20
            """).ToListAsync(cancellationToken)).Count;
    }

    private static async Task<List<Vorgang>> CreateVorgaengeAsync(ServiceProvider services, Guid tenant, CancellationToken cancellationToken)
    {
        await using var scope = Scope(services, tenant);
        var executor = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
        var position = await executor.ExecuteAsync(new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", null, 10, DisposalRule.Archive), "benchmark", cancellationToken);
        var vorgaenge = new List<Vorgang>();
        for (var a = 0; a < 10; a++)
        {
            var akte = await executor.ExecuteAsync(new CreateAkteCommand(position.Id, $"Akte {a}"), "benchmark", cancellationToken);
            for (var v = 0; v < 10; v++)
            {
                vorgaenge.Add(await executor.ExecuteAsync(new OpenVorgangCommand(akte.Id, $"Vorgang {a}-{v}"), "benchmark", cancellationToken));
            }
        }

        return vorgaenge;
    }

    private static ServiceProvider BuildServices(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddAmtswegData(configuration);
        services.AddAmtswegRecords(configuration);
        return services.BuildServiceProvider();
    }

    private static AsyncServiceScope Scope(ServiceProvider services, Guid tenant)
    {
        var scope = services.CreateTenantScope(tenant);
        return scope;
    }

    private static async Task<T> QueryAsync<T>(ServiceProvider services, Guid tenant, Func<RecordsDbContext, Task<T>> query)
    {
        await using var scope = Scope(services, tenant);
        return await query(scope.ServiceProvider.GetRequiredService<RecordsDbContext>());
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
