using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Amtsweg.Integration.Tests.Connectors;

/// <summary>
/// A Fachverfahren that answers every request with 2 GB of JSON, on a plain socket at 127.0.0.1 with a random port.
/// Kestrel drops writes after the client hung up without failing them, so it cannot tell sent from discarded bytes; a
/// blocking socket can: its writes stop when the client stops reading and fail when the client hangs up. What it
/// counts is therefore what the client read plus what fits into the kernel's buffers.
/// </summary>
internal sealed class HugeAnswerServer : IAsyncDisposable
{
    public const long HugeBytes = 2L * 1024 * 1024 * 1024;

    private readonly TcpListener _listener;
    private readonly bool _withLength;
    private readonly Task _serving;
    private long _bytesSent;
    private int _requests;

    private HugeAnswerServer(bool withLength)
    {
        _withLength = withLength;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>How many requests arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Answers with a <c>Content-Length</c> of 2 GB, or chunked without one.</summary>
    public static HugeAnswerServer Start(bool withLength) => new(withLength);

    /// <summary>Waits until every answer has ended (the client hung up or all was sent) and returns the bytes sent.</summary>
    public async Task<long> BytesSentWhenDoneAsync(TimeSpan timeout)
    {
        _listener.Stop();
        await _serving.WaitAsync(timeout);
        return Interlocked.Read(ref _bytesSent);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ServeAsync()
    {
        var answers = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync();
                answers.Add(Task.Run(() => Answer(client)));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The listener was stopped.
        }

        await Task.WhenAll(answers);
    }

    private void Answer(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                ReadRequestHead(stream);
                Interlocked.Increment(ref _requests);
                var head = _withLength
                    ? $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {HugeBytes}\r\n\r\n"
                    : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
                stream.Write(Encoding.ASCII.GetBytes(head));
                var spaces = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
                var chunk = _withLength ? spaces : [.. Encoding.ASCII.GetBytes($"{spaces.Length:x}\r\n"), .. spaces, .. "\r\n"u8];
                for (long sent = 0; sent < HugeBytes; sent += spaces.Length)
                {
                    stream.Write(chunk);
                    Interlocked.Add(ref _bytesSent, spaces.Length);
                }
            }
            catch (IOException)
            {
                // The client hung up: what a connector must do with an answer this large.
            }
        }
    }

    private static void ReadRequestHead(NetworkStream stream)
    {
        var seen = new StringBuilder();
        var buffer = new byte[1];
        while (!seen.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (stream.Read(buffer) == 0)
            {
                throw new IOException("Die Verbindung endete vor dem Ende der Anfrage.");
            }

            seen.Append((char)buffer[0]);
        }
    }
}
