using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Integration.Tests.Connectors;

/// <summary>
/// A Fachverfahren for the connector tests: a trade register (Gewerberegister) on Kestrel at 127.0.0.1 with a random
/// port. It looks up and registers businesses, accepts an API key or an OAuth 2.0 bearer token from its own token
/// endpoint (client credentials, HTTP basic), and drops a repeated registration by its <c>Idempotency-Key</c>. A test
/// switches it to misbehave: answer slowly, fail with 500 a number of times or always, or return garbage (a 2 GB answer
/// comes from <see cref="HugeAnswerServer"/>).
/// </summary>
internal sealed class GewerberegisterSimulator : IAsyncDisposable
{
    public const string ApiKey = "register-schluessel-4711";
    public const string ClientId = "amtsweg-teststadt";
    public const string ClientSecret = "client-geheimnis-0815";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _businesses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Method, string Path, string? IdempotencyKey)> _requests = new();
    private int _failuresLeft;
    private int _tokenRequests;
    private int _applied;

    private GewerberegisterSimulator(WebApplication app) => _app = app;

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>How the next answers misbehave.</summary>
    public Behaviour Mode { get; set; } = Behaviour.Normal;

    /// <summary>How long a slow answer waits.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The requests to the register (not the token endpoint), in order.</summary>
    public IReadOnlyList<(string Method, string Path, string? IdempotencyKey)> Requests => [.. _requests];

    /// <summary>How many registrations were applied (a repeat with a known idempotency key is not).</summary>
    public int Applied => _applied;

    /// <summary>How many tokens were requested.</summary>
    public int TokenRequests => _tokenRequests;


    public enum Behaviour
    {
        Normal,
        FailSomeTimes,
        AlwaysFail,
        Slow,
        Garbage,

        /// <summary>Registers the business, then answers 500 as if the answer were lost on the way.</summary>
        ApplyThenFail,
    }

    /// <summary>The next <paramref name="count"/> answers are 500.</summary>
    public void FailNext(int count)
    {
        Volatile.Write(ref _failuresLeft, count);
        Mode = Behaviour.FailSomeTimes;
    }

    public void AddBusiness(string number, string name) =>
        _businesses[number] = new JsonObject { ["betriebsnummer"] = number, ["name"] = name, ["status"] = "angemeldet" };

    public static async Task<GewerberegisterSimulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var simulator = new GewerberegisterSimulator(app);
        app.MapPost("/oauth/token", simulator.TokenAsync);
        app.MapGet("/api/gewerbe/{nummer}", simulator.LookUpAsync);
        app.MapPost("/api/gewerbe", simulator.RegisterAsync);
        await app.StartAsync();
        simulator.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return simulator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task TokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        var form = await context.Request.ReadFormAsync();
        var basic = context.Request.Headers.Authorization.ToString();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (basic != expected || form["grant_type"] != "client_credentials")
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { error = "invalid_client" });
            return;
        }

        var token = Guid.NewGuid().ToString("N");
        _tokens[token] = true;
        await context.Response.WriteAsJsonAsync(new { access_token = token, token_type = "Bearer", expires_in = 300 });
    }

    private async Task LookUpAsync(HttpContext context, string nummer)
    {
        if (!await AcceptAsync(context))
        {
            return;
        }

        if (!_businesses.TryGetValue(nummer, out var business))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { fehler = "unbekannt" });
            return;
        }

        context.Response.Headers["X-Register-Stand"] = "2026-12-07";
        await context.Response.WriteAsJsonAsync(business);
    }

    private async Task RegisterAsync(HttpContext context)
    {
        if (!await AcceptAsync(context))
        {
            return;
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { fehler = "Idempotency-Key fehlt" });
            return;
        }

        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var registered = _byIdempotencyKey.GetOrAdd(key, _ =>
        {
            var number = "G-" + (Interlocked.Increment(ref _applied)).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            var business = new JsonObject { ["betriebsnummer"] = number, ["name"] = body["name"]?.DeepClone(), ["status"] = "angemeldet" };
            _businesses[number] = business;
            return business;
        });
        if (Mode == Behaviour.ApplyThenFail)
        {
            Mode = Behaviour.Normal;
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(registered);
    }

    // Records the request and answers for the misbehaviours and a refused sign-in; true when the request goes on.
    private async Task<bool> AcceptAsync(HttpContext context)
    {
        _requests.Enqueue((context.Request.Method, context.Request.Path, context.Request.Headers["Idempotency-Key"].FirstOrDefault()));
        switch (Mode)
        {
            case Behaviour.AlwaysFail:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return false;
            case Behaviour.FailSomeTimes when Interlocked.Decrement(ref _failuresLeft) >= 0:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return false;
            case Behaviour.Slow:
                await Task.Delay(SlowDelay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
            case Behaviour.Garbage:
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>Wartungsarbeiten</body></html>");
                return false;
        }

        var apiKey = context.Request.Headers["X-API-Key"].ToString();
        var bearer = context.Request.Headers.Authorization.ToString();
        if (apiKey == ApiKey || (bearer.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.ContainsKey(bearer[7..])))
        {
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await context.Response.WriteAsJsonAsync(new { fehler = "nicht angemeldet" });
        return false;
    }
}
