using System.Net;
using System.Net.Http.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Features.Posteingang;
using Amtsweg.Server.Tests.Posteingang;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests;

/// <summary>
/// Issue 17.6: behind a TLS-terminating reverse proxy the server takes the scheme and the client address from the
/// proxies the operator names (<c>Amtsweg:ReverseProxy:KnownProxies</c>, <c>KnownNetworks</c>), and from nobody else.
/// The end-to-end test with a real nginx is <c>ReverseProxyJourneyTests</c>.
/// </summary>
public class ReverseProxyTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    [Theory]
    [AllProviders]
    public async Task Bug_BrowserUpload_WithHttpsOrigin_ThroughTlsTerminatingProxy_IsAccepted_NotRefusedWith403(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:ReverseProxy:KnownProxies"] = Proxy.ToString() });
        factory.ConnectionFrom = Proxy;
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);

        // What nginx passes on for the browser's form post to https://localhost/posteingang/hochladen.
        var upload = await clerk.SendAsync(ThroughProxy(HttpMethod.Post, "/posteingang/hochladen", origin: "https://localhost", PosteingangApiTests.Form("Antrag auf Sondernutzung"u8.ToArray(), "antrag.txt")));
        var items = await clerk.GetFromJsonAsync<List<IntakeItemResponse>>("/api/posteingang", PosteingangApiTests.Json);

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Equal("/posteingang", upload.Headers.Location!.OriginalString);
        Assert.Equal("antrag.txt", Assert.Single(items!).FileName);
    }

    [Theory]
    [AllProviders]
    public async Task BrowserUpload_WithHttpsOrigin_IsRefused_WhenForwardedHeadersComeFromAnUnknownAddress(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:ReverseProxy:KnownProxies"] = Proxy.ToString() });
        factory.ConnectionFrom = IPAddress.Parse("192.0.2.99");
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var upload = await clerk.SendAsync(ThroughProxy(HttpMethod.Post, "/posteingang/hochladen", origin: "https://localhost", PosteingangApiTests.Form("x"u8.ToArray(), "x.txt")));
        var items = await clerk.GetFromJsonAsync<List<IntakeItemResponse>>("/api/posteingang", PosteingangApiTests.Json);

        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Empty(items!);
    }

    [Theory]
    [InlineData("Amtsweg:ReverseProxy:KnownProxies", "10.0.0.5", "10.0.0.5")]
    [InlineData("Amtsweg:ReverseProxy:KnownProxies", "192.0.2.1; 10.0.0.5", "10.0.0.5")]
    [InlineData("Amtsweg:ReverseProxy:KnownProxies:0", "10.0.0.5", "10.0.0.5")]
    [InlineData("Amtsweg:ReverseProxy:KnownProxies", "10.0.0.5", "::ffff:10.0.0.5")] // Kestrel listening on [::]
    [InlineData("Amtsweg:ReverseProxy:KnownProxies", "::1", "::1")]
    [InlineData("Amtsweg:ReverseProxy:KnownNetworks", "10.0.0.0/8", "10.0.0.5")]
    [InlineData("Amtsweg:ReverseProxy:KnownNetworks", "fd00::/8", "fd00::5")]
    public async Task ForwardedHeaders_GiveSchemeClientAndSecureCookies_WhenSentByAKnownProxy(string setting, string value, string connectionFrom)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite, new() { [setting] = value });
        factory.ConnectionFrom = IPAddress.Parse(connectionFrom);
        var client = factory.CreateBrowserClient();

        var response = await client.SendAsync(ThroughProxy(HttpMethod.Get, "/anmelden"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Client, factory.SeenClientAddress);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"), "HSTS is sent when the browser used HTTPS");
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), header => header.StartsWith("amtsweg.af=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedFor_KeepsTheAddressTheProxySaw_WhenTheClientForgedEntriesOfItsOwn()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite, new() { ["Amtsweg:ReverseProxy:KnownNetworks"] = "10.0.0.0/8" });
        factory.ConnectionFrom = Proxy;
        var client = factory.CreateBrowserClient();
        var request = ThroughProxy(HttpMethod.Get, "/anmelden");

        // nginx's $proxy_add_x_forwarded_for appends the real peer to what the client sent.
        request.Headers.Remove("X-Forwarded-For");
        request.Headers.Add("X-Forwarded-For", $"10.9.9.9, {Client}");
        await client.SendAsync(request);

        Assert.Equal(Client, factory.SeenClientAddress);
    }

    public static TheoryData<string?, string?, string, string> Untrusted => new()
    {
        { null, null, "10.0.0.5", "nothing configured" },
        { null, null, "127.0.0.1", "nothing configured: not even loopback, which the framework trusts by default" },
        { "Amtsweg:ReverseProxy:KnownProxies", "10.0.0.5", "192.0.2.99", "another address than the proxy's" },
        { "Amtsweg:ReverseProxy:KnownNetworks", "10.0.0.0/8", "192.168.1.5", "an address outside the network" },
    };

    [Theory]
    [MemberData(nameof(Untrusted))]
    public async Task ForwardedHeaders_AreIgnored_WhenNotSentByAKnownProxy(string? setting, string? value, string connectionFrom, string why)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite, setting is null ? null : new() { [setting] = value });
        factory.ConnectionFrom = IPAddress.Parse(connectionFrom);
        var client = factory.CreateBrowserClient();

        var response = await client.SendAsync(ThroughProxy(HttpMethod.Get, "/anmelden"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(IPAddress.Parse(connectionFrom).Equals(factory.SeenClientAddress), why);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), why);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), header => header.StartsWith("amtsweg.af=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Amtsweg:ReverseProxy:KnownProxies", "nginx")]
    [InlineData("Amtsweg:ReverseProxy:KnownProxies", "10")]
    [InlineData("Amtsweg:ReverseProxy:KnownProxies", "10.0.0.0/8")]
    [InlineData("Amtsweg:ReverseProxy:KnownNetworks", "10.0.0.5")]
    [InlineData("Amtsweg:ReverseProxy:KnownNetworks", "10.0.0.0/33")]
    public async Task Start_Fails_WhenReverseProxySettingIsInvalid(string setting, string value)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite, new() { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(setting, error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.ToString(), StringComparison.Ordinal);
    }

    // A request as a TLS-terminating proxy passes it on: the browser used https and came from Client.
    private static HttpRequestMessage ThroughProxy(HttpMethod method, string path, string? origin = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Forwarded-For", Client.ToString());
        request.Headers.Add("X-Forwarded-Proto", "https");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }
}
