using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Hosting;

/// <summary>
/// The server behind a TLS-terminating reverse proxy (README, "Behind a reverse proxy"): X-Forwarded-For and
/// X-Forwarded-Proto are taken from the proxies named in <see cref="ServerOptions.KnownProxies"/> and
/// <see cref="ServerOptions.KnownNetworks"/> only, so that the request's scheme is the one the browser used and its
/// remote address is the client's. X-Forwarded-Host is not taken: the proxy passes the Host header on, and
/// <c>AllowedHosts</c> checks it.
/// </summary>
public static class ReverseProxy
{
    /// <summary>Configures the forwarded headers from <see cref="ServerOptions"/>.</summary>
    public static IServiceCollection AddReverseProxyHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ServerOptions>>((options, server) =>
        {
            // The framework trusts loopback by default; nothing is trusted unless the operator names the proxies.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in server.Value.KnownProxies)
            {
                options.KnownProxies.Add(ParseAddress(proxy)!);
            }

            foreach (var network in server.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            // Without a trusted proxy the middleware reads no header at all (with empty lists it would trust anyone).
            var trusted = options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0;
            options.ForwardedHeaders = trusted ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;

            // Entries are taken from the right while the address they came from is a trusted proxy, so a chain of
            // trusted proxies works and whatever a client wrote into X-Forwarded-For itself is never believed.
            options.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>Applies the forwarded headers of trusted proxies; call first in the pipeline.</summary>
    public static IApplicationBuilder UseReverseProxyHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>
    /// An IPv4 address in dotted form (all four parts) or an IPv6 address; null otherwise. Stricter than
    /// <see cref="IPAddress.TryParse(string, out IPAddress)"/>, which reads "10" as 0.0.0.10.
    /// </summary>
    internal static IPAddress? ParseAddress(string text) =>
        IPAddress.TryParse(text, out var address) && (address.AddressFamily == AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3) ? address : null;

    /// <summary>
    /// A list setting: entries separated by <c>;</c> or <c>,</c> in one value (like <c>AllowedHosts</c>, handy in
    /// environment variables) or as a list (<c>KnownProxies:0</c>, a JSON array in appsettings.json).
    /// </summary>
    internal static IReadOnlyList<string> ReadList(IConfigurationSection section) =>
        [.. new[] { section.Value }.Concat(section.GetChildren().Select(c => c.Value))
            .SelectMany(v => (v ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
