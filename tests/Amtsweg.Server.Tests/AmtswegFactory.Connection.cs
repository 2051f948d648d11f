using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests;

/// <summary>The network side of a request, which the test host has none of.</summary>
public sealed partial class AmtswegFactory
{
    /// <summary>
    /// The address every request to this server comes from, as Kestrel reports the peer of a TCP connection. The test
    /// host leaves it empty, and the forwarded-headers middleware believes a request without an address; set this
    /// before the first request to test what the server trusts.
    /// </summary>
    public IPAddress? ConnectionFrom { get; set; }

    /// <summary>The client address the application saw on the most recent request (after the forwarded headers).</summary>
    public IPAddress? SeenClientAddress { get; private set; }

    private void AddConnection(IServiceCollection services)
    {
        if (ConnectionFrom is { } address)
        {
            services.AddSingleton<IStartupFilter>(new ConnectionFilter(this, address));
        }
    }

    // Startup filters wrap the application's pipeline: this runs before the server's own first middleware.
    private sealed class ConnectionFilter(AmtswegFactory factory, IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                context.Connection.RemoteIpAddress = address;
                try
                {
                    await inner(context);
                }
                finally
                {
                    factory.SeenClientAddress = context.Connection.RemoteIpAddress;
                }
            });
            next(app);
        };
    }
}
