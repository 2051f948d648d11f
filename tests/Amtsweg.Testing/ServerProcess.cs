using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Amtsweg.Testing;

/// <summary>
/// The real server, started as `amtsweg serve` in its own process on a free loopback port with a fresh data
/// folder, exactly as a new user starts it. It reads the demo users' initial passwords from its console output.
/// Crash tests kill it with SIGKILL (<see cref="KillAsync"/>) and start it again on the same data folder and port
/// (<see cref="RestartAsync"/>).
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Dictionary<string, string> _passwords = new(StringComparer.Ordinal);
    private readonly List<string> _output = [];
    private Process? _process;

    private ServerProcess(string dataDirectory, Uri address, IReadOnlyDictionary<string, string> environment)
    {
        _dataDirectory = dataDirectory;
        _environment = environment;
        Address = address;
    }

    /// <summary>Where the server listens.</summary>
    public Uri Address { get; }

    /// <summary>The data folder the server uses.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>The initial passwords printed for the demo users.</summary>
    public IReadOnlyDictionary<string, string> Passwords => _passwords;

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>How often the server was started (the first start included).</summary>
    public int Starts { get; private set; }

    /// <summary>Starts the server and waits until it listens (at most two minutes); <paramref name="environment"/> adds settings.</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = Create(environment);
        await server.LaunchAsync();
        return server;
    }

    /// <summary>
    /// Prepares a server with a fresh data folder and a free port without starting it, so that `amtsweg` commands
    /// (<see cref="RunCliAsync"/>) can set up its database first; <see cref="RestartAsync"/> starts it.
    /// </summary>
    public static ServerProcess Create(IReadOnlyDictionary<string, string>? environment = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("amtsweg-e2e-").FullName;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        return new ServerProcess(dataDirectory, address, environment ?? new Dictionary<string, string>());
    }

    /// <summary>
    /// Starts a server on a copy of the data folder of <paramref name="template"/>, a server that was started and has
    /// stopped (<see cref="StopForCopiesAsync"/>): the same database, files and demo passwords, with the settings of the
    /// template, on a port of its own. To the server this is a restart on its data folder; it spares each test the
    /// migrations and the demo municipality of a first start, which took most of the start on the loaded CI machine.
    /// </summary>
    public static async Task<ServerProcess> StartOnCopyAsync(ServerProcess template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.IsRunning)
        {
            throw new InvalidOperationException("The template server still runs: stop it with StopForCopiesAsync first.");
        }

        var server = Create(template._environment);
        CopyDirectory(template.DataDirectory, server.DataDirectory);
        foreach (var (user, password) in template._passwords)
        {
            server._passwords[user] = password;
        }

        await server.LaunchAsync();
        return server;
    }

    /// <summary>
    /// Stops the server so that its data folder can be copied (<see cref="StartOnCopyAsync"/>): kills it and folds
    /// the SQLite write-ahead log into the database file, so that a copy is one consistent file.
    /// </summary>
    public async Task StopForCopiesAsync()
    {
        await KillAsync();
        var database = Path.Combine(_dataDirectory, "amtsweg.db");
        if (File.Exists(database))
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Kills the server process at once (SIGKILL, no shutdown) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the server (again) on the same data folder and port and waits until it listens.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        _process?.Dispose();
        await LaunchAsync();
    }

    /// <summary>Runs another `amtsweg` command on the server's data folder and settings; returns its exit code, standard output and standard error.</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunCliAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(TestPaths.Cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(_dataDirectory);
        Configure(start);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Everything the server printed so far (all its starts).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await KillAsync();
            _process.Dispose();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    /// <summary>A free TCP port on the loopback interface.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { TestPaths.Cli, "serve", "--data", _dataDirectory, "--urls", Address.ToString().TrimEnd('/') },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Configure(start);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Read(line.Data, ready);
        process.ErrorDataReceived += (_, line) => Read(line.Data, ready);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("The server exited:\n" + Output));
        _process = process;
        process.Start();
        Starts++;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
    }

    private void Configure(ProcessStartInfo start)
    {
        start.Environment.Remove("AMTSWEG_TEST_POSTGRES");
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
    }

    private void Read(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        var credential = CredentialLine().Match(line);
        if (credential.Success)
        {
            _passwords[credential.Groups[1].Value] = credential.Groups[2].Value;
        }

        if (line.Contains("Now listening on", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    [GeneratedRegex(@"Benutzer: (\S+)\s+Rolle: \S+\s+Kennwort: (\S+)")]
    private static partial Regex CredentialLine();
}
