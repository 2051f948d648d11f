using System.Net;
using Amtsweg.Data.Providers;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Amtsweg.Server.Tests;

/// <summary>Issue 17.7: security headers on every response, a fixed list of host names, Secure cookies over HTTPS.</summary>
public class SecurityHeadersTests
{
    public static TheoryData<string> Paths => new()
    {
        "/anmelden",        // page
        "/api/me",          // API (401 without session)
        "/css/site.css",    // static file
        "/gibt-es-nicht",   // error page
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Bug_SecurityHeaders_AreSent_OnEveryKindOfResponse(string path)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = factory.CreateBrowserClient();

        var response = await client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS must not be sent over plain HTTP");
    }

    [Fact]
    public async Task ContentSecurityPolicy_ForbidsInlineAndForeignScripts_AndAllowsOwnWorkers()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = factory.CreateBrowserClient();

        var response = await client.GetAsync("/anmelden");

        var directives = Assert.Single(response.Headers.GetValues("Content-Security-Policy")).Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);
        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'self'", directives["worker-src"]);
        Assert.Equal("'self'", directives["default-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.DoesNotContain(directives.Values, value => value.Contains("unsafe", StringComparison.Ordinal) || value.Contains("blob:", StringComparison.Ordinal) || value.Contains('*', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/js/preview.js", "text/javascript")]
    [InlineData("/js/diagram.js", "text/javascript")]
    [InlineData("/js/pdf.worker.js", "text/javascript")]
    [InlineData("/js/diagram.css", "text/css")]
    public async Task Bundles_AreServed_FromTheBuild(string path, string mediaType)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = factory.CreateBrowserClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000, "the bundle is empty");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Bug_Hsts_IsSent_OverHttps(string path)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var response = await client.GetAsync(path);

        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_AntiforgeryCookie_IsSecure_OverHttps()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });

        var response = await client.GetAsync("/anmelden");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), header => header.StartsWith("amtsweg.af=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/anmelden")]
    [InlineData("/api/me")]
    public async Task Bug_ForgedHostHeader_IsRefused_AndNeverReflected(string path)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "angreifer.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("angreifer.example", response.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalHostNames_AreServed_ByDefault()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var client = factory.CreateBrowserClient();
        foreach (var host in new[] { "localhost", "127.0.0.1:5080", "localhost:5080" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/anmelden");
            request.Headers.Host = host;
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }
    }
}
