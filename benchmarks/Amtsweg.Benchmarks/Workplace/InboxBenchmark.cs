using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amtsweg.Testing;

namespace Amtsweg.Benchmarks.Workplace;

/// <summary>
/// Issue 12.9: the server time of the clerk's inbox and of a Vorgang page with thousands of open tasks, measured with
/// <c>hey</c> against the real server (<c>amtsweg serve</c>, demo municipality) on SQLite or PostgreSQL.
/// </summary>
/// <remarks>
/// Seeds through the REST API: <c>--vorgaenge</c> instances of a process with five parallel user tasks, each in a new
/// Vorgang, so that the municipality has five open tasks per Vorgang; every tenth instance gives its first task to the
/// demo clerk, the others are offered to the clerk's group. Then every page is requested <c>--requests</c> times by
/// <c>--concurrency</c> clients after a warm-up.
/// Run: <c>dotnet build -c Release src/Amtsweg.Cli &amp;&amp; dotnet run -c Release --project benchmarks/Amtsweg.Benchmarks -- inbox --provider sqlite|postgres</c>.
/// </remarks>
public static partial class InboxBenchmark
{
    public static async Task<int> MainAsync(string[] args)
    {
        var provider = Option(args, "--provider") ?? "sqlite";
        var vorgaenge = int.Parse(Option(args, "--vorgaenge") ?? "2000", CultureInfo.InvariantCulture);
        var requests = int.Parse(Option(args, "--requests") ?? "1000", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Option(args, "--concurrency") ?? "4", CultureInfo.InvariantCulture);
        if (!File.Exists("/usr/bin/hey"))
        {
            Console.Error.WriteLine("hey fehlt: apt-get install hey");
            return 2;
        }

        await using var postgres = provider == "postgres" ? await TestDatabases.CreatePostgresAsync() : null;
        var environment = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" };
        if (postgres is not null)
        {
            environment["Amtsweg__Database__Provider"] = "Postgres";
            environment["ConnectionStrings__Amtsweg"] = postgres.ApplicationConnectionString;
            environment["ConnectionStrings__AmtswegMigrations"] = postgres.OwnerConnectionString;
        }

        await using var server = ServerProcess.Create(environment);
        var passwords = postgres is null ? null : await SetUpPostgresAsync(server);
        await server.RestartAsync();
        passwords ??= new Dictionary<string, string>(server.Passwords);
        Console.WriteLine($"Inbox benchmark on {provider}: {vorgaenge:N0} Vorgänge with {vorgaenge * 5:N0} open tasks, {requests:N0} requests per page by {concurrency} clients, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        var designer = await SignInAsync(server, passwords, "prozessgestaltung");
        var bpmn = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Models", "sammelantrag.bpmn"));
        (await designer.Client.PostAsJsonAsync("/api/deployments", new { name = "Sammelantrag", resources = new[] { new { name = "sammelantrag.bpmn", content = bpmn } } })).EnsureSuccessStatusCode();
        var aktenplan = await designer.Client.GetFromJsonAsync<JsonElement>("/api/aktenplan");
        var position = aktenplan.EnumerateArray().First(p => p.GetProperty("code").GetString() == "32.10").GetProperty("id").GetString();

        var seeding = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, vorgaenge), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            var due = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero).AddDays(i % 60).ToString("O", CultureInfo.InvariantCulture);
            var started = await designer.Client.PostAsJsonAsync(
                "/api/process-instances",
                new { processId = "Sammelantrag", vorgang = new { positionId = position, title = $"Sammelantrag {i + 1}" }, variables = new { owner = i % 10 == 0 ? "sachbearbeitung" : null, due } },
                cancellationToken);
            started.EnsureSuccessStatusCode();
        });
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:F0} s.");

        var clerk = await SignInAsync(server, passwords, "sachbearbeitung");
        var leitung = await SignInAsync(server, passwords, "leitung");
        var vorgang = (await clerk.Client.GetFromJsonAsync<JsonElement>("/api/vorgaenge?limit=1"))[0].GetProperty("id").GetGuid();
        // Every tenth instance's first task is the clerk's; all other tasks are offered to the clerk's group.
        var mine = (vorgaenge + 9) / 10;
        var offered = (vorgaenge * 5) - mine;
        var lastPage = (offered + 24) / 25;
        if (!(await clerk.Client.GetStringAsync("/aufgaben?ansicht=Angeboten")).Contains($"Angeboten <span class=\"count\">({offered})</span>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The inbox does not offer the {offered} tasks seeded.");
        }

        var pages = new (string Name, Session User, string Path)[]
        {
            ($"Inbox, my tasks ({mine:N0})", clerk, "/aufgaben"),
            ($"Inbox, offered ({offered:N0}), first page", clerk, "/aufgaben?ansicht=Angeboten"),
            ($"Inbox, offered, page {lastPage} (the last)", clerk, $"/aufgaben?ansicht=Angeboten&seite={lastPage}"),
            ($"Inbox, all ({vorgaenge * 5:N0}), Leitung", leitung, "/aufgaben?ansicht=Alle"),
            ("Vorgang page", clerk, $"/vorgaenge/{vorgang}"),
        };
        Console.WriteLine();
        Console.WriteLine("| Page | p50 | p95 | p99 | requests/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, user, path) in pages)
        {
            // Warm-up: the first requests compile the page and fill the caches.
            for (var i = 0; i < 20; i++)
            {
                var check = await user.Client.GetAsync(path);
                if (check.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{path} answered {(int)check.StatusCode}.");
                }
            }

            var figures = await HeyAsync(server, user, path, requests, concurrency);
            Console.WriteLine($"| {name} | {figures.P50} ms | {figures.P95} ms | {figures.P99} ms | {figures.RequestsPerSecond:F0} |");
        }

        return 0;
    }

    private sealed record Session(HttpClient Client, string Cookie);

    private sealed record Figures(int P50, int P95, int P99, double RequestsPerSecond);

    // On PostgreSQL the server neither changes the schema nor creates the demo municipality: the operator's commands do,
    // with the demo's users and the Aktenplan position the seeding uses. Returns the initial passwords.
    private static async Task<Dictionary<string, string>> SetUpPostgresAsync(ServerProcess server)
    {
        const string Ags = "09999712";
        async Task<string> CliAsync(params string[] arguments)
        {
            var run = await server.RunCliAsync(arguments);
            return run.ExitCode == 0 ? run.Output : throw new InvalidOperationException($"amtsweg {string.Join(' ', arguments)}: {run.Error}{run.Output}");
        }

        await CliAsync("db", "migrate");
        await CliAsync("tenant", "create", "--ags", Ags, "--name", "Benchmarkstadt", "--test");
        var plan = Path.Combine(server.DataDirectory, "aktenplan.csv");
        await File.WriteAllTextAsync(plan, "Kennzeichen;Titel;Übergeordnet;Aufbewahrung (Jahre);Aussonderung\n32;Öffentliche Ordnung;;10;bewerten\n32.10;Gewerbeangelegenheiten;32;10;bewerten\n");
        await CliAsync("aktenplan", "import", plan, "--tenant", Ags, "--format", "csv");
        var passwords = new Dictionary<string, string>();
        foreach (var (name, role) in new[] { ("sachbearbeitung", "Sachbearbeitung"), ("leitung", "Leitung"), ("prozessgestaltung", "Prozessgestaltung") })
        {
            var output = await CliAsync("user", "create", "--tenant", Ags, "--name", name, "--role", role);
            passwords[name] = Regex.Match(output, @"Erstkennwort \(nur jetzt sichtbar[^)]*\): (\S+)").Groups[1].Value;
        }

        return passwords;
    }

    private static async Task<Session> SignInAsync(ServerProcess server, IReadOnlyDictionary<string, string> passwords, string userName)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var form = await client.GetStringAsync("/anmelden");
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(form).Groups[1].Value);
        var response = await client.PostAsync("/anmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = passwords[userName],
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        }

        // A user made by `amtsweg user create` sets an own password first, as a person would at the first sign-in.
        var start = await client.GetAsync("/");
        if (start.StatusCode == HttpStatusCode.Redirect && start.Headers.Location?.OriginalString.Contains("/konto/kennwort", StringComparison.Ordinal) == true)
        {
            var page = await client.GetStringAsync("/konto/kennwort");
            var own = "Benchmark-" + Guid.NewGuid().ToString("N")[..12] + "Aa1";
            var changed = await client.PostAsync("/konto/kennwort", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["kennwort-bisher"] = passwords[userName],
                ["kennwort-neu"] = own,
                ["kennwort-wiederholung"] = own,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value),
            }));
            if (changed.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Setting the own password of {userName} failed: {(int)changed.StatusCode}");
            }
        }

        return new Session(client, string.Join("; ", cookies.GetCookies(server.Address).Select(c => $"{c.Name}={c.Value}")));
    }

    private static async Task<Figures> HeyAsync(ServerProcess server, Session user, string path, int requests, int concurrency)
    {
        // hey sends requests / concurrency requests per client.
        requests = Math.Max(1, requests / concurrency) * concurrency;
        var start = new ProcessStartInfo("hey") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-n", requests.ToString(CultureInfo.InvariantCulture), "-c", concurrency.ToString(CultureInfo.InvariantCulture), "-H", "Cookie: " + user.Cookie, new Uri(server.Address, path).ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var hey = Process.Start(start)!;
        var output = await hey.StandardOutput.ReadToEndAsync();
        await hey.WaitForExitAsync();
        if (!output.Contains($"[200]\t{requests} responses", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Not every request of {path} was answered with 200:\n{output}");
        }

        int Percentile(int p)
        {
            var line = Regex.Match(output, $@"  {p}% in ([0-9.]+) secs");
            return line.Success
                ? (int)Math.Round(double.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) * 1000)
                : throw new InvalidOperationException($"hey printed no {p} % figure for {path} (too few requests?):\n{output}");
        }

        var perSecond = double.Parse(Regex.Match(output, @"Requests/sec:\s+([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        return new Figures(Percentile(50), Percentile(95), Percentile(99), perSecond);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
