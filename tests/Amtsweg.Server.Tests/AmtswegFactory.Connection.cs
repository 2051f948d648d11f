using System.Net;

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
    public IPAddress? SeenClientAddress { get; internal set; }
}
