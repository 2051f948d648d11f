using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Amtsweg.Testing;

namespace Amtsweg.EndToEnd;

/// <summary>
/// The real server, started as `amtsweg serve` in its own process on a free loopback port with a fresh data
/// folder, exactly as a new user starts it. It reads the demo users' initial passwords from its console output.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, string> _passwords = new(StringComparer.Ordinal);
    private readonly List<string> _output = [];

    private ServerProcess(Process process, string dataDirectory, Uri address)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Address = address;
    }

    /// <summary>Where the server listens.</summary>
    public Uri Address { get; }

    /// <summary>The data folder the server uses.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>The initial passwords printed for the demo users.</summary>
    public IReadOnlyDictionary<string, string> Passwords => _passwords;

    /// <summary>Starts the server and waits until it listens (at most two minutes); <paramref name="environment"/> adds settings.</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var cli = TestPaths.Cli;

        var dataDirectory = Directory.CreateTempSubdirectory("amtsweg-e2e-").FullName;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cli, "serve", "--data", dataDirectory, "--urls", address.ToString().TrimEnd('/') },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("AMTSWEG_TEST_POSTGRES");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var server = new ServerProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, dataDirectory, address);
        server._process.OutputDataReceived += (_, line) => server.Read(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.Read(line.Data);
        server._process.Exited += (_, _) => server._ready.TrySetException(new InvalidOperationException("The server exited:\n" + server.Output));
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server._ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return server;
    }

    /// <summary>Runs another `amtsweg` command on the server's data folder; returns its exit code, standard output and standard error.</summary>
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
        start.Environment.Remove("AMTSWEG_TEST_POSTGRES");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Everything the server printed so far.</summary>
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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private void Read(string? line)
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
            _ready.TrySetResult();
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Benutzer: (\S+)\s+Rolle: \S+\s+Kennwort: (\S+)")]
    private static partial Regex CredentialLine();
}
