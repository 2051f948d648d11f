using System.Diagnostics;
using System.Net.Sockets;
using Amtsweg.Testing;

namespace Amtsweg.EndToEnd;

/// <summary>
/// Debian's nginx in its own process as the TLS-terminating reverse proxy in front of the server, configured as the
/// README's example, with a self-signed certificate made by openssl for this run. Everything it writes stays in its
/// own temporary folder, which is removed with it.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    /// <summary>The nginx program of Debian's package.</summary>
    public const string Program = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _directory;

    private NginxProxy(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    /// <summary>Where the browser reaches the server: <c>https://localhost:port</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts nginx in front of <paramref name="upstream"/> and waits until it accepts connections (at most a minute).</summary>
    public static async Task<NginxProxy> StartAsync(Uri upstream)
    {
        Assert.True(File.Exists(Program), $"nginx is missing at {Program}: run the tests through ./test.sh (apt-get install nginx).");
        var directory = Directory.CreateTempSubdirectory("amtsweg-nginx-").FullName;

        // Started as root, nginx runs its workers as nobody: they must enter the folder (the key stays readable by root only).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var (code, output) = await RunAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-days", "1", "-keyout", Path.Combine(directory, "key.pem"), "-out", Path.Combine(directory, "cert.pem"));
        Assert.True(code == 0, "openssl could not make the certificate:\n" + output);

        var port = ServerProcess.FreePort();
        var configuration = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(configuration, Configuration(directory, port, upstream));
        var start = new ProcessStartInfo(Program)
        {
            // -e: the error log before the configuration is read (the package's default is under /var/log).
            ArgumentList = { "-p", directory, "-c", configuration, "-e", Path.Combine(directory, "error.log"), "-g", "daemon off;" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var nginx = new NginxProxy(Process.Start(start)!, directory, new Uri($"https://localhost:{port}"));
        try
        {
            await nginx.WaitUntilListeningAsync(port);
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }

        return nginx;
    }

    /// <summary>What nginx logged (errors, warnings).</summary>
    public string ErrorLog => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    /// <summary>Stops nginx (master and workers) and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // nginx's own fast shutdown ends the workers too; a master killed outright would leave them running.
            await RunAsync(Program, "-p", _directory, "-c", Path.Combine(_directory, "nginx.conf"), "-e", Path.Combine(_directory, "error.log"), "-s", "stop");
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    // The README's server block, on a free loopback port, with every file nginx writes inside the folder.
    // proxy_request_buffering off: the upload streams through to the server, which enforces its own limit.
    private static string Configuration(string directory, int port, Uri upstream) => $$"""
        worker_processes 1;
        pid {{directory}}/nginx.pid;
        error_log {{directory}}/error.log warn;
        events { worker_connections 64; }
        http {
            access_log off;
            client_body_temp_path {{directory}}/client_body;
            proxy_temp_path {{directory}}/proxy;
            fastcgi_temp_path {{directory}}/fastcgi;
            uwsgi_temp_path {{directory}}/uwsgi;
            scgi_temp_path {{directory}}/scgi;

            server {
                listen 127.0.0.1:{{port}} ssl;
                server_name localhost;
                ssl_certificate {{directory}}/cert.pem;
                ssl_certificate_key {{directory}}/key.pem;

                client_max_body_size 2g;
                proxy_request_buffering off;

                location / {
                    proxy_pass {{upstream.GetLeftPart(UriPartial.Authority)}};
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                }
            }
        }
        """;

    private async Task WaitUntilListeningAsync(int port)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}:\n{await _process.StandardError.ReadToEndAsync()}\n{ErrorLog}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output + await error);
    }
}

/// <summary>
/// A test that needs Debian's nginx. Without it the test is left out with the reason, as the PostgreSQL cases are;
/// under <c>CI=true</c> it runs and fails.
/// </summary>
public sealed class NginxFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when nginx is missing outside CI.</summary>
    public NginxFactAttribute()
    {
        if (!File.Exists(NginxProxy.Program) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"nginx is missing ({NginxProxy.Program}): ./test.sh installs it (apt-get install nginx); under CI=true this test fails.";
        }
    }
}
